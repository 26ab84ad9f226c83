package dev.netc.runtime.internal;

import dev.netc.runtime.Gradients;
import dev.netc.runtime.Parameters;
import dev.netc.runtime.Training;
import org.jblas.DoubleMatrix;

// twin: f32
/**
 * The parameter side of one training run on one parameter set: L2, the update rule of a {@link
 * Training} with its state, the copy that undoes an update that overflowed, the best parameters
 * for early stopping, and the scans for non-finite entries. In-memory training and the learners
 * outside this package (on a cluster, over a file, see {@link AbstractLearner}) share it, so that
 * each is written once.
 */
public final class Updates {
  private final DoubleUpdate rule;
  private final Parameters parameters;
  /**
   * The parameters before the last update, for {@link #undo}, when it was not proved finite
   * before it ran; allocated by the first such update (most training runs have none).
   */
  private Parameters previous;
  /** Whether the last update kept the parameters before it in {@link #previous}. */
  private boolean undoable;
  /** The best parameters so far; null without early stopping. */
  private final Parameters best;
  /** Whether every value the last {@link #apply} wrote is finite. */
  private boolean finite = true;

  Updates(Training.UpdateRule rule, Parameters parameters, boolean keepBest) {
    this.rule = new DoubleUpdate(rule, parameters.sizes());
    this.parameters = parameters;
    this.rule.measureParameters(parameters);
    this.best = keepBest ? parameters.copy() : null;
  }

  /**
   * Fresh state (velocities, moments, the best copy) of {@code training}'s update rule for {@code
   * parameters}, which the updates change in place. Allocates everything a run needs but the undo
   * copy, which only an update that cannot be proved finite needs.
   */
  public static Updates start(Training training, Parameters parameters) {
    return new Updates(
        training.updateRule(), parameters, training.earlyStopping().isPresent());
  }

  /**
   * L2 regularisation: {@code dW[l] += scale * W[l]} for every layer; the sum of every {@code
   * W[l]}'s squared entries when {@code measured} (else 0), summed per matrix in double, then
   * added.
   */
  public double regularise(Gradients g, double scale, boolean measured) { // twin: scalar regularise, scale
    double squares = 0; // twin: keep
    for (int l = 1; l <= parameters.layers(); l++) {
      DoubleMatrix W = parameters.W(l);
      if (measured) {
        // per matrix, then added: the order of additions training has always had
        double sum = 0; // twin: keep
        double[] w = W.data;
        for (int i = 0, n = W.length; i < n; i++) {
          sum += w[i] * w[i]; // twin: as sum += (double) w[i] * w[i];
        }
        squares += sum;
      }
      Kernels.axpy(scale, W, g.dW(l));
    }
    return squares;
  }

  /**
   * The first NaN or infinite gradient entry, looking at {@code dW1, db1, dW2, ...} in turn, as
   * {@code "dW1(0, 1) is NaN"}; null when every entry is finite. Call it before each {@link
   * #apply} with the same gradients: the one read of them that finds them finite also bounds
   * them, so that most updates are proved finite before they run and need no undo copy.
   */
  public String firstNonFiniteGradient(Gradients g) {
    if (rule.measureGradients(g)) {
      return null; // every sum of squares is finite, so is every entry
    }
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

  /**
   * One update of every parameter by {@code g}; {@code t} counts updates from 1. Keeps the
   * parameters from before it for {@link #undo} unless the update is proved finite before it
   * runs.
   */
  public void apply(Gradients g, double alpha, int t) { // twin: scalar alpha
    undoable = !rule.provedFinite(alpha, t);
    if (undoable && previous == null) {
      previous = new Parameters(parameters.sizes());
    }
    finite = rule.apply(parameters, g, undoable ? previous : null, alpha, t);
  }

  /**
   * Puts back the parameters from before the last {@link #apply}.
   *
   * @throws IllegalStateException if that update was proved finite before it ran (and so kept no
   *     copy) but was not: the parameters were changed by something else while training ran
   */
  public void undo() {
    if (!undoable) {
      throw new IllegalStateException(
          "the parameters were changed while training ran: the last update was proved finite"
              + " from them before it ran, but it wrote " + firstNonFiniteParameter());
    }
    parameters.copyFrom(previous);
    rule.measureParameters(parameters);
  }

  /** Remembers the current parameters as the best so far (early stopping). */
  public void keepBest() {
    best.copyFrom(parameters);
  }

  /** Puts back the parameters last remembered by {@link #keepBest}. */
  public void restoreBest() {
    parameters.copyFrom(best);
    rule.measureParameters(parameters);
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

  /** {@code "dW1(0, 1) is NaN"} for the first NaN or infinite entry of {@code M}, else null. */
  private static String firstNonFinite(String name, DoubleMatrix M) {
    int i = Kernels.firstNonFinite(M);
    return i < 0 ? null : name + "(" + i % M.rows + ", " + i / M.rows + ") is " + M.data[i];
  }
}
