package dev.netc.runtime.internal;

import static dev.netc.runtime.internal.FloatTesting.widen;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.Test;

/** The single-precision predictions give what the double ones give on the same values. */
class PredictionsFloatTest {

  @Test
  void thresholdIsStrict() {
    FloatMatrix A = new FloatMatrix(1, 5, 0.2f, 0.5f, 0.51f, Float.NaN, 0.50000006f);
    FloatMatrix P = Predictions.threshold(A, 0.5);
    assertNotSame(A, P);
    assertArrayEquals(new float[] {0, 0, 1, 0, 1}, P.data, 0.0f);
    // The comparison is in double: 0.1f is a little above 0.1.
    assertArrayEquals(new float[] {1}, Predictions.threshold(new FloatMatrix(1, 1, 0.1f), 0.1)
        .data, 0.0f);
  }

  @Test
  void oneHotArgMaxTakesTheFirstMaximum() {
    FloatMatrix A =
        new FloatMatrix(3, 4, 0.1f, 0.7f, 0.2f, 0.4f, 0.2f, 0.4f, Float.NaN, 0.3f, 0.1f, Float.NaN,
            Float.NaN, Float.NaN);
    FloatMatrix P = Predictions.oneHotArgMax(A);
    assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0}, P.data, 0.0f);
    assertEquals(0, Predictions.oneHotArgMax(new FloatMatrix(0, 3)).length);
  }

  @Test
  void theSameAsTheDoublePredictionsOnRandomOutputs() {
    Random rng = new Random(31);
    FloatMatrix A = FloatTesting.random(rng, 10, 500);
    FloatMatrix Y = Predictions.oneHotArgMax(FloatTesting.random(rng, 10, 500));
    DoubleMatrix a = widen(A);
    assertArrayEquals(
        Predictions.oneHotArgMax(a).data, widen(Predictions.oneHotArgMax(A)).data, 0.0);
    assertArrayEquals(
        Predictions.threshold(a, 0.3).data, widen(Predictions.threshold(A, 0.3)).data, 0.0);
    assertEquals(
        Predictions.accuracy(Predictions.oneHotArgMax(a), widen(Y)),
        Predictions.accuracy(Predictions.oneHotArgMax(A), Y),
        0.0);
  }

  @Test
  void accuracyCountsWholeColumns() {
    FloatMatrix P = new FloatMatrix(2, 4, 1, 0, 0, 1, 1, 0, 0, 1);
    FloatMatrix Y = new FloatMatrix(2, 4, 1, 0, 1, 0, 1, 0, 0, 0);
    assertEquals(0.5, Predictions.accuracy(P, Y), 0.0);
    assertEquals(
        "accuracy: predicted is 1x3 and Y is 1x4; both must have the same shape",
        assertThrows(IllegalArgumentException.class,
            () -> Predictions.accuracy(new FloatMatrix(1, 3), new FloatMatrix(1, 4)))
            .getMessage());
    assertEquals(
        "accuracy: Y has no columns; m must be at least 1",
        assertThrows(IllegalArgumentException.class,
            () -> Predictions.accuracy(new FloatMatrix(1, 0), new FloatMatrix(1, 0)))
            .getMessage());
  }
}
