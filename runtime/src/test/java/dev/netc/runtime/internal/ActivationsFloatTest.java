package dev.netc.runtime.internal;

import static dev.netc.runtime.internal.FloatTesting.SPECIALS;
import static dev.netc.runtime.internal.FloatTesting.assertBits;
import static dev.netc.runtime.internal.FloatTesting.narrow;
import static dev.netc.runtime.internal.FloatTesting.widen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.Test;

/**
 * The single-precision activations against the double kernels: sigmoid, tanh and their backward
 * rules are the double values rounded to float, bit for bit; every other kernel is measured
 * (maximum relative error against the double kernel's value rounded to float, printed) and held to
 * 2e-7.
 */
class ActivationsFloatTest {

  /** The agreed bound: about one float ulp (2^-23 = 1.19e-7 relative at most, per rounding). */
  private static final double BOUND = 2e-7;

  /** Below this, errors are absolute (scaled by it): far below every value a kernel rounds. */
  private static final double FLOOR = 1e-30;

  private final Random rng = new Random(17);

  /** Pre-activations of every scale: gaussians, a wide uniform range, tiny values, specials. */
  private FloatMatrix logits(int rows, int columns) {
    FloatMatrix Z = new FloatMatrix(rows, columns);
    for (int i = 0; i < Z.length; i++) {
      Z.data[i] =
          switch (i % 4) {
            case 0 -> (float) (rng.nextGaussian() * 4);
            case 1 -> (float) ((rng.nextDouble() * 2 - 1) * 120);
            case 2 -> (float) (rng.nextGaussian() * Math.pow(2, -rng.nextInt(40)));
            default -> (float) (rng.nextGaussian() * 0.5);
          };
    }
    for (int i = 0; i < SPECIALS.length && i < Z.length; i++) {
      Z.data[Z.length - 1 - i] = SPECIALS[i];
    }
    return Z;
  }

  @Test
  void sigmoidTanhAndTheirBackwardRulesAreTheDoubleKernelsRoundedToFloat() {
    FloatMatrix Z = logits(301, 1009);
    FloatMatrix dA = FloatTesting.random(rng, Z.rows, Z.columns);
    DoubleMatrix D = widen(Z);
    FloatMatrix A = new FloatMatrix(Z.rows, Z.columns);
    FloatMatrix dZ = new FloatMatrix(Z.rows, Z.columns);
    DoubleMatrix expected = new DoubleMatrix(Z.rows, Z.columns);
    DoubleMatrix expectedBackward = new DoubleMatrix(Z.rows, Z.columns);
    Activations.sigmoid(Z, A);
    Activations.sigmoid(D, expected);
    assertRounded(expected, A, Z, "sigmoid");
    Activations.sigmoidBackward(A, dA, dZ);
    Activations.sigmoidBackward(widen(A), widen(dA), expectedBackward);
    assertRounded(expectedBackward, dZ, A, "sigmoidBackward");
    Activations.tanh(Z, A);
    Activations.tanh(D, expected);
    assertRounded(expected, A, Z, "tanh");
    Activations.tanhBackward(A, dA, dZ);
    Activations.tanhBackward(widen(A), widen(dA), expectedBackward);
    assertRounded(expectedBackward, dZ, A, "tanhBackward");
  }

  private static void assertRounded(
      DoubleMatrix expected, FloatMatrix actual, FloatMatrix input, String name) {
    for (int i = 0; i < actual.length; i++) {
      assertBits((float) expected.data[i], actual.data[i], name + " at " + input.data[i]);
    }
  }

  /**
   * The maximum error of every other kernel against the double kernel's value rounded to float,
   * over 300,000 entries; printed, and held to {@link #BOUND}.
   */
  @Test
  void everyKernelIsWithinAnUlpOfTheDoubleKernel() {
    int rows = 10;
    int columns = 30_000;
    FloatMatrix Z = logits(rows, columns);
    FloatMatrix dA = FloatTesting.random(rng, rows, columns);
    StringBuilder table = new StringBuilder("float kernel vs double kernel rounded to float:\n");
    double leak = 0.01;

    check(table, "relu", Z, (F, G) -> Activations.relu(F, G),
        (D, E) -> Activations.relu(D, E));
    check(table, "leakyRelu(0.01)", Z, (F, G) -> Activations.leakyRelu(F, leak, G),
        (D, E) -> Activations.leakyRelu(D, leak, E));
    check(table, "softmax", Z, (F, G) -> Activations.softmax(F, G),
        (D, E) -> Activations.softmax(D, E));
    check(table, "softmax (logits 0..30)", uniform(rows, columns, 30),
        (F, G) -> Activations.softmax(F, G), (D, E) -> Activations.softmax(D, E));
    check(table, "reluBackward", Z, (F, G) -> Activations.reluBackward(F, dA, G),
        (D, E) -> Activations.reluBackward(D, widen(dA), E));
    check(table, "leakyReluBackward(0.01)", Z,
        (F, G) -> Activations.leakyReluBackward(F, leak, dA, G),
        (D, E) -> Activations.leakyReluBackward(D, leak, widen(dA), E));
    System.out.print(table);
  }

  private FloatMatrix uniform(int rows, int columns, double range) {
    FloatMatrix Z = new FloatMatrix(rows, columns);
    for (int i = 0; i < Z.length; i++) {
      Z.data[i] = (float) (rng.nextDouble() * range);
    }
    return Z;
  }

  private static void check(
      StringBuilder table,
      String name,
      FloatMatrix input,
      BiConsumer<FloatMatrix, FloatMatrix> single,
      BiConsumer<DoubleMatrix, DoubleMatrix> dbl) {
    FloatMatrix actual = new FloatMatrix(input.rows, input.columns);
    single.accept(input, actual);
    DoubleMatrix reference = new DoubleMatrix(input.rows, input.columns);
    dbl.accept(widen(input), reference);
    double worst = 0.0;
    long worstUlps = 0;
    int at = -1;
    for (int i = 0; i < actual.length; i++) {
      float expected = (float) reference.data[i];
      double e = FloatTesting.error(expected, actual.data[i], FLOOR);
      if (e > worst) {
        worst = e;
        at = i;
      }
      if (Float.isFinite(expected) && Float.isFinite(actual.data[i])) {
        worstUlps = Math.max(worstUlps, FloatTesting.ulps(expected, actual.data[i]));
      }
    }
    table.append(
        String.format(
            Locale.ROOT, "  %-26s max relative error %.3g, max %d ulp%n", name, worst, worstUlps));
    int i = at;
    double max = worst;
    assertTrue(
        max <= BOUND,
        () -> name + ": error " + max + " at entry " + i + " (input " + input.data[i]
            + ", double kernel " + reference.data[i] + ", float " + actual.data[i] + ")");
  }

  @Test
  void reluFamilySelectsWhatTheComparisonsSelect() {
    int n = SPECIALS.length * SPECIALS.length + 100_000;
    float[] z = new float[n];
    float[] da = new float[n];
    for (int i = 0; i < SPECIALS.length; i++) {
      for (int j = 0; j < SPECIALS.length; j++) {
        z[i * SPECIALS.length + j] = SPECIALS[i];
        da[i * SPECIALS.length + j] = SPECIALS[j];
      }
    }
    for (int i = SPECIALS.length * SPECIALS.length; i < n; i++) {
      z[i] = Float.intBitsToFloat(rng.nextInt()); // every bit pattern, NaNs included
      da[i] = (float) rng.nextGaussian();
    }
    float leak = 0.07f;
    float[] out = new float[n];
    Activations.relu(z, out, 0, n);
    for (int i = 0; i < n; i++) {
      assertSameValue(z[i] < 0.0f ? 0.0f : z[i], out[i], "relu", z[i]);
      assertTrue(Float.floatToRawIntBits(out[i]) != Float.floatToRawIntBits(-0.0f), "relu -0.0");
    }
    Activations.leakyRelu(z, leak, out, 0, n);
    for (int i = 0; i < n; i++) {
      assertSameValue(z[i] > 0.0f ? z[i] : leak * z[i], out[i], "leakyRelu", z[i]);
    }
    // The backward rules select by bit masks: exactly the comparisons' choice, every bit.
    Activations.reluBackward(z, da, out, 0, n);
    for (int i = 0; i < n; i++) {
      assertBits(z[i] > 0.0f ? da[i] : 0.0f, out[i], "reluBackward at z = " + z[i]);
    }
    Activations.leakyReluBackward(z, leak, da, out, 0, n);
    for (int i = 0; i < n; i++) {
      assertBits(z[i] > 0.0f ? da[i] : leak * da[i], out[i], "leakyReluBackward at z = " + z[i]);
    }
  }

  /** Equal values (NaN equals NaN; the sign of a zero may differ). */
  private static void assertSameValue(float expected, float actual, String op, float z) {
    if (!(expected == actual || (expected != expected && actual != actual))) {
      assertEquals(expected, actual, op + " at z = " + z);
    }
  }

  @Test
  void forwardEdgeCases() {
    FloatMatrix Z = new FloatMatrix(1, 6, -200, 200, -Float.MAX_VALUE, Float.MAX_VALUE, 0, -0f);
    FloatMatrix A = new FloatMatrix(1, 6);
    Activations.sigmoid(Z, A);
    assertEquals(0.0f, A.data[0]); // e^-200 underflows float
    assertEquals(1.0f, A.data[1]);
    assertEquals(0.0f, A.data[2]);
    assertEquals(1.0f, A.data[3]);
    assertEquals(0.5f, A.data[4]);
    Activations.tanh(Z, A);
    assertEquals(-1.0f, A.data[0]);
    assertEquals(1.0f, A.data[1]);
    assertBits(-0.0f, A.data[5], "tanh keeps the sign of zero");
    FloatMatrix nan = new FloatMatrix(1, 1);
    Activations.relu(new FloatMatrix(1, 1, Float.NaN), nan);
    assertTrue(Float.isNaN(nan.data[0]), "relu propagates NaN");
    Activations.linear(Z, A);
    for (int i = 0; i < 6; i++) {
      assertBits(Z.data[i], A.data[i], "linear copies");
    }
    FloatMatrix dZ = new FloatMatrix(1, 6);
    Activations.linearBackward(Z, dZ);
    for (int i = 0; i < 6; i++) {
      assertBits(Z.data[i], dZ.data[i], "linearBackward copies");
    }
  }

  @Test
  void softmaxColumnsArePositiveAndSumToOne() {
    FloatMatrix Z = FloatTesting.random(rng, 5, 6, 3);
    Z.put(2, 3, 1000); // would overflow exp without the max shift
    Z.put(1, 4, -1000);
    Z.put(0, 5, Float.NEGATIVE_INFINITY);
    FloatMatrix A = new FloatMatrix(5, 6);
    Activations.softmax(Z, A);
    for (int j = 0; j < 6; j++) {
      double sum = 0;
      for (int i = 0; i < 5; i++) {
        assertTrue(A.get(i, j) >= 0 && A.get(i, j) <= 1, "A(" + i + ", " + j + ")");
        sum += A.get(i, j);
      }
      assertEquals(1.0, sum, 5 * 0x1p-23);
    }
    assertEquals(1.0f, A.get(2, 3));
    assertEquals(0.0f, A.get(0, 5));
    FloatMatrix inPlace = Z.dup();
    Activations.softmax(inPlace, inPlace);
    for (int i = 0; i < A.length; i++) {
      assertBits(A.data[i], inPlace.data[i], "softmax in place");
    }
    Activations.softmax(new FloatMatrix(0, 3), new FloatMatrix(0, 3)); // no rows: nothing to do
  }

  /** The backward rules against central differences of the float forward functions. */
  @Test
  void backwardRulesMatchNumericalDerivatives() {
    checkDerivative("sigmoid", Activations::sigmoid, (Z, dA) -> {
      FloatMatrix A = new FloatMatrix(Z.rows, Z.columns);
      Activations.sigmoid(Z, A);
      FloatMatrix dZ = new FloatMatrix(Z.rows, Z.columns);
      Activations.sigmoidBackward(A, dA, dZ);
      return dZ;
    });
    checkDerivative("tanh", Activations::tanh, (Z, dA) -> {
      FloatMatrix A = new FloatMatrix(Z.rows, Z.columns);
      Activations.tanh(Z, A);
      FloatMatrix dZ = new FloatMatrix(Z.rows, Z.columns);
      Activations.tanhBackward(A, dA, dZ);
      return dZ;
    });
    checkDerivative("relu", Activations::relu, (Z, dA) -> {
      FloatMatrix dZ = new FloatMatrix(Z.rows, Z.columns);
      Activations.reluBackward(Z, dA, dZ);
      return dZ;
    });
    checkDerivative("leakyRelu", (Z, A) -> Activations.leakyRelu(Z, 0.3, A), (Z, dA) -> {
      FloatMatrix dZ = new FloatMatrix(Z.rows, Z.columns);
      Activations.leakyReluBackward(Z, 0.3, dA, dZ);
      return dZ;
    });
    checkDerivative("linear", Activations::linear, (Z, dA) -> {
      FloatMatrix dZ = new FloatMatrix(Z.rows, Z.columns);
      Activations.linearBackward(dA, dZ);
      return dZ;
    });
  }

  private void checkDerivative(
      String name,
      BiConsumer<FloatMatrix, FloatMatrix> forward,
      BiFunction<FloatMatrix, FloatMatrix, FloatMatrix> backward) {
    FloatMatrix Z = FloatTesting.random(rng, 5, 6, 3);
    for (int i = 0; i < Z.length; i++) {
      // Away from the kink of relu, and on a grid of 2^-10 so that z +- h is exact in float.
      float z = Math.round(Z.data[i] * 1024) / 1024f;
      Z.data[i] = Math.abs(z) < 0.05f ? 0.5f : z;
    }
    FloatMatrix dA = FloatTesting.random(rng, 5, 6);
    FloatMatrix dZ = backward.apply(Z, dA);
    float h = 0x1p-8f; // float forward values carry ~6e-8 relative error; that over 2h is 1.5e-5
    FloatMatrix plus = new FloatMatrix(5, 6);
    FloatMatrix minus = new FloatMatrix(5, 6);
    forward.accept(Z.add(h), plus);
    forward.accept(Z.sub(h), minus);
    for (int i = 0; i < Z.length; i++) {
      double numerical = dA.data[i] * ((double) plus.data[i] - minus.data[i]) / (2 * h);
      assertEquals(numerical, dZ.data[i], 1e-4, name + " entry " + i + " at z = " + Z.data[i]);
    }
  }

  @Test
  void shapeMismatchesSayWhatTheDoubleKernelsSay() {
    assertEquals(
        message(() -> Activations.tanh(new DoubleMatrix(4, 10), new DoubleMatrix(4, 9))),
        message(() -> Activations.tanh(new FloatMatrix(4, 10), new FloatMatrix(4, 9))));
    assertEquals(
        "tanh: Z is 4x10 and A is 4x9; both must have the same shape",
        message(() -> Activations.tanh(new FloatMatrix(4, 10), new FloatMatrix(4, 9))));
    assertEquals(
        "sigmoidBackward: A is 1x3, dA is 1x3 and dZ is 3x1; all three must have the same shape",
        message(() -> Activations.sigmoidBackward(new FloatMatrix(1, 3), new FloatMatrix(1, 3),
            new FloatMatrix(3, 1))));
    FloatMatrix a = new FloatMatrix(2, 2);
    FloatMatrix b = new FloatMatrix(2, 3);
    Runnable[] calls = {
      () -> Activations.sigmoid(a, b), () -> Activations.relu(a, b),
      () -> Activations.leakyRelu(a, 0.1, b), () -> Activations.linear(a, b),
      () -> Activations.softmax(a, b), () -> Activations.tanhBackward(a, a, b),
      () -> Activations.reluBackward(a, b, a), () -> Activations.leakyReluBackward(b, 0.1, a, a),
      () -> Activations.linearBackward(a, b)
    };
    for (Runnable call : calls) {
      assertThrows(IllegalArgumentException.class, call::run);
    }
  }

  private static String message(Runnable call) {
    return assertThrows(IllegalArgumentException.class, call::run).getMessage();
  }

  @Test
  void narrowAndWidenRoundTrip() {
    FloatMatrix M = FloatTesting.random(rng, 3, 4);
    FloatMatrix back = narrow(widen(M));
    for (int i = 0; i < M.length; i++) {
      assertBits(M.data[i], back.data[i], "round trip");
    }
  }
}
