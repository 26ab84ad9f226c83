package dev.netc.runtime.internal;

import dev.netc.runtime.Gradients;
import dev.netc.runtime.Metrics;
import dev.netc.runtime.Parameters;
import dev.netc.runtime.Training;
import org.jblas.DoubleMatrix;

// twin: f32
/**
 * netc's own learner: a {@link Trainable} with its {@link Parameters} and {@link Gradients} and the
 * examples in memory. Costs, L2 sums and accuracies are doubles in both precisions.
 */
final class DoubleLearner implements Learner {
  private final Parameters parameters;
  private final Gradients gradients;
  private final Trainable model;
  private final DoubleMatrix X;
  private final DoubleMatrix Y;
  private final DoubleMatrix validationX;
  private final DoubleMatrix validationY;
  private final DoubleBatches batches;
  private final DoubleUpdate update;
  private final Parameters best;
  /** The parameters before the last update, so that an update that overflows can be undone. */
  private final Parameters previous;
  /** Whether every value the last update wrote is finite. */
  private boolean updateFinite = true;

  /** The outputs of the last forward passes; fields, so that nothing is allocated. */
  private DoubleMatrix A;

  private DoubleMatrix validationA;

  /**
   * @param validationX the checked validation set, or null (with {@code validationY})
   * @param batchSize the mini-batch size, 0 for full-batch descent
   * @param keepBest whether to allocate the copy that {@link #keepBest} fills
   */
  DoubleLearner(
      Parameters parameters,
      Gradients gradients,
      Trainable model,
      DoubleMatrix X,
      DoubleMatrix Y,
      DoubleMatrix validationX,
      DoubleMatrix validationY,
      Training.UpdateRule rule,
      int batchSize,
      long seed,
      boolean keepBest) {
    this.parameters = parameters;
    this.gradients = gradients;
    this.model = model;
    this.X = X;
    this.Y = Y;
    this.validationX = validationX;
    this.validationY = validationY;
    this.batches = new DoubleBatches(X, Y, batchSize, seed);
    this.update = new DoubleUpdate(rule, parameters.sizes());
    this.best = keepBest ? parameters.copy() : null;
    this.previous = parameters.copy();
  }

  @Override
  public int examples() {
    return X.columns;
  }

  @Override
  public int batches() {
    return batches.count();
  }

  @Override
  public void shuffle() {
    batches.shuffle();
  }

  @Override
  public int select(int k) {
    batches.select(k);
    return batches.X().columns;
  }

  @Override
  public double forward(boolean measureCost) { // twin: scalar forward
    A = model.forward(batches.X());
    return measureCost ? model.costOfLastForward(batches.Y()) : 0.0;
  }

  @Override
  public double accuracy() { // twin: scalar accuracy
    return Metrics.accuracy(A, batches.Y());
  }

  @Override
  public void backward() {
    model.backward(batches.X(), batches.Y());
  }

  @Override
  public double regularise(double scale, boolean measured) { // twin: scalar regularise, scale
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
      Kernels.axpy(scale, W, gradients.dW(l));
    }
    return squares;
  }

  @Override
  public String firstNonFiniteGradient() {
    for (int l = 1; l <= gradients.layers(); l++) {
      String bad = firstNonFinite("dW", l, gradients.dW(l));
      if (bad == null) {
        bad = firstNonFinite("db", l, gradients.db(l));
      }
      if (bad != null) {
        return bad;
      }
    }
    return null;
  }

  @Override
  public String firstNonFiniteParameter() {
    if (updateFinite) {
      return null; // the update saw every value it wrote
    }
    for (int l = 1; l <= parameters.layers(); l++) {
      String bad = firstNonFinite("W", l, parameters.W(l));
      if (bad == null) {
        bad = firstNonFinite("b", l, parameters.b(l));
      }
      if (bad != null) {
        return bad;
      }
    }
    return null;
  }

  /** {@code "dW1(0, 1) is NaN"} for the first NaN or infinite entry of {@code M}, else null. */
  private static String firstNonFinite(String name, int l, DoubleMatrix M) {
    int i = Kernels.firstNonFinite(M);
    return i < 0 ? null : name + l + at(i, M.rows, Double.toString(M.data[i]));
  }

  @Override
  public void update(double alpha, int t) { // twin: scalar alpha
    updateFinite = update.apply(parameters, gradients, previous, alpha, t);
  }

  @Override
  public void undoUpdate() {
    parameters.copyFrom(previous);
  }

  @Override
  public void keepBest() {
    best.copyFrom(parameters);
  }

  @Override
  public void restoreBest() {
    parameters.copyFrom(best);
  }

  @Override
  public double validationCost() { // twin: scalar validationCost
    validationA = model.forward(validationX);
    return model.costOfLastForward(validationY);
  }

  @Override
  public double validationAccuracy() { // twin: scalar validationAccuracy
    return Metrics.accuracy(validationA, validationY);
  }

  @Override
  public double dataCost() { // twin: scalar dataCost
    model.forward(X);
    return model.costOfLastForward(Y);
  }

  /** {@code (2, 0) is NaN}: where entry {@code i} of a column-major matrix sits, and its value. */
  static String at(int i, int rows, String value) {
    return "(" + i % rows + ", " + i / rows + ") is " + value;
  }
}
