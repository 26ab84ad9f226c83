package dev.netc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.Test;

class MetricsTest {

  private static final double EPS = 1e-12;

  @Test
  void binaryAccuracyThresholdsBothAtOneHalf() {
    DoubleMatrix A = new DoubleMatrix(1, 5, 0.2, 0.7, 0.5, 0.9, Double.NaN);
    DoubleMatrix Y = new DoubleMatrix(1, 5, 0, 1, 1, 0, 0);
    // predicted 0 1 0 1 0 -> right, right, wrong (0.5 is not > 0.5), wrong, right
    assertEquals(0.6, Metrics.accuracy(A, Y), EPS);
  }

  @Test
  void multiClassAccuracyComparesArgMax() {
    DoubleMatrix A = new DoubleMatrix(3, 4, 0.1, 0.7, 0.2, 0.5, 0.5, 0.0, 0.2, 0.3, 0.5, 1, 0, 0);
    DoubleMatrix Y = new DoubleMatrix(3, 4, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1);
    // arg-max of A: 1, 0 (first of the tie), 2, 0; of Y: 1, 0, 0, 2
    assertEquals(0.5, Metrics.accuracy(A, Y), EPS);
  }

  @Test
  void shapeMismatchNamesBothShapes() {
    assertEquals(
        "accuracy: Y must be 1x400 like A, got 2x400",
        assertThrows(
                IllegalArgumentException.class,
                () -> Metrics.accuracy(new DoubleMatrix(1, 400), new DoubleMatrix(2, 400)))
            .getMessage());
    assertEquals(
        "r2: Y must be 1x3 like A, got 1x4",
        assertThrows(
                IllegalArgumentException.class,
                () -> Metrics.r2(new DoubleMatrix(1, 3), new DoubleMatrix(1, 4)))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Metrics.meanSquaredError(new DoubleMatrix(1, 3), new DoubleMatrix(3, 1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> Metrics.confusion(new DoubleMatrix(1, 3), new DoubleMatrix(1, 2)));
    assertEquals(
        "accuracy: Y is 1x0; it needs at least one row and one column",
        assertThrows(
                IllegalArgumentException.class,
                () -> Metrics.accuracy(new DoubleMatrix(1, 0), new DoubleMatrix(1, 0)))
            .getMessage());
  }

  @Test
  void accuracyDoesNotAllocate() {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    DoubleMatrix A = DoubleMatrix.rand(10, 1000);
    DoubleMatrix Y = DoubleMatrix.rand(10, 1000);
    double sink = 0;
    for (int i = 0; i < 2000; i++) {
      sink += Metrics.accuracy(A, Y);
    }
    long tid = Thread.currentThread().getId();
    long before = bean.getThreadAllocatedBytes(tid);
    for (int i = 0; i < 1000; i++) {
      sink += Metrics.accuracy(A, Y);
    }
    long allocated = bean.getThreadAllocatedBytes(tid) - before;
    assertTrue(allocated < 1000, "1000 calls allocated " + allocated + " bytes");
    assertTrue(sink >= 0);
  }

  @Test
  void threeClassConfusionMatrixAndScores() {
    // actual    0 0 0 1 1 1 1 2 2 2
    // predicted 0 0 1 1 1 1 2 2 2 1
    int[] actual = {0, 0, 0, 1, 1, 1, 1, 2, 2, 2};
    int[] predicted = {0, 0, 1, 1, 1, 1, 2, 2, 2, 1};
    DoubleMatrix Y = new DoubleMatrix(3, 10);
    DoubleMatrix A = new DoubleMatrix(3, 10);
    for (int j = 0; j < 10; j++) {
      Y.put(actual[j], j, 1);
      A.put(predicted[j], j, 0.6); // softmax-like outputs, not one-hot
      A.put((predicted[j] + 1) % 3, j, 0.3);
      A.put((predicted[j] + 2) % 3, j, 0.1);
    }
    ConfusionMatrix c = Metrics.confusion(A, Y);
    int[][] expected = {{2, 1, 0}, {0, 3, 1}, {0, 1, 2}};
    for (int a = 0; a < 3; a++) {
      assertArrayEquals(expected[a], c.counts()[a]);
    }
    assertEquals(List.of("0", "1", "2"), c.classes());
    assertEquals(0.7, c.accuracy(), EPS);
    assertEquals(0.7, Metrics.accuracy(A, Y), EPS);
    assertEquals(1.0, c.precision(0), EPS);
    assertEquals(2.0 / 3, c.recall(0), EPS);
    assertEquals(0.8, c.f1(0), EPS);
    assertEquals(0.6, c.precision(1), EPS);
    assertEquals(0.75, c.recall(1), EPS);
    assertEquals(2.0 / 3, c.f1(1), EPS);
    assertEquals(2.0 / 3, c.precision(2), EPS);
    assertEquals(2.0 / 3, c.recall(2), EPS);
    assertEquals(2.0 / 3, c.f1(2), EPS);
    assertEquals((0.8 + 2.0 / 3 + 2.0 / 3) / 3, c.macroF1(), EPS);
    assertEquals(10, c.total());
    assertEquals(
        "class 3 does not exist; classes are 0..2",
        assertThrows(IllegalArgumentException.class, () -> c.precision(3)).getMessage());
  }

  @Test
  void binaryConfusionUsesClassOneAsPositive() {
    DoubleMatrix A = new DoubleMatrix(1, 6, 0.9, 0.8, 0.1, 0.2, 0.7, 0.4);
    DoubleMatrix Y = new DoubleMatrix(1, 6, 1, 1, 1, 0, 0, 0);
    // TP = 2, FN = 1, FP = 1, TN = 2
    ConfusionMatrix c = Metrics.confusion(A, Y, List.of("benign", "malignant"));
    assertArrayEquals(new int[] {2, 1}, c.counts()[0]);
    assertArrayEquals(new int[] {1, 2}, c.counts()[1]);
    assertEquals(2.0 / 3, c.precision(1), EPS);
    assertEquals(2.0 / 3, c.recall(1), EPS);
    assertEquals(
        "actual \\ predicted  benign  malignant\n"
            + "benign                   2          1\n"
            + "malignant                1          2\n",
        c.toString());
    assertEquals(List.of("0", "1"), Metrics.confusion(A, Y).classes());
    assertThrows(IllegalArgumentException.class, () -> Metrics.confusion(A, Y, List.of("x")));
  }

  @Test
  void zeroDenominatorsScoreZero() {
    // the model never predicts the positive class
    DoubleMatrix A = new DoubleMatrix(1, 4, 0.1, 0.2, 0.3, 0.4);
    DoubleMatrix Y = new DoubleMatrix(1, 4, 1, 0, 1, 0);
    ConfusionMatrix c = Metrics.confusion(A, Y);
    assertEquals(0.0, c.precision(1), 0.0);
    assertEquals(0.0, c.recall(1), 0.0);
    assertEquals(0.0, c.f1(1), 0.0);
    assertEquals(0.5, c.precision(0), EPS);
    assertEquals(1.0, c.recall(0), EPS);
    // a class that never occurs has recall 0
    ConfusionMatrix none = new ConfusionMatrix(new int[][] {{3, 0}, {0, 0}}, List.of("a", "b"));
    assertEquals(0.0, none.recall(1), 0.0);
    assertEquals(0.5, none.macroF1(), EPS);
  }

  @Test
  void confusionMatrixIsAValue() {
    int[][] counts = {{1, 2}, {3, 4}};
    ConfusionMatrix c = new ConfusionMatrix(counts, List.of("a", "b"));
    counts[0][0] = 99;
    assertEquals(1, c.count(0, 0));
    c.counts()[0][0] = 99;
    assertEquals(1, c.count(0, 0));
    assertEquals(c, new ConfusionMatrix(new int[][] {{1, 2}, {3, 4}}, List.of("a", "b")));
    assertEquals(
        c.hashCode(),
        new ConfusionMatrix(new int[][] {{1, 2}, {3, 4}}, List.of("a", "b")).hashCode());
    assertNotEquals(c, new ConfusionMatrix(new int[][] {{1, 2}, {3, 5}}, List.of("a", "b")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ConfusionMatrix(new int[][] {{1, 2}, {3}}, List.of("a", "b")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ConfusionMatrix(new int[][] {{1, -2}, {3, 4}}, List.of("a", "b")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ConfusionMatrix(new int[][] {{1, 2}, {3, 4}}, List.of("a")));
  }

  @Test
  void meanSquaredErrorIsPerExample() {
    DoubleMatrix Y = new DoubleMatrix(1, 3, 0, 0, 0);
    DoubleMatrix A = new DoubleMatrix(1, 3, 1, 2, 3);
    assertEquals(14.0 / 3, Metrics.meanSquaredError(A, Y), EPS);
    // two rows: (1/m) over all entries, m = 2
    DoubleMatrix A2 = new DoubleMatrix(2, 2, 1, 2, 3, 4);
    DoubleMatrix Y2 = new DoubleMatrix(2, 2, 0, 0, 0, 0);
    assertEquals(15.0, Metrics.meanSquaredError(A2, Y2), EPS);
  }

  @Test
  void r2OfPerfectMeanAndHandComputedPredictors() {
    DoubleMatrix Y = new DoubleMatrix(1, 3, 1, 2, 3);
    assertEquals(1.0, Metrics.r2(Y.dup(), Y), 0.0);
    assertEquals(0.0, Metrics.r2(new DoubleMatrix(1, 3, 2, 2, 2), Y), EPS);
    // SS_res = 1, SS_tot = 2
    assertEquals(0.5, Metrics.r2(new DoubleMatrix(1, 3, 1, 2, 4), Y), EPS);
    // worse than the mean: SS_res = 8
    assertEquals(-3.0, Metrics.r2(new DoubleMatrix(1, 3, 3, 2, 1), Y), EPS);
    // constant targets
    DoubleMatrix C = new DoubleMatrix(1, 2, 5, 5);
    assertEquals(1.0, Metrics.r2(C.dup(), C), 0.0);
    assertEquals(0.0, Metrics.r2(new DoubleMatrix(1, 2, 5, 6), C), 0.0);
    // two rows averaged: row 0 perfect (1), row 1 the mean predictor (0)
    DoubleMatrix Y2 = new DoubleMatrix(2, 3, 1, 10, 2, 20, 3, 30);
    DoubleMatrix A2 = new DoubleMatrix(2, 3, 1, 20, 2, 20, 3, 20);
    assertEquals(0.5, Metrics.r2(A2, Y2), EPS);
  }

  // ---- single precision: the same scores as double on the same (float) values ----

  /** The exact double copy of {@code M}. */
  private static DoubleMatrix widen(FloatMatrix M) {
    DoubleMatrix D = new DoubleMatrix(M.rows, M.columns);
    for (int i = 0; i < M.length; i++) {
      D.data[i] = M.data[i];
    }
    return D;
  }

  private static FloatMatrix f(int rows, int columns, double... values) {
    return new DoubleMatrix(rows, columns, values).toFloat();
  }

  @Test
  void floatMetricsEqualDoubleMetricsOnTheSameValues() {
    FloatMatrix[][] cases = {
      {f(1, 5, 0.2, 0.7, 0.5, 0.9, Double.NaN), f(1, 5, 0, 1, 1, 0, 0)},
      {f(3, 4, 0.1, 0.7, 0.2, 0.5, 0.5, 0.0, 0.2, 0.3, 0.5, 1, 0, 0),
          f(3, 4, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1)},
      {f(3, 3, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0.1, Double.NaN, 0.3, 0.3, 0.1),
          f(3, 3, 1, 0, 0, 0, 1, 0, 0, 0, 1)},
      {FloatMatrix.rand(4, 50), FloatMatrix.rand(4, 50)},
    };
    for (FloatMatrix[] c : cases) {
      FloatMatrix A = c[0];
      FloatMatrix Y = c[1];
      DoubleMatrix a = widen(A);
      DoubleMatrix y = widen(Y);
      assertEquals(Metrics.accuracy(a, y), Metrics.accuracy(A, Y), 0.0);
      assertEquals(Metrics.confusion(a, y), Metrics.confusion(A, Y));
      List<String> names = Metrics.confusion(a, y).classes();
      assertEquals(Metrics.confusion(a, y, names), Metrics.confusion(A, Y, names));
      if (!Double.isNaN(a.sum())) {
        assertEquals(Metrics.meanSquaredError(a, y), Metrics.meanSquaredError(A, Y), 0.0);
        assertEquals(Metrics.r2(a, y), Metrics.r2(A, Y), 0.0);
      }
    }
    assertEquals(14.0 / 3, Metrics.meanSquaredError(f(1, 3, 1, 2, 3), f(1, 3, 0, 0, 0)), EPS);
    assertEquals(0.5, Metrics.r2(f(1, 3, 1, 2, 4), f(1, 3, 1, 2, 3)), EPS);
    assertEquals(0.6, Metrics.accuracy(cases[0][0], cases[0][1]), EPS);
  }

  @Test
  void floatShapeMismatchesHaveTheDoubleMessages() {
    assertEquals(
        "accuracy: Y must be 1x400 like A, got 2x400",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.accuracy(new FloatMatrix(1, 400), new FloatMatrix(2, 400)))
            .getMessage());
    assertEquals(
        "r2: Y must be 1x3 like A, got 1x4",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.r2(new FloatMatrix(1, 3), new FloatMatrix(1, 4))).getMessage());
    assertEquals(
        "meanSquaredError: Y must be 1x3 like A, got 3x1",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.meanSquaredError(new FloatMatrix(1, 3), new FloatMatrix(3, 1)))
            .getMessage());
    assertEquals(
        "confusion: Y must be 1x3 like A, got 1x2",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.confusion(new FloatMatrix(1, 3), new FloatMatrix(1, 2))).getMessage());
    assertEquals(
        "accuracy: Y is 1x0; it needs at least one row and one column",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.accuracy(new FloatMatrix(1, 0), new FloatMatrix(1, 0))).getMessage());
    FloatMatrix one = new FloatMatrix(1, 2);
    assertEquals(
        "confusion: Y is 1x2 so 2 class names are needed, got 1 [x]",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.confusion(one, one, List.of("x"))).getMessage());
    DoubleMatrix d = new DoubleMatrix(1, 2);
    assertEquals(
        "confusion: Y is 1x2 so 2 class names are needed, got 1 [x]",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.confusion(d, d, List.of("x"))).getMessage());
  }

  @Test
  void floatAccuracyDoesNotAllocate() {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    FloatMatrix A = FloatMatrix.rand(10, 1000);
    FloatMatrix Y = FloatMatrix.rand(10, 1000);
    double sink = 0;
    for (int i = 0; i < 2000; i++) {
      sink += Metrics.accuracy(A, Y);
    }
    long tid = Thread.currentThread().getId();
    long before = bean.getThreadAllocatedBytes(tid);
    for (int i = 0; i < 1000; i++) {
      sink += Metrics.accuracy(A, Y);
    }
    long allocated = bean.getThreadAllocatedBytes(tid) - before;
    assertTrue(allocated < 1000, "1000 calls allocated " + allocated + " bytes");
    assertTrue(sink >= 0);
  }
}
