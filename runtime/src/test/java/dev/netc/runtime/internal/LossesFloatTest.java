package dev.netc.runtime.internal;

import static dev.netc.runtime.internal.FloatTesting.assertBits;
import static dev.netc.runtime.internal.FloatTesting.widen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.function.ToDoubleBiFunction;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.Test;

/**
 * The single-precision losses are the double formulas on the same values (computed in double,
 * bit for bit), and their gradients, as training computes them from float kernels, match central
 * differences of the float losses.
 */
class LossesFloatTest {

  private final Random rng = new Random(29);

  private FloatMatrix binaryTargets(int rows, int columns) {
    FloatMatrix Y = new FloatMatrix(rows, columns);
    for (int i = 0; i < Y.length; i++) {
      Y.data[i] = rng.nextBoolean() ? 1 : 0;
    }
    Y.data[1] = 0.25f; // soft targets are allowed
    return Y;
  }

  private FloatMatrix oneHot(int rows, int columns) {
    FloatMatrix Y = new FloatMatrix(rows, columns);
    for (int j = 0; j < columns; j++) {
      Y.put(rng.nextInt(rows), j, 1);
    }
    return Y;
  }

  @Test
  void lossesAreTheDoubleLossesOnTheSameValues() {
    FloatMatrix Z = FloatTesting.random(rng, 3, 200, 5);
    Z.data[0] = 90; // saturated logits of both signs
    Z.data[1] = -90;
    Z.data[2] = Float.NEGATIVE_INFINITY; // costs nothing where the target is 0 (CCE)
    FloatMatrix Y = binaryTargets(3, 200);
    Y.data[2] = 0;
    Z.data[3] = 1e-8f;
    assertEquals(
        Losses.binaryCrossEntropy(widen(Z), widen(Y)), Losses.binaryCrossEntropy(Z, Y), 0.0);
    FloatMatrix T = oneHot(3, 200);
    T.data[0] = 0; // column 0: class 2 (logit -infinity) must not be the target
    T.data[1] = 1;
    T.data[2] = 0;
    assertEquals(
        Losses.categoricalCrossEntropy(widen(Z), widen(T)),
        Losses.categoricalCrossEntropy(Z, T),
        0.0);
    FloatMatrix A = FloatTesting.random(rng, 3, 200);
    assertEquals(Losses.meanSquaredError(widen(A), widen(Y)), Losses.meanSquaredError(A, Y), 0.0);
  }

  @Test
  void saturatedLogitsGiveFiniteCosts() {
    FloatMatrix Z = new FloatMatrix(1, 4, 800, 800, -800, -800);
    FloatMatrix Y = new FloatMatrix(1, 4, 1, 0, 0, 1);
    assertEquals((0 + 800 + 0 + 800) / 4.0, Losses.binaryCrossEntropy(Z, Y), 0.0);
    FloatMatrix L = new FloatMatrix(2, 2, 800, -800, -800, 800);
    FloatMatrix T = new FloatMatrix(2, 2, 1, 0, 1, 0);
    assertEquals(1600 / 2.0, Losses.categoricalCrossEntropy(L, T), 0.0);
  }

  @Test
  void meanSquaredErrorGradientIsTheFloatDifference() {
    FloatMatrix A = new FloatMatrix(2, 2, 1, 2, 3, 4);
    FloatMatrix Y = new FloatMatrix(2, 2, 0, 2, 5, 4);
    assertEquals((1 + 0 + 4 + 0) / (2.0 * 2), Losses.meanSquaredError(A, Y), 0.0);
    FloatMatrix dA = new FloatMatrix(2, 2);
    Losses.meanSquaredErrorGradient(A, Y, dA);
    float[] expected = {1, 0, -2, 0};
    for (int i = 0; i < 4; i++) {
      assertBits(expected[i], dA.data[i], "entry " + i);
    }
  }

  /**
   * dJ/dZ = (A - Y) / m for sigmoid + binary cross-entropy and softmax + categorical
   * cross-entropy, and dJ/dA = (A - Y) / m for the mean squared error, each computed with the
   * float kernels the generated code calls, against central differences of the float loss.
   */
  @Test
  void gradientsMatchNumericalDerivativesOfTheFloatLosses() {
    int n = 4;
    int m = 6;
    FloatMatrix Y = binaryTargets(n, m);
    checkGradient("binaryCrossEntropy", Losses::binaryCrossEntropy, Y, Z -> {
      FloatMatrix A = new FloatMatrix(n, m);
      Activations.sigmoid(Z, A);
      return A;
    });
    FloatMatrix T = oneHot(n, m);
    checkGradient("categoricalCrossEntropy", Losses::categoricalCrossEntropy, T, Z -> {
      FloatMatrix A = new FloatMatrix(n, m);
      Activations.softmax(Z, A);
      return A;
    });
    checkGradient("meanSquaredError", Losses::meanSquaredError, Y, Z -> Z);
  }

  private void checkGradient(
      String name,
      ToDoubleBiFunction<FloatMatrix, FloatMatrix> loss,
      FloatMatrix Y,
      java.util.function.Function<FloatMatrix, FloatMatrix> output) {
    FloatMatrix Z = FloatTesting.random(rng, Y.rows, Y.columns, 2);
    for (int i = 0; i < Z.length; i++) {
      Z.data[i] = Math.round(Z.data[i] * 1024) / 1024f; // z +- h exact in float
    }
    FloatMatrix dZ = new FloatMatrix(Y.rows, Y.columns);
    Kernels.subtract(output.apply(Z), Y, dZ); // what the generated backward pass computes
    // The losses are computed in double from exact float inputs, so a small h is safe.
    float h = 0x1p-10f;
    for (int i = 0; i < Z.length; i++) {
      float z = Z.data[i];
      Z.data[i] = z + h;
      double plus = loss.applyAsDouble(Z, Y);
      Z.data[i] = z - h;
      double minus = loss.applyAsDouble(Z, Y);
      Z.data[i] = z;
      double numerical = (plus - minus) / (2 * h);
      assertEquals(numerical, dZ.data[i] / Y.columns, 1e-6, name + " entry " + i);
    }
  }

  @Test
  void shapeMismatchesSayWhatTheDoubleLossesSay() {
    assertEquals(
        "binaryCrossEntropy: Z is 1x400 and Y is 2x400; both must have the same shape",
        message(() -> Losses.binaryCrossEntropy(new FloatMatrix(1, 400), new FloatMatrix(2, 400))));
    assertEquals(
        message(() -> Losses.categoricalCrossEntropy(new DoubleMatrix(3, 4),
            new DoubleMatrix(3, 5))),
        message(() -> Losses.categoricalCrossEntropy(new FloatMatrix(3, 4),
            new FloatMatrix(3, 5))));
    assertEquals(
        message(() -> Losses.meanSquaredError(new DoubleMatrix(3, 4), new DoubleMatrix(4, 3))),
        message(() -> Losses.meanSquaredError(new FloatMatrix(3, 4), new FloatMatrix(4, 3))));
    assertEquals(
        message(() -> Losses.meanSquaredErrorGradient(new DoubleMatrix(3, 4),
            new DoubleMatrix(3, 4), new DoubleMatrix(3, 5))),
        message(() -> Losses.meanSquaredErrorGradient(new FloatMatrix(3, 4),
            new FloatMatrix(3, 4), new FloatMatrix(3, 5))));
  }

  private static String message(Runnable call) {
    return assertThrows(IllegalArgumentException.class, call::run).getMessage();
  }
}
