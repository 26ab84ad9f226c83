package dev.netc.runtime.internal;

import dev.netc.runtime.Gradients;
import dev.netc.runtime.Metrics;
import dev.netc.runtime.Parameters;
import org.jblas.DoubleMatrix;

/** Double precision: a {@link Trainable} with its {@link Parameters} and {@link Gradients}. */
final class DoubleLearner implements Learner {
  private final Parameters parameters;
  private final Gradients gradients;
  private final Trainable model;
  private final DoubleMatrix X;
  private final DoubleMatrix Y;
  private final DoubleMatrix validationX;
  private final DoubleMatrix validationY;
  private final MiniBatches.OfDouble batches;
  private final Optimizer.Update update;
  private final Parameters best;

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
      Optimizer optimizer,
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
    this.batches = new MiniBatches.OfDouble(X, Y, batchSize, seed);
    this.update = optimizer.start(parameters.sizes());
    this.best = keepBest ? parameters.copy() : null;
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
  public double forward(boolean measureCost) {
    A = model.forward(batches.X());
    return measureCost ? model.costOfLastForward(batches.Y()) : 0.0;
  }

  @Override
  public double accuracy() {
    return Metrics.accuracy(A, batches.Y());
  }

  @Override
  public void backward() {
    model.backward(batches.X(), batches.Y());
  }

  @Override
  public double regularise(double scale, boolean measured) {
    double squares = 0;
    for (int l = 1; l <= parameters.layers(); l++) {
      DoubleMatrix W = parameters.W(l);
      if (measured) {
        // per matrix, then added: the order of additions training has always had
        double sum = 0;
        double[] w = W.data;
        for (int i = 0, n = W.length; i < n; i++) {
          sum += w[i] * w[i];
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
      DoubleMatrix dW = gradients.dW(l);
      int i = Kernels.firstNonFinite(dW);
      if (i >= 0) {
        return "dW" + l + at(i, dW.rows, Double.toString(dW.data[i]));
      }
      DoubleMatrix db = gradients.db(l);
      i = Kernels.firstNonFinite(db);
      if (i >= 0) {
        return "db" + l + at(i, db.rows, Double.toString(db.data[i]));
      }
    }
    return null;
  }

  @Override
  public void update(double alpha, int t) {
    update.apply(parameters, gradients, alpha, t);
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
  public double validationCost() {
    validationA = model.forward(validationX);
    return model.costOfLastForward(validationY);
  }

  @Override
  public double validationAccuracy() {
    return Metrics.accuracy(validationA, validationY);
  }

  @Override
  public double dataCost() {
    model.forward(X);
    return model.costOfLastForward(Y);
  }

  /** {@code (2, 0) is NaN}: where entry {@code i} of a column-major matrix sits, and its value. */
  static String at(int i, int rows, String value) {
    return "(" + i % rows + ", " + i / rows + ") is " + value;
  }
}
