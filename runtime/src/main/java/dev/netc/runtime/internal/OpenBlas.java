package dev.netc.runtime.internal;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The zero-copy OpenBLAS backend of {@link Blas}: {@code cblas_dgemm} and {@code cblas_sgemm}
 * from the {@code libopenblas.so.0} bundled in {@code
 * org.bytedeco:openblas:<version>:linux-x86_64} (a DYNAMIC_ARCH, multi-threaded build that picks
 * kernels for the CPU it finds), reached through netc's own JNI shim {@code libnetcblas.so}
 * (source: {@code runtime/src/main/c/netc_blas.c}), which pins the Java arrays with {@code
 * GetPrimitiveArrayCritical} instead of copying them.
 *
 * <p>Loading, once, on Linux amd64 only: the bundled {@code libgfortran.so.5} first (see {@link
 * NativeLibraries}; {@code libopenblas.so.0} needs it), then {@code libopenblas.so.0} and the
 * shim are copied into a private directory (removed again right after loading), the shim is
 * loaded with {@link System#load} and {@code dlopen}s OpenBLAS {@code RTLD_LOCAL}, so its symbols
 * never clash with the OpenBLAS copy inside jblas. The backend is unavailable, with a {@linkplain
 * #unavailableReason() reason}, where any of this cannot happen (another platform, the shim was
 * not built because the build machine had no gcc, no bundle on the class path, a noexec
 * temporary directory).
 *
 * <p>Threads: OpenBLAS's own environment variables ({@code OPENBLAS_NUM_THREADS}, {@code
 * GOTO_NUM_THREADS}, {@code OMP_NUM_THREADS}) win; when none is set, netc sets the count to
 * {@link Runtime#availableProcessors()} (which, unlike OpenBLAS's own count, respects container
 * CPU limits).
 *
 * <p>Idle threads: after a product, OpenBLAS's worker threads spin for {@code 2^t} processor
 * cycles waiting for the next one before they sleep, {@code t = OPENBLAS_THREAD_TIMEOUT} (4 to
 * 30), by default 28: about 0.1 s. In netc every product is followed by element-wise kernels that
 * use the second core themselves ({@code Parallel}), and a spinning OpenBLAS thread takes turns
 * with them on that core (relu over W4's 256 x 100,000 after its product: 20 ms with the default,
 * 17.6 with the threads asleep). Unless {@code OPENBLAS_THREAD_TIMEOUT} is set in the
 * environment, which then wins, netc loads OpenBLAS with {@value #THREAD_TIMEOUT} (about 25 us at
 * 2.6 GHz): products that follow each other closely still find the threads awake. OpenBLAS reads
 * the variable only while it initialises; the shim sets it for that moment alone.
 */
final class OpenBlas {

  static final String SHIM = "dev/netc/runtime/internal/native/linux-x86_64/libnetcblas.so";
  private static final String LIBRARY = NativeLibraries.BUNDLE + "libopenblas.so.0";

  /**
   * The {@code OPENBLAS_THREAD_TIMEOUT} netc gives OpenBLAS when the environment sets none: idle
   * worker threads spin for {@code 2^16} cycles, then sleep.
   */
  static final int THREAD_TIMEOUT = 16;

  private static final String TIMEOUT_VARIABLE = "OPENBLAS_THREAD_TIMEOUT";

  /** True once the backend works; read without locking on every {@link Blas#gemm} call. */
  static volatile boolean ready;

  private static boolean attempted;
  private static String failure;
  private static String threadsSource;

  private OpenBlas() {}

  /** Loads the backend on the first call; whether it works. */
  static synchronized boolean available() {
    attempt();
    return ready;
  }

  /** Why the backend cannot be used, or null if it can. */
  static synchronized String unavailableReason() {
    attempt();
    return failure;
  }

  static URL shimResource() {
    return OpenBlas.class.getClassLoader().getResource(SHIM);
  }

  private static void attempt() {
    if (attempted) {
      return;
    }
    attempted = true;
    try {
      failure = load();
    } catch (IOException | LinkageError | RuntimeException e) {
      failure = "loading it failed: " + e;
      if (String.valueOf(e.getMessage()).contains("map segment")) {
        failure +=
            "; java.io.tmpdir (" + System.getProperty("java.io.tmpdir") + ") may be mounted"
                + " noexec: point -Djava.io.tmpdir at a directory that allows executable files";
      }
    }
    ready = failure == null;
  }

  /** Returns null on success, else why the backend is unavailable. */
  private static String load() throws IOException {
    String simulated = NativeLibraries.simulatedFailure();
    if (simulated != null) {
      return simulated;
    }
    if (!NativeLibraries.linuxAmd64()) {
      return "it exists for Linux amd64 only, and this is " + System.getProperty("os.name") + "/"
          + System.getProperty("os.arch");
    }
    URL shim = shimResource();
    if (shim == null) {
      return "this netc-runtime has no " + SHIM + " (it was built where gcc or the JDK's JNI"
          + " headers were missing; rebuild it with gcc installed)";
    }
    URL library = OpenBlas.class.getClassLoader().getResource(LIBRARY);
    if (library == null) {
      return NativeLibraries.OPENBLAS_ARTIFACT + " (which holds libopenblas.so.0) is not on the"
          + " class path";
    }
    Throwable gfortran = NativeLibraries.ensureGfortran();
    if (gfortran != null) {
      return "libopenblas.so.0 needs libgfortran.so.5 and the bundled copy could not be loaded ("
          + gfortran + ")";
    }
    Path dir = NativeLibraries.privateDirectory();
    String problem;
    try {
      String libraryPath = NativeLibraries.extract(library, dir, "libopenblas.so.0");
      System.load(NativeLibraries.extract(shim, dir, "libnetcblas.so"));
      problem = init(libraryPath, THREAD_TIMEOUT);
    } finally {
      NativeLibraries.deleteDirectory(dir);
    }
    if (problem != null) {
      return problem;
    }
    String fromEnvironment = threadsFromEnvironment();
    if (fromEnvironment == null) {
      setNumThreads(Runtime.getRuntime().availableProcessors());
      threadsSource = "Runtime.availableProcessors(); set OPENBLAS_NUM_THREADS to change it";
    } else {
      threadsSource = fromEnvironment;
    }
    double[] c = {Double.NaN};
    dgemm(false, false, 1, 1, 1, 1.0, new double[] {2}, 0, 1, new double[] {3}, 0, 1, 0.0, c, 0,
        1);
    if (c[0] != 6.0) {
      return "its cblas_dgemm computed 2 * 3 = " + c[0];
    }
    float[] f = {Float.NaN};
    sgemm(false, false, 1, 1, 1, 1.0f, new float[] {2}, 0, 1, new float[] {3}, 0, 1, 0.0f, f, 0,
        1);
    return f[0] == 6.0f ? null : "its cblas_sgemm computed 2 * 3 = " + f[0];
  }

  private static String threadsFromEnvironment() {
    for (String name : List.of("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")) {
      String value = System.getenv(name);
      if (value != null && !value.isBlank()) {
        return name + "=" + value;
      }
    }
    return null;
  }

  /**
   * What this backend runs on: the shim and each library as mapped into this process, what
   * OpenBLAS says about itself ({@code openblas_get_config}, {@code openblas_get_corename}), the
   * thread count and {@code OPENBLAS_CORETYPE}; or why it is unavailable.
   */
  static synchronized String describe() {
    attempt();
    if (failure != null) {
      return "zero-copy OpenBLAS backend unavailable: " + failure;
    }
    Set<String> mapped =
        NativeLibraries.mappedLibraries(
            "libnetcblas.so", "libopenblas.so", "libgfortran.so", "libquadmath.so");
    StringBuilder s =
        new StringBuilder("native BLAS: zero-copy OpenBLAS (")
            .append(NativeLibraries.OPENBLAS_ARTIFACT)
            .append(", cblas_dgemm and cblas_sgemm through netc's JNI shim on pinned Java")
            .append(" arrays)");
    NativeLibraries.line(s, "libnetcblas.so", mapped, "libnetcblas.so");
    NativeLibraries.line(s, "libopenblas.so.0", mapped, "libopenblas.so");
    NativeLibraries.line(s, "libgfortran.so.5", mapped, "libgfortran.so");
    NativeLibraries.line(s, "libquadmath.so.0", mapped, "libquadmath.so");
    s.append("\n  OpenBLAS config: ").append(config());
    s.append("\n  OpenBLAS core: ").append(corename()).append(" (kernels chosen for this CPU)");
    s.append("\n  threads: ").append(numThreads()).append(" (").append(threadsSource).append(')');
    String timeout = System.getenv(TIMEOUT_VARIABLE);
    s.append("\n  idle threads spin: ")
        .append(
            timeout == null
                ? "2^" + THREAD_TIMEOUT + " cycles, then sleep (netc's setting; set "
                    + TIMEOUT_VARIABLE + " to change it)"
                : TIMEOUT_VARIABLE + "=" + timeout + " (from the environment)");
    NativeLibraries.coretypeLine(s);
    return s.toString();
  }

  /**
   * dlopen()s OpenBLAS at {@code path}, with {@code OPENBLAS_THREAD_TIMEOUT=timeout} during the
   * dlopen unless the environment sets it; resolves its symbols; null, or what went wrong.
   */
  private static native String init(String path, int timeout);

  static native String corename();

  static native String config();

  static native int numThreads();

  static native void setNumThreads(int n);

  /**
   * {@code C = alpha*op(A)*op(B) + beta*C}, column-major, {@code m x n} result, inner size
   * {@code k}; overwrites {@code c}. The caller has checked every bound: the shim does not.
   */
  static native void dgemm(
      boolean ta, boolean tb, int m, int n, int k, double alpha, double[] a, int aOffset,
      int lda, double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc);

  /**
   * {@link #dgemm} by the shim's own loops for products with few columns of C or a small inner
   * size (see {@code netc_blas.c}): on the calling thread, with no packing; the same contract.
   */
  static native void dgemmFew(
      boolean ta, boolean tb, int m, int n, int k, double alpha, double[] a, int aOffset,
      int lda, double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc);

  /** {@link #dgemmFew} in single precision. */
  static native void sgemmFew(
      boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int aOffset, int lda,
      float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc);

  /** {@link #dgemm} in single precision ({@code cblas_sgemm}); the same contract. */
  static native void sgemm(
      boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int aOffset, int lda,
      float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc);
}
