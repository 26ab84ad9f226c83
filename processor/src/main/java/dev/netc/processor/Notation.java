package dev.netc.processor;

import dev.netc.annotations.Activation;
import dev.netc.annotations.Loss;
import dev.netc.processor.NetworkModel.LayerModel;
import java.util.Locale;

/**
 * The course notes' names and shapes as generated code spells them: {@code W1}, {@code A0 = X},
 * {@code 4x2}, {@code 4xm}. One place, so that comments, javadoc and code agree.
 */
final class Notation {
  private Notation() {}

  static String W(int l) {
    return "W" + l;
  }

  static String b(int l) {
    return "b" + l;
  }

  static String Z(int l) {
    return "Z" + l;
  }

  /** {@code A[l]}; {@code A[0]} is the input {@code X}. */
  static String A(int l) {
    return l == 0 ? "X" : "A" + l;
  }

  static String dZ(int l) {
    return "dZ" + l;
  }

  static String dA(int l) {
    return "dA" + l;
  }

  static String dW(int l) {
    return "dW" + l;
  }

  static String db(int l) {
    return "db" + l;
  }

  static String shape(int rows, int columns) {
    return rows + "x" + columns;
  }

  /** A shape over the examples, {@code 4xm}. */
  static String batch(int rows) {
    return rows + "xm";
  }

  /** {@code layer 1 (hidden)}: the opening of every per-layer comment. */
  static String layerTitle(NetworkModel network, LayerModel layer) {
    return "layer " + layer.index() + " (" + layer.label(layer.isOutput(network)) + ")";
  }

  /** {@code leaky_relu}: the spelling the runtime's summary uses too. */
  static String name(Activation activation) {
    return activation.name().toLowerCase(Locale.ROOT);
  }

  static String name(Loss loss) {
    return switch (loss) {
      case BINARY_CROSS_ENTROPY -> "binary cross-entropy";
      case CATEGORICAL_CROSS_ENTROPY -> "categorical cross-entropy";
      case MEAN_SQUARED_ERROR -> "mean squared error";
    };
  }

  /** {@code 2 -> 4 (tanh) -> 1 (sigmoid)}. */
  static String architecture(NetworkModel network) {
    StringBuilder text = new StringBuilder().append(network.inputs());
    for (LayerModel layer : network.layers()) {
      text.append(" -> ").append(layer.units()).append(" (").append(name(layer.activation()));
      text.append(')');
    }
    return text.toString();
  }

  /** A literal that reads back as exactly {@code value}: {@code 0.01}, {@code 1.2E-5}. */
  static String literal(double value) {
    return Double.toString(value);
  }
}
