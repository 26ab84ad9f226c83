package dev.netc.runtime.internal;

import static dev.netc.runtime.internal.FloatTesting.assertBits;
import static dev.netc.runtime.internal.FloatTesting.widen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.Test;

/** The single-precision kernels: values, the double kernels' messages, and sumColumns' sums. */
class KernelsFloatTest {

  private final Random rng = new Random(23);

  @Test
  void broadcastColumnsCopiesBIntoEveryColumn() {
    // Columns are copied in doubling blocks: shapes around the block size, and partial blocks.
    for (int n : new int[] {1, 3, 17, 63, 64, 600, 4096, 4097, 5000}) {
      for (int m : new int[] {1, 2, 3, 41, n < 100 ? 20_011 : 5}) { // long ones on two cores
        FloatMatrix b = FloatTesting.random(rng, n, 1);
        FloatMatrix Z = FloatTesting.random(rng, n, m);
        Kernels.broadcastColumns(b, Z);
        for (int j = 0; j < m; j++) {
          for (int i = 0; i < n; i++) {
            assertBits(b.get(i, 0), Z.get(i, j), n + "x" + m + ": Z(" + i + ", " + j + ")");
          }
        }
      }
    }
    Kernels.broadcastColumns(new FloatMatrix(3, 1), new FloatMatrix(3, 0)); // no columns
    Kernels.broadcastColumns(new FloatMatrix(0, 1), new FloatMatrix(0, 5)); // no rows
  }

  @Test
  void subtractIsTheFloatDifference() {
    FloatMatrix A = FloatTesting.random(rng, 3, 5);
    FloatMatrix B = FloatTesting.random(rng, 3, 5);
    FloatMatrix C = new FloatMatrix(3, 5);
    Kernels.subtract(A, B, C);
    for (int i = 0; i < 15; i++) {
      assertBits(A.data[i] - B.data[i], C.data[i], "entry " + i);
    }
    FloatMatrix expected = C.dup();
    Kernels.subtract(A, B, A); // in place, into the first operand
    for (int i = 0; i < 15; i++) {
      assertBits(expected.data[i], A.data[i], "in place, entry " + i);
    }
  }

  @Test
  void axpyAddsScaledX() {
    FloatMatrix X = FloatTesting.random(rng, 2, 3);
    FloatMatrix Y = FloatTesting.random(rng, 2, 3);
    FloatMatrix before = Y.dup();
    Kernels.axpy(-0.1f, X, Y);
    for (int i = 0; i < 6; i++) {
      assertBits(before.data[i] + -0.1f * X.data[i], Y.data[i], "entry " + i);
    }
  }

  /**
   * Each row is summed in double in column order and rounded once: exactly the double kernel on
   * the same values, rounded to float, for every row count around the blocks of eight.
   */
  @Test
  void sumColumnsIsTheDoubleKernelRoundedToFloat() {
    int[][] shapes = {{1, 1}, {1, 401}, {3, 1}, {7, 9}, {8, 1}, {8, 33}, {9, 2}, {13, 100},
      {16, 7}, {23, 250}, {256, 300}, {64, 1001}, {8, 4096}, {8, 4095}};
    for (int[] s : shapes) {
      FloatMatrix dZ = FloatTesting.random(rng, s[0], s[1], 3);
      FloatMatrix db = FloatTesting.random(rng, s[0], 1); // old contents must not matter
      float alpha = 1.0f / s[1];
      Kernels.sumColumns(alpha, dZ, db);
      DoubleMatrix expected = new DoubleMatrix(s[0], 1);
      Kernels.sumColumns((double) alpha, widen(dZ), expected);
      for (int i = 0; i < s[0]; i++) {
        assertBits((float) expected.data[i], db.data[i], s[0] + "x" + s[1] + " row " + i);
      }
    }
  }

  /**
   * Gradient sums nearly cancel; a float accumulator would lose most digits of them, the double
   * sums keep the float-rounded exact value.
   */
  @Test
  void sumColumnsKeepsTheDigitsOfSumsThatCancel() {
    int n = 12;
    int m = 10_000;
    FloatMatrix dZ = new FloatMatrix(n, m);
    for (int i = 0; i < dZ.length; i++) {
      dZ.data[i] = (float) (rng.nextGaussian() * 1000 + 0.25);
    }
    FloatMatrix db = new FloatMatrix(n, 1);
    Kernels.sumColumns(1.0f, dZ, db);
    double worstNaive = 0.0;
    for (int i = 0; i < n; i++) {
      BigDecimal exact = BigDecimal.ZERO;
      float naive = 0.0f;
      for (int j = 0; j < m; j++) {
        exact = exact.add(new BigDecimal(dZ.get(i, j)));
        naive += dZ.get(i, j);
      }
      double e = exact.doubleValue();
      // Double sums of 10,000 floats of size 1e3: error below 1e-8, far under a float ulp here.
      assertTrue(Math.abs(db.data[i] - e) <= Math.ulp((float) e), "row " + i);
      worstNaive = Math.max(worstNaive, Math.abs(naive - e) / Math.ulp((float) e));
    }
    assertTrue(worstNaive > 4, "a float accumulator was off by only " + worstNaive + " ulp");
  }

  @Test
  void sumColumnsEdgeCases() {
    FloatMatrix single = new FloatMatrix(3, 1, 1, 2, 3);
    Kernels.sumColumns(0.5f, single, single); // db may be dZ itself when m == 1
    assertBits(0.5f, single.data[0], "row 0");
    assertBits(1.5f, single.data[2], "row 2");
    FloatMatrix nine = FloatTesting.random(rng, 9, 1);
    FloatMatrix expected = nine.mul(2.0f);
    Kernels.sumColumns(2.0f, nine, nine);
    for (int i = 0; i < 9; i++) {
      assertBits(expected.data[i], nine.data[i], "in place, row " + i);
    }
    FloatMatrix db = new FloatMatrix(2, 1, 5, 5);
    Kernels.sumColumns(1.0f, new FloatMatrix(2, 0), db);
    assertBits(0.0f, db.data[0], "no columns");
    assertBits(0.0f, db.data[1], "no columns");
    FloatMatrix negativeZeros = new FloatMatrix(9, 2);
    java.util.Arrays.fill(negativeZeros.data, -0.0f);
    FloatMatrix sums = new FloatMatrix(9, 1);
    Kernels.sumColumns(1.0f, negativeZeros, sums);
    for (int i = 0; i < 9; i++) {
      assertBits(-0.0f, sums.data[i], "-0.0 + -0.0, row " + i);
    }
  }

  @Test
  void shapeMismatchesSayWhatTheDoubleKernelsSay() {
    assertEquals(
        "broadcastColumns: b must be 4x1 to fill Z (4x10), got 3x1",
        message(() -> Kernels.broadcastColumns(new FloatMatrix(3, 1), new FloatMatrix(4, 10))));
    assertEquals(
        message(() -> Kernels.broadcastColumns(new DoubleMatrix(4, 2), new DoubleMatrix(4, 10))),
        message(() -> Kernels.broadcastColumns(new FloatMatrix(4, 2), new FloatMatrix(4, 10))));
    assertEquals(
        "subtract: A is 1x10, B is 1x9 and C is 1x10; all three must have the same shape",
        message(() -> Kernels.subtract(new FloatMatrix(1, 10), new FloatMatrix(1, 9),
            new FloatMatrix(1, 10))));
    assertEquals(
        message(() -> Kernels.subtract(new DoubleMatrix(1, 10), new DoubleMatrix(1, 10),
            new DoubleMatrix(10, 1))),
        message(() -> Kernels.subtract(new FloatMatrix(1, 10), new FloatMatrix(1, 10),
            new FloatMatrix(10, 1))));
    assertEquals(
        "sumColumns: db must be 4x1 to hold the sums of dZ (4x10), got 1x4",
        message(() -> Kernels.sumColumns(1f, new FloatMatrix(4, 10), new FloatMatrix(1, 4))));
    assertEquals(
        message(() -> Kernels.sumColumns(1, new DoubleMatrix(4, 10), new DoubleMatrix(3, 1))),
        message(() -> Kernels.sumColumns(1f, new FloatMatrix(4, 10), new FloatMatrix(3, 1))));
    assertEquals(
        "axpy: X is 4x2 and Y is 2x4; both must have the same shape",
        message(() -> Kernels.axpy(1f, new FloatMatrix(4, 2), new FloatMatrix(2, 4))));
  }

  private static String message(Runnable call) {
    return assertThrows(IllegalArgumentException.class, call::run).getMessage();
  }
}
