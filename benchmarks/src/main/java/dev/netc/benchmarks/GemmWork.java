package dev.netc.benchmarks;

import static dev.netc.runtime.internal.Blas.Op.N;
import static dev.netc.runtime.internal.Blas.Op.T;

import dev.netc.runtime.internal.Blas;
import java.util.Random;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/**
 * Baseline (b), the limit: exactly the matrix products of one iteration of a workload, on
 * preallocated operands, through {@link Blas#gemm}; nothing else. Its time is the workload's
 * minimal FLOP count divided by what the BLAS achieves on these shapes: a lower bound for any
 * implementation on this BLAS. In double (dgemm) or, for the float rows, in float (sgemm).
 */
final class GemmWork {

  private final Workload workload;
  private final int L;
  private final Products products;

  private GemmWork(Workload workload, boolean single) {
    this.workload = workload;
    int[] n = workload.sizes;
    L = n.length - 1;
    products = single ? new FloatProducts(L) : new DoubleProducts(L);
    Random rng = new Random(3);
    products.allocate(0, rng, n, workload.m, workload.training);
    for (int l = 1; l <= L; l++) {
      products.allocate(l, rng, n, workload.m, workload.training);
    }
  }

  GemmWork(Workload workload) {
    this(workload, false);
  }

  /** The same products on float operands (sgemm). */
  static GemmWork inFloat(Workload workload) {
    return new GemmWork(workload, true);
  }

  /** The products of one iteration (or of one forward pass, for inference). */
  void run() {
    for (int l = 1; l <= L; l++) {
      products.forward(l);
    }
    if (!workload.training) {
      return;
    }
    for (int l = L; l >= 1; l--) {
      products.backward(l, workload.m);
    }
  }

  /** Something the JIT cannot prove unused. */
  Object result() {
    return products.result(workload.training);
  }

  /** The operands of one precision: W, A, Z, dZ, dW, dA per layer. */
  private interface Products {
    /** Layer l's operands (A[0] alone for l = 0), random where they are read. */
    void allocate(int l, Random rng, int[] n, int m, boolean training);

    /** Z[l] = W[l]*A[l-1]. */
    void forward(int l);

    /** dW[l] = (1/m) dZ[l]*A[l-1]^T, and dA[l-1] = W[l]^T*dZ[l] for l >= 2. */
    void backward(int l, int m);

    Object result(boolean training);
  }

  private static final class DoubleProducts implements Products {
    private final DoubleMatrix[] W;
    private final DoubleMatrix[] A;
    private final DoubleMatrix[] Z;
    private final DoubleMatrix[] dZ;
    private final DoubleMatrix[] dW;
    private final DoubleMatrix[] dA;

    DoubleProducts(int L) {
      W = new DoubleMatrix[L + 1];
      A = new DoubleMatrix[L + 1];
      Z = new DoubleMatrix[L + 1];
      dZ = new DoubleMatrix[L + 1];
      dW = new DoubleMatrix[L + 1];
      dA = new DoubleMatrix[L + 1];
    }

    private static DoubleMatrix random(Random rng, int rows, int columns) {
      DoubleMatrix M = new DoubleMatrix(rows, columns);
      for (int i = 0; i < M.data.length; i++) {
        M.data[i] = rng.nextDouble() - 0.5;
      }
      return M;
    }

    @Override
    public void allocate(int l, Random rng, int[] n, int m, boolean training) {
      if (l == 0) {
        A[0] = random(rng, n[0], m);
        return;
      }
      W[l] = random(rng, n[l], n[l - 1]);
      Z[l] = new DoubleMatrix(n[l], m);
      A[l] = random(rng, n[l], m);
      if (training) {
        dZ[l] = random(rng, n[l], m);
        dW[l] = new DoubleMatrix(n[l], n[l - 1]);
        dA[l - 1] = new DoubleMatrix(n[l - 1], m);
      }
    }

    @Override
    public void forward(int l) {
      Blas.gemm(N, N, 1.0, W[l], A[l - 1], 0.0, Z[l]);
    }

    @Override
    public void backward(int l, int m) {
      Blas.gemm(N, T, 1.0 / m, dZ[l], A[l - 1], 0.0, dW[l]);
      if (l > 1) {
        Blas.gemm(T, N, 1.0, W[l], dZ[l], 0.0, dA[l - 1]);
      }
    }

    @Override
    public Object result(boolean training) {
      return training ? dW[1] : Z[Z.length - 1];
    }
  }

  private static final class FloatProducts implements Products {
    private final FloatMatrix[] W;
    private final FloatMatrix[] A;
    private final FloatMatrix[] Z;
    private final FloatMatrix[] dZ;
    private final FloatMatrix[] dW;
    private final FloatMatrix[] dA;

    FloatProducts(int L) {
      W = new FloatMatrix[L + 1];
      A = new FloatMatrix[L + 1];
      Z = new FloatMatrix[L + 1];
      dZ = new FloatMatrix[L + 1];
      dW = new FloatMatrix[L + 1];
      dA = new FloatMatrix[L + 1];
    }

    private static FloatMatrix random(Random rng, int rows, int columns) {
      FloatMatrix M = new FloatMatrix(rows, columns);
      for (int i = 0; i < M.data.length; i++) {
        M.data[i] = rng.nextFloat() - 0.5f;
      }
      return M;
    }

    @Override
    public void allocate(int l, Random rng, int[] n, int m, boolean training) {
      if (l == 0) {
        A[0] = random(rng, n[0], m);
        return;
      }
      W[l] = random(rng, n[l], n[l - 1]);
      Z[l] = new FloatMatrix(n[l], m);
      A[l] = random(rng, n[l], m);
      if (training) {
        dZ[l] = random(rng, n[l], m);
        dW[l] = new FloatMatrix(n[l], n[l - 1]);
        dA[l - 1] = new FloatMatrix(n[l - 1], m);
      }
    }

    @Override
    public void forward(int l) {
      Blas.gemm(N, N, 1.0f, W[l], A[l - 1], 0.0f, Z[l]);
    }

    @Override
    public void backward(int l, int m) {
      Blas.gemm(N, T, 1.0f / m, dZ[l], A[l - 1], 0.0f, dW[l]);
      if (l > 1) {
        Blas.gemm(T, N, 1.0f, W[l], dZ[l], 0.0f, dA[l - 1]);
      }
    }

    @Override
    public Object result(boolean training) {
      return training ? dW[1] : Z[Z.length - 1];
    }
  }
}
