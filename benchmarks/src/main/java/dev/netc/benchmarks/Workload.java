package dev.netc.benchmarks;

import dev.netc.runtime.FloatModel;
import dev.netc.runtime.Model;
import java.util.Random;
import java.util.function.LongFunction;
import org.jblas.DoubleMatrix;

/**
 * The four workloads of issue 4: network, batch size, learning rate and seeded synthetic data.
 *
 * <p>FLOP counts are the minimal ones: {@code 2*m*sum(n[l]*n[l-1])} for the forward pass; the
 * backward pass adds {@code dW[l] = dZ[l]*A[l-1]^T} for every layer and {@code dA[l-1] =
 * W[l]^T*dZ[l]} for {@code l >= 2} (nobody needs {@code dA[0]}).
 */
enum Workload {
  W1("W1 planar 2-4-1, m=400", new int[] {2, 4, 1}, Output.SIGMOID, 400, 1.2, true,
      PlanarModel::create),
  W2("W2 deep 12288-20-7-5-1, m=209", new int[] {12288, 20, 7, 5, 1}, Output.SIGMOID, 209, 0.0075,
      true, DeepModel::create),
  W3("W3 wide 784-256-128-10, m=10000", new int[] {784, 256, 128, 10}, Output.SOFTMAX, 10_000,
      0.01, true, WideModel::create),
  W4("W4 inference 784-256-128-10, m=100000", new int[] {784, 256, 128, 10}, Output.SOFTMAX,
      100_000, 0.01, false, WideModel::create);

  /** The output layer and its matched loss; hidden layers are tanh (W1) or relu. */
  enum Output {
    SIGMOID,
    SOFTMAX
  }

  final String title;
  final int[] sizes;
  final Output output;
  final int m;
  final double learningRate;
  final boolean training;
  private final LongFunction<Model> factory;

  Workload(String title, int[] sizes, Output output, int m, double learningRate,
      boolean training, LongFunction<Model> factory) {
    this.title = title;
    this.sizes = sizes;
    this.output = output;
    this.m = m;
    this.learningRate = learningRate;
    this.training = training;
    this.factory = factory;
  }

  Model model() {
    return factory.apply(42L);
  }

  /** W3's and W4's network in single precision, with the float-rounded weights of {@link #model}. */
  FloatModel floatModel() {
    if (this != W3 && this != W4) {
      throw new UnsupportedOperationException(this + " has no float model; W3 and W4 do");
    }
    return WideFloatModel.create(42L);
  }

  /** Hidden layers of W1 are tanh, the others relu. */
  boolean tanhHidden() {
    return this == W1;
  }

  /**
   * X, {@code n[0] x m}: Gaussian for the planar points, uniform in [0, 1) like pixel values for
   * the others.
   */
  DoubleMatrix inputs() {
    Random rng = new Random(1);
    DoubleMatrix X = new DoubleMatrix(sizes[0], m);
    for (int i = 0; i < X.data.length; i++) {
      X.data[i] = this == W1 ? rng.nextGaussian() : rng.nextDouble();
    }
    return X;
  }

  /** Y, {@code n[L] x m}: random 0/1 labels, or random one-hot columns for softmax. */
  DoubleMatrix targets() {
    Random rng = new Random(2);
    int classes = sizes[sizes.length - 1];
    DoubleMatrix Y = new DoubleMatrix(classes, m);
    for (int j = 0; j < m; j++) {
      if (output == Output.SOFTMAX) {
        Y.put(rng.nextInt(classes), j, 1.0);
      } else {
        Y.put(0, j, rng.nextInt(2));
      }
    }
    return Y;
  }

  /** Minimal FLOPs of one forward pass. */
  double forwardFlops() {
    double sum = 0;
    for (int l = 1; l < sizes.length; l++) {
      sum += (double) sizes[l] * sizes[l - 1];
    }
    return 2.0 * m * sum;
  }

  /** Minimal FLOPs of one iteration: the forward pass, or forward + backward without dA[0]. */
  double flops() {
    if (!training) {
      return forwardFlops();
    }
    return 3 * forwardFlops() - 2.0 * m * sizes[1] * sizes[0];
  }
}
