package dev.netc.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

class KernelsTest {

  private final Random rng = new Random(7);

  @Test
  void broadcastColumnsCopiesBIntoEveryColumn() {
    DoubleMatrix b = new DoubleMatrix(3, 1, 1, 2, 3);
    DoubleMatrix Z = BlasTest.random(rng, 3, 4);
    Kernels.broadcastColumns(b, Z);
    for (int j = 0; j < 4; j++) {
      for (int i = 0; i < 3; i++) {
        assertEquals(b.get(i, 0), Z.get(i, j));
      }
    }
  }

  @Test
  void subtractIsElementWise() {
    DoubleMatrix A = BlasTest.random(rng, 3, 5);
    DoubleMatrix B = BlasTest.random(rng, 3, 5);
    DoubleMatrix C = new DoubleMatrix(3, 5);
    Kernels.subtract(A, B, C);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 5; j++) {
        assertEquals(A.get(i, j) - B.get(i, j), C.get(i, j), 0.0);
      }
    }
    DoubleMatrix expected = C.dup();
    Kernels.subtract(A, B, A); // in place
    assertArrayEquals(expected.data, A.data, 0.0);
  }

  @Test
  void sumColumnsScalesTheRowSums() {
    DoubleMatrix dZ = BlasTest.random(rng, 4, 7);
    DoubleMatrix db = new DoubleMatrix(4, 1, 9, 9, 9, 9); // old contents must not matter
    Kernels.sumColumns(1.0 / 7, dZ, db);
    for (int i = 0; i < 4; i++) {
      double sum = 0;
      for (int j = 0; j < 7; j++) {
        sum += dZ.get(i, j);
      }
      assertEquals(sum / 7, db.get(i, 0), 1e-15);
    }
  }

  /** One row (an output unit) takes a shortcut; it must add in the same order as the loop. */
  @Test
  void oneRowShortcutsMatchTheGeneralLoops() {
    DoubleMatrix dZ = BlasTest.random(rng, 1, 401);
    DoubleMatrix db = new DoubleMatrix(1, 1);
    Kernels.sumColumns(1.0 / 401, dZ, db);
    double sum = 0.0;
    for (double v : dZ.data) {
      sum += v;
    }
    assertEquals(Double.doubleToLongBits(1.0 / 401 * sum), Double.doubleToLongBits(db.get(0)));
    DoubleMatrix b = new DoubleMatrix(1, 1, -2.5);
    Kernels.broadcastColumns(b, dZ);
    for (int j = 0; j < 401; j++) {
      assertEquals(-2.5, dZ.get(0, j), 0.0);
    }
  }

  /** Two to four rows take another shortcut; it too must add in the order of the loop. */
  @Test
  void fewRowShortcutsMatchTheGeneralLoops() {
    for (int n = 2; n <= 5; n++) {
      for (int m : new int[] {1, 2, 3, 401}) {
        DoubleMatrix dZ = BlasTest.random(rng, n, m);
        DoubleMatrix db = new DoubleMatrix(n, 1);
        Kernels.sumColumns(1.0 / m, dZ, db);
        for (int i = 0; i < n; i++) {
          double sum = dZ.get(i, 0);
          for (int j = 1; j < m; j++) {
            sum += dZ.get(i, j);
          }
          assertEquals(Double.doubleToLongBits(1.0 / m * sum), Double.doubleToLongBits(db.get(i)),
              n + "x" + m + " row " + i);
        }
      }
    }
  }

  /**
   * From 8 rows and 2^15 entries on, four parts of the columns are summed apart (shared between
   * two cores) and then added, (s0 + s1) + (s2 + s3): exactly that, whoever sums which part;
   * below, one pass in order.
   */
  @Test
  void largeSumsAddFourParts() {
    int[][] shapes = {{8, 4096}, {8, 4095}, {7, 10_001}, {9, 3641}, {256, 1001}, {300, 2}};
    for (int[] shape : shapes) {
      int n = shape[0];
      int m = shape[1];
      DoubleMatrix dZ = BlasTest.random(rng, n, m);
      DoubleMatrix db = new DoubleMatrix(n, 1);
      boolean parts = n >= 8 && m >= 4 && (long) n * m >= 1 << 15;
      for (int round = 0; round < 3; round++) { // the worker may or may not take parts
        Kernels.sumColumns(1.0 / m, dZ, db);
        for (int i = 0; i < n; i++) {
          double sum;
          if (parts) {
            double[] p = new double[4];
            for (int k = 0; k < 4; k++) {
              int from = k * m / 4;
              p[k] = dZ.get(i, from);
              for (int j = from + 1; j < (k + 1) * m / 4; j++) {
                p[k] += dZ.get(i, j);
              }
            }
            sum = (p[0] + p[1]) + (p[2] + p[3]);
          } else {
            sum = dZ.get(i, 0);
            for (int j = 1; j < m; j++) {
              sum += dZ.get(i, j);
            }
          }
          assertEquals(Double.doubleToLongBits(1.0 / m * sum), Double.doubleToLongBits(db.get(i)),
              n + "x" + m + " row " + i);
        }
      }
    }
  }

  /** Columns are copied in doubling blocks; every shape must end with b in every column. */
  @Test
  void broadcastColumnsFillsEveryColumnOfEveryShape() {
    for (int n : new int[] {2, 3, 4, 5, 7, 600, 2048, 2049, 3000}) {
      for (int m : new int[] {1, 2, 3, 5, 401}) {
        DoubleMatrix b = BlasTest.random(rng, n, 1);
        DoubleMatrix Z = BlasTest.random(rng, n, m);
        Kernels.broadcastColumns(b, Z);
        for (int j = 0; j < m; j++) {
          for (int i = 0; i < n; i++) {
            assertEquals(b.get(i), Z.get(i, j), 0.0, n + "x" + m + " at (" + i + ", " + j + ")");
          }
        }
      }
    }
    // Large enough for two cores: columns split between the threads, short and long ones.
    for (int n : new int[] {1, 2, 3, 10, 63, 64, 300}) {
      DoubleMatrix b = BlasTest.random(rng, n, 1);
      DoubleMatrix Z = BlasTest.random(rng, n, 20_011);
      Kernels.broadcastColumns(b, Z);
      for (int j = 0; j < Z.columns; j++) {
        for (int i = 0; i < n; i++) {
          assertEquals(b.get(i), Z.get(i, j), 0.0, n + "x20011 at (" + i + ", " + j + ")");
        }
      }
    }
    Kernels.broadcastColumns(new DoubleMatrix(3, 1), new DoubleMatrix(3, 0)); // no columns
    Kernels.broadcastColumns(new DoubleMatrix(0, 1), new DoubleMatrix(0, 5)); // no rows
  }

  @Test
  void sumColumnsWorksWhenDbIsTheSingleColumnItself() {
    DoubleMatrix dZ = new DoubleMatrix(3, 1, 1, 2, 3);
    Kernels.sumColumns(0.5, dZ, dZ);
    assertArrayEquals(new double[] {0.5, 1, 1.5}, dZ.data, 0.0);
  }

  @Test
  void sumColumnsOfNoColumnsIsZero() {
    DoubleMatrix db = new DoubleMatrix(2, 1, 5, 5);
    Kernels.sumColumns(1.0, new DoubleMatrix(2, 0), db);
    assertArrayEquals(new double[] {0, 0}, db.data, 0.0);
  }

  @Test
  void axpyAddsScaledX() {
    DoubleMatrix X = BlasTest.random(rng, 2, 3);
    DoubleMatrix Y = BlasTest.random(rng, 2, 3);
    DoubleMatrix before = Y.dup();
    Kernels.axpy(-0.1, X, Y);
    for (int i = 0; i < 6; i++) {
      assertEquals(before.data[i] - 0.1 * X.data[i], Y.data[i], 0.0);
    }
  }

  @Test
  void shapeMismatchesNameTheShapes() {
    assertEquals(
        "broadcastColumns: b must be 4x1 to fill Z (4x10), got 3x1",
        assertThrows(
                IllegalArgumentException.class,
                () -> Kernels.broadcastColumns(new DoubleMatrix(3, 1), new DoubleMatrix(4, 10)))
            .getMessage());
    assertEquals(
        "subtract: A is 1x10, B is 1x9 and C is 1x10; all three must have the same shape",
        assertThrows(
                IllegalArgumentException.class,
                () -> Kernels.subtract(new DoubleMatrix(1, 10), new DoubleMatrix(1, 9),
                    new DoubleMatrix(1, 10)))
            .getMessage());
    assertEquals(
        "sumColumns: db must be 4x1 to hold the sums of dZ (4x10), got 1x4",
        assertThrows(
                IllegalArgumentException.class,
                () -> Kernels.sumColumns(1, new DoubleMatrix(4, 10), new DoubleMatrix(1, 4)))
            .getMessage());
    assertEquals(
        "axpy: X is 4x2 and Y is 2x4; both must have the same shape",
        assertThrows(
                IllegalArgumentException.class,
                () -> Kernels.axpy(1, new DoubleMatrix(4, 2), new DoubleMatrix(2, 4)))
            .getMessage());
  }
}
