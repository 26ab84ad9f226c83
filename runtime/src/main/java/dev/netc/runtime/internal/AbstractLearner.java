package dev.netc.runtime.internal;

import dev.netc.runtime.Gradients;
import dev.netc.runtime.Parameters;
import dev.netc.runtime.Training;

/**
 * The parameter side of a {@link Learner} whose passes run elsewhere (on a cluster, over a file):
 * L2, the update rule, the undo of an update that overflowed, early stopping's best parameters and
 * the non-finite scans, on one {@link Parameters} and the {@link Gradients} the subclass fills.
 * Subclasses supply the examples, the batches and the passes. As {@code DoubleLearner} does in
 * memory, with the same update rules ({@link Updates}), so that each is written once.
 */
public abstract class AbstractLearner implements Learner {
  /** The parameters training changes in place. */
  protected final Parameters parameters;
  /** What {@link #backward} (or the forward pass) leaves: the gradients of the current batch. */
  protected final Gradients gradients;
  private final Updates updates;

  /** Fresh state of {@code training}'s update rule for {@code parameters}. */
  protected AbstractLearner(Training training, Parameters parameters) {
    this.parameters = parameters;
    this.gradients = new Gradients(parameters.sizes());
    this.updates = Updates.start(training, parameters);
  }

  @Override
  public double regularise(double scale, boolean measured) {
    return updates.regularise(gradients, scale, measured);
  }

  @Override
  public String firstNonFiniteGradient() {
    return updates.firstNonFiniteGradient(gradients);
  }

  @Override
  public void update(double alpha, int t) {
    updates.apply(gradients, alpha, t);
  }

  @Override
  public String firstNonFiniteParameter() {
    return updates.firstNonFiniteParameter();
  }

  @Override
  public void undoUpdate() {
    updates.undo();
  }

  @Override
  public void keepBest() {
    updates.keepBest();
  }

  @Override
  public void restoreBest() {
    updates.restoreBest();
  }
}
