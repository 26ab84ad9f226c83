package dev.netc.runtime;

import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/**
 * What the one training loop of {@link Training} asks of a model, written once per precision:
 * {@link OfDouble} drives a {@link Trainable} on {@link Parameters}, {@link OfFloat} a {@link
 * FloatTrainable} on {@link FloatParameters}. The loop (epochs, decay, listeners, validation,
 * early stopping, divergence messages, the report) sees only doubles and ints, so it cannot tell
 * the precisions apart.
 *
 * <p>Buffers (mini-batches, optimizer state, the best parameters for early stopping) are allocated
 * by the constructor, once per {@code fit}; no method allocates.
 */
sealed interface Learner permits Learner.OfDouble, Learner.OfFloat {

  /** {@code m}, the number of training examples. */
  int examples();

  /** The number of batches per epoch. */
  int batches();

  /** Starts an epoch: a new order of the examples (nothing for full-batch descent). */
  void shuffle();

  /** Makes batch {@code k} (from 0) the current one; returns its number of examples. */
  int select(int k);

  /** The forward pass on the current batch; returns its cost when {@code measureCost}, else 0. */
  double forward(boolean measureCost);

  /** The accuracy of the last {@link #forward} against the current batch's targets. */
  double accuracy();

  /** The backward pass on the current batch, after {@link #forward}. */
  void backward();

  /**
   * {@code dW[l] += scale * W[l]} for every layer (L2); returns {@code sum over l of ||W[l]||^2}
   * when {@code measured}, else 0 without summing the squares.
   */
  double regularise(double scale, boolean measured);

  /**
   * The first NaN or infinite gradient entry, looking at {@code dW1, db1, dW2, ...} in turn, as
   * {@code "dW1(0, 1) is NaN"}; null when every gradient is finite.
   */
  String firstNonFiniteGradient();

  /** Applies the update rule to every parameter; {@code t} counts updates from 1. */
  void update(double alpha, int t);

  /** Remembers the current parameters as the best so far (early stopping). */
  void keepBest();

  /** Puts back the parameters last remembered by {@link #keepBest}. */
  void restoreBest();

  /** The cost of the current parameters on the validation set. */
  double validationCost();

  /** The accuracy of the forward pass of the last {@link #validationCost}. */
  double validationAccuracy();

  /** The cost of the current parameters on the whole training set, without the L2 term. */
  double dataCost();

  /** {@code (2, 0) is NaN}: where entry {@code i} of a column-major matrix sits, and its value. */
  private static String at(int i, int rows, String value) {
    return "(" + i % rows + ", " + i / rows + ") is " + value;
  }

  /** Double precision: a {@link Trainable} with its {@link Parameters} and {@link Gradients}. */
  final class OfDouble implements Learner {
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
    OfDouble(Parameters parameters, Gradients gradients, Trainable model, DoubleMatrix X,
        DoubleMatrix Y, DoubleMatrix validationX, DoubleMatrix validationY, Optimizer optimizer,
        int batchSize, long seed, boolean keepBest) {
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
  }

  /**
   * Single precision: a {@link FloatTrainable} with its {@link FloatParameters} and {@link
   * FloatGradients}; float optimizer state; costs, L2 sums and accuracies in double.
   */
  final class OfFloat implements Learner {
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

    /** The arguments are those of {@link OfDouble}'s constructor, in single precision. */
    OfFloat(FloatParameters parameters, FloatGradients gradients, FloatTrainable model,
        FloatMatrix X, FloatMatrix Y, FloatMatrix validationX, FloatMatrix validationY,
        Optimizer optimizer, int batchSize, long seed, boolean keepBest) {
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
          return "dW" + l + at(i, dW.rows, Float.toString(dW.data[i]));
        }
        FloatMatrix db = gradients.db(l);
        i = Kernels.firstNonFinite(db);
        if (i >= 0) {
          return "db" + l + at(i, db.rows, Float.toString(db.data[i]));
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
}
