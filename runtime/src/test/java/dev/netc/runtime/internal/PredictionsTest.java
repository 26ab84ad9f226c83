package dev.netc.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

class PredictionsTest {

  @Test
  void thresholdIsStrict() {
    DoubleMatrix A = new DoubleMatrix(1, 4, 0.2, 0.5, 0.51, Double.NaN);
    DoubleMatrix P = Predictions.threshold(A, 0.5);
    assertNotSame(A, P);
    assertArrayEquals(new double[] {0, 0, 1, 0}, P.data, 0.0);
  }

  @Test
  void oneHotArgMaxTakesTheFirstMaximum() {
    DoubleMatrix A = new DoubleMatrix(3, 3, 0.1, 0.7, 0.2, 0.4, 0.2, 0.4, Double.NaN, 0.3, 0.1);
    DoubleMatrix P = Predictions.oneHotArgMax(A);
    assertArrayEquals(new double[] {0, 1, 0, 1, 0, 0, 0, 1, 0}, P.data, 0.0);
  }

  @Test
  void accuracyCountsWholeColumns() {
    DoubleMatrix P = new DoubleMatrix(2, 4, 1, 0, 0, 1, 1, 0, 0, 1);
    DoubleMatrix Y = new DoubleMatrix(2, 4, 1, 0, 1, 0, 1, 0, 0, 0);
    assertEquals(0.5, Predictions.accuracy(P, Y), 0.0);
    assertThrows(
        IllegalArgumentException.class,
        () -> Predictions.accuracy(new DoubleMatrix(1, 3), new DoubleMatrix(1, 4)));
    assertThrows(
        IllegalArgumentException.class,
        () -> Predictions.accuracy(new DoubleMatrix(1, 0), new DoubleMatrix(1, 0)));
  }
}
