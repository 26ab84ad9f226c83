package dev.netc.benchmarks;

import static dev.netc.runtime.Blas.Op.N;
import static dev.netc.runtime.Blas.Op.T;

import dev.netc.runtime.Blas;
import java.util.Random;
import org.jblas.DoubleMatrix;

/**
 * Baseline (b), the limit: exactly the matrix products of one iteration of a workload, on
 * preallocated operands, through {@link Blas#gemm}; nothing else. Its time is the workload's
 * minimal FLOP count divided by what the BLAS achieves on these shapes: a lower bound for any
 * implementation on this BLAS.
 */
final class GemmWork {

  private final Workload workload;
  private final int L;
  private final DoubleMatrix[] W;
  private final DoubleMatrix[] A;
  private final DoubleMatrix[] Z;
  private final DoubleMatrix[] dZ;
  private final DoubleMatrix[] dW;
  private final DoubleMatrix[] dA;

  GemmWork(Workload workload) {
    this.workload = workload;
    int[] n = workload.sizes;
    int m = workload.m;
    L = n.length - 1;
    Random rng = new Random(3);
    W = new DoubleMatrix[L + 1];
    A = new DoubleMatrix[L + 1];
    Z = new DoubleMatrix[L + 1];
    dZ = new DoubleMatrix[L + 1];
    dW = new DoubleMatrix[L + 1];
    dA = new DoubleMatrix[L + 1];
    A[0] = random(rng, n[0], m);
    for (int l = 1; l <= L; l++) {
      W[l] = random(rng, n[l], n[l - 1]);
      Z[l] = new DoubleMatrix(n[l], m);
      A[l] = random(rng, n[l], m);
      if (workload.training) {
        dZ[l] = random(rng, n[l], m);
        dW[l] = new DoubleMatrix(n[l], n[l - 1]);
        dA[l - 1] = new DoubleMatrix(n[l - 1], m);
      }
    }
  }

  private static DoubleMatrix random(Random rng, int rows, int columns) {
    DoubleMatrix M = new DoubleMatrix(rows, columns);
    for (int i = 0; i < M.data.length; i++) {
      M.data[i] = rng.nextDouble() - 0.5;
    }
    return M;
  }

  /** The products of one iteration (or of one forward pass, for inference). */
  void run() {
    double m = workload.m;
    for (int l = 1; l <= L; l++) {
      Blas.gemm(N, N, 1.0, W[l], A[l - 1], 0.0, Z[l]);
    }
    if (!workload.training) {
      return;
    }
    for (int l = L; l >= 1; l--) {
      Blas.gemm(N, T, 1.0 / m, dZ[l], A[l - 1], 0.0, dW[l]);
      if (l > 1) {
        Blas.gemm(T, N, 1.0, W[l], dZ[l], 0.0, dA[l - 1]);
      }
    }
  }

  /** Something the JIT cannot prove unused. */
  DoubleMatrix result() {
    return workload.training ? dW[1] : Z[L];
  }
}
