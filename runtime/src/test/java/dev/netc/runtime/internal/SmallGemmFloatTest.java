package dev.netc.runtime.internal;

import static dev.netc.runtime.internal.Blas.Op.N;
import static dev.netc.runtime.internal.Blas.Op.T;
import static dev.netc.runtime.internal.FloatTesting.abs;
import static dev.netc.runtime.internal.FloatTesting.copyOf;
import static dev.netc.runtime.internal.FloatTesting.padded;
import static dev.netc.runtime.internal.FloatTesting.widen;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.Test;

/**
 * The float loops for small products ({@code FloatSmallGemm}, generated from {@link SmallGemm})
 * against the definition in double on the same float inputs and against both native backends'
 * {@code sgemm}: every transpose combination, every {@code op(A)} up to 6x6 (beyond the 4x4 that
 * {@link Blas#gemm} sends there, so that every row block and term count is covered), odd widths,
 * {@code alpha} 1, 0.7, -2 and 0, {@code beta} 0 (with NaN in C), 1, -1.5 and 0.25, and data
 * arrays longer than the shapes.
 */
class SmallGemmFloatTest {

  @Test
  void matchesTheDefinitionAndBothBackends() {
    Random rng = new Random(4);
    boolean openBlas = OpenBlas.available();
    // The double test's products, its alphas and betas rounded to float (0.7 becomes 0.7f).
    assertEquals(
        4 * 6 * 7 * 4,
        SmallGemmTest.sweep((opA, opB, p, k, q, alpha, beta) ->
            check(rng, opA, opB, p, k, q, (float) alpha, (float) beta, openBlas)));
  }

  private static void check(
      Random rng, Blas.Op opA, Blas.Op opB, int p, int k, int q, float alpha, float beta,
      boolean openBlas) {
    String what = opA + "" + opB + " " + p + "x" + k + "x" + q + " alpha=" + alpha + " beta="
        + beta;
    FloatMatrix A = padded(rng, opA == N ? p : k, opA == N ? k : p);
    FloatMatrix B = padded(rng, opB == N ? k : q, opB == N ? q : k);
    FloatMatrix C0 = padded(rng, p, q);
    // The definition in double on the same float values, and the float rounding bound of each
    // entry: (k + 2) roundings of 2^-24 of the magnitudes added (doubled for slack), as in
    // BlasFloatTest.
    DoubleMatrix exact = widen(C0);
    DoubleMatrix magnitude = abs(widen(C0));
    if (beta == 0.0f) {
      Arrays.fill(C0.data, 0, p * q, Float.NaN); // must not leak through beta = 0
      Arrays.fill(exact.data, 0, p * q, 0.0);
      Arrays.fill(magnitude.data, 0, p * q, 0.0);
    }
    NativeCheck.naive(opA, opB, alpha, widen(A), widen(B), beta, exact);
    NativeCheck.naive(opA, opB, Math.abs(alpha), abs(widen(A)), abs(widen(B)), Math.abs(beta),
        magnitude);
    double u = (k + 2) * 0x1p-24 * 2;
    float[] aBefore = A.data.clone();
    float[] bBefore = B.data.clone();

    FloatMatrix java = copyOf(C0);
    FloatSmallGemm.gemm(opA == T, opB == T, p, q, k, alpha, A.data, A.rows, B.data, B.rows, beta,
        java.data);
    FloatMatrix jblas = copyOf(C0);
    Blas.gemm(Blas.Backend.JBLAS, opA, opB, alpha, A, B, beta, jblas);
    for (int i = 0; i < p * q; i++) {
      double bound = u * magnitude.data[i] + Float.MIN_VALUE;
      assertEquals(exact.data[i], java.data[i], bound, what + " at " + i);
      assertEquals(jblas.data[i], java.data[i], 2 * bound, what + ": jblas at " + i);
    }
    if (openBlas) {
      FloatMatrix viaOpenBlas = copyOf(C0);
      Blas.gemm(Blas.Backend.OPENBLAS, opA, opB, alpha, A, B, beta, viaOpenBlas);
      for (int i = 0; i < p * q; i++) {
        double bound = u * magnitude.data[i] + Float.MIN_VALUE;
        assertEquals(viaOpenBlas.data[i], java.data[i], 2 * bound, what + ": openblas at " + i);
      }
    }
    for (int i = p * q; i < C0.data.length; i++) {
      assertEquals(C0.data[i], java.data[i], 0.0f, what + ": wrote past C at " + i);
    }
    assertArrayEquals(aBefore, A.data, 0.0f, what + ": A must not change");
    assertArrayEquals(bBefore, B.data, 0.0f, what + ": B must not change");
  }

  @Test
  void alphaZeroReadsNeitherInput() {
    FloatMatrix A = new FloatMatrix(2, 2, Float.NaN, Float.NaN, Float.NaN, Float.NaN);
    FloatMatrix C = new FloatMatrix(2, 3, 1, 2, 3, 4, 5, 6);
    FloatSmallGemm.gemm(false, false, 2, 3, 2, 0.0f, A.data, 2, new float[6], 2, 2.0f, C.data);
    assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, C.data, 0.0f);
    // alpha = 0 and beta = 0: zeros, whatever C held.
    Arrays.fill(C.data, Float.NaN);
    FloatSmallGemm.gemm(true, true, 2, 3, 2, 0.0f, A.data, 2, new float[6], 3, 0.0f, C.data);
    assertArrayEquals(new float[6], C.data, 0.0f);
  }

  @Test
  void blasGemmUsesTheseLoopsForSmallProducts() {
    Random rng = new Random(9);
    FloatMatrix W = FloatTesting.random(rng, 4, 2);
    FloatMatrix X = FloatTesting.random(rng, 2, 400);
    FloatMatrix viaBlas = FloatTesting.random(rng, 4, 400);
    FloatMatrix direct = viaBlas.dup();
    Blas.gemm(N, N, 1.0f, W, X, 1.0f, viaBlas);
    FloatSmallGemm.gemm(false, false, 4, 400, 2, 1.0f, W.data, 4, X.data, 2, 1.0f, direct.data);
    assertArrayEquals(direct.data, viaBlas.data, 0.0f);
  }
}
