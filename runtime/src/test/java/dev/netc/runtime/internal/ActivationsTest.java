package dev.netc.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.DoubleUnaryOperator;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

class ActivationsTest {

  private final Random rng = new Random(11);

  private DoubleMatrix z() {
    DoubleMatrix Z = BlasTest.random(rng, 5, 6);
    Z.muli(3);
    Z.put(0, 0, 0.0);
    return Z;
  }

  private static void assertElementWise(
      DoubleMatrix Z, DoubleMatrix A, DoubleUnaryOperator g, double tolerance) {
    for (int i = 0; i < Z.length; i++) {
      assertEquals(g.applyAsDouble(Z.data[i]), A.data[i], tolerance, "entry " + i);
    }
  }

  @Test
  void forwardMatchesTheFormulas() {
    DoubleMatrix Z = z();
    DoubleMatrix A = new DoubleMatrix(5, 6);
    Activations.sigmoid(Z, A);
    assertElementWise(Z, A, z -> 1 / (1 + Math.exp(-z)), 1e-15);
    Activations.tanh(Z, A);
    for (int i = 0; i < Z.length; i++) { // exp-based: within 1e-14 relative (FastMathTest)
      double t = Math.tanh(Z.data[i]);
      assertEquals(t, A.data[i], 1e-14 * Math.abs(t), "entry " + i);
    }
    Activations.relu(Z, A);
    assertElementWise(Z, A, z -> Math.max(0, z), 0.0);
    Activations.leakyRelu(Z, 0.01, A);
    assertElementWise(Z, A, z -> z > 0 ? z : 0.01 * z, 0.0);
    Activations.linear(Z, A);
    assertArrayEquals(Z.data, A.data, 0.0);
  }

  /** In place, the exp-based activations take another path (the scalar one): the same bits. */
  @Test
  void inPlaceGivesTheSameBits() {
    DoubleMatrix Z = BlasTest.random(rng, 7, 300);
    Z.muli(4);
    Z.put(0, 0, -0.0);
    Z.put(1, 0, 400.0);
    Z.put(2, 0, -800.0);
    Z.put(3, 0, Double.NaN);
    DoubleMatrix A = new DoubleMatrix(7, 300);
    DoubleMatrix inPlace = Z.dup();
    Activations.tanh(Z, A);
    Activations.tanh(inPlace, inPlace);
    assertArrayEquals(A.data, inPlace.data, 0.0); // compares bits: -0.0 is not 0.0
    inPlace = Z.dup();
    Activations.sigmoid(Z, A);
    Activations.sigmoid(inPlace, inPlace);
    assertArrayEquals(A.data, inPlace.data, 0.0);
  }

  @Test
  void sigmoidSaturatesWithoutOverflow() {
    DoubleMatrix Z = new DoubleMatrix(1, 4, -800, 800, -1e308, 1e308);
    DoubleMatrix A = new DoubleMatrix(1, 4);
    Activations.sigmoid(Z, A);
    assertArrayEquals(new double[] {0, 1, 0, 1}, A.data, 0.0);
  }

  @Test
  void reluPropagatesNaN() {
    DoubleMatrix A = new DoubleMatrix(1, 1);
    Activations.relu(new DoubleMatrix(1, 1, Double.NaN), A);
    assertTrue(Double.isNaN(A.data[0]));
  }

  /**
   * The relu family uses bit masks instead of branches; they must select exactly what the
   * comparisons select, for every kind of double (both zeros, subnormals, infinities, NaNs of
   * either sign).
   */
  @Test
  void reluMasksMatchTheBranchesBitForBit() {
    double[] specials = {
      0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
      1.0, -1.0, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.NaN, Double.longBitsToDouble(0xFFF8000000000000L),
      Double.longBitsToDouble(0x7FF0000000000001L), Double.longBitsToDouble(0xFFFFFFFFFFFFFFFFL)
    };
    int n = specials.length * specials.length + 100_000;
    double[] z = new double[n];
    double[] da = new double[n];
    for (int i = 0; i < specials.length; i++) {
      for (int j = 0; j < specials.length; j++) {
        z[i * specials.length + j] = specials[i];
        da[i * specials.length + j] = specials[j];
      }
    }
    for (int i = specials.length * specials.length; i < n; i++) {
      z[i] = Double.longBitsToDouble(rng.nextLong()); // every bit pattern, NaNs included
      da[i] = rng.nextGaussian();
    }
    double leak = 0.07;
    double[] out = new double[n];
    Activations.relu(z, out, 0, n);
    for (int i = 0; i < n; i++) {
      assertBits(z[i] < 0.0 ? 0.0 : z[i], out[i], "relu", z[i]);
    }
    Activations.leakyRelu(z, leak, out, 0, n);
    for (int i = 0; i < n; i++) {
      assertBits(z[i] > 0.0 ? z[i] : leak * z[i], out[i], "leakyRelu", z[i]);
    }
    Activations.reluBackward(z, da, out, 0, n);
    for (int i = 0; i < n; i++) {
      assertBits(z[i] > 0.0 ? da[i] : 0.0, out[i], "reluBackward", z[i]);
    }
    Activations.leakyReluBackward(z, leak, da, out, 0, n);
    for (int i = 0; i < n; i++) {
      assertBits(z[i] > 0.0 ? da[i] : leak * da[i], out[i], "leakyReluBackward", z[i]);
    }
  }

  private static void assertBits(double expected, double actual, String op, double z) {
    if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
      assertEquals(
          Long.toHexString(Double.doubleToRawLongBits(expected)),
          Long.toHexString(Double.doubleToRawLongBits(actual)),
          op + " at z = " + z + " (" + Long.toHexString(Double.doubleToRawLongBits(z)) + ")");
    }
  }

  @Test
  void softmaxColumnsArePositiveAndSumToOne() {
    DoubleMatrix Z = z();
    Z.put(2, 3, 1000); // would overflow exp without the max shift
    Z.put(1, 4, -1000);
    DoubleMatrix A = new DoubleMatrix(5, 6);
    Activations.softmax(Z, A);
    for (int j = 0; j < 6; j++) {
      double sum = 0;
      for (int i = 0; i < 5; i++) {
        assertTrue(A.get(i, j) >= 0 && A.get(i, j) <= 1, "A(" + i + ", " + j + ")");
        sum += A.get(i, j);
      }
      assertEquals(1.0, sum, 1e-15);
    }
    assertEquals(1.0, A.get(2, 3), 0.0);
    // Matches the unshifted formula where that does not overflow.
    double sum = 0;
    for (int i = 0; i < 5; i++) {
      sum += Math.exp(Z.get(i, 0));
    }
    assertEquals(Math.exp(Z.get(3, 0)) / sum, A.get(3, 0), 1e-15);
  }

  @Test
  void softmaxInPlace() {
    DoubleMatrix Z = z();
    DoubleMatrix expected = new DoubleMatrix(5, 6);
    Activations.softmax(Z, expected);
    Activations.softmax(Z, Z);
    assertArrayEquals(expected.data, Z.data, 0.0);
  }

  @Test
  void backwardRulesMatchTheFormulas() {
    DoubleMatrix Z = z();
    DoubleMatrix dA = BlasTest.random(rng, 5, 6);
    DoubleMatrix A = new DoubleMatrix(5, 6);
    DoubleMatrix dZ = new DoubleMatrix(5, 6);
    Activations.sigmoid(Z, A);
    Activations.sigmoidBackward(A, dA, dZ);
    for (int i = 0; i < 30; i++) {
      assertEquals(dA.data[i] * A.data[i] * (1 - A.data[i]), dZ.data[i], 0.0);
    }
    Activations.tanh(Z, A);
    Activations.tanhBackward(A, dA, dZ);
    for (int i = 0; i < 30; i++) {
      assertEquals(dA.data[i] * (1 - A.data[i] * A.data[i]), dZ.data[i], 0.0);
    }
    Activations.reluBackward(Z, dA, dZ);
    for (int i = 0; i < 30; i++) {
      assertEquals(Z.data[i] > 0 ? dA.data[i] : 0.0, dZ.data[i], 0.0);
    }
    Activations.leakyReluBackward(Z, 0.2, dA, dZ);
    for (int i = 0; i < 30; i++) {
      assertEquals(Z.data[i] > 0 ? dA.data[i] : 0.2 * dA.data[i], dZ.data[i], 0.0);
    }
    Activations.linearBackward(dA, dZ);
    assertArrayEquals(dA.data, dZ.data, 0.0);
  }

  /** The backward rules against central differences of the forward functions. */
  @Test
  void backwardRulesMatchNumericalDerivatives() {
    checkDerivative(Activations::sigmoid, (Z, dA) -> {
      DoubleMatrix A = new DoubleMatrix(Z.rows, Z.columns);
      Activations.sigmoid(Z, A);
      DoubleMatrix dZ = new DoubleMatrix(Z.rows, Z.columns);
      Activations.sigmoidBackward(A, dA, dZ);
      return dZ;
    });
    checkDerivative(Activations::tanh, (Z, dA) -> {
      DoubleMatrix A = new DoubleMatrix(Z.rows, Z.columns);
      Activations.tanh(Z, A);
      DoubleMatrix dZ = new DoubleMatrix(Z.rows, Z.columns);
      Activations.tanhBackward(A, dA, dZ);
      return dZ;
    });
    checkDerivative(Activations::relu, (Z, dA) -> {
      DoubleMatrix dZ = new DoubleMatrix(Z.rows, Z.columns);
      Activations.reluBackward(Z, dA, dZ);
      return dZ;
    });
    checkDerivative((Z, A) -> Activations.leakyRelu(Z, 0.3, A), (Z, dA) -> {
      DoubleMatrix dZ = new DoubleMatrix(Z.rows, Z.columns);
      Activations.leakyReluBackward(Z, 0.3, dA, dZ);
      return dZ;
    });
  }

  private void checkDerivative(
      BiConsumer<DoubleMatrix, DoubleMatrix> forward,
      BiFunction<DoubleMatrix, DoubleMatrix, DoubleMatrix> backward) {
    DoubleMatrix Z = z();
    Z.put(0, 0, 0.5); // keep away from the kink of relu
    DoubleMatrix dA = BlasTest.random(rng, 5, 6);
    DoubleMatrix dZ = backward.apply(Z, dA);
    double h = 1e-6;
    DoubleMatrix plus = new DoubleMatrix(5, 6);
    DoubleMatrix minus = new DoubleMatrix(5, 6);
    forward.accept(Z.add(h), plus);
    forward.accept(Z.sub(h), minus);
    for (int i = 0; i < Z.length; i++) {
      double numerical = dA.data[i] * (plus.data[i] - minus.data[i]) / (2 * h);
      assertEquals(numerical, dZ.data[i], 1e-7, "entry " + i);
    }
  }

  @Test
  void shapeMismatchNamesTheShapes() {
    assertEquals(
        "tanh: Z is 4x10 and A is 4x9; both must have the same shape",
        assertThrows(
                IllegalArgumentException.class,
                () -> Activations.tanh(new DoubleMatrix(4, 10), new DoubleMatrix(4, 9)))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Activations.sigmoidBackward(new DoubleMatrix(1, 3), new DoubleMatrix(1, 3),
            new DoubleMatrix(3, 1)));
  }
}
