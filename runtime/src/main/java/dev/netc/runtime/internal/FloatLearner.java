package dev.netc.runtime.internal;

import dev.netc.runtime.FloatGradients;
import dev.netc.runtime.FloatParameters;
import dev.netc.runtime.Metrics;
import org.jblas.FloatMatrix;

/**
 * Single precision: a {@link FloatTrainable} with its {@link FloatParameters} and {@link
 * FloatGradients}; float optimizer state; costs, L2 sums and accuracies in double.
 */
final class FloatLearner implements Learner {
  private final FloatParameters parameters;
  private final FloatGradients gradients;
  private final FloatTrainable model;
  private final FloatMatrix X;
  private final FloatMatrix Y;
  private final FloatMatrix validationX;
  private final FloatMatrix validationY;
  private final MiniBatches.OfFloat batches;
  private final Optimizer.FloatUpdate update;
  private final FloatParameters best;
  private FloatMatrix A;
  private FloatMatrix validationA;

  /** The arguments are those of {@link DoubleLearner}'s constructor, in single precision. */
  FloatLearner(
      FloatParameters parameters,
      FloatGradients gradients,
      FloatTrainable model,
      FloatMatrix X,
      FloatMatrix Y,
      FloatMatrix validationX,
      FloatMatrix validationY,
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
    this.batches = new MiniBatches.OfFloat(X, Y, batchSize, seed);
    this.update = optimizer.startFloat(parameters.sizes());
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
      FloatMatrix W = parameters.W(l);
      if (measured) {
        double sum = 0;
        float[] w = W.data;
        for (int i = 0, n = W.length; i < n; i++) {
          sum += (double) w[i] * w[i];
        }
        squares += sum;
      }
      Kernels.axpy((float) scale, W, gradients.dW(l));
    }
    return squares;
  }

  @Override
  public String firstNonFiniteGradient() {
    for (int l = 1; l <= gradients.layers(); l++) {
      FloatMatrix dW = gradients.dW(l);
      int i = Kernels.firstNonFinite(dW);
      if (i >= 0) {
        return "dW" + l + DoubleLearner.at(i, dW.rows, Float.toString(dW.data[i]));
      }
      FloatMatrix db = gradients.db(l);
      i = Kernels.firstNonFinite(db);
      if (i >= 0) {
        return "db" + l + DoubleLearner.at(i, db.rows, Float.toString(db.data[i]));
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
}
