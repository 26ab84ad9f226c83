package dev.netc.runtime.internal;

import java.util.Locale;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.jblas.NativeBlas;

/**
 * The one entry point for matrix products: {@code C = alpha*op(A)*op(B) + beta*C} on native BLAS.
 *
 * <p>Two backends compute the same products (to rounding):
 *
 * <ul>
 *   <li>{@code openblas}: zero-copy OpenBLAS ({@link OpenBlas}): the multi-threaded,
 *       DYNAMIC_ARCH OpenBLAS bundled in {@code org.bytedeco:openblas}, called on the Java arrays
 *       in place. Linux amd64 only, and only if the runtime was built with gcc.
 *   <li>{@code jblas}: jblas's {@code NativeBlas.dgemm} (see {@link NativeLibraries} for how it is
 *       loaded); always present, but single-threaded, and it copies every whole array on every
 *       call.
 * </ul>
 *
 * <p>Selection, once, on the first call: the system property {@value #PROPERTY} = {@code
 * openblas} or {@code jblas} forces a backend (forcing {@code openblas} where it is unavailable
 * is an error saying why); unset (or {@code auto}) picks {@code openblas} when available, else
 * {@code jblas}. {@link #backend()} says which one runs, on which libraries. OpenBLAS uses {@link
 * Runtime#availableProcessors()} threads unless {@code OPENBLAS_NUM_THREADS} is set. Its idle
 * threads spin for {@code 2^16} cycles (about 25 us) after a product, then sleep, instead of
 * OpenBLAS's default {@code 2^28} (about 0.1 s), so that they leave the cores to netc's two-core
 * element-wise kernels, which follow every product; {@code OPENBLAS_THREAD_TIMEOUT} in the
 * environment wins.
 *
 * <p>Transposes are BLAS flags, so {@code W^T*dZ} and {@code dZ*A^T} need no transposed copies.
 * There is no Java fallback: if native BLAS cannot load, the first call throws {@link
 * IllegalStateException} saying what is missing and how to fix it.
 *
 * <p>One deliberate exception, on either backend: products whose {@code op(A)} is at most 4x4
 * (the weights of a layer of at most 4 units on at most 4 inputs, or their transpose, times the
 * batch), up to 2^18 multiply-adds, run in plain Java loops ({@code SmallGemm}), which beat BLAS
 * on such thin shapes: on the planar network's {@code (4x2)(2x400)} OpenBLAS takes about 3.2 us
 * and the loops 0.6. They agree with BLAS to rounding (the terms are added in another order);
 * tests check them against both backends.
 */
public final class Blas {

  /** The system property that forces a backend: {@code jblas}, {@code openblas} or {@code auto}. */
  public static final String PROPERTY = "netc.blas";

  /** The implementations behind {@link #gemm}. */
  enum Backend {
    JBLAS,
    OPENBLAS
  }

  /** The backend in use once chosen; read without locking on every call. */
  private static volatile Backend selected;

  private static String selectedBecause;

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
    Backend backend = selected;
    gemm(backend != null ? backend : selected(), true, opA, opB, alpha, A, B, beta, C);
  }

  /**
   * {@link #gemm(Op, Op, double, DoubleMatrix, DoubleMatrix, double, DoubleMatrix)} on a given
   * backend, loading it first if needed; every product, however small, runs on that backend.
   *
   * @throws IllegalStateException if that backend cannot be loaded
   */
  static void gemm(
      Backend backend, Op opA, Op opB, double alpha, DoubleMatrix A, DoubleMatrix B, double beta,
      DoubleMatrix C) {
    gemm(backend, false, opA, opB, alpha, A, B, beta, C);
  }

  /** The checks, then {@link SmallGemm} for small products if {@code javaIfSmall}, else BLAS. */
  private static void gemm(
      Backend backend, boolean javaIfSmall, Op opA, Op opB, double alpha, DoubleMatrix A,
      DoubleMatrix B, double beta, DoubleMatrix C) {
    if (backend == Backend.JBLAS && !NativeLibraries.ready) {
      NativeLibraries.ensureLoaded();
    } else if (backend == Backend.OPENBLAS && !OpenBlas.ready) {
      choose("openblas"); // loads it, or throws saying why it cannot
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
    if (javaIfSmall && SmallGemm.small(p, q, k)) {
      SmallGemm.gemm(ta, tb, p, q, k, alpha, A.data, A.rows, B.data, B.rows, beta, C.data);
      return;
    }
    // BLAS demands leading dimensions >= 1 even for empty operands.
    if (backend == Backend.OPENBLAS) {
      OpenBlas.dgemm(ta, tb, p, q, k, alpha, A.data, 0, Math.max(1, A.rows), B.data, 0,
          Math.max(1, B.rows), beta, C.data, 0, Math.max(1, C.rows));
      return;
    }
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
   * {@code C = alpha*op(A)*op(B) + beta*C} in single precision; overwrites {@code C}. The same
   * contract, checks and messages as {@link #gemm(Op, Op, double, DoubleMatrix, DoubleMatrix,
   * double, DoubleMatrix)}, on the same backend: {@code cblas_sgemm} through the zero-copy shim, or
   * jblas's {@code NativeBlas.sgemm}. Products accumulate in single precision (as every {@code
   * sgemm} does).
   *
   * @throws IllegalArgumentException unless {@code op(A)} is {@code p x k}, {@code op(B)} is
   *     {@code k x q} and {@code C} is {@code p x q}, or if {@code C} shares storage with {@code A}
   *     or {@code B}
   * @throws IllegalStateException if native BLAS cannot be loaded
   */
  public static void gemm(
      Op opA, Op opB, float alpha, FloatMatrix A, FloatMatrix B, float beta, FloatMatrix C) {
    Backend backend = selected;
    gemm(backend != null ? backend : selected(), opA, opB, alpha, A, B, beta, C);
  }

  /**
   * {@link #gemm(Op, Op, float, FloatMatrix, FloatMatrix, float, FloatMatrix)} on a given backend,
   * loading it first if needed.
   *
   * @throws IllegalStateException if that backend cannot be loaded
   */
  static void gemm(
      Backend backend, Op opA, Op opB, float alpha, FloatMatrix A, FloatMatrix B, float beta,
      FloatMatrix C) {
    if (backend == Backend.JBLAS && !NativeLibraries.ready) {
      NativeLibraries.ensureLoaded();
    } else if (backend == Backend.OPENBLAS && !OpenBlas.ready) {
      choose("openblas"); // loads it, or throws saying why it cannot
    }
    boolean ta = opA == Op.T;
    boolean tb = opB == Op.T;
    int p = ta ? A.columns : A.rows;
    int k = ta ? A.rows : A.columns;
    checkGemm(
        opA, opB, A.rows, A.columns, B.rows, B.columns, C.rows, C.columns,
        C.data == A.data ? "A" : C.data == B.data ? "B" : null);
    checkStorage("A", A.rows, A.columns, A.data.length);
    checkStorage("B", B.rows, B.columns, B.data.length);
    checkStorage("C", C.rows, C.columns, C.data.length);
    int q = C.columns;
    if (p == 0 || q == 0) {
      return;
    }
    // BLAS demands leading dimensions >= 1 even for empty operands.
    if (backend == Backend.OPENBLAS) {
      OpenBlas.sgemm(ta, tb, p, q, k, alpha, A.data, 0, Math.max(1, A.rows), B.data, 0,
          Math.max(1, B.rows), beta, C.data, 0, Math.max(1, C.rows));
      return;
    }
    NativeBlas.sgemm(ta ? 'T' : 'N', tb ? 'T' : 'N', p, q, k, alpha, A.data, 0,
        Math.max(1, A.rows), B.data, 0, Math.max(1, B.rows), beta, C.data, 0,
        Math.max(1, C.rows));
  }

  /**
   * The shape checks of {@code gemm} for either precision, on the operands' dimensions; {@code
   * sharedWith} names the input whose storage {@code C} shares, or is null.
   *
   * @throws IllegalArgumentException saying which shapes disagree
   */
  static void checkGemm(
      Op opA, Op opB, int aRows, int aColumns, int bRows, int bColumns, int cRows, int cColumns,
      String sharedWith) {
    int p = opA == Op.T ? aColumns : aRows;
    int k = opA == Op.T ? aRows : aColumns;
    int kb = opB == Op.T ? bColumns : bRows;
    int q = opB == Op.T ? bRows : bColumns;
    if (k != kb) {
      throw new IllegalArgumentException(
          "gemm(" + opA + ", " + opB + "): op(A) is " + p + "x" + k + " and op(B) is " + kb + "x"
              + q + " (" + operands(aRows, aColumns, bRows, bColumns)
              + "); columns of op(A) must equal rows of op(B)");
    }
    if (cRows != p || cColumns != q) {
      throw new IllegalArgumentException(
          "gemm(" + opA + ", " + opB + "): C must be " + p + "x" + q
              + " (rows of op(A) x columns of op(B)), got " + cRows + "x" + cColumns + " ("
              + operands(aRows, aColumns, bRows, bColumns) + ")");
    }
    if (sharedWith != null) {
      throw new IllegalArgumentException(
          "gemm(" + opA + ", " + opB + "): C must not share storage with " + sharedWith
              + "; BLAS would read what it overwrites");
    }
  }

  /**
   * {@code A is 4x2, B is 2x400}, for messages only: built when a check fails, never on the path
   * every call takes, where the string would be an allocation per product.
   */
  private static String operands(int aRows, int aColumns, int bRows, int bColumns) {
    return "A is " + aRows + "x" + aColumns + ", B is " + bRows + "x" + bColumns;
  }

  /**
   * Which backend {@link #gemm} runs on and why it was chosen, and its native libraries as mapped
   * into this process: for jblas its version and where {@code libjblas.so} and {@code
   * libgfortran.so.5} came from; for OpenBLAS the shim, {@code libopenblas.so.0}, what {@code
   * openblas_get_config()} and {@code openblas_get_corename()} report and the thread count. Both
   * name {@code OPENBLAS_CORETYPE}.
   *
   * @throws IllegalStateException if native BLAS cannot be loaded or {@value #PROPERTY} is invalid
   */
  public static String backend() {
    Backend backend = selected();
    String because;
    synchronized (Blas.class) {
      because = selectedBecause;
    }
    if (backend == Backend.OPENBLAS) {
      return OpenBlas.describe() + "\n  selected: " + because;
    }
    NativeLibraries.ensureLoaded();
    return NativeLibraries.describe() + "\n  selected: " + because;
  }

  /** The backend in use, chosen on the first call from {@value #PROPERTY}. */
  static synchronized Backend selected() {
    if (selected == null) {
      String value = System.getProperty(PROPERTY);
      Backend backend = choose(value);
      selectedBecause =
          value != null && !value.isBlank() && !value.trim().equalsIgnoreCase("auto")
              ? "forced by -D" + PROPERTY + "=" + value.trim()
              : backend == Backend.OPENBLAS
                  ? "automatically (the faster backend; -D" + PROPERTY + "=jblas forces jblas)"
                  : "automatically, because the zero-copy OpenBLAS backend is unavailable: "
                      + OpenBlas.unavailableReason();
      selected = backend;
    }
    return selected;
  }

  /**
   * The backend a value of {@value #PROPERTY} asks for: {@code jblas}; {@code openblas}; null,
   * blank or {@code auto}: {@code openblas} if {@link OpenBlas#available()}, else {@code jblas}.
   * Case and surrounding blanks are ignored.
   *
   * @throws IllegalStateException for any other value, or for {@code openblas} where it is not
   *     available (saying why)
   */
  static Backend choose(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "":
      case "auto":
        return OpenBlas.available() ? Backend.OPENBLAS : Backend.JBLAS;
      case "jblas":
        return Backend.JBLAS;
      case "openblas":
        if (!OpenBlas.available()) {
          throw new IllegalStateException(
              "-D" + PROPERTY + "=" + value.trim() + " but the zero-copy OpenBLAS backend is"
                  + " unavailable: " + OpenBlas.unavailableReason() + "; remove -D" + PROPERTY
                  + " (or set it to jblas) to use jblas");
        }
        return Backend.OPENBLAS;
      default:
        throw new IllegalStateException(
            "-D" + PROPERTY + "=" + value + " is not a BLAS backend; use jblas or openblas, or"
                + " leave it unset (or auto) to use openblas when available and jblas otherwise");
    }
  }

  static String shape(DoubleMatrix M) {
    return M.rows + "x" + M.columns;
  }

  static String shape(FloatMatrix M) {
    return M.rows + "x" + M.columns;
  }

  /** The native code trusts rows and columns: a short data array would be read out of bounds. */
  private static void checkStorage(String name, int rows, int columns, int length) {
    if (rows < 0 || columns < 0 || length < (long) rows * columns) {
      throw new IllegalArgumentException(
          "gemm: " + name + " is " + rows + "x" + columns + " but its data array holds " + length
              + " values");
    }
  }

  private static void checkStorage(DoubleMatrix M, String name) {
    if (M.rows < 0 || M.columns < 0 || M.data.length < (long) M.rows * M.columns) {
      throw new IllegalArgumentException(
          "gemm: " + name + " is " + shape(M) + " but its data array holds " + M.data.length
              + " values");
    }
  }
}
