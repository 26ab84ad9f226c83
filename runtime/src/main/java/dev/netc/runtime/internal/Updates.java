package dev.netc.runtime.internal;

import dev.netc.runtime.Gradients;
import dev.netc.runtime.Parameters;
import dev.netc.runtime.Training;

/**
 * The update rule of a {@link Training} with its state for one run, for learners outside this
 * package (on a cluster, over a file): the same implementation as in-memory training, so that one
 * rule is written once.
 */
public final class Updates {
  private final DoubleUpdate update;

  private Updates(DoubleUpdate update) {
    this.update = update;
  }

  /** Fresh state (velocities, moments) of {@code rule} for parameters of these sizes. */
  public static Updates start(Training.UpdateRule rule, int[] sizes) {
    return new Updates(new DoubleUpdate(rule, sizes));
  }

  /** One update of every parameter; {@code t} counts updates from 1. */
  public void apply(Parameters p, Gradients g, double alpha, int t) {
    update.apply(p, g, alpha, t);
  }
}
