package dev.netc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netc.annotations.Activation;
import dev.netc.annotations.Loss;
import dev.netc.annotations.Precision;
import dev.netc.runtime.internal.Blas;
import dev.netc.runtime.internal.InputChecks;
import dev.netc.runtime.internal.Losses;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ArchitectureTest {

  static final Architecture PLANAR =
      new Architecture(
          "PlanarClassifier",
          new int[] {2, 4, 1},
          new String[] {"", "output"},
          new Activation[] {Activation.TANH, Activation.SIGMOID},
          Loss.BINARY_CROSS_ENTROPY);

  static final Architecture DIGITS =
      new Architecture(
          "Digits",
          new int[] {3, 5, 3},
          new String[] {"hidden", ""},
          new Activation[] {Activation.LEAKY_RELU, Activation.SOFTMAX},
          Loss.CATEGORICAL_CROSS_ENTROPY);

  private static String message(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  @Test
  void describesItself() {
    assertEquals("PlanarClassifier", PLANAR.network());
    assertArrayEquals(new int[] {2, 4, 1}, PLANAR.sizes());
    assertEquals(2, PLANAR.layers());
    assertEquals(2, PLANAR.units(0));
    assertEquals(4, PLANAR.units(1));
    assertEquals(Activation.SIGMOID, PLANAR.activation(2));
    assertEquals(Loss.BINARY_CROSS_ENTROPY, PLANAR.loss());
    assertEquals("layer 1", PLANAR.layerName(1));
    assertEquals("layer 2 (\"output\")", PLANAR.layerName(2));
    assertEquals(17, PLANAR.parameterCount());
    assertEquals("2 -> 4 (tanh) -> 1 (sigmoid)", PLANAR.describe());
    assertEquals("3 -> 5 (leaky_relu) -> 3 (softmax)", DIGITS.describe());
  }

  @Test
  void sizesAreCopied() {
    int[] sizes = {2, 4, 1};
    Architecture a =
        new Architecture("N", sizes, new String[] {"", ""},
            new Activation[] {Activation.TANH, Activation.SIGMOID}, Loss.BINARY_CROSS_ENTROPY);
    sizes[0] = 99;
    a.sizes()[1] = 99;
    assertArrayEquals(new int[] {2, 4, 1}, a.sizes());
  }

  /** 3 -> 5 (relu) -> 4 (relu) -> 2 (tanh) with mean squared error: the output is unmatched. */
  static final Architecture REGRESSION =
      new Architecture(
          "Regression",
          new int[] {3, 5, 4, 2},
          new String[] {"", "", ""},
          new Activation[] {Activation.RELU, Activation.RELU, Activation.TANH},
          Loss.MEAN_SQUARED_ERROR);

  @Test
  void summaryIsATable() {
    assertEquals(
        "PlanarClassifier: 2 -> 4 (tanh) -> 1 (sigmoid)\n"
            + "layer  name    units  activation  W    b    parameters"
            + "  forward  backward  workspace\n"
            + "0      input   2\n"
            + "1      -       4      tanh        4x2  4x1  12          8        8         128\n"
            + "2      output  1      sigmoid     1x4  1x1  5           4        8         24\n"
            + "total                                       17          12       16        152\n"
            + "loss: binary cross-entropy\n"
            + "parameters: 17 doubles, 136 bytes\n"
            + "per example: 12 multiply-adds forward, 16 backward, 152 bytes of workspace\n",
        PLANAR.summary());
  }

  @Test
  void summaryOfAnUnmatchedOutputCountsItsDa() {
    assertEquals(
        "Regression: 3 -> 5 (relu) -> 4 (relu) -> 2 (tanh)\n"
            + "layer  name   units  activation  W    b    parameters"
            + "  forward  backward  workspace\n"
            + "0      input  3\n"
            + "1      -      5      relu        5x3  5x1  20          15       15        160\n"
            + "2      -      4      relu        4x5  4x1  24          20       40        128\n"
            + "3      -      2      tanh        2x4  2x1  10          8        16        64\n"
            + "total                                      54          43       71        352\n"
            + "loss: mean squared error\n"
            + "parameters: 54 doubles, 432 bytes\n"
            + "per example: 43 multiply-adds forward, 71 backward, 352 bytes of workspace\n",
        REGRESSION.summary());
  }

  @Test
  void figuresOfThePlanarNetwork() {
    // W1 4x2, b1 4x1, W2 1x4, b2 1x1
    assertEquals(8 + 4 + 4 + 1, PLANAR.parameterCount());
    assertEquals(8 * 17, PLANAR.parameterBytes());
    // Z1 = W1*X (4*2), Z2 = W2*A1 (1*4)
    assertEquals(4 * 2 + 1 * 4, PLANAR.forwardMultiplyAddsPerExample());
    // dW2 = dZ2*A1^T (1*4), dA1 = W2^T*dZ2 (1*4), dW1 = dZ1*X^T (4*2); no dA0
    assertEquals(1 * 4 + 1 * 4 + 4 * 2, PLANAR.backwardMultiplyAddsPerExample());
    // Z1, A1, Z2, A2; dZ2, dA1, dZ1 (sigmoid with BCE: dZ2 = A2 - Y needs no dA2)
    assertEquals(8 * (4 + 4 + 1 + 1 + 1 + 4 + 4), PLANAR.workspaceBytesPerExample());
    assertTrue(PLANAR.outputIsMatched());
  }

  @Test
  void aFloatNetworkCountsFourBytesPerElement() {
    Architecture planar =
        new Architecture(
            "PlanarClassifier",
            new int[] {2, 4, 1},
            new String[] {"", "output"},
            new Activation[] {Activation.TANH, Activation.SIGMOID},
            Loss.BINARY_CROSS_ENTROPY,
            Precision.FLOAT);
    assertEquals(Precision.FLOAT, planar.precision());
    assertEquals(Precision.DOUBLE, PLANAR.precision());
    assertEquals(4 * 17, planar.parameterBytes());
    assertEquals(PLANAR.workspaceBytesPerExample() / 2, planar.workspaceBytesPerExample());
    assertEquals(
        PLANAR.summary()
            .replace("17 doubles, 136 bytes", "17 floats, 68 bytes")
            .replace("152 bytes of workspace", "76 bytes of workspace")
            .replace("         128\n", "         64\n")
            .replace("         24\n", "         12\n")
            .replace("        152\n", "        76\n"),
        planar.summary());
  }

  @Test
  void figuresOfAnUnmatchedOutput() {
    assertEquals((15 + 5) + (20 + 4) + (8 + 2), REGRESSION.parameterCount());
    assertEquals(8 * 54, REGRESSION.parameterBytes());
    assertEquals(5 * 3 + 4 * 5 + 2 * 4, REGRESSION.forwardMultiplyAddsPerExample());
    assertEquals(5 * 3 + 2 * 4 * 5 + 2 * 2 * 4, REGRESSION.backwardMultiplyAddsPerExample());
    // forward Z1, A1, Z2, A2, Z3, A3; backward dA3, dZ3, dA2, dZ2, dA1, dZ1
    assertEquals(
        8 * ((5 + 5 + 4 + 4 + 2 + 2) + (2 + 2 + 4 + 4 + 5 + 5)),
        REGRESSION.workspaceBytesPerExample());
    assertFalse(REGRESSION.outputIsMatched());
  }

  @Test
  void matchedPairs() {
    assertTrue(DIGITS.outputIsMatched());
    assertTrue(
        new Architecture("L", new int[] {3, 1}, new String[] {""},
                new Activation[] {Activation.LINEAR}, Loss.MEAN_SQUARED_ERROR)
            .outputIsMatched());
    assertFalse(
        new Architecture("S", new int[] {3, 1}, new String[] {""},
                new Activation[] {Activation.SIGMOID}, Loss.MEAN_SQUARED_ERROR)
            .outputIsMatched());
  }

  @Test
  void figuresOfHugeLayersDoNotOverflow() {
    int big = Integer.MAX_VALUE;
    Architecture a =
        new Architecture("Huge", new int[] {big, big}, new String[] {""},
            new Activation[] {Activation.LINEAR}, Loss.MEAN_SQUARED_ERROR);
    assertEquals((long) big * big + big, a.parameterCount());
    assertEquals((long) big * big, a.forwardMultiplyAddsPerExample());
    assertEquals(8L * 3 * big, a.workspaceBytesPerExample());
    // 8 * (2^31 - 1)^2 bytes is past 2^63: saturated, never a wrapped negative number
    assertEquals(Long.MAX_VALUE, a.parameterBytes());
    assertTrue(a.summary().contains("parameters: " + a.parameterCount() + " doubles, "
        + Long.MAX_VALUE + " bytes"));
  }

  @Test
  void badLayerNumbers() {
    assertEquals("layer 3 does not exist; layers are 1..2", message(() -> PLANAR.layerName(3)));
    assertEquals("layer 0 does not exist; layers are 1..2", message(() -> PLANAR.activation(0)));
    assertEquals(
        "n[3] does not exist; sizes are n[0]..n[2]", message(() -> PLANAR.units(3)));
  }

  @Test
  void constructorRefusesInconsistentArrays() {
    assertEquals(
        "N: activations must have 2 entries (one per layer), got 1",
        message(
            () -> new Architecture("N", new int[] {2, 4, 1}, new String[] {"", ""},
                new Activation[] {Activation.TANH}, Loss.BINARY_CROSS_ENTROPY)));
    assertEquals(
        "n[1] is 0 in [2, 0, 1]; every size must be at least 1",
        message(
            () -> new Architecture("N", new int[] {2, 0, 1}, new String[] {"", ""},
                new Activation[] {Activation.TANH, Activation.SIGMOID},
                Loss.BINARY_CROSS_ENTROPY)));
  }

  @Test
  void checkInputMessages() {
    assertEquals(
        "PlanarClassifier: X must be 2xm (n[0] x m), got 3x400",
        message(() -> InputChecks.checkInput(PLANAR, new DoubleMatrix(3, 400))));
    assertEquals(
        "PlanarClassifier: X has no columns; m must be at least 1",
        message(() -> InputChecks.checkInput(PLANAR, new DoubleMatrix(2, 0))));
    DoubleMatrix X = new DoubleMatrix(2, 400);
    X.put(1, 16, Double.NaN);
    X.put(0, 20, Double.POSITIVE_INFINITY);
    assertEquals(
        "PlanarClassifier: X(1, 16) is NaN; every entry of X must be finite",
        message(() -> InputChecks.checkInput(PLANAR, X)));
    X.put(1, 16, 0);
    assertEquals(
        "PlanarClassifier: X(0, 20) is Infinity; every entry of X must be finite",
        message(() -> InputChecks.checkInput(PLANAR, X)));
    X.put(0, 20, 0);
    assertDoesNotThrow(() -> InputChecks.checkInput(PLANAR, X));
  }

  @Test
  void checkTargetsMessages() {
    DoubleMatrix X = new DoubleMatrix(2, 400);
    assertEquals(
        "PlanarClassifier: Y must be 1x400 (n[2] x m), got 2x400",
        message(() -> InputChecks.checkTargets(PLANAR, X, new DoubleMatrix(2, 400))));
    assertEquals(
        "PlanarClassifier: Y must be 1x400 (n[2] x m), got 1x399",
        message(() -> InputChecks.checkTargets(PLANAR, X, new DoubleMatrix(1, 399))));
    assertEquals(
        "PlanarClassifier: X must be 2xm (n[0] x m), got 3x400",
        message(
            () ->
                InputChecks.checkTargets(
                    PLANAR, new DoubleMatrix(3, 400), new DoubleMatrix(1, 400))));
    DoubleMatrix Y = new DoubleMatrix(1, 400);
    Y.put(0, 7, 2.0);
    assertEquals(
        "PlanarClassifier: Y(0, 7) is 2.0; binary cross-entropy targets must lie in [0, 1]",
        message(() -> InputChecks.checkTargets(PLANAR, X, Y)));
    Y.put(0, 7, Double.NaN);
    assertEquals(
        "PlanarClassifier: Y(0, 7) is NaN; every entry of Y must be finite",
        message(() -> InputChecks.checkTargets(PLANAR, X, Y)));
    Y.put(0, 7, 1.0);
    assertDoesNotThrow(() -> InputChecks.checkTargets(PLANAR, X, Y));
  }

  /** 6 -> 3 -> 1: a first layer narrower than its input, whose models check X through Z1. */
  static final Architecture NARROW =
      new Architecture(
          "Narrow",
          new int[] {6, 3, 1},
          new String[] {"", ""},
          new Activation[] {Activation.RELU, Activation.SIGMOID},
          Loss.BINARY_CROSS_ENTROPY);

  /**
   * What a generated model with a narrow first layer runs: {@code checkTargetsAndInputShape},
   * the first product {@code Z1 = W1*X + b1} (through {@link Blas#gemm}), {@code
   * checkInputEntries}. The first exception it meets, or null.
   */
  private static String splitChecks(DoubleMatrix X, DoubleMatrix Y, DoubleMatrix W1) {
    try {
      InputChecks.checkTargetsAndInputShape(NARROW, X, Y);
      DoubleMatrix Z1 = new DoubleMatrix(3, X.columns);
      Z1.fill(0.25);
      Blas.gemm(Blas.Op.N, Blas.Op.N, 1.0, W1, X, 1.0, Z1);
      InputChecks.checkInputEntries(NARROW, X, Z1);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static String splitChecks(FloatMatrix X, FloatMatrix Y, FloatMatrix W1) {
    try {
      InputChecks.checkTargetsAndInputShape(NARROW, X, Y);
      FloatMatrix Z1 = new FloatMatrix(3, X.columns);
      Z1.fill(0.25f);
      Blas.gemm(Blas.Op.N, Blas.Op.N, 1.0f, W1, X, 1.0f, Z1);
      InputChecks.checkInputEntries(NARROW, X, Z1);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static String messageOrNull(Executable call) {
    try {
      call.execute();
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
  }

  /**
   * Checking X's entries through Z1 after the first product gives every (X, Y) the exception
   * checkTargets gives it, in both precisions: a bad X alone, a bad Y alone, both (X first), and
   * W1 with zero and negative weights (0 * infinity is NaN; infinities of both signs meet).
   */
  @Test
  void checkingXThroughZ1GivesTheExceptionsOfCheckTargets() {
    DoubleMatrix W1 = new DoubleMatrix(3, 6, 0, 1, -1, 0.5, 0, 0, 2, -3, 0, 0, 1, -1, 0, 0, 4, 0,
        0, 0);
    DoubleMatrix good = new DoubleMatrix(6, 40);
    for (int i = 0; i < good.length; i++) {
      good.data[i] = Math.sin(i);
    }
    DoubleMatrix Y = new DoubleMatrix(1, 40);
    DoubleMatrix badY = Y.dup();
    badY.put(0, 9, 3.0);
    java.util.List<DoubleMatrix> inputs = new java.util.ArrayList<>();
    inputs.add(good);
    for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      for (int[] at : new int[][] {{0, 0}, {5, 39}, {4, 17}, {1, 3}}) {
        DoubleMatrix X = good.dup();
        X.put(at[0], at[1], v);
        inputs.add(X);
      }
    }
    DoubleMatrix twoBad = good.dup();
    twoBad.put(2, 30, Double.NEGATIVE_INFINITY);
    twoBad.put(3, 30, Double.POSITIVE_INFINITY); // opposite infinities meet in one sum
    twoBad.put(0, 31, Double.NaN);
    inputs.add(twoBad);
    inputs.add(new DoubleMatrix(5, 40)); // wrong shape
    for (DoubleMatrix X : inputs) {
      for (DoubleMatrix targets : new DoubleMatrix[] {Y, badY}) {
        String expected = messageOrNull(() -> InputChecks.checkTargets(NARROW, X, targets));
        assertEquals(expected, splitChecks(X, targets, W1));
        assertEquals(expected, splitChecks(X.toFloat(), targets.toFloat(), W1.toFloat()));
      }
      String expected = messageOrNull(() -> InputChecks.checkInput(NARROW, X));
      String actual = messageOrNull(() -> InputChecks.checkInputShape(NARROW, X));
      if (actual == null) {
        DoubleMatrix Z1 = new DoubleMatrix(3, 40);
        Blas.gemm(Blas.Op.N, Blas.Op.N, 1.0, W1, X, 0.0, Z1);
        actual = messageOrNull(() -> InputChecks.checkInputEntries(NARROW, X, Z1));
      }
      assertEquals(expected, actual);
    }
    assertTrue(splitChecks(twoBad, Y, W1).startsWith("Narrow: X(2, 30) is -Infinity"));
  }

  /** A non-finite Z1 from non-finite parameters sends the check to X, which passes. */
  @Test
  void aNonFiniteZ1WithAFiniteXPasses() {
    DoubleMatrix X = DoubleMatrix.ones(6, 5);
    DoubleMatrix Z1 = DoubleMatrix.ones(3, 5);
    Z1.put(1, 2, Double.NaN);
    assertDoesNotThrow(() -> InputChecks.checkInputEntries(NARROW, X, Z1));
    assertDoesNotThrow(() -> InputChecks.checkInputEntries(NARROW, X.toFloat(), Z1.toFloat()));
    X.put(4, 1, Double.NaN);
    assertEquals("Narrow: X(4, 1) is NaN; every entry of X must be finite",
        message(() -> InputChecks.checkInputEntries(NARROW, X, Z1)));
    assertEquals("Narrow: X(4, 1) is NaN; every entry of X must be finite",
        message(() -> InputChecks.checkInputEntries(NARROW, X.toFloat(), Z1.toFloat())));
    assertEquals("Narrow: X is null; it must be 6xm",
        message(() -> InputChecks.checkInputShape(NARROW, (DoubleMatrix) null)));
    assertEquals("Narrow: X is null; it must be 6xm",
        message(() -> InputChecks.checkTargetsAndInputShape(NARROW, (FloatMatrix) null, null)));
  }

  @Test
  void categoricalTargetsMustBeOneHot() {
    DoubleMatrix X = new DoubleMatrix(3, 4);
    DoubleMatrix Y = new DoubleMatrix(3, 4, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0);
    assertDoesNotThrow(() -> InputChecks.checkTargets(DIGITS, X, Y));
    Y.put(2, 3, 1.0); // column 3 sums to 2
    assertEquals(
        "Digits: column 3 of Y sums to 2.0; categorical cross-entropy target columns must sum to"
            + " 1 (one-hot)",
        message(() -> InputChecks.checkTargets(DIGITS, X, Y)));
    Y.put(2, 3, 0.0);
    Y.put(1, 2, -0.5);
    Y.put(2, 2, 1.5);
    assertEquals(
        "Digits: Y(1, 2) is -0.5; categorical cross-entropy targets must be non-negative and every"
            + " column must sum to 1 (one-hot)",
        message(() -> InputChecks.checkTargets(DIGITS, X, Y)));
  }

  @Test
  void meanSquaredErrorTargetsOnlyNeedToBeFinite() {
    Architecture regression =
        new Architecture("Regression", new int[] {1, 1}, new String[] {""},
            new Activation[] {Activation.LINEAR}, Loss.MEAN_SQUARED_ERROR);
    assertDoesNotThrow(
        () ->
            InputChecks.checkTargets(
                regression, new DoubleMatrix(1, 2), new DoubleMatrix(1, 2, -5, 7)));
  }

  // ---- single precision: the same checks, the same messages ----

  /** The message of checkTargets on {@code (X, Y)}, the same in double and in float. */
  private static String sameMessage(Architecture a, DoubleMatrix X, DoubleMatrix Y) {
    String d = message(() -> InputChecks.checkTargets(a, X, Y));
    assertEquals(d, message(() -> InputChecks.checkTargets(a, X.toFloat(), Y.toFloat())));
    return d;
  }

  private static String sameInputMessage(Architecture a, DoubleMatrix X) {
    String d = message(() -> InputChecks.checkInput(a, X));
    assertEquals(d, message(() -> InputChecks.checkInput(a, X.toFloat())));
    return d;
  }

  @Test
  void floatCheckInputMessages() {
    assertEquals("PlanarClassifier: X must be 2xm (n[0] x m), got 3x400",
        sameInputMessage(PLANAR, new DoubleMatrix(3, 400)));
    assertEquals("PlanarClassifier: X has no columns; m must be at least 1",
        sameInputMessage(PLANAR, new DoubleMatrix(2, 0)));
    DoubleMatrix X = new DoubleMatrix(2, 400);
    X.put(1, 16, Double.NaN);
    X.put(0, 20, Double.POSITIVE_INFINITY);
    assertEquals("PlanarClassifier: X(1, 16) is NaN; every entry of X must be finite",
        sameInputMessage(PLANAR, X));
    X.put(1, 16, 0);
    assertEquals("PlanarClassifier: X(0, 20) is Infinity; every entry of X must be finite",
        sameInputMessage(PLANAR, X));
    X.put(0, 20, 0);
    assertDoesNotThrow(() -> InputChecks.checkInput(PLANAR, X.toFloat()));
    assertEquals("PlanarClassifier: X is null; it must be 2xm",
        message(() -> InputChecks.checkInput(PLANAR, (FloatMatrix) null)));
    assertEquals("PlanarClassifier: X is null; it must be 2xm",
        message(() -> InputChecks.checkInput(PLANAR, (DoubleMatrix) null)));
  }

  @Test
  void floatStorageShorterThanTheShapeIsRefusedAlike() {
    DoubleMatrix d = new DoubleMatrix(2, 3);
    d.data = new double[5];
    FloatMatrix f = new FloatMatrix(2, 3);
    f.data = new float[5];
    String expected = "PlanarClassifier: X is 2x3 but its data array holds 5 values";
    assertEquals(expected, message(() -> InputChecks.checkInput(PLANAR, d)));
    assertEquals(expected, message(() -> InputChecks.checkInput(PLANAR, f)));
    d.data = null;
    f.data = null;
    expected = "PlanarClassifier: X is 2x3 but its data array holds nothing";
    assertEquals(expected, message(() -> InputChecks.checkInput(PLANAR, d)));
    assertEquals(expected, message(() -> InputChecks.checkInput(PLANAR, f)));
  }

  @Test
  void floatCheckTargetsMessages() {
    DoubleMatrix X = new DoubleMatrix(2, 400);
    assertEquals("PlanarClassifier: Y must be 1x400 (n[2] x m), got 2x400",
        sameMessage(PLANAR, X, new DoubleMatrix(2, 400)));
    assertEquals("PlanarClassifier: Y must be 1x400 (n[2] x m), got 1x399",
        sameMessage(PLANAR, X, new DoubleMatrix(1, 399)));
    assertEquals("PlanarClassifier: X must be 2xm (n[0] x m), got 3x400",
        sameMessage(PLANAR, new DoubleMatrix(3, 400), new DoubleMatrix(1, 400)));
    DoubleMatrix Y = new DoubleMatrix(1, 400);
    Y.put(0, 7, 2.0);
    assertEquals(
        "PlanarClassifier: Y(0, 7) is 2.0; binary cross-entropy targets must lie in [0, 1]",
        sameMessage(PLANAR, X, Y));
    Y.put(0, 7, Double.NaN);
    assertEquals("PlanarClassifier: Y(0, 7) is NaN; every entry of Y must be finite",
        sameMessage(PLANAR, X, Y));
    Y.put(0, 7, 1.0);
    assertDoesNotThrow(() -> InputChecks.checkTargets(PLANAR, X.toFloat(), Y.toFloat()));
    assertEquals("PlanarClassifier: Y is null; it must be 1x400 (n[2] x m)",
        message(() -> InputChecks.checkTargets(PLANAR, X.toFloat(), null)));
  }

  /** A float is shown as the float it is, not as the double it widens to. */
  @Test
  void floatEntriesAreShownAsFloats() {
    FloatMatrix X = new FloatMatrix(2, 3);
    FloatMatrix Y = new FloatMatrix(1, 3);
    Y.put(0, 2, 1.1f);
    assertEquals(
        "PlanarClassifier: Y(0, 2) is 1.1; binary cross-entropy targets must lie in [0, 1]",
        message(() -> InputChecks.checkTargets(PLANAR, X, Y)));
  }

  @Test
  void floatCategoricalTargetsMustBeOneHot() {
    DoubleMatrix X = new DoubleMatrix(3, 4);
    DoubleMatrix Y = new DoubleMatrix(3, 4, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0);
    assertDoesNotThrow(() -> InputChecks.checkTargets(DIGITS, X.toFloat(), Y.toFloat()));
    Y.put(2, 3, 1.0);
    assertEquals(
        "Digits: column 3 of Y sums to 2.0; categorical cross-entropy target columns must sum to"
            + " 1 (one-hot)",
        sameMessage(DIGITS, X, Y));
    Y.put(2, 3, 0.0);
    Y.put(1, 2, -0.5);
    Y.put(2, 2, 1.5);
    assertEquals(
        "Digits: Y(1, 2) is -0.5; categorical cross-entropy targets must be non-negative and every"
            + " column must sum to 1 (one-hot)",
        sameMessage(DIGITS, X, Y));
    // thirds in float sum to 1 within the tolerance, as in double
    FloatMatrix thirds = new FloatMatrix(3, 1, 1 / 3f, 1 / 3f, 1 / 3f);
    assertDoesNotThrow(() -> InputChecks.checkTargets(DIGITS, new FloatMatrix(3, 1), thirds));
  }

  /**
   * Soft labels (each column a distribution over the classes, as label smoothing gives) are
   * accepted, as the README says, and the cost is the cross-entropy against them as given: {@code
   * J = -(1/m) sum y log softmax(z)}.
   */
  @Test
  void softCategoricalTargetsAreAcceptedAndTrainedOnAsGiven() {
    DoubleMatrix X = new DoubleMatrix(3, 2);
    DoubleMatrix Y = new DoubleMatrix(3, 2, 0.8, 0.1, 0.1, 0.25, 0.25, 0.5);
    assertDoesNotThrow(() -> InputChecks.checkTargets(DIGITS, X, Y));
    assertDoesNotThrow(() -> InputChecks.checkTargets(DIGITS, X.toFloat(), Y.toFloat()));
    DoubleMatrix Z = new DoubleMatrix(3, 2, 1.0, -0.5, 2.0, 0.0, 3.0, -1.0);
    double expected = 0;
    for (int j = 0; j < 2; j++) {
      double sum = 0;
      for (int i = 0; i < 3; i++) {
        sum += Math.exp(Z.get(i, j));
      }
      for (int i = 0; i < 3; i++) {
        expected -= Y.get(i, j) * Math.log(Math.exp(Z.get(i, j)) / sum) / 2;
      }
    }
    assertEquals(expected, Losses.categoricalCrossEntropy(Z, Y), 1e-12);
    assertEquals(expected, Losses.categoricalCrossEntropy(Z.toFloat(), Y.toFloat()), 1e-6);
  }

  @Test
  void floatMeanSquaredErrorTargetsOnlyNeedToBeFinite() {
    Architecture regression =
        new Architecture("Regression", new int[] {1, 1}, new String[] {""},
            new Activation[] {Activation.LINEAR}, Loss.MEAN_SQUARED_ERROR);
    assertDoesNotThrow(
        () ->
            InputChecks.checkTargets(
                regression, new FloatMatrix(1, 2), new FloatMatrix(1, 2, -5, 7)));
  }
}
