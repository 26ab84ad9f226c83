package dev.netc.runtime.internal;

import dev.netc.runtime.Gradients;
import dev.netc.runtime.Parameters;
import dev.netc.runtime.Training;
import org.jblas.DoubleMatrix;

/**
 * The updates of one training run on one parameter set, for learners outside this package (on a
 * cluster, over a file): the update rule of a {@link Training} with its state, the copy that undoes
 * an update that overflowed, the best parameters for early stopping, and the scans for non-finite
 * entries. The same implementation as in-memory training, so that each is written once.
 */
public final class Updates {
  private final DoubleUpdate rule;
  private final Parameters parameters;
  /** The parameters before the last update, for {@link #undo}. */
  private final Parameters previous;
  /** The best parameters so far; null without early stopping. */
  private final Parameters best;
  /** Whether every value the last {@link #apply} wrote is finite. */
  private boolean finite = true;

  private Updates(DoubleUpdate rule, Parameters parameters, boolean earlyStopping) {
    this.rule = rule;
    this.parameters = parameters;
    this.previous = parameters.copy();
    this.best = earlyStopping ? parameters.copy() : null;
  }

  /**
   * Fresh state (velocities, moments, the undo and best copies) of {@code training}'s update rule
   * for {@code parameters}, which the updates change in place. Allocates everything a run needs.
   */
  public static Updates start(Training training, Parameters parameters) {
    return new Updates(
        new DoubleUpdate(training.updateRule(), parameters.sizes()),
        parameters,
        training.earlyStopping().isPresent());
  }

  /** One update of every parameter by {@code g}; {@code t} counts updates from 1. */
  public void apply(Gradients g, double alpha, int t) {
    finite = rule.apply(parameters, g, previous, alpha, t);
  }

  /** Puts back the parameters from before the last {@link #apply}. */
  public void undo() {
    parameters.copyFrom(previous);
  }

  /** Remembers the current parameters as the best so far (early stopping). */
  public void keepBest() {
    best.copyFrom(parameters);
  }

  /** Puts back the parameters last remembered by {@link #keepBest}. */
  public void restoreBest() {
    parameters.copyFrom(best);
  }

  /**
   * The first NaN or infinite parameter, looking at {@code W1, b1, W2, ...} in turn, as {@code
   * "W1(0, 1) is NaN"}; null when every entry is finite.
   */
  public String firstNonFiniteParameter() {
    if (finite) {
      return null; // the update saw every value it wrote
    }
    for (int l = 1; l <= parameters.layers(); l++) {
      String bad = firstNonFinite("W" + l, parameters.W(l));
      if (bad == null) {
        bad = firstNonFinite("b" + l, parameters.b(l));
      }
      if (bad != null) {
        return bad;
      }
    }
    return null;
  }

  /** {@link #firstNonFiniteParameter} for the gradients {@code dW1, db1, dW2, ...}. */
  public static String firstNonFiniteGradient(Gradients g) {
    for (int l = 1; l <= g.layers(); l++) {
      String bad = firstNonFinite("dW" + l, g.dW(l));
      if (bad == null) {
        bad = firstNonFinite("db" + l, g.db(l));
      }
      if (bad != null) {
        return bad;
      }
    }
    return null;
  }

  private static String firstNonFinite(String name, DoubleMatrix M) {
    int i = Kernels.firstNonFinite(M);
    return i < 0 ? null : name + "(" + i % M.rows + ", " + i / M.rows + ") is " + M.data[i];
  }
}
