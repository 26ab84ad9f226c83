package dev.netc.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

class StandardizerTest {

  // 2 features x 4 examples: row 0 = 1, 2, 3, 4 ; row 1 = 5, 5, 5, 5 (constant)
  private static DoubleMatrix X() {
    return new DoubleMatrix(2, 4, 1, 5, 2, 5, 3, 5, 4, 5);
  }

  @Test
  void meanAndPopulationStd() {
    Standardizer s = Standardizer.fit(X());
    // mean 2.5; variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25
    assertArrayEquals(new double[] {2.5, 5}, s.mean().data, 1e-15);
    assertArrayEquals(new double[] {Math.sqrt(1.25), 0}, s.std().data, 1e-15);
    assertEquals(2, s.features());
  }

  @Test
  void applyStandardizesAndDividesConstantRowsByOne() {
    DoubleMatrix X = X();
    DoubleMatrix before = X.dup();
    Standardizer s = Standardizer.fit(X);
    DoubleMatrix Z = s.apply(X);
    double sd = Math.sqrt(1.25);
    assertArrayEquals(
        new double[] {-1.5 / sd, 0, -0.5 / sd, 0, 0.5 / sd, 0, 1.5 / sd, 0}, Z.data, 1e-15);
    assertArrayEquals(before.data, X.data, 0.0);
    // new data: the constant feature's new value is shifted, not blown up
    DoubleMatrix T = new DoubleMatrix(2, 1, 2.5 + sd, 7);
    assertArrayEquals(new double[] {1, 2}, s.apply(T).data, 1e-15);
    // fitted statistics are copies
    s.mean().put(0, 100);
    assertArrayEquals(new double[] {2.5, 5}, s.mean().data, 0.0);
  }

  @Test
  void applyToDataSetKeepsTargetsAndNames() {
    DoubleMatrix Y = new DoubleMatrix(1, 4, 0, 1, 0, 1);
    DataSet d = new DataSet(X(), Y, List.of("a", "b"), List.of("n", "p"));
    DataSet z = Standardizer.fit(d.X()).apply(d);
    assertSame(Y, z.Y());
    assertEquals(d.features(), z.features());
    assertEquals(d.classes(), z.classes());
    assertEquals(0.0, z.X().get(1, 2), 0.0);
    assertEquals(1.0, d.X().get(0, 0), 0.0);
  }

  @Test
  void errors() {
    Standardizer s = Standardizer.fit(X());
    assertEquals(
        "Standardizer: X must be 2xm (fitted on 2 features), got 3x4",
        assertThrows(IllegalArgumentException.class, () -> s.apply(new DoubleMatrix(3, 4)))
            .getMessage());
    assertEquals(
        "Standardizer: X(1, 2) is NaN; every entry of X must be finite",
        assertThrows(
                IllegalArgumentException.class,
                () -> Standardizer.fit(new DoubleMatrix(2, 3, 0, 0, 0, 0, 0, Double.NaN)))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(new DoubleMatrix(2, 0)));
  }

  @Test
  void ofRebuildsAFittedStandardizerExactly() {
    Standardizer s = Standardizer.fit(X());
    Standardizer rebuilt = Standardizer.of(s.mean().data, s.std().data);
    DoubleMatrix other = new DoubleMatrix(2, 3, 0.5, 7, -3, 5, 9.25, 4);
    assertArrayEquals(s.apply(other).data, rebuilt.apply(other).data, 0.0);
    assertEquals(2, rebuilt.features());
    double[] mean = {1, 2};
    Standardizer copied = Standardizer.of(mean, new double[] {1, 1});
    mean[0] = 99; // the arrays are copied
    assertEquals(1.0, copied.mean().get(0), 0.0);
  }

  @Test
  void ofRefusesStatisticsNoFitGives() {
    assertEquals(
        "Standardizer: mean and std must have the same length n >= 1, got 2 and 3",
        assertThrows(
                IllegalArgumentException.class,
                () -> Standardizer.of(new double[2], new double[3]))
            .getMessage());
    assertEquals(
        "Standardizer: feature 1 has mean 0.0 and std -1.0; both must be finite and std at least 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> Standardizer.of(new double[2], new double[] {1, -1}))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Standardizer.of(new double[] {Double.NaN}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> Standardizer.of(new double[0],
        new double[0]));
  }
}
