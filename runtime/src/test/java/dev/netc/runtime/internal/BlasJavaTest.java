package dev.netc.runtime.internal;

import static dev.netc.runtime.internal.Blas.Op.N;
import static dev.netc.runtime.internal.Blas.Op.T;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java backend and the matrix-vector path against the definition and the native backends, in
 * both precisions, and the automatic choice of the Java backend where no native library loads.
 */
class BlasJavaTest {

  private static final double[][] SCALARS = {{1.0, 0.0}, {0.7, -1.5}, {-2.0, 1.0}, {0.0, 0.5}};

  /**
   * Shapes {p, k, q} that cross every block edge of {@link JavaGemm} (rows past {@value
   * JavaGemm#MC}, inner terms past {@value JavaGemm#KC}, columns past {@value JavaGemm#NC}), the
   * two-core path (the last), few columns and few inner terms, and empty products.
   */
  static Stream<Arguments> shapes() {
    int[][] sizes = {
      {1, 1, 1}, {3, 5, 2}, {37, 53, 29}, {300, 140, 40}, {257, 129, 17}, {5, 1000, 6},
      {64, 3, 70}, {4, 0, 5}, {0, 3, 9}, {520, 260, 130}
    };
    return cases(sizes);
  }

  /** Thin shapes for the matrix-vector loops: one to eight columns, or one to eight inner terms. */
  static Stream<Arguments> thinShapes() {
    int[][] sizes = {
      {256, 784, 1}, {128, 256, 2}, {10, 128, 3}, {33, 70, 4}, {600, 9, 5}, {17, 31, 8},
      {40, 1, 50}, {70, 7, 33}, {5, 8, 100}, {1, 1, 1}
    };
    return cases(sizes);
  }

  private static Stream<Arguments> cases(int[][] sizes) {
    List<Arguments> cases = new ArrayList<>();
    int n = 0;
    for (int[] s : sizes) {
      for (Blas.Op opA : Blas.Op.values()) {
        for (Blas.Op opB : Blas.Op.values()) {
          double[] ab = SCALARS[n++ % SCALARS.length];
          cases.add(Arguments.of(opA, opB, s[0], s[1], s[2], ab[0], ab[1]));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}{1} {2}x{3}x{4} alpha={5} beta={6}")
  @MethodSource("shapes")
  void javaBackendMatchesTheDefinitionAndTheNativeBackends(
      Blas.Op opA, Blas.Op opB, int p, int k, int q, double alpha, double beta) {
    Operands o = new Operands(opA, opB, p, k, q, beta);
    DoubleMatrix expected = o.expected(alpha, beta);
    DoubleMatrix viaJava = o.c();
    Blas.gemm(Blas.Backend.JAVA, opA, opB, alpha, o.A, o.B, beta, viaJava);
    o.assertClose(expected, viaJava, 1e-13, "java");
    o.assertInputsUnchanged();
    DoubleMatrix viaJblas = o.c();
    Blas.gemm(Blas.Backend.JBLAS, opA, opB, alpha, o.A, o.B, beta, viaJblas);
    o.assertClose(viaJblas, viaJava, 1e-13, "java against jblas");
    if (OpenBlas.available()) {
      DoubleMatrix viaOpenBlas = o.c();
      Blas.gemm(Blas.Backend.OPENBLAS, opA, opB, alpha, o.A, o.B, beta, viaOpenBlas);
      o.assertClose(viaOpenBlas, viaJava, 1e-13, "java against openblas");
    }
  }

  @ParameterizedTest(name = "{0}{1} {2}x{3}x{4} alpha={5} beta={6}")
  @MethodSource("shapes")
  void javaBackendMatchesTheDefinitionInSinglePrecision(
      Blas.Op opA, Blas.Op opB, int p, int k, int q, double alpha, double beta) {
    Operands o = new Operands(opA, opB, p, k, q, beta);
    DoubleMatrix expected = o.expectedInFloat(alpha, beta);
    FloatMatrix viaJava = o.cFloat();
    Blas.gemm(Blas.Backend.JAVA, opA, opB, (float) alpha, o.A.toFloat(), o.B.toFloat(),
        (float) beta, viaJava);
    o.assertClose(expected, widen(viaJava), 1e-6, "java sgemm");
    if (OpenBlas.available()) {
      FloatMatrix viaOpenBlas = o.cFloat();
      Blas.gemm(Blas.Backend.OPENBLAS, opA, opB, (float) alpha, o.A.toFloat(), o.B.toFloat(),
          (float) beta, viaOpenBlas);
      o.assertClose(widen(viaOpenBlas), widen(viaJava), 1e-6, "java against openblas sgemm");
    }
  }

  /** The shim's loops and Java's, each called directly, and the public entry point. */
  @ParameterizedTest(name = "{0}{1} {2}x{3}x{4} alpha={5} beta={6}")
  @MethodSource("thinShapes")
  void matrixVectorLoopsMatchTheDefinition(
      Blas.Op opA, Blas.Op opB, int p, int k, int q, double alpha, double beta) {
    Operands o = new Operands(opA, opB, p, k, q, beta);
    boolean ta = opA == T;
    boolean tb = opB == T;
    DoubleMatrix expected = o.expected(alpha, beta);
    DoubleMatrix viaJava = o.c();
    JavaGemm.few(ta, tb, p, q, k, alpha, o.A.data, o.A.rows, o.B.data, o.B.rows, beta,
        viaJava.data);
    o.assertClose(expected, viaJava, 1e-13, "JavaGemm.few");
    DoubleMatrix viaEntry = o.c();
    Blas.gemm(opA, opB, alpha, o.A, o.B, beta, viaEntry);
    o.assertClose(expected, viaEntry, 1e-13, "Blas.gemm");
    DoubleMatrix expectedFloat = o.expectedInFloat(alpha, beta);
    FloatMatrix floatJava = o.cFloat();
    JavaGemmFloat.few(ta, tb, p, q, k, (float) alpha, o.A.toFloat().data, o.A.rows,
        o.B.toFloat().data, o.B.rows, (float) beta, floatJava.data);
    o.assertClose(expectedFloat, widen(floatJava), 1e-6, "JavaGemmFloat.few");
    if (OpenBlas.available()) {
      DoubleMatrix viaShim = o.c();
      OpenBlas.dgemmFew(ta, tb, p, q, k, alpha, o.A.data, 0, Math.max(1, o.A.rows), o.B.data, 0,
          Math.max(1, o.B.rows), beta, viaShim.data, 0, Math.max(1, p));
      o.assertClose(expected, viaShim, 1e-13, "OpenBlas.dgemmFew");
      FloatMatrix floatShim = o.cFloat();
      OpenBlas.sgemmFew(ta, tb, p, q, k, (float) alpha, o.A.toFloat().data, 0,
          Math.max(1, o.A.rows), o.B.toFloat().data, 0, Math.max(1, o.B.rows), (float) beta,
          floatShim.data, 0, Math.max(1, p));
      o.assertClose(expectedFloat, widen(floatShim), 1e-6, "OpenBlas.sgemmFew");
    }
  }

  @Test
  void thinProductsTakeTheMatrixVectorPathWhereItWins() {
    Blas.Backend o = Blas.Backend.OPENBLAS;
    assertTrue(Blas.few(o, false, 256, 1, 784), "one example: never OpenBLAS");
    assertTrue(Blas.few(o, true, 128, 1, 256), "W^T*dZ of one example");
    assertTrue(Blas.few(o, false, 256, 8, 784), "OpenBLAS would wake its threads");
    assertFalse(Blas.few(o, false, 128, 4, 256), "OpenBLAS is single-threaded and faster");
    assertFalse(Blas.few(o, false, 256, 16, 784), "a batch of 16 is OpenBLAS's");
    assertTrue(Blas.few(o, false, 256, 784, 8), "dZ*A^T over a batch of 8");
    assertFalse(Blas.few(o, false, 4096, 1, 4096), "too much work for one thread");
    assertTrue(Blas.few(Blas.Backend.JBLAS, false, 128, 4, 256), "jblas would copy W");
    assertFalse(Blas.few(Blas.Backend.JBLAS, false, 128, 5, 256));
  }

  /**
   * The public entry point runs a one-example product in the matrix-vector loops, bit for bit
   * (and so the same bits as any other call with that shape), from any thread.
   */
  @Test
  void oneColumnGivesTheSameBitsOnEveryCallAndEveryThread() throws Exception {
    Random rng = new Random(5);
    DoubleMatrix W = DoubleMatrix.randn(256, 784);
    DoubleMatrix x = new DoubleMatrix(784, 1);
    for (int i = 0; i < x.length; i++) {
      x.data[i] = rng.nextGaussian();
    }
    DoubleMatrix first = new DoubleMatrix(256, 1);
    Blas.gemm(N, N, 1.0, W, x, 0.0, first);
    if (Blas.selected() == Blas.Backend.OPENBLAS) {
      DoubleMatrix shim = new DoubleMatrix(256, 1);
      OpenBlas.dgemmFew(false, false, 256, 1, 784, 1.0, W.data, 0, 256, x.data, 0, 784, 0.0,
          shim.data, 0, 256);
      assertArrayEquals(shim.data, first.data, 0.0, "Blas.gemm must take the shim's loops");
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable calls = () -> {
      DoubleMatrix z = new DoubleMatrix(256, 1);
      for (int r = 0; r < 200; r++) {
        Blas.gemm(N, N, 1.0, W, x, 0.0, z);
        if (!Arrays.equals(first.data, z.data)) {
          failure.set(new AssertionError("call " + r + " on " + Thread.currentThread()));
          return;
        }
      }
    };
    Thread other = new Thread(calls);
    other.start();
    calls.run();
    other.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }

  /** Large products on the Java backend share their column blocks with the worker thread. */
  @Test
  void largeJavaProductsUseBothCores() {
    assumeTrue(Parallel.ENABLED, "one core, or -Dnetc.threads=1");
    DoubleMatrix A = DoubleMatrix.randn(300, 300);
    DoubleMatrix C = new DoubleMatrix(300, 300);
    long before = Parallel.workerChunks();
    for (int i = 0; i < 20 && Parallel.workerChunks() == before; i++) {
      Blas.gemm(Blas.Backend.JAVA, N, N, 1.0, A, A, 0.0, C);
    }
    assertTrue(Parallel.workerChunks() > before, "the worker never took a column block");
  }

  /**
   * Where no native library loads (simulated), the first product chooses the Java backend, says
   * so in one line on standard error (once, however many products and backend() calls follow),
   * and computes correctly; the same switch with a forced native backend fails saying why.
   */
  @Test
  void whereNoNativeLibraryLoadsTheJavaBackendIsChosenAndSaidOnce(@TempDir Path dir)
      throws Exception {
    Run run = run(dir, 0, "-Dnetc.blas.simulateNoNative=true", FallbackProbe.class.getName());
    assertTrue(run.out.contains("backend: " + Blas.JAVA_DESCRIPTION), run.out);
    assertTrue(run.out.contains("selected: automatically, because no native library loads here"
        + " (OpenBLAS: native libraries are switched off"), run.out);
    assertTrue(run.out.contains("product: OK"), run.out);
    List<String> notices =
        run.err.lines().filter(l -> l.startsWith("netc: no native BLAS loads on ")).toList();
    assertEquals(1, notices.size(), run.err);
    assertTrue(notices.get(0).contains("matrix products run on netc's pure-Java backend"),
        run.err);
    assertEquals(1, run.err.lines().count(), "nothing else on standard error: " + run.err);

    Run check = run(dir, 0, "-Dnetc.blas.simulateNoNative=true", NativeCheck.class.getName());
    assertTrue(check.out.contains("backend in use: java (selected: automatically"), check.out);
    assertTrue(check.out.contains("OK: java dgemm agrees"), check.out);
    assertTrue(check.out.contains("OK: java sgemm agrees"), check.out);
    assertFalse(check.out.contains("OK: jblas"), check.out);

    Run jblas =
        run(dir, 2, "-Dnetc.blas.simulateNoNative=true", "-Dnetc.blas=jblas",
            NativeCheck.class.getName());
    assertTrue(jblas.out.contains("FAILED: native BLAS is not available: native libraries are"
        + " switched off"), jblas.out);
  }

  @Test
  void forcingTheJavaBackendRunsItWithoutANotice(@TempDir Path dir) throws Exception {
    Run run = run(dir, 0, "-Dnetc.blas=java", FallbackProbe.class.getName());
    assertTrue(run.out.contains("selected: forced by -Dnetc.blas=java"), run.out);
    assertTrue(run.out.contains("product: OK"), run.out);
    assertEquals("", run.err.strip(), "standard error");
  }

  /** Run in a fresh JVM by the tests above. */
  static final class FallbackProbe {
    public static void main(String[] args) {
      String backend = Blas.backend();
      Blas.backend();
      System.out.println("backend: " + backend);
      DoubleMatrix A = new DoubleMatrix(new double[][] {{1, 2, 3}, {4, 5, 6}});
      DoubleMatrix C = new DoubleMatrix(2, 2);
      for (int i = 0; i < 3; i++) {
        Blas.gemm(N, T, 1.0, A, A, 0.0, C); // A*A^T = {{14, 32}, {32, 77}}
      }
      FloatMatrix F = new FloatMatrix(2, 2);
      Blas.gemm(N, T, 1.0f, A.toFloat(), A.toFloat(), 0.0f, F);
      boolean ok = Arrays.equals(C.data, new double[] {14, 32, 32, 77})
          && Arrays.equals(F.data, new float[] {14, 32, 32, 77});
      System.out.println("product: " + (ok ? "OK" : "wrong: " + C + " " + F));
    }
  }

  private record Run(String out, String err) {}

  private static Run run(Path dir, int expectedStatus, String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(List.of(arguments));
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = p.waitFor();
    String errText = Files.readString(err);
    assertEquals(expectedStatus, status, out + errText);
    return new Run(out, errText);
  }

  private static DoubleMatrix widen(FloatMatrix M) {
    DoubleMatrix D = new DoubleMatrix(M.rows, M.columns);
    D.data = new double[M.data.length];
    for (int i = 0; i < M.data.length; i++) {
      D.data[i] = M.data[i];
    }
    return D;
  }

  /**
   * Random operands whose data arrays are longer than rows*columns (every path must use only the
   * leading part and write nothing past C), and a C full of NaN when {@code beta = 0} (it must
   * not leak through).
   */
  private static final class Operands {
    final DoubleMatrix A;
    final DoubleMatrix B;
    final DoubleMatrix C0;
    private final double[] aBefore;
    private final double[] bBefore;
    private final int k;
    private final int size;

    Operands(Blas.Op opA, Blas.Op opB, int p, int k, int q, double beta) {
      Random rng = new Random(31L * p + 7L * k + q + (opA == T ? 1 : 0) + (opB == T ? 2 : 0));
      A = padded(rng, opA == N ? p : k, opA == N ? k : p);
      B = padded(rng, opB == N ? k : q, opB == N ? q : k);
      C0 = padded(rng, p, q);
      this.k = k;
      size = p * q;
      if (beta == 0.0) {
        Arrays.fill(C0.data, 0, size, Double.NaN);
      }
      aBefore = A.data.clone();
      bBefore = B.data.clone();
      this.opA = opA;
      this.opB = opB;
    }

    private final Blas.Op opA;
    private final Blas.Op opB;

    DoubleMatrix c() {
      DoubleMatrix C = new DoubleMatrix(C0.rows, C0.columns);
      C.data = C0.data.clone();
      return C;
    }

    FloatMatrix cFloat() {
      FloatMatrix C = new FloatMatrix(C0.rows, C0.columns);
      C.data = new float[C0.data.length];
      for (int i = 0; i < C.data.length; i++) {
        C.data[i] = (float) C0.data[i];
      }
      return C;
    }

    DoubleMatrix expected(double alpha, double beta) {
      DoubleMatrix E = c();
      if (beta == 0.0) {
        Arrays.fill(E.data, 0, size, 0.0);
      }
      NativeCheck.naive(opA, opB, alpha, A, B, beta, E);
      return E;
    }

    /** The definition in double on the operands rounded to float. */
    DoubleMatrix expectedInFloat(double alpha, double beta) {
      DoubleMatrix E = widen(cFloat());
      if (beta == 0.0) {
        Arrays.fill(E.data, 0, size, 0.0);
      }
      NativeCheck.naive(opA, opB, (float) alpha, widen(A.toFloat()), widen(B.toFloat()),
          (float) beta, E);
      return E;
    }

    /** Within {@code unit * max(1, k)} relative to {@code max(1, |expected|)}, nothing past C. */
    void assertClose(DoubleMatrix expected, DoubleMatrix actual, double unit, String what) {
      double tolerance = unit * Math.max(1, k);
      for (int i = 0; i < size; i++) {
        double scale = Math.max(1.0, Math.abs(expected.data[i]));
        assertEquals(expected.data[i], actual.data[i], tolerance * scale, what + " at " + i);
      }
      for (int i = size; i < actual.data.length; i++) {
        assertEquals((float) C0.data[i], (float) actual.data[i], 0.0f,
            what + " wrote past C at " + i);
      }
    }

    void assertInputsUnchanged() {
      assertArrayEquals(aBefore, A.data, 0.0, "A must not change");
      assertArrayEquals(bBefore, B.data, 0.0, "B must not change");
    }

    private static DoubleMatrix padded(Random rng, int rows, int columns) {
      double[] data = new double[rows * columns + 3];
      for (int i = 0; i < data.length; i++) {
        data[i] = rng.nextGaussian();
      }
      DoubleMatrix M = new DoubleMatrix(rows, columns);
      M.data = data;
      return M;
    }
  }
}
