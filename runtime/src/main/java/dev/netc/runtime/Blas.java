package dev.netc.runtime;

import org.jblas.DoubleMatrix;
import org.jblas.NativeBlas;

/**
 * The one entry point for matrix products: {@code C = alpha*op(A)*op(B) + beta*C} on native BLAS
 * (jblas's {@code NativeBlas.dgemm}; see {@link NativeLibraries} for how it is loaded).
 *
 * <p>Transposes are BLAS flags, so {@code W^T*dZ} and {@code dZ*A^T} need no transposed copies.
 * There is no Java fallback: if native BLAS cannot load, the first call throws {@link
 * IllegalStateException} saying what is missing and how to fix it.
 */
public final class Blas {

  /** Whether an operand is used as stored ({@code N}) or transposed ({@code T}). */
  public enum Op {
    /** {@code op(A) = A}. */
    N,
    /** {@code op(A) = A^T}. */
    T
  }

  private Blas() {}

  /**
   * {@code C = alpha*op(A)*op(B) + beta*C}; overwrites {@code C}. With {@code beta = 0} the old
   * contents of {@code C} are never read (NaN in it does not propagate).
   *
   * @throws IllegalArgumentException unless {@code op(A)} is {@code p x k}, {@code op(B)} is
   *     {@code k x q} and {@code C} is {@code p x q}, or if {@code C} shares storage with {@code A}
   *     or {@code B} (BLAS would read what it overwrites)
   * @throws IllegalStateException if native BLAS cannot be loaded
   */
  public static void gemm(
      Op opA, Op opB, double alpha, DoubleMatrix A, DoubleMatrix B, double beta, DoubleMatrix C) {
    if (!NativeLibraries.ready) {
      NativeLibraries.ensureLoaded();
    }
    boolean ta = opA == Op.T;
    boolean tb = opB == Op.T;
    int p = ta ? A.columns : A.rows;
    int k = ta ? A.rows : A.columns;
    int kb = tb ? B.columns : B.rows;
    int q = tb ? B.rows : B.columns;
    if (k != kb) {
      throw new IllegalArgumentException(
          "gemm(" + opA + ", " + opB + "): op(A) is " + p + "x" + k + " and op(B) is " + kb + "x"
              + q + " (A is " + shape(A) + ", B is " + shape(B) + "); columns of op(A) must"
              + " equal rows of op(B)");
    }
    if (C.rows != p || C.columns != q) {
      throw new IllegalArgumentException(
          "gemm(" + opA + ", " + opB + "): C must be " + p + "x" + q
              + " (rows of op(A) x columns of op(B)), got " + shape(C) + " (A is " + shape(A)
              + ", B is " + shape(B) + ")");
    }
    if (C.data == A.data || C.data == B.data) {
      throw new IllegalArgumentException(
          "gemm(" + opA + ", " + opB + "): C must not share storage with "
              + (C.data == A.data ? "A" : "B") + "; BLAS would read what it overwrites");
    }
    // The native code trusts rows and columns: a short data array would be read out of bounds.
    checkStorage(A, "A");
    checkStorage(B, "B");
    checkStorage(C, "C");
    if (p == 0 || q == 0) {
      return;
    }
    // BLAS demands leading dimensions >= 1 even for empty operands.
    NativeBlas.dgemm(
        ta ? 'T' : 'N',
        tb ? 'T' : 'N',
        p,
        q,
        k,
        alpha,
        A.data,
        0,
        Math.max(1, A.rows),
        B.data,
        0,
        Math.max(1, B.rows),
        beta,
        C.data,
        0,
        Math.max(1, C.rows));
  }

  /**
   * What native library {@link #gemm} runs on: the jblas version, where its native library and
   * {@code libgfortran.so.5} were loaded from, and {@code OPENBLAS_CORETYPE}.
   *
   * @throws IllegalStateException if native BLAS cannot be loaded
   */
  public static String backend() {
    NativeLibraries.ensureLoaded();
    return NativeLibraries.describe();
  }

  static String shape(DoubleMatrix M) {
    return M.rows + "x" + M.columns;
  }

  private static void checkStorage(DoubleMatrix M, String name) {
    if (M.rows < 0 || M.columns < 0 || M.data.length < (long) M.rows * M.columns) {
      throw new IllegalArgumentException(
          "gemm: " + name + " is " + shape(M) + " but its data array holds " + M.data.length
              + " values");
    }
  }
}
