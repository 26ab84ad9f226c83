package dev.netc.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

class DataSetTest {

  /**
   * X row 0 is the example's index, row 1 its negation; Y is the index too, so pairs can be
   * checked.
   */
  private static DataSet indexed(int m) {
    DoubleMatrix X = new DoubleMatrix(2, m);
    DoubleMatrix Y = new DoubleMatrix(1, m);
    for (int j = 0; j < m; j++) {
      X.put(0, j, j);
      X.put(1, j, -j);
      Y.put(0, j, j);
    }
    return new DataSet(X, Y, List.of("i", "minus i"), List.of());
  }

  private static int[] indices(DataSet d) {
    int[] r = new int[d.examples()];
    for (int j = 0; j < r.length; j++) {
      r[j] = (int) d.X().get(0, j);
      assertEquals(-r[j], d.X().get(1, j), 0.0);
      assertEquals(r[j], d.Y().get(0, j), 0.0);
    }
    return r;
  }

  @Test
  void splitIsDisjointCompleteAndSized() {
    DataSet d = indexed(10);
    DataSet.Split s = d.split(0.7, 42);
    assertEquals(7, s.train().examples());
    assertEquals(3, s.test().examples());
    int[] all = new int[10];
    int[] train = indices(s.train());
    int[] test = indices(s.test());
    System.arraycopy(train, 0, all, 0, 7);
    System.arraycopy(test, 0, all, 7, 3);
    Arrays.sort(all);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, all);
    assertEquals(List.of("i", "minus i"), s.train().features());
    // the source is untouched
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, indices(d));
  }

  @Test
  void splitIsDeterministic() {
    DataSet d = indexed(50);
    DataSet.Split a = d.split(0.8, 7);
    DataSet.Split b = d.split(0.8, 7);
    assertArrayEquals(indices(a.train()), indices(b.train()));
    assertArrayEquals(indices(a.test()), indices(b.test()));
    assertFalse(Arrays.equals(indices(a.train()), indices(d.split(0.8, 8).train())));
    // java.util.Random is specified exactly, so this order holds on every JVM
    assertArrayEquals(new int[] {0, 3, 1, 5}, indices(indexed(10).split(0.6, 1).test()));
  }

  @Test
  void splitMatchesAnIndependentFisherYates() {
    int m = 9;
    int[] order = {0, 1, 2, 3, 4, 5, 6, 7, 8};
    java.util.Random rng = new java.util.Random(3);
    for (int i = m - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    DataSet.Split s = indexed(m).split(0.5, 3); // round(4.5) = 5
    assertArrayEquals(Arrays.copyOfRange(order, 0, 5), indices(s.train()));
    assertArrayEquals(Arrays.copyOfRange(order, 5, 9), indices(s.test()));
  }

  @Test
  void splitRefusesBadFractions() {
    DataSet d = indexed(10);
    for (double f : new double[] {0.0, 1.0, -0.5, 1.5, Double.NaN}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> d.split(f, 1));
      assertEquals(
          "split: trainFraction must lie strictly between 0 and 1 but is " + f, e.getMessage());
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> indexed(3).split(0.9, 1));
    assertEquals(
        "split: 0.9 of m = 3 examples gives 3 to training and 0 to testing; both sets need at"
            + " least one example",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> indexed(1).split(0.5, 1));
    assertEquals(1, indexed(2).split(0.5, 1).train().examples());
  }

  @Test
  void constructorChecksShapes() {
    DoubleMatrix X = new DoubleMatrix(2, 3);
    List<String> f = List.of("a", "b");
    assertEquals(
        "DataSet: Y must have one column per example like X (2x3), got 1x4",
        assertThrows(
                IllegalArgumentException.class,
                () -> new DataSet(X, new DoubleMatrix(1, 4), f, List.of()))
            .getMessage());
    assertEquals(
        "DataSet: X has 2 rows but 3 feature names are given; there must be one name per row",
        assertThrows(
                IllegalArgumentException.class,
                () -> new DataSet(X, new DoubleMatrix(1, 3), List.of("a", "b", "c"), List.of()))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new DataSet(X, new DoubleMatrix(1, 3), f, List.of("only")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DataSet(X, new DoubleMatrix(3, 3), f, List.of("a", "b")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DataSet(new DoubleMatrix(2, 0), new DoubleMatrix(1, 0), f, List.of()));
    // accepted shapes
    new DataSet(X, new DoubleMatrix(1, 3), f, List.of("n", "p"));
    new DataSet(X, new DoubleMatrix(3, 3), f, List.of("a", "b", "c"));
    new DataSet(X, new DoubleMatrix(3, 3), f, List.of());
  }
}
