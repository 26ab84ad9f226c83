package dev.netc.runtime.internal;

import dev.netc.runtime.internal.Blas.Backend;
import dev.netc.runtime.internal.Blas.Op;
import org.jblas.DoubleMatrix;
import org.jblas.NativeBlas;

// twin: f32; rename dgemm sgemm, dgemmFew sgemmFew
/**
 * The dispatch behind {@link Blas#gemm}, written once for both precisions: the checks, then
 * {@link SmallGemm} for a tiny left operand, the few-columns loops for thin products, or the
 * backend's gemm. {@link Blas} selects and loads the backend and calls {@link #gemm} with it.
 *
 * <p>Its single-precision twin is generated from this source at build time, so that both
 * precisions run the same checks, refuse with the same messages and take the same paths for the
 * same shapes.
 */
final class DoubleGemm {

  private DoubleGemm() {}

  /**
   * {@code C = alpha*op(A)*op(B) + beta*C} on a loaded {@code backend}: the checks, then {@link
   * SmallGemm} for small products and the matrix-vector loops for thin ones if {@code
   * javaIfSmall}, else the backend's gemm whatever the shape.
   *
   * @throws IllegalArgumentException as {@link Blas#gemm} says
   */
  static void gemm(
      Backend backend, boolean javaIfSmall, Op opA, Op opB, double alpha, DoubleMatrix A,
      DoubleMatrix B, double beta, DoubleMatrix C) {
    boolean ta = opA == Op.T;
    boolean tb = opB == Op.T;
    int p = ta ? A.columns : A.rows;
    int k = ta ? A.rows : A.columns;
    Blas.checkGemm(
        opA, opB, A.rows, A.columns, B.rows, B.columns, C.rows, C.columns,
        C.data == A.data ? "A" : C.data == B.data ? "B" : null);
    // The native code trusts rows and columns: a short data array would be read out of bounds.
    Blas.checkStorage("A", A.rows, A.columns, A.data.length);
    Blas.checkStorage("B", B.rows, B.columns, B.data.length);
    Blas.checkStorage("C", C.rows, C.columns, C.data.length);
    int q = C.columns;
    if (p == 0 || q == 0) {
      return;
    }
    if (javaIfSmall && SmallGemm.small(p, q, k)) {
      SmallGemm.gemm(ta, tb, p, q, k, alpha, A.data, A.rows, B.data, B.rows, beta, C.data);
      return;
    }
    if (backend == Backend.JAVA) {
      JavaGemm.gemm(ta, tb, p, q, k, alpha, A.data, A.rows, B.data, B.rows, beta, C.data);
      return;
    }
    // BLAS demands leading dimensions >= 1 even for empty operands.
    if (javaIfSmall && Blas.few(backend, ta, p, q, k)) {
      if (backend == Backend.OPENBLAS) {
        OpenBlas.dgemmFew(ta, tb, p, q, k, alpha, A.data, 0, Math.max(1, A.rows), B.data, 0,
            Math.max(1, B.rows), beta, C.data, 0, p);
      } else {
        JavaGemm.few(ta, tb, p, q, k, alpha, A.data, A.rows, B.data, B.rows, beta, C.data);
      }
      return;
    }
    if (backend == Backend.OPENBLAS) {
      OpenBlas.dgemm(ta, tb, p, q, k, alpha, A.data, 0, Math.max(1, A.rows), B.data, 0,
          Math.max(1, B.rows), beta, C.data, 0, Math.max(1, C.rows));
      return;
    }
    NativeBlas.dgemm(ta ? 'T' : 'N', tb ? 'T' : 'N', p, q, k, alpha, A.data, 0,
        Math.max(1, A.rows), B.data, 0, Math.max(1, B.rows), beta, C.data, 0,
        Math.max(1, C.rows));
  }
}
