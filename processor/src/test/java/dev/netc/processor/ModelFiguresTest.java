package dev.netc.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netc.annotations.Activation;
import dev.netc.annotations.Loss;
import dev.netc.annotations.Precision;
import dev.netc.processor.ModelFigures.LayerFigures;
import dev.netc.runtime.Architecture;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelFigures} against numbers worked out by hand from the generated code, and against the
 * runtime's {@link Architecture}, which computes the same figures for {@code summary()}.
 */
final class ModelFiguresTest {

  @Test
  void planarNetwork() {
    // 2 -> 4 (tanh) -> 1 (sigmoid) with binary cross-entropy: dZ2 = A2 - Y, no dA2.
    ModelFigures figures = ModelFigures.of(new int[] {2, 4, 1}, true);
    // W1 4x2, b1 4x1, W2 1x4, b2 1x1
    assertEquals(8 + 4 + 4 + 1, figures.parameterCount());
    assertEquals(17 * 8, figures.parameterBytes());
    // Z1 = W1*X: 4*2; Z2 = W2*A1: 1*4
    assertEquals(8 + 4, figures.forwardMultiplyAdds());
    // dW2 = dZ2 @ A1.T: 1*4; dA1 = W2.T @ dZ2: 4*1; dW1 = dZ1 @ X.T: 4*2; no dA0
    assertEquals(4 + 4 + 8, figures.backwardMultiplyAdds());
    // forward Z1, A1 (4 each), Z2, A2 (1 each); backward dZ2 (1), dA1, dZ1 (4 each): 19 doubles
    assertEquals(19 * 8, figures.workspaceBytesPerExample());
    assertEquals(
        List.of(
            new LayerFigures(1, 4, 2, 12, 8, 8, 4 * 4 * 8),
            new LayerFigures(2, 1, 4, 5, 4, 8, 3 * 1 * 8)),
        figures.layers());
  }

  @Test
  void threeLayersWithAnUnmatchedOutput() {
    // 3 -> 5 (relu) -> 4 (relu) -> 2 (tanh) with mean squared error: dZ3 = dA3 o g'(Z3).
    ModelFigures figures = ModelFigures.of(new int[] {3, 5, 4, 2}, false);
    // W1 5x3 + b1 5, W2 4x5 + b2 4, W3 2x4 + b3 2
    assertEquals(20 + 24 + 10, figures.parameterCount());
    assertEquals(54 * 8, figures.parameterBytes());
    assertEquals(15 + 20 + 8, figures.forwardMultiplyAdds());
    // dW1 15; dW2 20 + dA1 20; dW3 8 + dA2 8
    assertEquals(15 + 40 + 16, figures.backwardMultiplyAdds());
    // forward Z, A: 2 * (5 + 4 + 2) = 22; backward dA3, dZ3, dA2, dZ2, dA1, dZ1: 22
    assertEquals(44 * 8, figures.workspaceBytesPerExample());
    assertEquals(
        List.of(
            new LayerFigures(1, 5, 3, 20, 15, 15, 4 * 5 * 8),
            new LayerFigures(2, 4, 5, 24, 20, 40, 4 * 4 * 8),
            new LayerFigures(3, 2, 4, 10, 8, 16, 4 * 2 * 8)),
        figures.layers());
  }

  @Test
  void matchedOutputOfTheSameShapeNeedsNoDaL() {
    ModelFigures unmatched = ModelFigures.of(new int[] {3, 5, 4, 2}, false);
    ModelFigures matched = ModelFigures.of(new int[] {3, 5, 4, 2}, true);
    assertEquals(unmatched.workspaceBytesPerExample() - 2 * 8, matched.workspaceBytesPerExample());
    assertEquals(unmatched.backwardMultiplyAdds(), matched.backwardMultiplyAdds());
  }

  @Test
  void singlePrecisionHalvesTheBytesAndNothingElse() {
    ModelFigures doubles = ModelFigures.of(new int[] {3, 5, 4, 2}, false);
    ModelFigures floats = ModelFigures.of(new int[] {3, 5, 4, 2}, false, 4);
    assertEquals(54 * 4, floats.parameterBytes());
    assertEquals(44 * 4, floats.workspaceBytesPerExample());
    assertEquals(doubles.parameterBytes(), 2 * floats.parameterBytes());
    assertEquals(doubles.workspaceBytesPerExample(), 2 * floats.workspaceBytesPerExample());
    assertEquals(doubles.parameterCount(), floats.parameterCount());
    assertEquals(doubles.forwardMultiplyAdds(), floats.forwardMultiplyAdds());
    assertEquals(doubles.backwardMultiplyAdds(), floats.backwardMultiplyAdds());
    assertEquals(4 * 5 * 4, floats.layers().get(0).workspaceBytesPerExample());
    // Saturates where 4 times the count no longer fits, not already where 8 times does:
    // (2^30 - 1) x (2^31 - 1) weights and 2^30 - 1 biases are 2^61 - 2^31 parameters.
    int[] huge = {Integer.MAX_VALUE, (1 << 30) - 1};
    long parameters = (1L << 61) - (1L << 31);
    assertEquals(Long.MAX_VALUE, ModelFigures.of(huge, true).parameterBytes());
    assertEquals(4 * parameters, ModelFigures.of(huge, true, 4).parameterBytes());
  }

  @Test
  void logisticRegressionHasNoDa() {
    // 2 -> 1 (sigmoid): one layer, so dA0 is the only dA the backward pass could compute.
    ModelFigures figures = ModelFigures.of(new int[] {2, 1}, true);
    assertEquals(3, figures.parameterCount());
    assertEquals(2, figures.forwardMultiplyAdds());
    assertEquals(2, figures.backwardMultiplyAdds());
    assertEquals(3 * 8, figures.workspaceBytesPerExample());
  }

  @Test
  void largeLayersStayExact() {
    // W1 has 2^31 entries, past what an int counts.
    ModelFigures figures = ModelFigures.of(new int[] {1 << 15, 1 << 16}, false);
    assertEquals(1L << 31, figures.forwardMultiplyAdds());
    assertEquals((1L << 31) + (1 << 16), figures.parameterCount());
    assertEquals(8 * ((1L << 31) + (1 << 16)), figures.parameterBytes());
    assertEquals(8L * 4 * (1 << 16), figures.workspaceBytesPerExample());
  }

  @Test
  void figuresBeyondALongSaturate() {
    // (2^31 - 1)^2 weights per layer: two such layers fit a long, three do not.
    int n = Integer.MAX_VALUE;
    long perLayer = (long) n * n + n;
    ModelFigures two = ModelFigures.of(new int[] {n, n, n}, true);
    assertEquals(2 * perLayer, two.parameterCount());
    assertEquals(Long.MAX_VALUE, two.parameterBytes());
    assertEquals(Long.MAX_VALUE, two.backwardMultiplyAdds());
    ModelFigures three = ModelFigures.of(new int[] {n, n, n, n}, true);
    assertEquals(perLayer, three.layers().get(2).parameters());
    assertEquals(Long.MAX_VALUE, three.parameterCount());
    assertEquals(Long.MAX_VALUE, three.parameterBytes());
    assertEquals(Long.MAX_VALUE, three.forwardMultiplyAdds());
    assertEquals(Long.MAX_VALUE, three.backwardMultiplyAdds());
    assertEquals(8L * (4 + 4 + 3) * n, three.workspaceBytesPerExample());
    Architecture runtime =
        new Architecture("Huge", new int[] {n, n, n, n}, new String[] {"", "", ""},
            new Activation[] {Activation.TANH, Activation.TANH, Activation.SIGMOID},
            Loss.BINARY_CROSS_ENTROPY);
    assertEquals(three.parameterCount(), runtime.parameterCount());
    assertEquals(three.parameterBytes(), runtime.parameterBytes());
    assertEquals(three.forwardMultiplyAdds(), runtime.forwardMultiplyAddsPerExample());
    assertEquals(three.backwardMultiplyAdds(), runtime.backwardMultiplyAddsPerExample());
    assertEquals(three.workspaceBytesPerExample(), runtime.workspaceBytesPerExample());
  }

  /**
   * Every activation, loss and precision, random sizes: the processor and the runtime count alike.
   */
  @Test
  void agreesWithTheRuntime() {
    Random random = new Random(42);
    Activation[] activations = Activation.values();
    for (int trial = 0; trial < 500; trial++) {
      int layers = 1 + random.nextInt(6);
      int[] sizes = new int[layers + 1];
      for (int l = 0; l <= layers; l++) {
        sizes[l] = 1 + random.nextInt(trial % 10 == 0 ? 100_000 : 50);
      }
      Activation[] g = new Activation[layers];
      for (int l = 0; l < layers; l++) {
        g[l] = activations[random.nextInt(activations.length)];
      }
      String[] names = new String[layers];
      Arrays.fill(names, "");
      for (Loss loss : Loss.values()) {
        Precision precision = Precision.values()[(trial + loss.ordinal()) % 2];
        Architecture architecture = new Architecture("Net", sizes, names, g, loss, precision);
        ModelFigures figures =
            ModelFigures.of(
                sizes, matched(g[layers - 1], loss), PrecisionNames.of(precision).bytesPerElement());
        String what =
            Arrays.toString(sizes) + " " + Arrays.toString(g) + " " + loss + " " + precision;
        assertEquals(architecture.outputIsMatched(), matched(g[layers - 1], loss), what);
        assertEquals(architecture.parameterCount(), figures.parameterCount(), what);
        assertEquals(architecture.parameterBytes(), figures.parameterBytes(), what);
        assertEquals(
            architecture.forwardMultiplyAddsPerExample(), figures.forwardMultiplyAdds(), what);
        assertEquals(
            architecture.backwardMultiplyAddsPerExample(), figures.backwardMultiplyAdds(), what);
        assertEquals(
            architecture.workspaceBytesPerExample(), figures.workspaceBytesPerExample(), what);
      }
    }
  }

  /** {@link NetworkModel#outputIsMatched}, for sizes and activations without a declaration. */
  private static boolean matched(Activation output, Loss loss) {
    return switch (loss) {
      case BINARY_CROSS_ENTROPY -> output == Activation.SIGMOID;
      case CATEGORICAL_CROSS_ENTROPY -> output == Activation.SOFTMAX;
      case MEAN_SQUARED_ERROR -> output == Activation.LINEAR;
    };
  }
}
