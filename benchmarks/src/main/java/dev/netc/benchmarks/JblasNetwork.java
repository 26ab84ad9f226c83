package dev.netc.benchmarks;

import dev.netc.runtime.Parameters;
import dev.netc.runtime.internal.NativeLibraries;
import org.jblas.DoubleMatrix;
import org.jblas.MatrixFunctions;

/**
 * Baseline (a): the course's L-layer model ported to jblas the way a Java user writes it, with
 * allocating {@code DoubleMatrix} operations ({@code mmul}, {@code addColumnVector}, {@code
 * transpose}, ...), a loop over the layers and {@code dA[l-1]} for every layer including
 * {@code dA[0]}, as the course's {@code L_model_backward} does.
 */
final class JblasNetwork {

  private final Workload workload;
  private final DoubleMatrix[] W;
  private final DoubleMatrix[] b;
  private final int L;

  /** Starts from a copy of {@code start}, so that both implementations do the same arithmetic. */
  JblasNetwork(Workload workload, Parameters start) {
    // jblas alone cannot load its native library on a machine without libgfortran.so.5, and
    // once failed it never retries; netc's loader makes it load, as any netc user gets.
    NativeLibraries.ensureLoaded();
    this.workload = workload;
    this.L = start.layers();
    this.W = new DoubleMatrix[L + 1];
    this.b = new DoubleMatrix[L + 1];
    for (int l = 1; l <= L; l++) {
      W[l] = start.W(l).dup();
      b[l] = start.b(l).dup();
    }
  }

  /** Returns A[1..L] with A[0] = X. */
  DoubleMatrix[] forward(DoubleMatrix X) {
    DoubleMatrix[] A = new DoubleMatrix[L + 1];
    A[0] = X;
    for (int l = 1; l <= L; l++) {
      DoubleMatrix Z = W[l].mmul(A[l - 1]).addColumnVector(b[l]);
      if (l < L) {
        A[l] = workload.tanhHidden() ? MatrixFunctions.tanh(Z) : Z.max(0.0);
      } else if (workload.output == Workload.Output.SIGMOID) {
        A[l] = MatrixFunctions.exp(Z.neg()).addi(1.0).rdivi(1.0);
      } else {
        DoubleMatrix E = MatrixFunctions.exp(Z.subRowVector(Z.columnMaxs()));
        A[l] = E.divRowVector(E.columnSums());
      }
    }
    return A;
  }

  /** One iteration of gradient descent; returns J before the update. */
  double step(DoubleMatrix X, DoubleMatrix Y) {
    int m = X.columns;
    double lr = workload.learningRate;
    DoubleMatrix[] A = forward(X);
    DoubleMatrix AL = A[L];
    double cost;
    if (workload.output == Workload.Output.SIGMOID) {
      cost = -(Y.mul(MatrixFunctions.log(AL))
              .add(Y.rsub(1.0).mul(MatrixFunctions.log(AL.rsub(1.0)))))
          .sum() / m;
    } else {
      cost = -Y.mul(MatrixFunctions.log(AL)).sum() / m;
    }
    // sigmoid + BCE and softmax + CCE both give dZ[L] = A[L] - Y
    DoubleMatrix dZ = AL.sub(Y);
    for (int l = L; l >= 1; l--) {
      DoubleMatrix dW = dZ.mmul(A[l - 1].transpose()).div(m);
      DoubleMatrix db = dZ.rowSums().div(m);
      DoubleMatrix dA = W[l].transpose().mmul(dZ);
      if (l > 1) {
        DoubleMatrix Ap = A[l - 1];
        dZ = workload.tanhHidden()
            ? dA.mul(Ap.mul(Ap).rsub(1.0))
            : dA.mul(Ap.gt(0.0));
      }
      W[l].subi(dW.mul(lr));
      b[l].subi(db.mul(lr));
    }
    return cost;
  }
}
