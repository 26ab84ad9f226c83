package dev.netc.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

class LossesTest {

  private final Random rng = new Random(3);

  @Test
  void binaryCrossEntropyMatchesTheNaiveFormula() {
    DoubleMatrix Z = BlasTest.random(rng, 2, 9);
    DoubleMatrix Y = new DoubleMatrix(2, 9);
    for (int i = 0; i < Y.length; i++) {
      Y.data[i] = rng.nextBoolean() ? 1 : 0;
    }
    Y.data[3] = 0.25; // soft targets are allowed
    double sum = 0;
    for (int i = 0; i < Z.length; i++) {
      double a = 1 / (1 + Math.exp(-Z.data[i]));
      sum += Y.data[i] * Math.log(a) + (1 - Y.data[i]) * Math.log(1 - a);
    }
    assertEquals(-sum / 9, Losses.binaryCrossEntropy(Z, Y), 1e-14);
  }

  @Test
  void binaryCrossEntropyIsSafeForSaturatedLogits() {
    // y = 1 with z = 800 costs e^-800 ~ 0; y = 0 with z = 800 costs 800; and symmetrically.
    DoubleMatrix Z = new DoubleMatrix(1, 4, 800, 800, -800, -800);
    DoubleMatrix Y = new DoubleMatrix(1, 4, 1, 0, 0, 1);
    assertEquals((0 + 800 + 0 + 800) / 4.0, Losses.binaryCrossEntropy(Z, Y), 0.0);
    assertEquals(
        0.0,
        Losses.binaryCrossEntropy(new DoubleMatrix(1, 2, 800, -800), new DoubleMatrix(1, 2, 1, 0)),
        0.0);
  }

  @Test
  void categoricalCrossEntropyMatchesTheNaiveFormula() {
    DoubleMatrix Z = BlasTest.random(rng, 4, 6);
    DoubleMatrix Y = new DoubleMatrix(4, 6);
    for (int j = 0; j < 6; j++) {
      Y.put(rng.nextInt(4), j, 1);
    }
    DoubleMatrix A = new DoubleMatrix(4, 6);
    Activations.softmax(Z, A);
    double sum = 0;
    for (int i = 0; i < A.length; i++) {
      sum += Y.data[i] * Math.log(A.data[i]);
    }
    assertEquals(-sum / 6, Losses.categoricalCrossEntropy(Z, Y), 1e-14);
  }

  @Test
  void categoricalCrossEntropyIsSafeForSaturatedLogits() {
    // column 0: target class has z = 800, the other -800: cost ~ 0
    // column 1: target class has z = -800, the other 800: cost 1600
    DoubleMatrix Z = new DoubleMatrix(2, 2, 800, -800, -800, 800);
    DoubleMatrix Y = new DoubleMatrix(2, 2, 1, 0, 1, 0);
    assertEquals(1600 / 2.0, Losses.categoricalCrossEntropy(Z, Y), 0.0);
    DoubleMatrix minusInfinity = new DoubleMatrix(2, 1, 5, Double.NEGATIVE_INFINITY);
    assertEquals(
        0.0, Losses.categoricalCrossEntropy(minusInfinity, new DoubleMatrix(2, 1, 1, 0)), 0.0);
  }

  @Test
  void meanSquaredErrorAndItsGradient() {
    DoubleMatrix A = new DoubleMatrix(2, 2, 1, 2, 3, 4);
    DoubleMatrix Y = new DoubleMatrix(2, 2, 0, 2, 5, 4);
    assertEquals((1 + 0 + 4 + 0) / (2.0 * 2), Losses.meanSquaredError(A, Y), 0.0);
    DoubleMatrix dA = new DoubleMatrix(2, 2);
    Losses.meanSquaredErrorGradient(A, Y, dA);
    assertArrayEquals(new double[] {1, 0, -2, 0}, dA.data, 0.0);
  }

  @Test
  void shapeMismatchNamesTheShapes() {
    assertEquals(
        "binaryCrossEntropy: Z is 1x400 and Y is 2x400; both must have the same shape",
        assertThrows(
                IllegalArgumentException.class,
                () -> Losses.binaryCrossEntropy(new DoubleMatrix(1, 400), new DoubleMatrix(2, 400)))
            .getMessage());
  }
}
