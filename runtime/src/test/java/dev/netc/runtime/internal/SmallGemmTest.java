package dev.netc.runtime.internal;

import static dev.netc.runtime.internal.Blas.Op.N;
import static dev.netc.runtime.internal.Blas.Op.T;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/**
 * The Java loops for small products against the definition and both native backends: every
 * transpose combination, every {@code op(A)} up to 6x6 (beyond what {@link Blas#gemm} sends
 * there, so that every row block and term count is covered), odd widths, {@code alpha} 1, 0.7, -2
 * and 0, {@code beta} 0 (with NaN in C), 1, -1.5 and 0.25, and data arrays longer than the
 * shapes.
 */
class SmallGemmTest {

  private static final double[] ALPHAS = {1.0, 0.7, -2.0, 0.0};
  private static final double[] BETAS = {0.0, 1.0, -1.5, 0.25};

  @Test
  void matchesTheDefinitionAndBothBackends() {
    Random rng = new Random(4);
    boolean openBlas = OpenBlas.available();
    assertEquals(
        4 * 6 * 7 * 4,
        sweep((opA, opB, p, k, q, alpha, beta) ->
            check(rng, opA, opB, p, k, q, alpha, beta, openBlas)));
  }

  /** One product of {@link #sweep}. */
  interface Case {
    void check(Blas.Op opA, Blas.Op opB, int p, int k, int q, double alpha, double beta);
  }

  /**
   * Every product of the sweep, in order (each transpose pair, {@code op(A)} {@code p x k} up to
   * 6x6, widths 1, 2, 5 and 33, the alphas and betas in turn), for both precisions' tests;
   * returns how many.
   */
  static int sweep(Case c) {
    int cases = 0;
    for (Blas.Op opA : Blas.Op.values()) {
      for (Blas.Op opB : Blas.Op.values()) {
        for (int p = 1; p <= 6; p++) {
          for (int k = 0; k <= 6; k++) {
            for (int q : new int[] {1, 2, 5, 33}) {
              double alpha = ALPHAS[cases % ALPHAS.length];
              double beta = BETAS[(cases / ALPHAS.length) % BETAS.length];
              c.check(opA, opB, p, k, q, alpha, beta);
              cases++;
            }
          }
        }
      }
    }
    return cases;
  }

  private static void check(
      Random rng, Blas.Op opA, Blas.Op opB, int p, int k, int q, double alpha, double beta,
      boolean openBlas) {
    String what = opA + "" + opB + " " + p + "x" + k + "x" + q + " alpha=" + alpha + " beta="
        + beta;
    DoubleMatrix A = padded(rng, opA == N ? p : k, opA == N ? k : p);
    DoubleMatrix B = padded(rng, opB == N ? k : q, opB == N ? q : k);
    DoubleMatrix C0 = padded(rng, p, q);
    DoubleMatrix expected = copyOf(C0);
    if (beta == 0.0) {
      Arrays.fill(C0.data, 0, p * q, Double.NaN); // must not leak through beta = 0
      Arrays.fill(expected.data, 0, p * q, 0.0);
    }
    NativeCheck.naive(opA, opB, alpha, A, B, beta, expected);
    DoubleMatrix aBefore = copyOf(A);
    DoubleMatrix bBefore = copyOf(B);

    DoubleMatrix java = copyOf(C0);
    SmallGemm.gemm(opA == T, opB == T, p, q, k, alpha, A.data, A.rows, B.data, B.rows, beta,
        java.data);
    DoubleMatrix jblas = copyOf(C0);
    Blas.gemm(Blas.Backend.JBLAS, opA, opB, alpha, A, B, beta, jblas);

    double tolerance = 1e-14 * Math.max(1, k);
    for (int i = 0; i < p * q; i++) {
      double scale = Math.max(1.0, Math.abs(expected.data[i]));
      assertEquals(expected.data[i], java.data[i], tolerance * scale, what + " at " + i);
      assertEquals(jblas.data[i], java.data[i], tolerance * scale, what + ": jblas at " + i);
    }
    if (openBlas) {
      DoubleMatrix viaOpenBlas = copyOf(C0);
      Blas.gemm(Blas.Backend.OPENBLAS, opA, opB, alpha, A, B, beta, viaOpenBlas);
      for (int i = 0; i < p * q; i++) {
        double scale = Math.max(1.0, Math.abs(expected.data[i]));
        assertEquals(viaOpenBlas.data[i], java.data[i], tolerance * scale,
            what + ": openblas at " + i);
      }
    }
    for (int i = p * q; i < C0.data.length; i++) {
      assertEquals(C0.data[i], java.data[i], 0.0, what + ": wrote past C at " + i);
    }
    assertArrayEquals(aBefore.data, A.data, 0.0, what + ": A must not change");
    assertArrayEquals(bBefore.data, B.data, 0.0, what + ": B must not change");
  }

  @Test
  void alphaZeroReadsNeitherInput() {
    DoubleMatrix A = new DoubleMatrix(2, 2, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    DoubleMatrix C = new DoubleMatrix(2, 3, 1, 2, 3, 4, 5, 6);
    SmallGemm.gemm(false, false, 2, 3, 2, 0.0, A.data, 2, new double[6], 2, 2.0, C.data);
    assertArrayEquals(new double[] {2, 4, 6, 8, 10, 12}, C.data, 0.0);
  }

  @Test
  void blasSendsOnlyTinyLeftOperandsHere() {
    assertTrue(SmallGemm.small(4, 400, 2)); // W1 * X on the planar network
    assertTrue(SmallGemm.small(1, 400, 4)); // W2 * A1
    assertTrue(SmallGemm.small(4, 400, 1)); // W2^T * dZ2
    assertFalse(SmallGemm.small(1, 4, 400)); // dZ2 * A1^T: BLAS is faster
    assertFalse(SmallGemm.small(5, 400, 2));
    assertFalse(SmallGemm.small(4, 400, 5));
    assertFalse(SmallGemm.small(4, 100_000, 4)); // BLAS's second thread wins
  }

  @Test
  void blasGemmUsesTheseLoopsForSmallProducts() {
    Random rng = new Random(9);
    DoubleMatrix W = BlasTest.random(rng, 4, 2);
    DoubleMatrix X = BlasTest.random(rng, 2, 400);
    DoubleMatrix viaBlas = BlasTest.random(rng, 4, 400);
    DoubleMatrix direct = viaBlas.dup();
    Blas.gemm(N, N, 1.0, W, X, 1.0, viaBlas);
    SmallGemm.gemm(false, false, 4, 400, 2, 1.0, W.data, 4, X.data, 2, 1.0, direct.data);
    assertArrayEquals(direct.data, viaBlas.data, 0.0);
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
}
