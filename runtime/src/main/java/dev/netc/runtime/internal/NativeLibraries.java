package dev.netc.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.jblas.NativeBlas;

/**
 * Loads jblas's native BLAS, also on machines without the system package {@code libgfortran5}.
 *
 * <p>jblas 1.2.5's {@code libjblas.so} for Linux amd64 needs {@code libgfortran.so.5} ({@code
 * DT_NEEDED}), which a fresh Debian or Ubuntu machine lacks; jblas then logs an error, swallows it,
 * and every later BLAS call fails with a bare {@link UnsatisfiedLinkError}. The artifact {@code
 * org.bytedeco:openblas:<version>:linux-x86_64}, a dependency of this module, carries {@code
 * libgfortran.so.5} and {@code libquadmath.so.0} as class-path resources. On Linux amd64 this
 * class copies them into a fresh directory only the current user can read (removed again right
 * after loading: a loaded library stays mapped) and loads them with {@link System#load} before
 * jblas initialises. The dynamic linker satisfies {@code libjblas.so}'s {@code DT_NEEDED} by
 * soname from objects already loaded, so jblas then loads normally. No file outside that private
 * directory is trusted or written.
 *
 * <p>If native BLAS cannot load, {@link #ensureLoaded()} throws an {@link IllegalStateException}
 * that says what is missing and how to fix it, on every call; {@link Blas} then chooses its Java
 * backend, unless a native one is forced, and says so once on standard error (never silently).
 * jblas's own INFO chatter is silenced (its errors are kept). With {@code
 * -Dnetc.blas.verbose=true} the {@linkplain #describe() description} is printed once on stderr
 * when loading, and jblas's logger is left as it is.
 */
public final class NativeLibraries {

  /** The version of {@code org.bytedeco:openblas}; a test keeps it in step with the POM. */
  static final String OPENBLAS_VERSION = "0.3.31-1.5.13";

  static final String OPENBLAS_ARTIFACT =
      "org.bytedeco:openblas:" + OPENBLAS_VERSION + ":linux-x86_64";

  static final String VERBOSE_PROPERTY = "netc.blas.verbose";

  /**
   * A switch for tests: {@code -Dnetc.blas.simulateNoNative=true} makes every native library
   * fail to load, as on a platform where none does (macOS arm64, musl, Android, native-image), so
   * that the automatic choice of the Java backend runs here as it runs there.
   */
  static final String SIMULATE_NO_NATIVE_PROPERTY = "netc.blas.simulateNoNative";

  /** Why nothing native loads under {@link #SIMULATE_NO_NATIVE_PROPERTY}, or null. */
  static String simulatedFailure() {
    return Boolean.getBoolean(SIMULATE_NO_NATIVE_PROPERTY)
        ? "native libraries are switched off by -D" + SIMULATE_NO_NATIVE_PROPERTY + "=true"
        : null;
  }

  static final String BUNDLE = "org/bytedeco/openblas/linux-x86_64/";
  private static final String JBLAS_LIBRARY = "lib/static/Linux/amd64/sse3/libjblas.so";
  private static final String FIX =
      "install the libgfortran5 package (apt-get install libgfortran5) or keep "
          + OPENBLAS_ARTIFACT
          + " on the class path";

  /** True once native BLAS works; read without locking on every {@link Blas#gemm} call. */
  static volatile boolean ready;

  private static boolean attempted;
  private static String description;
  private static String failure;
  private static Throwable failureCause;
  /** Private directories we extracted libraries into; to recognise them in the description. */
  private static final List<String> privateDirectories = new ArrayList<>();
  /** Where the bundled libgfortran came from (a jar), or null if it was not loaded. */
  private static String bundledFrom;

  private static boolean gfortranAttempted;
  private static Throwable gfortranProblem;

  private NativeLibraries() {}

  /**
   * Loads native BLAS on the first call; afterwards returns at once or throws again.
   *
   * @throws IllegalStateException if native BLAS cannot be loaded, saying what is missing and how
   *     to fix it
   */
  public static synchronized void ensureLoaded() {
    attempt();
    if (failure != null) {
      throw new IllegalStateException(failure, failureCause);
    }
  }

  /**
   * Which native libraries were loaded and from where: the jblas version and jar, the paths of
   * {@code libjblas.so}, {@code libgfortran.so.5} and {@code libquadmath.so.0} as mapped into
   * this process (from {@code /proc/self/maps}), the source of {@code libgfortran.so.5} and
   * {@code OPENBLAS_CORETYPE}. Loads native BLAS first if nobody has; if that failed, returns the
   * failure message instead of throwing.
   */
  public static synchronized String describe() {
    attempt();
    return failure != null ? failure : description;
  }

  /** Loads native BLAS on the first call; whether it works (never throws). */
  static synchronized boolean available() {
    attempt();
    return failure == null;
  }

  private static void attempt() {
    if (attempted) {
      return;
    }
    attempted = true;
    String simulated = simulatedFailure();
    if (simulated != null) {
      failure = "native BLAS is not available: " + simulated;
      return;
    }
    boolean verbose = Boolean.getBoolean(VERBOSE_PROPERTY);
    if (!verbose) {
      quietJblas();
    }
    boolean linuxAmd64 = linuxAmd64();
    Throwable preloadProblem = ensureGfortran();
    Throwable problem = tryDgemm();
    if (problem != null && linuxAmd64) {
      // jblas may have initialised before us (any DoubleMatrix.mmul does that) while
      // libgfortran was missing; it swallowed the error and will not retry. Now that
      // libgfortran may be in the process, load its library ourselves; native methods link on
      // their next call. This also yields the real dlopen message if it still fails.
      Throwable direct = loadJblasDirectly();
      problem = direct != null ? direct : tryDgemm();
    }
    if (problem == null) {
      ready = true;
      description = describeLoaded();
    } else {
      failure = failureMessage(linuxAmd64, preloadProblem, problem);
      failureCause = problem;
    }
    if (verbose) {
      System.err.println(failure != null ? failure : description);
    }
  }

  static boolean linuxAmd64() {
    return "Linux".equals(System.getProperty("os.name"))
        && "amd64".equals(System.getProperty("os.arch"));
  }

  /**
   * On Linux amd64, loads the bundled {@code libgfortran.so.5} (and {@code libquadmath.so.0})
   * once, for jblas and for the bundled {@code libopenblas.so.0}, which both need it. Returns
   * what went wrong, or null (also when there is no bundle: then the system's copy, if any, is
   * used).
   */
  static synchronized Throwable ensureGfortran() {
    if (!gfortranAttempted) {
      gfortranAttempted = true;
      if (linuxAmd64()) {
        try {
          preloadBundledGfortran();
        } catch (IOException | LinkageError | RuntimeException e) {
          gfortranProblem = e;
        }
      }
    }
    return gfortranProblem;
  }

  /** The jar the bundled {@code libgfortran.so.5} was loaded from, or null. */
  static synchronized String bundledFrom() {
    return bundledFrom;
  }

  /** Whether {@code path} lies in a private directory this process extracted libraries into. */
  static synchronized boolean isPrivateCopy(String path) {
    return privateDirectories.stream().anyMatch(path::startsWith);
  }

  private static void quietJblas() {
    try {
      org.jblas.util.Logger.getLogger().setLevel(org.jblas.util.Logger.WARNING);
    } catch (LinkageError e) {
      // jblas is missing altogether; tryDgemm reports that.
    }
  }

  private static Throwable tryDgemm() {
    try {
      double[] c = {Double.NaN};
      NativeBlas.dgemm('N', 'N', 1, 1, 1, 1.0, new double[] {2}, 0, 1, new double[] {3}, 0, 1,
          0.0, c, 0, 1);
      return c[0] == 6.0
          ? null
          : new IllegalStateException("NativeBlas.dgemm computed 2 * 3 = " + c[0]);
    } catch (LinkageError | RuntimeException e) {
      return e;
    }
  }

  private static void preloadBundledGfortran() throws IOException {
    ClassLoader loader = NativeLibraries.class.getClassLoader();
    URL quadmath = loader.getResource(BUNDLE + "libquadmath.so.0");
    URL gfortran = loader.getResource(BUNDLE + "libgfortran.so.5");
    if (quadmath == null || gfortran == null) {
      return; // not on the class path: rely on the system's libgfortran5, if any
    }
    Path dir = privateDirectory();
    try {
      System.load(extract(quadmath, dir, "libquadmath.so.0"));
      String path = extract(gfortran, dir, "libgfortran.so.5");
      try {
        System.load(path);
      } catch (UnsatisfiedLinkError e) {
        // libgcc_s.so.1 is part of every glibc system in practice, but the bundle has it too.
        URL gcc = loader.getResource(BUNDLE + "libgcc_s.so.1");
        if (gcc == null || !String.valueOf(e.getMessage()).contains("libgcc_s")) {
          throw e;
        }
        System.load(extract(gcc, dir, "libgcc_s.so.1"));
        System.load(path);
      }
      bundledFrom = jarOf(gfortran);
    } finally {
      deleteDirectory(dir);
    }
  }

  private static Throwable loadJblasDirectly() {
    if (NativeBlas.class.getClassLoader() != NativeLibraries.class.getClassLoader()) {
      return new IllegalStateException(
          "jblas is loaded by another class loader than netc-runtime, so netc cannot load"
              + " libjblas.so for it");
    }
    URL library = NativeBlas.class.getClassLoader().getResource(JBLAS_LIBRARY);
    if (library == null) {
      return new IllegalStateException("the jblas jar has no " + JBLAS_LIBRARY);
    }
    try {
      Path dir = privateDirectory();
      try {
        System.load(extract(library, dir, "libjblas.so"));
      } finally {
        deleteDirectory(dir);
      }
      return null;
    } catch (IOException | LinkageError | RuntimeException e) {
      return e;
    }
  }

  static synchronized Path privateDirectory() throws IOException {
    Path dir =
        Files.createTempDirectory(
            "netc-native-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    privateDirectories.add(dir.toString() + "/");
    return dir;
  }

  static String extract(URL resource, Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    try (InputStream in = resource.openStream()) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file.toString();
  }

  static void deleteDirectory(Path dir) {
    // Deleting a loaded library is fine on Linux: the mapping stays; nothing is left behind.
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      dir.toFile().deleteOnExit();
    }
  }

  private static String failureMessage(
      boolean linuxAmd64, Throwable preloadProblem, Throwable problem) {
    String message = String.valueOf(problem.getMessage());
    StringBuilder s =
        new StringBuilder("native BLAS is not available: jblas ")
            .append(jblasVersion())
            .append(" could not load its native library libjblas.so (")
            .append(problem.getClass().getSimpleName())
            .append(": ")
            .append(message)
            .append(")");
    if (!linuxAmd64) {
      s.append("; jblas has no working native library for ")
          .append(System.getProperty("os.name"))
          .append('/')
          .append(System.getProperty("os.arch"));
    } else if (preloadProblem != null) {
      s.append("; jblas needs libgfortran.so.5 and the copy bundled in ")
          .append(OPENBLAS_ARTIFACT)
          .append(" could not be loaded (")
          .append(preloadProblem)
          .append("): ")
          .append(FIX);
      if (String.valueOf(preloadProblem.getMessage()).contains("map segment")) {
        s.append("; java.io.tmpdir (")
            .append(System.getProperty("java.io.tmpdir"))
            .append(") may be mounted noexec: point -Djava.io.tmpdir at a directory that allows"
                + " executable files");
      }
    } else if (bundledFrom == null) {
      // In netc's words: the loader's (quoted above) differ between a missing file ("cannot open
      // shared object file"), an empty or corrupt one ("file too short") and C libraries.
      s.append("; jblas needs libgfortran.so.5, which this machine lacks or cannot load: ")
          .append(FIX);
    } else {
      s.append(" although libgfortran.so.5 was loaded from ").append(bundledFrom);
    }
    return s.toString();
  }

  private static String describeLoaded() {
    Set<String> mapped = mappedLibraries("libjblas.so", "libgfortran.so", "libquadmath.so");
    StringBuilder s =
        new StringBuilder("native BLAS: jblas ")
            .append(jblasVersion())
            .append(" (org.jblas.NativeBlas; OpenBLAS linked into libjblas.so) from ")
            .append(jblasJar());
    line(s, "libjblas.so", mapped, "libjblas.so");
    line(s, "libgfortran.so.5", mapped, "libgfortran.so");
    line(s, "libquadmath.so.0", mapped, "libquadmath.so");
    coretypeLine(s);
    return s.toString();
  }

  /** The {@code OPENBLAS_CORETYPE} line of a backend description. */
  static void coretypeLine(StringBuilder s) {
    String coretype = System.getenv("OPENBLAS_CORETYPE");
    s.append("\n  OPENBLAS_CORETYPE: ")
        .append(
            coretype == null || coretype.isEmpty()
                ? "not set (OpenBLAS chooses kernels for the CPU it detects)"
                : coretype);
  }

  static void line(StringBuilder s, String library, Set<String> mapped, String prefix) {
    s.append("\n  ").append(library).append(": ");
    List<String> paths = new ArrayList<>();
    for (String path : mapped) {
      if (Paths.get(path).getFileName().toString().startsWith(prefix)) {
        paths.add(path);
      }
    }
    if (mapped.isEmpty()) {
      s.append("(cannot tell: /proc/self/maps is not readable)");
      return;
    }
    if (paths.isEmpty()) {
      s.append("not loaded");
      return;
    }
    for (int i = 0; i < paths.size(); i++) {
      String path = paths.get(i);
      s.append(i > 0 ? "; " : "").append(path);
      if (privateDirectories.stream().anyMatch(path::startsWith)) {
        s.append(
            library.startsWith("libjblas")
                ? " (extracted by netc from the jblas jar after jblas's own attempt failed;"
                : library.startsWith("libnetcblas")
                    ? " (netc's JNI shim, from " + jarOf(OpenBlas.shimResource()) + ";"
                    : library.startsWith("libopenblas")
                        ? " (bundled in " + OPENBLAS_ARTIFACT + ", " + jarOf(
                            NativeLibraries.class.getClassLoader().getResource(
                                BUNDLE + "libopenblas.so.0")) + ";"
                        : " (bundled in " + OPENBLAS_ARTIFACT + ", " + bundledFrom + ";");
        s.append(" private copy, removed after loading)");
      } else if (library.startsWith("libjblas") && path.contains("/jblas")) {
        s.append(" (extracted by jblas from its jar)");
      } else {
        s.append(" (system library)");
      }
    }
  }

  /** Paths of the libraries mapped into this process whose file names start with a prefix. */
  static Set<String> mappedLibraries(String... prefixes) {
    Set<String> paths = new LinkedHashSet<>();
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/self/maps"))) {
        int slash = line.indexOf('/');
        if (slash < 0) {
          continue;
        }
        String path = line.substring(slash).replace(" (deleted)", "");
        String name = Paths.get(path).getFileName().toString();
        for (String prefix : prefixes) {
          if (name.startsWith(prefix)) {
            paths.add(path);
            break;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      paths.clear();
    }
    return paths;
  }

  static String jblasVersion() {
    URL pom =
        NativeLibraries.class
            .getClassLoader()
            .getResource("META-INF/maven/org.jblas/jblas/pom.properties");
    if (pom != null) {
      Properties p = new Properties();
      try (InputStream in = pom.openStream()) {
        p.load(in);
        return p.getProperty("version", "(unknown version)");
      } catch (IOException e) {
        // fall through
      }
    }
    return "(unknown version)";
  }

  private static String jblasJar() {
    URL url = NativeLibraries.class.getClassLoader().getResource("org/jblas/NativeBlas.class");
    return url == null ? "(unknown location)" : jarOf(url);
  }

  /** The file system path of the jar holding {@code resource}, or the URL itself. */
  static String jarOf(URL resource) {
    String url = resource.toString();
    if (url.startsWith("jar:") && url.contains("!/")) {
      try {
        return Paths.get(new URI(url.substring(4, url.indexOf("!/")))).toString();
      } catch (URISyntaxException | RuntimeException e) {
        return url;
      }
    }
    return url;
  }
}
