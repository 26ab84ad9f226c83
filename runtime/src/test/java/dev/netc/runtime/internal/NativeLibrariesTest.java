package dev.netc.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

class NativeLibrariesTest {

  private static final boolean LINUX_AMD64 =
      "Linux".equals(System.getProperty("os.name"))
          && "amd64".equals(System.getProperty("os.arch"));

  @Test
  void bundledVersionMatchesTheClassPathAndThePom() throws IOException {
    URL gfortran =
        getClass()
            .getClassLoader()
            .getResource("org/bytedeco/openblas/linux-x86_64/libgfortran.so.5");
    assertTrue(gfortran != null, "the bytedeco openblas linux-x86_64 jar is on the class path");
    assertTrue(
        NativeLibraries.jarOf(gfortran).endsWith(
            "openblas-" + NativeLibraries.OPENBLAS_VERSION + "-linux-x86_64.jar"),
        NativeLibraries.jarOf(gfortran));
    Path parentPom = Paths.get("..", "pom.xml");
    if (Files.exists(parentPom)) {
      Matcher m =
          Pattern.compile("<openblas.version>([^<]+)</openblas.version>")
              .matcher(Files.readString(parentPom));
      assertTrue(m.find(), "parent pom has openblas.version");
      assertEquals(m.group(1), NativeLibraries.OPENBLAS_VERSION);
    }
  }

  @Test
  void describeSaysWhereTheLibrariesCameFrom() {
    NativeLibraries.ensureLoaded();
    String description = NativeLibraries.describe();
    assertTrue(description.startsWith("native BLAS: jblas 1.2.5 "), description);
    if (LINUX_AMD64) {
      assertTrue(description.contains("\n  libjblas.so: /"), description);
      assertTrue(
          description.contains("\n  libgfortran.so.5: /"), description);
      assertTrue(
          description.contains("(bundled in " + NativeLibraries.OPENBLAS_ARTIFACT)
              || description.contains("(system library)"),
          description);
    }
  }

  @Test
  void privateCopiesAreRemovedAfterLoading() {
    NativeLibraries.ensureLoaded();
    Matcher m = Pattern.compile("(/\\S*netc-native-[^/\\s]+)/").matcher(NativeLibraries.describe());
    while (m.find()) {
      assertTrue(!Files.exists(Paths.get(m.group(1))), "left behind: " + m.group(1));
    }
  }

  /** A user who touches jblas first (without libgfortran available) must not break netc. */
  @Test
  void recoversWhenJblasWasInitialisedFirst() throws Exception {
    assumeTrue(LINUX_AMD64);
    Result r = runJava(classPath(true), JblasFirst.class.getName(), null);
    assertEquals(0, r.status, r.output);
    assertTrue(r.output.contains("gemm OK"), r.output);
  }

  /** Without the bundled libgfortran (and none on the system) the message says how to fix it. */
  @Test
  void explainsWhatIsMissing() throws Exception {
    assumeTrue(LINUX_AMD64);
    // Forced to jblas, the backend that needs libgfortran: its failure is the one to explain.
    Result r = runJava(classPath(false), NativeCheck.class.getName(), null, FORCE_JBLAS);
    assumeTrue(r.status != 0, "this machine has a system libgfortran.so.5: " + r.output);
    assertExplains(r);
    // Not forced, the same machine falls back to the Java backend and says why, once.
    Result fallback = runJava(classPath(false), NativeCheck.class.getName(), null);
    assertFallsBackToJava(fallback);
  }

  /**
   * A libgfortran.so.5 that is there but empty (a broken package, or a hidden one as in
   * without-system-libgfortran.sh) gets the same explanation: the loader's words differ ("file
   * too short" instead of "cannot open shared object file") and are only quoted.
   */
  @Test
  void explainsAnUnusableLibgfortran() throws Exception {
    assumeTrue(LINUX_AMD64);
    Path dir = Files.createTempDirectory("netc-empty-gfortran");
    Path empty = Files.createFile(dir.resolve("libgfortran.so.5"));
    try {
      Result r =
          runJava(classPath(false), NativeCheck.class.getName(), dir.toString(), FORCE_JBLAS);
      assertExplains(r);
      assertFallsBackToJava(runJava(classPath(false), NativeCheck.class.getName(), dir.toString()));
    } finally {
      Files.delete(empty);
      Files.delete(dir);
    }
  }

  private static final List<String> FORCE_JBLAS = List.of("-Dnetc.blas=jblas");

  private static void assertFallsBackToJava(Result r) {
    assertEquals(0, r.status, r.output);
    assertTrue(r.output.contains("backend in use: java (selected: automatically"), r.output);
    assertTrue(r.output.contains("matrix products run on netc's pure-Java backend"), r.output);
    assertEquals(1, r.output.split("no native BLAS loads on", -1).length - 1, r.output);
    assertTrue(r.output.contains("OK: java dgemm") && r.output.contains("OK: java sgemm"), r.output);
  }

  private static void assertExplains(Result r) {
    assertEquals(2, r.status, r.output);
    assertTrue(
        r.output.contains(
            "could not load its native library libjblas.so (UnsatisfiedLinkError: "),
        r.output);
    assertTrue(
        r.output.contains(
            "; jblas needs libgfortran.so.5, which this machine lacks or cannot load: install the"
                + " libgfortran5 package (apt-get install libgfortran5) or keep "
                + NativeLibraries.OPENBLAS_ARTIFACT + " on the class path"),
        r.output);
  }

  /** Touches jblas's NativeBlas before netc, then multiplies through netc. */
  public static final class JblasFirst {
    public static void main(String[] args) {
      try {
        DoubleMatrix x = DoubleMatrix.ones(2, 2);
        System.out.println("jblas first: " + x.mmul(x));
      } catch (UnsatisfiedLinkError e) {
        System.out.println("jblas first failed as expected: " + e);
      }
      DoubleMatrix A = new DoubleMatrix(2, 2, 1, 2, 3, 4);
      DoubleMatrix C = new DoubleMatrix(2, 2);
      Blas.gemm(Blas.Op.N, Blas.Op.N, 1.0, A, A, 0.0, C);
      System.out.println(C.equals(new DoubleMatrix(2, 2, 7, 10, 15, 22)) ? "gemm OK" : "gemm BAD");
      System.out.println(Blas.backend());
    }
  }

  private static String classPath(boolean withBundle) {
    List<String> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (withBundle || !e.contains("bytedeco")) {
        entries.add(e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private record Result(int status, String output) {}

  /** Runs {@code mainClass} in a new JVM; {@code libraryPath}, if not null, is LD_LIBRARY_PATH. */
  private static Result runJava(String classPath, String mainClass, String libraryPath)
      throws Exception {
    return runJava(classPath, mainClass, libraryPath, List.of());
  }

  private static Result runJava(
      String classPath, String mainClass, String libraryPath, List<String> options)
      throws Exception {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(options);
    command.addAll(List.of("-cp", classPath, mainClass));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (libraryPath != null) {
      builder.environment().put("LD_LIBRARY_PATH", libraryPath);
    }
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), output);
  }
}
