package dev.netc.runtime;

import static dev.netc.runtime.internal.Blas.Op.N;
import static dev.netc.runtime.internal.Blas.Op.T;

import dev.netc.annotations.Activation;
import dev.netc.annotations.Loss;
import dev.netc.runtime.internal.Activations;
import dev.netc.runtime.internal.Blas;
import dev.netc.runtime.internal.BlasTest;
import dev.netc.runtime.internal.InputChecks;
import dev.netc.runtime.internal.Kernels;
import dev.netc.runtime.internal.Losses;
import dev.netc.runtime.internal.Trainable;
import dev.netc.runtime.internal.TrainingLoop;
import dev.netc.runtime.internal.Workspaces;
import java.util.ArrayList;
import java.util.List;
import org.jblas.DoubleMatrix;

/**
 * A 2 -> 1 (sigmoid) network written the way generated code is (gemm, kernels, losses, resizable
 * workspaces), for testing {@link Training} without the processor. It remembers the column counts
 * its forward pass saw, and may be told to produce a NaN gradient at one backward call.
 */
final class LogisticRegression implements Trainable {

  static final Architecture ARCHITECTURE =
      new Architecture("Logistic", new int[] {2, 1}, new String[] {""},
          new Activation[] {Activation.SIGMOID}, Loss.BINARY_CROSS_ENTROPY);

  final Parameters parameters = new Parameters(ARCHITECTURE.sizes());
  final Gradients gradients = new Gradients(ARCHITECTURE.sizes());
  final List<Integer> forwardColumns = new ArrayList<>();
  /** The first row of every X the forward pass saw (tests put the example index there). */
  final List<double[]> firstRows = new ArrayList<>();
  int backwardCalls;
  int costCalls;
  int nanAtBackward = -1;
  boolean recordRows;
  boolean recordColumns = true;

  private DoubleMatrix Z;
  private DoubleMatrix A;
  private DoubleMatrix dZ;

  @Override
  public DoubleMatrix forward(DoubleMatrix X) {
    if (recordColumns) {
      forwardColumns.add(X.columns);
    }
    if (recordRows) {
      double[] row = new double[X.columns];
      for (int j = 0; j < X.columns; j++) {
        row[j] = X.get(0, j);
      }
      firstRows.add(row);
    }
    Z = Workspaces.resize(Z, 1, X.columns);
    A = Workspaces.resize(A, 1, X.columns);
    Kernels.broadcastColumns(parameters.b(1), Z);
    Blas.gemm(N, N, 1.0, parameters.W(1), X, 1.0, Z);
    Activations.sigmoid(Z, A);
    return A;
  }

  @Override
  public double costOfLastForward(DoubleMatrix Y) {
    costCalls++;
    return Losses.binaryCrossEntropy(Z, Y);
  }

  @Override
  public void backward(DoubleMatrix X, DoubleMatrix Y) {
    dZ = Workspaces.resize(dZ, 1, X.columns);
    double m = X.columns;
    Kernels.subtract(A, Y, dZ);
    Blas.gemm(N, T, 1.0 / m, dZ, X, 0.0, gradients.dW(1));
    Kernels.sumColumns(1.0 / m, dZ, gradients.db(1));
    if (backwardCalls++ == nanAtBackward) {
      gradients.dW(1).put(0, 1, Double.NaN);
    }
  }

  TrainingReport fit(DoubleMatrix X, DoubleMatrix Y, Training training) {
    InputChecks.checkTargets(ARCHITECTURE, X, Y);
    return TrainingLoop.run(training, ARCHITECTURE, parameters, gradients, this, X, Y);
  }

  double cost(DoubleMatrix X, DoubleMatrix Y) {
    forward(X);
    return costOfLastForward(Y);
  }

  /** 2 x m points, label 1 where x0 + 2 x1 > 0 (separable). */
  static DoubleMatrix[] separable(java.util.Random rng, int m) {
    DoubleMatrix X = BlasTest.random(rng, 2, m);
    DoubleMatrix Y = new DoubleMatrix(1, m);
    for (int j = 0; j < m; j++) {
      Y.put(0, j, X.get(0, j) + 2 * X.get(1, j) > 0 ? 1 : 0);
    }
    return new DoubleMatrix[] {X, Y};
  }
}
