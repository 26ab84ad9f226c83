package dev.netc.runtime.internal;

import java.util.Locale;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/**
 * The one entry point for matrix products: {@code C = alpha*op(A)*op(B) + beta*C}.
 *
 * <p>Three backends compute the same products (to rounding):
 *
 * <ul>
 *   <li>{@code openblas}: zero-copy OpenBLAS ({@link OpenBlas}): the multi-threaded,
 *       DYNAMIC_ARCH OpenBLAS bundled in {@code org.bytedeco:openblas}, called on the Java arrays
 *       in place. Linux amd64 only, and only if the runtime was built with gcc.
 *   <li>{@code jblas}: jblas's {@code NativeBlas.dgemm} (see {@link NativeLibraries} for how it is
 *       loaded); single-threaded, and it copies every whole array on every call.
 *   <li>{@code java}: netc's own blocked gemm in plain Java ({@link JavaGemm}), on two cores for
 *       large products; for platforms where no native library loads (macOS arm64, musl,
 *       Android, GraalVM native-image).
 * </ul>
 *
 * <p>Selection, once, on the first call: the system property {@value #PROPERTY} = {@code
 * openblas}, {@code jblas} or {@code java} forces a backend (forcing a native one where it cannot
 * load is an error saying why); unset (or {@code auto}) picks {@code openblas} when available,
 * else {@code jblas} when its native library loads, else {@code java}, and then says so in one
 * line on standard error, once: never a silent fallback. {@link #backend()} says which one runs,
 * on which libraries. OpenBLAS uses {@link Runtime#availableProcessors()} threads unless {@code
 * OPENBLAS_NUM_THREADS} is set. Its idle threads spin for {@code 2^16} cycles (about 25 us) after
 * a product, then sleep, instead of OpenBLAS's default {@code 2^28} (about 0.1 s), so that they
 * leave the cores to netc's two-core element-wise kernels, which follow every product; {@code
 * OPENBLAS_THREAD_TIMEOUT} in the environment wins.
 *
 * <p>Transposes are BLAS flags, so {@code W^T*dZ} and {@code dZ*A^T} need no transposed copies.
 *
 * <p>Two deliberate exceptions, chosen by shape on every backend and in both precisions (the
 * dispatch is written once, in {@code DoubleGemm}, and generated for single precision; this class
 * selects and loads the backend), for thin products where a general BLAS loses to simpler loops:
 *
 * <ul>
 *   <li>{@code op(A)} at most 4x4 (the weights of a layer of at most 4 units on at most 4
 *       inputs, or their transpose, times the batch), up to 2^18 multiply-adds: plain Java loops
 *       ({@code SmallGemm}). On the planar network's {@code (4x2)(2x400)} OpenBLAS takes about
 *       3.2 us and the loops 0.6.
 *   <li>few columns of C (one example, a small batch) or, with {@code op(A) = A}, few inner terms
 *       (a rank-k update {@code dZ*A^T} over a small batch): matrix-vector loops on the caller's
 *       thread. On the OpenBLAS backend they are the shim's vectorized C loops ({@code
 *       OpenBlas.dgemmFew}), for one column and wherever OpenBLAS would wake its threads for at
 *       most {@value #FEW_COLUMNS} columns (a 256x784 by 784x16 product): never a thread wake-up
 *       for a batch that small. On the jblas backend, which would copy the weights on every call,
 *       and on the Java backend: {@link JavaGemm#few}.
 * </ul>
 *
 * <p>Both agree with BLAS to rounding (the terms are added in another order); tests check them
 * against every backend. Every path sums in an order fixed by the shapes and the backend alone,
 * so a product gives the same bits on every call, whichever thread makes it: a one-example call
 * and a one-column matrix go through the same loops.
 */
public final class Blas {

  /**
   * The system property that forces a backend: {@code openblas}, {@code jblas}, {@code java} or
   * {@code auto}.
   */
  public static final String PROPERTY = "netc.blas";

  /**
   * Most columns of C for the matrix-vector path on the OpenBLAS backend: batches up to 16 run on
   * the caller's thread. Measured on the shapes of 784-256-128-10 (2-core Xeon, AVX-512, a busy
   * machine): {@code (256x784)(784x8)} takes OpenBLAS two threads and 2 ms of processor time per
   * product when the other core is busy (0.1 ms in the shim's loops), and the three products of a
   * batch of 16 took 45 ms through OpenBLAS's threads (JMH, {@code ServingBench.gemm16}) where
   * the Java backend's single-threaded loops took 0.7; {@code (256x784)(784x1)} takes 32 us on
   * one OpenBLAS thread, 27 in the loops. On a quiet machine OpenBLAS's two threads would win on
   * a batch of 16; under load, and with several caller threads, one thread per product is what
   * scales.
   */
  static final int FEW_COLUMNS = 16;

  /** Most multiply-adds for the matrix-vector path: beyond, BLAS's threads pay off. */
  static final long FEW_WORK = 1L << 23;

  /**
   * Fewest multiply-adds ({@code m*n*k}) for which OpenBLAS 0.3.31's gemm uses two threads on two
   * cores (its threshold: {@code 65536 * GEMM_MULTITHREAD_THRESHOLD} per thread, the latter 4).
   */
  static final long OPENBLAS_THREADED = 1L << 19;

  /** The implementations behind {@link #gemm}. */
  enum Backend {
    JBLAS,
    OPENBLAS,
    JAVA
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
    DoubleGemm.gemm(loaded(), true, opA, opB, alpha, A, B, beta, C);
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
    load(backend);
    DoubleGemm.gemm(backend, false, opA, opB, alpha, A, B, beta, C);
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
    FloatGemm.gemm(loaded(), true, opA, opB, alpha, A, B, beta, C);
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
    load(backend);
    FloatGemm.gemm(backend, false, opA, opB, alpha, A, B, beta, C);
  }

  /**
   * Whether a product whose {@code op(A)} is {@code p x k} and whose C has {@code q} columns
   * takes the matrix-vector path on a native backend: few columns, or few inner terms of an
   * untransposed A, and not too much work; on OpenBLAS only where it beats OpenBLAS, which is
   * single-threaded below {@value #OPENBLAS_THREADED} multiply-adds and then faster than these
   * loops from two columns on, except for one column.
   */
  static boolean few(Backend backend, boolean ta, int p, int q, int k) {
    long work = (long) p * q * k;
    if (work > FEW_WORK) {
      return false;
    }
    if (backend == Backend.OPENBLAS) {
      return (q <= FEW_COLUMNS || (!ta && k <= FEW_COLUMNS))
          && (q == 1 || work >= OPENBLAS_THREADED);
    }
    return JavaGemm.few(ta, p, q, k);
  }

  /** The backend in use (chosen on the first call), loaded. */
  private static Backend loaded() {
    Backend backend = selected;
    if (backend == null) {
      backend = selected();
    }
    load(backend);
    return backend;
  }

  /** Loads a native backend before its first product, or throws saying why it cannot load. */
  private static void load(Backend backend) {
    if (backend == Backend.JBLAS && !NativeLibraries.ready) {
      NativeLibraries.ensureLoaded();
    } else if (backend == Backend.OPENBLAS && !OpenBlas.ready) {
      choose("openblas"); // loads it, or throws saying why it cannot
    }
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
    if (backend == Backend.JAVA) {
      return JAVA_DESCRIPTION + "\n  threads: " + (Parallel.ENABLED ? 2 : 1)
          + " (the caller and netc-kernels; -Dnetc.threads=1 for one)\n  selected: " + because;
    }
    NativeLibraries.ensureLoaded();
    return NativeLibraries.describe() + "\n  selected: " + because;
  }

  /** The first line of {@link #backend()} for the Java backend. */
  static final String JAVA_DESCRIPTION =
      "pure-Java BLAS: netc's blocked gemm (JavaGemm), vectorized by the JIT compiler, no native"
          + " library";

  /** The backend in use, chosen on the first call from {@value #PROPERTY}. */
  static synchronized Backend selected() {
    if (selected == null) {
      String value = System.getProperty(PROPERTY);
      Backend backend = choose(value);
      boolean forced = value != null && !value.isBlank() && !value.trim().equalsIgnoreCase("auto");
      if (forced) {
        selectedBecause = "forced by -D" + PROPERTY + "=" + value.trim();
      } else if (backend == Backend.OPENBLAS) {
        selectedBecause =
            "automatically (the faster backend; -D" + PROPERTY + "=jblas forces jblas)";
      } else if (backend == Backend.JBLAS) {
        selectedBecause = "automatically, because the zero-copy OpenBLAS backend is unavailable: "
            + OpenBlas.unavailableReason();
      } else {
        selectedBecause = "automatically, because no native library loads here (" + noNative()
            + ")";
        // Never a silent fallback: large products run several times slower here.
        System.err.println(fallbackNotice());
      }
      selected = backend;
    }
    return selected;
  }

  /** The one line on standard error when the Java backend is chosen automatically. */
  static String fallbackNotice() {
    return "netc: no native BLAS loads on " + System.getProperty("os.name") + "/"
        + System.getProperty("os.arch") + " (" + noNative() + "); matrix products run on netc's"
        + " pure-Java backend, slower on large products (-D" + PROPERTY + "=java chooses it"
        + " without this line)";
  }

  /** Why neither native backend loads, in a few words each. */
  private static String noNative() {
    String jblas = NativeLibraries.describe();
    String prefix = "native BLAS is not available: ";
    if (jblas.startsWith(prefix)) {
      jblas = jblas.substring(prefix.length());
    }
    return "OpenBLAS: " + OpenBlas.unavailableReason() + "; jblas: " + jblas;
  }

  /**
   * The backend a value of {@value #PROPERTY} asks for: {@code openblas}, {@code jblas}, {@code
   * java}; null, blank or {@code auto}: {@code openblas} if {@link OpenBlas#available()}, else
   * {@code jblas} if its native library loads, else {@code java}. Case and surrounding blanks are
   * ignored.
   *
   * @throws IllegalStateException for any other value, or for {@code openblas} where it is not
   *     available (saying why)
   */
  static Backend choose(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "":
      case "auto":
        if (OpenBlas.available()) {
          return Backend.OPENBLAS;
        }
        return NativeLibraries.available() ? Backend.JBLAS : Backend.JAVA;
      case "jblas":
        return Backend.JBLAS;
      case "java":
        return Backend.JAVA;
      case "openblas":
        if (!OpenBlas.available()) {
          throw new IllegalStateException(
              "-D" + PROPERTY + "=" + value.trim() + " but the zero-copy OpenBLAS backend is"
                  + " unavailable: " + OpenBlas.unavailableReason() + "; remove -D" + PROPERTY
                  + " (or set it to jblas or java) to use another backend");
        }
        return Backend.OPENBLAS;
      default:
        throw new IllegalStateException(
            "-D" + PROPERTY + "=" + value + " is not a BLAS backend; use openblas, jblas or java,"
                + " or leave it unset (or auto) to use the fastest that loads");
    }
  }

  static String shape(DoubleMatrix M) {
    return M.rows + "x" + M.columns;
  }

  static String shape(FloatMatrix M) {
    return M.rows + "x" + M.columns;
  }

  /** The native code trusts rows and columns: a short data array would be read out of bounds. */
  static void checkStorage(String name, int rows, int columns, int length) {
    if (rows < 0 || columns < 0 || length < (long) rows * columns) {
      throw new IllegalArgumentException(
          "gemm: " + name + " is " + rows + "x" + columns + " but its data array holds " + length
              + " values");
    }
  }
}
