package dev.netc.runtime.internal;

import static dev.netc.runtime.internal.Blas.Op.N;
import static dev.netc.runtime.internal.Blas.Op.T;
import static dev.netc.runtime.internal.FloatTesting.abs;
import static dev.netc.runtime.internal.FloatTesting.copyOf;
import static dev.netc.runtime.internal.FloatTesting.padded;
import static dev.netc.runtime.internal.FloatTesting.widen;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Single-precision {@code gemm} on both backends against the definition (Java loops in double on
 * the same float inputs), against each other and against {@code dgemm}; the checks and messages
 * are those of the double version.
 */
class BlasFloatTest {

  private static final boolean OPENBLAS_EXPECTED =
      NativeLibraries.linuxAmd64() && OpenBlas.shimResource() != null;

  static Stream<Arguments> shapes() {
    List<Arguments> cases = new ArrayList<>();
    int[][] sizes = {
      {4, 3, 5}, {1, 1, 1}, {1, 7, 1}, {9, 1, 6}, {33, 17, 65}, {2, 40, 3}, {4, 0, 5},
      {13, 211, 7}, {301, 129, 257}
    };
    float[][] scalars = {{1.0f, 0.0f}, {0.7f, -1.5f}, {-2.0f, 1.0f}};
    int n = 0;
    for (int[] s : sizes) {
      for (Blas.Op opA : Blas.Op.values()) {
        for (Blas.Op opB : Blas.Op.values()) {
          float[] ab = scalars[n++ % scalars.length];
          cases.add(Arguments.of(opA, opB, s[0], s[1], s[2], ab[0], ab[1]));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}{1} {2}x{3}x{4} alpha={5} beta={6}")
  @MethodSource("shapes")
  void bothBackendsMatchTheDefinitionAndEachOther(
      Blas.Op opA, Blas.Op opB, int p, int k, int q, float alpha, float beta) {
    Random rng = new Random(31L * p + 7L * k + q);
    // Data arrays longer than rows*columns: the backends must use only the leading part.
    FloatMatrix A = padded(rng, opA == N ? p : k, opA == N ? k : p);
    FloatMatrix B = padded(rng, opB == N ? k : q, opB == N ? q : k);
    FloatMatrix C0 = padded(rng, p, q);
    if (beta == 0.0f) {
      Arrays.fill(C0.data, 0, p * q, Float.NaN); // must not leak through beta = 0
    }
    // The definition, in double on the same float values, and the float rounding bound for each
    // entry: (k + 2) roundings of 2^-24 of the magnitudes that were added (doubled for slack).
    DoubleMatrix exact = widen(C0);
    if (beta == 0.0f) {
      Arrays.fill(exact.data, 0, p * q, 0.0);
    }
    NativeCheck.naive(opA, opB, alpha, widen(A), widen(B), beta, exact);
    DoubleMatrix magnitude = abs(widen(C0));
    if (beta == 0.0f) {
      Arrays.fill(magnitude.data, 0, p * q, 0.0);
    }
    NativeCheck.naive(opA, opB, Math.abs(alpha), abs(widen(A)), abs(widen(B)), Math.abs(beta),
        magnitude);
    double u = (k + 2) * 0x1p-24 * 2;
    float[] aBefore = A.data.clone();
    float[] bBefore = B.data.clone();

    List<Blas.Backend> backends = new ArrayList<>(List.of(Blas.Backend.JBLAS));
    if (openBlasAvailable()) {
      backends.add(Blas.Backend.OPENBLAS);
    }
    List<FloatMatrix> results = new ArrayList<>();
    for (Blas.Backend backend : backends) {
      FloatMatrix C = copyOf(C0);
      Blas.gemm(backend, opA, opB, alpha, A, B, beta, C);
      for (int i = 0; i < p * q; i++) {
        assertEquals(exact.data[i], C.data[i], u * magnitude.data[i] + Float.MIN_VALUE,
            backend + " at " + i);
      }
      for (int i = p * q; i < C0.data.length; i++) {
        assertEquals(C0.data[i], C.data[i], 0.0f, backend + " wrote past C at " + i);
      }
      assertArrayEquals(aBefore, A.data, 0.0f, "A must not change");
      assertArrayEquals(bBefore, B.data, 0.0f, "B must not change");
      results.add(C);
    }
    if (results.size() == 2) {
      for (int i = 0; i < p * q; i++) {
        assertEquals(results.get(0).data[i], results.get(1).data[i],
            2 * u * magnitude.data[i] + Float.MIN_VALUE, "backends at " + i);
      }
    }
  }

  @Test
  void sgemmAgreesWithDgemmToSinglePrecision() {
    Random rng = new Random(5);
    FloatMatrix A = FloatTesting.random(rng, 64, 300);
    FloatMatrix B = FloatTesting.random(rng, 300, 50);
    FloatMatrix C = new FloatMatrix(64, 50);
    DoubleMatrix D = new DoubleMatrix(64, 50);
    Blas.gemm(N, N, 1.0f, A, B, 0.0f, C);
    Blas.gemm(N, N, 1.0, widen(A), widen(B), 0.0, D);
    double worst = 0.0;
    for (int i = 0; i < C.length; i++) {
      worst = Math.max(worst, Math.abs(C.data[i] - D.data[i]));
    }
    // Sums of 300 products of standard normals: about 17 in size, 1e-5 in float rounding.
    assertTrue(worst < 1e-4, "max |sgemm - dgemm| = " + worst);
  }

  @ParameterizedTest
  @EnumSource(Blas.Backend.class)
  void theSmallCasesOnEachBackend(Blas.Backend backend) {
    assumeTrue(backend == Blas.Backend.JBLAS || openBlasAvailable(), "no zero-copy OpenBLAS");
    FloatMatrix A = new FloatMatrix(2, 2, 1, 2, 3, 4);
    FloatMatrix C = new FloatMatrix(2, 2, Float.NaN, Float.NaN, Float.NaN, Float.NaN);
    Blas.gemm(backend, N, N, 1.0f, A, A, 0.0f, C);
    // A = [1 3; 2 4] (column-major), A*A = [7 15; 10 22]; beta = 0 ignores the NaNs
    assertArrayEquals(new float[] {7, 10, 15, 22}, C.data, 0.0f);
    FloatMatrix M = new FloatMatrix(2, 3, 1, 2, 3, 4, 5, 6);
    Blas.gemm(backend, N, T, 1.0f, M, M, 0.0f, C); // the same matrix as both inputs: M*M^T
    assertArrayEquals(new float[] {35, 44, 44, 56}, C.data, 0.0f);
    Blas.gemm(backend, T, N, 0.5f, M, M, 0.0f, new FloatMatrix(3, 3));
    // An empty inner dimension scales C by beta.
    FloatMatrix S = new FloatMatrix(3, 2, 1, 2, 3, 4, 5, 6);
    Blas.gemm(backend, N, N, 1.0f, new FloatMatrix(3, 0), new FloatMatrix(0, 2), 2.0f, S);
    assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, S.data, 0.0f);
    Blas.gemm(backend, T, T, 1.0f, new FloatMatrix(0, 3), new FloatMatrix(2, 0), 0.0f, S);
    assertArrayEquals(new float[6], S.data, 0.0f);
    // An empty result is a no-op.
    Blas.gemm(backend, N, N, 1.0f, new FloatMatrix(0, 3), new FloatMatrix(3, 2), 0.0f,
        new FloatMatrix(0, 2));
  }

  @Test
  void thePublicEntryPointUsesTheSelectedBackend() {
    FloatMatrix A = new FloatMatrix(2, 3, 1, 2, 3, 4, 5, 6);
    FloatMatrix C = new FloatMatrix(2, 2, 1, 1, 1, 1);
    Blas.gemm(N, T, 2.0f, A, A, -1.0f, C);
    assertArrayEquals(new float[] {69, 87, 87, 111}, C.data, 0.0f);
  }

  /** Every refusal, on both backends, says exactly what the double version says. */
  @ParameterizedTest
  @EnumSource(Blas.Backend.class)
  void refusalsSayWhatTheDoubleVersionSays(Blas.Backend backend) {
    assumeTrue(backend == Blas.Backend.JBLAS || openBlasAvailable(), "no zero-copy OpenBLAS");
    int[][] cases = { // opA, opB (0 = N), A, B, C shapes
      {0, 0, 4, 2, 3, 400, 4, 400}, // inner sizes differ
      {0, 1, 1, 400, 4, 399, 1, 4}, // dW = dZ * A^T with too few columns in A
      {1, 0, 4, 1, 4, 10, 4, 10}, // wrong output shape
      {1, 1, 5, 3, 4, 5, 2, 4} // wrong output shape, both transposed
    };
    for (int[] c : cases) {
      Blas.Op opA = c[0] == 0 ? N : T;
      Blas.Op opB = c[1] == 0 ? N : T;
      String expected =
          message(() -> Blas.gemm(backend, opA, opB, 1.0, new DoubleMatrix(c[2], c[3]),
              new DoubleMatrix(c[4], c[5]), 0.0, new DoubleMatrix(c[6], c[7])));
      String actual =
          message(() -> Blas.gemm(backend, opA, opB, 1.0f, new FloatMatrix(c[2], c[3]),
              new FloatMatrix(c[4], c[5]), 0.0f, new FloatMatrix(c[6], c[7])));
      assertEquals(expected, actual);
    }
    assertEquals(
        "gemm(N, N): op(A) is 4x2 and op(B) is 3x400 (A is 4x2, B is 3x400); columns of op(A)"
            + " must equal rows of op(B)",
        message(() -> Blas.gemm(backend, N, N, 1.0f, new FloatMatrix(4, 2),
            new FloatMatrix(3, 400), 0.0f, new FloatMatrix(4, 400))));

    FloatMatrix A = new FloatMatrix(3, 3);
    FloatMatrix B = new FloatMatrix(3, 3);
    DoubleMatrix dA = new DoubleMatrix(3, 3);
    DoubleMatrix dB = new DoubleMatrix(3, 3);
    assertEquals(
        message(() -> Blas.gemm(backend, N, T, 1, dA, dB, 0, dA)),
        message(() -> Blas.gemm(backend, N, T, 1, A, B, 0, A)));
    assertEquals(
        "gemm(N, T): C must not share storage with B; BLAS would read what it overwrites",
        message(() -> Blas.gemm(backend, N, T, 1, A, B, 0, new FloatMatrix(3, 3, B.data))));

    FloatMatrix shortA = new FloatMatrix(3, 3);
    shortA.data = new float[4];
    assertEquals(
        "gemm: A is 3x3 but its data array holds 4 values",
        message(() -> Blas.gemm(backend, N, N, 1, shortA, B, 0, new FloatMatrix(3, 3))));
    FloatMatrix shortC = new FloatMatrix(3, 3);
    shortC.data = new float[8];
    assertEquals(
        "gemm: C is 3x3 but its data array holds 8 values",
        message(() -> Blas.gemm(backend, N, N, 1, A, B, 0, shortC)));
  }

  /** NativeCheck (the install-time check script) also checks sgemm on every backend. */
  @Test
  void nativeCheckChecksSgemm() throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                NativeCheck.class.getName())
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), out);
    assertTrue(out.contains("OK: jblas sgemm agrees with the Java loops"), out);
    if (OpenBlas.available()) {
      assertTrue(out.contains("OK: openblas sgemm agrees with the Java loops"), out);
    }
  }

  private static boolean openBlasAvailable() {
    if (OPENBLAS_EXPECTED) {
      assertTrue(OpenBlas.available(), OpenBlas.unavailableReason());
    }
    return OpenBlas.available();
  }

  private static String message(Runnable call) {
    return assertThrows(IllegalArgumentException.class, call::run).getMessage();
  }
}
