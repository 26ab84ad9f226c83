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

  // ---- three-way split ----

  @Test
  void threeWaySplitIsDisjointCompleteSizedAndExtendsTheTwoWayOne() {
    DataSet d = indexed(10);
    DataSet.ThreeWaySplit s = d.split(0.6, 0.2, 42);
    assertEquals(6, s.train().examples());
    assertEquals(2, s.validation().examples());
    assertEquals(2, s.test().examples());
    int[] all = new int[10];
    System.arraycopy(indices(s.train()), 0, all, 0, 6);
    System.arraycopy(indices(s.validation()), 0, all, 6, 2);
    System.arraycopy(indices(s.test()), 0, all, 8, 2);
    int[] order = all.clone();
    Arrays.sort(all);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, all);
    // The same shuffle as split(0.6, 42): its training set, then its test set cut in two.
    DataSet.Split two = d.split(0.6, 42);
    assertArrayEquals(indices(two.train()), indices(s.train()));
    int[] rest = indices(two.test());
    assertArrayEquals(rest, Arrays.copyOfRange(order, 6, 10));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, indices(d));
    assertEquals(d.features(), s.validation().features());
  }

  @Test
  void threeWaySplitRefusesBadFractionsAndEmptySets() {
    DataSet d = indexed(10);
    IllegalArgumentException sum =
        assertThrows(IllegalArgumentException.class, () -> d.split(0.8, 0.2, 1));
    assertEquals(
        "split: trainFraction and validationFraction must lie strictly between 0 and 1 and add up"
            + " to less than 1 (the test set gets the rest) but are 0.8 and 0.2",
        sum.getMessage());
    assertThrows(IllegalArgumentException.class, () -> d.split(0.6, 0.0, 1));
    assertThrows(IllegalArgumentException.class, () -> d.split(Double.NaN, 0.2, 1));
    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class, () -> indexed(3).split(0.5, 0.4, 1));
    assertEquals(
        "split: 0.5 and 0.4 of m = 3 examples give 2 to training, 1 to validation and 0 to"
            + " testing; each set needs at least one example",
        empty.getMessage());
  }

  // ---- from predictions to classes ----

  private static DataSet iris() {
    DoubleMatrix Y = new DoubleMatrix(3, 2, 1, 0, 0, 0, 0, 1);
    return new DataSet(new DoubleMatrix(1, 2), Y, List.of("x"),
        List.of("setosa", "versicolor", "virginica"));
  }

  @Test
  void oneHotPredictionsAndProbabilitiesBecomeClassIndicesAndLabels() {
    DataSet d = iris();
    DoubleMatrix oneHot = new DoubleMatrix(3, 3, 0, 1, 0, 1, 0, 0, 0, 0, 1);
    assertArrayEquals(new int[] {1, 0, 2}, d.classIndices(oneHot));
    assertEquals(List.of("versicolor", "setosa", "virginica"), d.labels(oneHot));
    DoubleMatrix probabilities = new DoubleMatrix(3, 2, 0.2, 0.3, 0.5, 0.6, 0.3, 0.1);
    assertEquals(List.of("virginica", "setosa"), d.labels(probabilities));
    // Ties go to the first class, as Metrics' arg-max.
    assertArrayEquals(new int[] {0}, d.classIndices(new DoubleMatrix(3, 1, 0.4, 0.4, 0.2)));
  }

  @Test
  void binaryPredictionsAndSigmoidOutputsBecomeLabels() {
    DataSet d = new DataSet(new DoubleMatrix(1, 2), new DoubleMatrix(1, 2, 0, 1), List.of("x"),
        List.of("benign", "malignant"));
    DoubleMatrix outputs = new DoubleMatrix(1, 4, 0, 1, 0.7, 0.5);
    assertArrayEquals(new int[] {0, 1, 1, 0}, d.classIndices(outputs));
    assertEquals(List.of("benign", "malignant", "malignant", "benign"), d.labels(outputs));
  }

  @Test
  void predictionsOfTheWrongShapeNaNOrWithoutClassesAreRefused() {
    DataSet d = iris();
    IllegalArgumentException shape =
        assertThrows(IllegalArgumentException.class, () -> d.labels(new DoubleMatrix(2, 5)));
    assertEquals("classIndices: predictions must be 3xm like Y (3x2), got 2x5", shape.getMessage());
    IllegalArgumentException nan =
        assertThrows(IllegalArgumentException.class,
            () -> d.classIndices(new DoubleMatrix(3, 2, 1, 0, 0, 0, Double.NaN, 0)));
    assertEquals("classIndices: predictions(1, 1) is NaN; no class can be read", nan.getMessage());
    DataSet regression = indexed(3);
    IllegalStateException values =
        assertThrows(IllegalStateException.class,
            () -> regression.classIndices(new DoubleMatrix(1, 3)));
    assertEquals(
        "classIndices: this data set is a regression (Y is 1xm without class names); its"
            + " predictions are values, not classes",
        values.getMessage());
    DataSet unnamed = new DataSet(new DoubleMatrix(1, 2), new DoubleMatrix(3, 2, 1, 0, 0, 0, 1, 0),
        List.of("x"), List.of());
    assertArrayEquals(new int[] {2}, unnamed.classIndices(new DoubleMatrix(3, 1, 0, 0, 1)));
    IllegalStateException names =
        assertThrows(IllegalStateException.class, () -> unnamed.labels(new DoubleMatrix(3, 1)));
    assertEquals(
        "labels: this data set has no class names (Y is 3x2); use classIndices, or a"
            + " LabelEncoding that names the classes",
        names.getMessage());
  }
}
