package dev.netc.runtime.internal;

import static dev.netc.runtime.internal.Blas.Op.N;
import static dev.netc.runtime.internal.Blas.Op.T;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both BLAS backends against the definition and each other, and how one is selected. */
class BlasBackendsTest {

  /** Where the shim was built (Linux amd64 with gcc), the fast backend must really load. */
  private static final boolean OPENBLAS_EXPECTED =
      NativeLibraries.linuxAmd64() && OpenBlas.shimResource() != null;

  static Stream<Arguments> shapes() {
    List<Arguments> cases = new ArrayList<>();
    int[][] sizes = {
      {4, 3, 5}, {1, 1, 1}, {1, 7, 1}, {9, 1, 6}, {33, 17, 65}, {2, 40, 3}, {4, 0, 5},
      {13, 211, 7}, {301, 129, 257}
    };
    double[][] scalars = {{1.0, 0.0}, {0.7, -1.5}, {-2.0, 1.0}};
    int n = 0;
    for (int[] s : sizes) {
      for (Blas.Op opA : Blas.Op.values()) {
        for (Blas.Op opB : Blas.Op.values()) {
          double[] ab = scalars[n++ % scalars.length];
          cases.add(Arguments.of(opA, opB, s[0], s[1], s[2], ab[0], ab[1]));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}{1} {2}x{3}x{4} alpha={5} beta={6}")
  @MethodSource("shapes")
  void bothBackendsMatchTheDefinitionAndEachOther(
      Blas.Op opA, Blas.Op opB, int p, int k, int q, double alpha, double beta) {
    assumeOpenBlas();
    Random rng = new Random(31L * p + 7L * k + q);
    // Data arrays longer than rows*columns: the backends must use only the leading part.
    DoubleMatrix A = padded(rng, opA == N ? p : k, opA == N ? k : p);
    DoubleMatrix B = padded(rng, opB == N ? k : q, opB == N ? q : k);
    DoubleMatrix C0 = padded(rng, p, q);
    if (beta == 0.0) {
      java.util.Arrays.fill(C0.data, 0, p * q, Double.NaN); // must not leak through beta = 0
    }
    DoubleMatrix expected = C0.dup();
    if (beta == 0.0) {
      java.util.Arrays.fill(expected.data, 0, p * q, 0.0);
    }
    NativeCheck.naive(opA, opB, alpha, A, B, beta, expected);
    DoubleMatrix aBefore = copyOf(A);
    DoubleMatrix bBefore = copyOf(B);

    DoubleMatrix viaJblas = copyOf(C0);
    Blas.gemm(Blas.Backend.JBLAS, opA, opB, alpha, A, B, beta, viaJblas);
    DoubleMatrix viaOpenBlas = copyOf(C0);
    Blas.gemm(Blas.Backend.OPENBLAS, opA, opB, alpha, A, B, beta, viaOpenBlas);

    double tolerance = 1e-13 * Math.max(1, k);
    for (int i = 0; i < p * q; i++) {
      double scale = Math.max(1.0, Math.abs(expected.data[i]));
      assertEquals(expected.data[i], viaJblas.data[i], tolerance * scale, "jblas at " + i);
      assertEquals(expected.data[i], viaOpenBlas.data[i], tolerance * scale, "openblas at " + i);
      assertEquals(viaJblas.data[i], viaOpenBlas.data[i], tolerance * scale, "backends at " + i);
    }
    for (int i = p * q; i < C0.data.length; i++) {
      assertEquals(C0.data[i], viaJblas.data[i], 0.0, "jblas wrote past C at " + i);
      assertEquals(C0.data[i], viaOpenBlas.data[i], 0.0, "openblas wrote past C at " + i);
    }
    assertArrayEquals(aBefore.data, A.data, 0.0, "A must not change");
    assertArrayEquals(bBefore.data, B.data, 0.0, "B must not change");
  }

  @Test
  void openBlasShapeErrorsAreCaughtBeforeNativeCode() {
    assumeOpenBlas();
    DoubleMatrix A = new DoubleMatrix(3, 3);
    A.data = new double[4];
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Blas.gemm(Blas.Backend.OPENBLAS, N, T, 1.0, A, new DoubleMatrix(3, 3), 0.0,
                new DoubleMatrix(3, 3)));
    assertEquals("gemm: A is 3x3 but its data array holds 4 values", e.getMessage());
  }

  @Test
  void openBlasIsAvailableWhereItWasBuilt() {
    assumeTrue(OPENBLAS_EXPECTED, "no shim on this platform/build");
    assertTrue(OpenBlas.available(), OpenBlas.unavailableReason());
    assertEquals(Blas.Backend.OPENBLAS, Blas.choose(null), "automatic choice");
    assertEquals(Blas.Backend.OPENBLAS, Blas.choose(""));
    assertEquals(Blas.Backend.OPENBLAS, Blas.choose(" Auto "));
    assertTrue(OpenBlas.numThreads() >= 1);
    assertTrue(OpenBlas.config().startsWith("OpenBLAS "), OpenBlas.config());
  }

  @Test
  void chooseHonoursTheProperty() {
    assertEquals(Blas.Backend.JBLAS, Blas.choose("jblas"));
    assertEquals(Blas.Backend.JBLAS, Blas.choose(" JBLAS "));
    assertEquals(Blas.Backend.JAVA, Blas.choose("java"));
    assertEquals(Blas.Backend.JAVA, Blas.choose(" Java "));
    if (OpenBlas.available()) {
      assertEquals(Blas.Backend.OPENBLAS, Blas.choose("openblas"));
    } else {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> Blas.choose("openblas"));
      assertTrue(e.getMessage().contains("the zero-copy OpenBLAS backend is unavailable: "),
          e.getMessage());
    }
  }

  @Test
  void chooseRejectsUnknownBackends() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Blas.choose("mkl"));
    assertEquals(
        "-Dnetc.blas=mkl is not a BLAS backend; use openblas, jblas or java, or leave it unset"
            + " (or auto) to use the fastest that loads",
        e.getMessage());
  }

  @Test
  void forcingJblasInAFreshJvm() throws Exception {
    String out = nativeCheck("-Dnetc.blas=jblas", 0);
    assertTrue(out.contains("backend in use: jblas (selected: forced by -Dnetc.blas=jblas)"), out);
    assertTrue(out.contains("OK: jblas dgemm agrees"), out);
  }

  @Test
  void forcingOpenBlasInAFreshJvm() throws Exception {
    assumeOpenBlas();
    String out = nativeCheck("-Dnetc.blas=openblas", 0);
    assertTrue(
        out.contains("backend in use: openblas (selected: forced by -Dnetc.blas=openblas)"), out);
    assertTrue(out.contains("OK: openblas dgemm agrees"), out);
  }

  @Test
  void automaticSelectionInAFreshJvm() throws Exception {
    String out = nativeCheck("-Dnetc.blas.verbose=false", 0);
    assertTrue(
        out.contains(
            OpenBlas.available()
                ? "backend in use: openblas (selected: automatically"
                : "backend in use: jblas (selected: automatically, because"),
        out);
  }

  @Test
  void anInvalidPropertyFailsClearly() throws Exception {
    String out = nativeCheck("-Dnetc.blas=fast", 2);
    assertTrue(out.contains("FAILED: -Dnetc.blas=fast is not a BLAS backend"), out);
  }

  @Test
  void forcingAnUnavailableOpenBlasFailsClearly() throws Exception {
    // A class path without the bytedeco bundle makes the backend unavailable everywhere.
    String out = run(classPathWithoutBundle(), "-Dnetc.blas=openblas", 2);
    assertTrue(
        out.contains("FAILED: -Dnetc.blas=openblas but the zero-copy OpenBLAS backend is"
            + " unavailable: "),
        out);
  }

  /**
   * {@code Architecture.checkInputEntries} relies on this: every product computes every term, so
   * a NaN or an infinity in column j of B (X) makes all of column j of {@code C = A*B + C} NaN or
   * infinite, whatever A holds (zeros, both signs), on both backends, in the Java loops for small
   * products, and in both precisions; columns without one stay finite.
   */
  @Test
  void aNonFiniteEntryOfBSpoilsItsWholeColumnOnEveryBackend() {
    Random rng = new Random(17);
    int[][] shapes = {{3, 4, 50}, {4, 2, 400}, {20, 300, 70}, {256, 784, 40}};
    List<Blas.Backend> backends = new ArrayList<>(List.of(Blas.Backend.JBLAS));
    if (OpenBlas.available()) {
      backends.add(Blas.Backend.OPENBLAS);
    }
    for (int[] s : shapes) {
      int p = s[0];
      int k = s[1];
      int q = s[2];
      DoubleMatrix A = new DoubleMatrix(p, k);
      for (int i = 0; i < A.length; i++) {
        A.data[i] = i % 3 == 0 ? 0.0 : rng.nextGaussian(); // zeros: 0 * infinity is NaN
      }
      for (int i = 0; i < p; i++) {
        A.put(i, k - 1, 0.0); // a column of zeros
      }
      DoubleMatrix B = new DoubleMatrix(k, q);
      for (int i = 0; i < B.length; i++) {
        B.data[i] = rng.nextGaussian();
      }
      B.put(0, 0, Double.NaN);
      B.put(k - 1, 1, Double.POSITIVE_INFINITY);
      B.put(k / 2, 2, Double.NEGATIVE_INFINITY);
      B.put(k - 1, q - 1, Double.NEGATIVE_INFINITY);
      if (k > 1) {
        B.put(0, 3, Double.POSITIVE_INFINITY); // opposite infinities in one column
        B.put(1, 3, Double.NEGATIVE_INFINITY);
      }
      for (int variant = 0; variant <= backends.size(); variant++) {
        // variant == backends.size(): the public entry point, which runs small products in Java
        String name = variant < backends.size() ? backends.get(variant).name() : "Blas.gemm";
        DoubleMatrix C = DoubleMatrix.ones(p, q);
        FloatMatrix F = FloatMatrix.ones(p, q);
        if (variant < backends.size()) {
          Blas.gemm(backends.get(variant), N, N, 1.0, A, B, 1.0, C);
          Blas.gemm(backends.get(variant), N, N, 1.0f, A.toFloat(), B.toFloat(), 1.0f, F);
        } else {
          Blas.gemm(N, N, 1.0, A, B, 1.0, C);
          Blas.gemm(N, N, 1.0f, A.toFloat(), B.toFloat(), 1.0f, F);
        }
        for (int j = 0; j < q; j++) {
          boolean bad = j < 4 || j == q - 1;
          for (int i = 0; i < p; i++) {
            String where = name + " " + p + "x" + k + "x" + q + " C(" + i + ", " + j + ")";
            assertEquals(bad, !Double.isFinite(C.get(i, j)), where);
            assertEquals(bad, !Float.isFinite(F.get(i, j)), "float " + where);
          }
        }
      }
    }
  }

  /**
   * OpenBLAS's idle threads sleep soon after a product (netc's {@code OPENBLAS_THREAD_TIMEOUT}),
   * and the user's own {@code OPENBLAS_THREAD_TIMEOUT} wins: with 30 (2^30 cycles, 0.2 s or more)
   * a worker thread spins through the quarter second after a product, burning that much processor
   * time while the JVM sleeps.
   */
  @Test
  void openBlasThreadsSleepSoonAfterAProductUnlessTheEnvironmentSaysOtherwise() throws Exception {
    assumeOpenBlas();
    assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "OpenBLAS runs one thread here");
    double netc = idleCpuMillis(null);
    double user = idleCpuMillis("30");
    assertTrue(netc < 60, "netc's setting: " + netc + " ms of processor time while idle");
    assertTrue(user > 120, "OPENBLAS_THREAD_TIMEOUT=30: " + user + " ms while idle");
  }

  /** The processor time a fresh JVM uses in the quarter second after a product, in ms. */
  private static double idleCpuMillis(String timeout) throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java, "-Dnetc.blas=openblas", "-cp", System.getProperty("java.class.path"),
                IdleThreads.class.getName())
            .redirectErrorStream(true);
    builder.environment().remove("OPENBLAS_THREAD_TIMEOUT");
    if (timeout != null) {
      builder.environment().put("OPENBLAS_THREAD_TIMEOUT", timeout);
    }
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, p.waitFor(), output);
    return Double.parseDouble(output);
  }

  /** Run by {@link #idleCpuMillis}: prints the process's processor time over an idle 250 ms. */
  static final class IdleThreads {
    public static void main(String[] args) throws InterruptedException {
      DoubleMatrix A = DoubleMatrix.rand(300, 300);
      DoubleMatrix C = new DoubleMatrix(300, 300);
      for (int i = 0; i < 20; i++) {
        Blas.gemm(N, N, 1.0, A, A, 0.0, C); // large enough for both OpenBLAS threads
      }
      Thread.sleep(1000); // let the JIT compiler finish; OpenBLAS's threads fall asleep
      Blas.gemm(N, N, 1.0, A, A, 0.0, C);
      var os =
          (com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      long before = os.getProcessCpuTime();
      Thread.sleep(250);
      System.out.println((os.getProcessCpuTime() - before) / 1e6);
    }
  }

  private static void assumeOpenBlas() {
    if (OPENBLAS_EXPECTED) {
      assertTrue(OpenBlas.available(), OpenBlas.unavailableReason());
    }
    assumeTrue(OpenBlas.available(), "zero-copy OpenBLAS unavailable here");
  }

  private static DoubleMatrix padded(Random rng, int rows, int columns) {
    double[] data = new double[rows * columns + 3];
    for (int i = 0; i < data.length; i++) {
      data[i] = rng.nextGaussian();
    }
    DoubleMatrix M = new DoubleMatrix(rows, columns);
    M.data = data; // jblas's constructors insist on an exact fit
    return M;
  }

  /** A copy with the whole data array (dup() copies only rows*columns values). */
  private static DoubleMatrix copyOf(DoubleMatrix M) {
    DoubleMatrix copy = new DoubleMatrix(M.rows, M.columns);
    copy.data = M.data.clone();
    return copy;
  }

  private static String classPathWithoutBundle() {
    List<String> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!e.contains("bytedeco")) {
        entries.add(e);
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static String nativeCheck(String option, int expectedStatus) throws Exception {
    return run(System.getProperty("java.class.path"), option, expectedStatus);
  }

  private static String run(String classPath, String option, int expectedStatus)
      throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(java, option, "-cp", classPath, NativeCheck.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(expectedStatus, p.waitFor(), output);
    return output;
  }
}
