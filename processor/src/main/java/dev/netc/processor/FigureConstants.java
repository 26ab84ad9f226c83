package dev.netc.processor;

import com.palantir.javapoet.FieldSpec;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The {@link ModelFigures} of a network as compile-time constants of the generated model, each
 * with the formula that gives it, so that code can size batches or budgets without building a
 * model. {@code summary()} prints the same numbers, computed by the runtime.
 */
final class FigureConstants {
  private FigureConstants() {}

  static List<FieldSpec> of(NetworkModel network) {
    ModelFigures figures = ModelFigures.of(network);
    String output = outputNote(network);
    int bytes = network.precision().bytesPerElement();
    String perElement = bytes + " per " + network.precision().element();
    return List.of(
        constant(
            "PARAMETER_COUNT",
            figures.parameterCount(),
            "Weights and biases of every layer: {@code sum over l of n[l]*n[l-1] + n[l]}."),
        constant(
            "PARAMETER_BYTES",
            figures.parameterBytes(),
            "Bytes of the parameters, " + perElement + ": {@code " + bytes
                + " * PARAMETER_COUNT}. The gradients"
                + "\ntake as many again, whatever the number of examples."),
        constant(
            "FORWARD_MULTIPLY_ADDS_PER_EXAMPLE",
            figures.forwardMultiplyAdds(),
            "Multiply-adds of the forward pass per example (column of X): the products"
                + "\n{@code Z[l] = W[l] @ A[l-1]} cost {@code sum over l of n[l]*n[l-1]}."
                + " Element-wise\nwork (bias, activation) is not counted; m examples cost m times"
                + " as much."),
        constant(
            "BACKWARD_MULTIPLY_ADDS_PER_EXAMPLE",
            figures.backwardMultiplyAdds(),
            "Multiply-adds of the backward pass per example:"
                + " {@code dW[l] = (1/m) * dZ[l] @ A[l-1].T}\nfor every layer,"
                + " {@code dA[l-1] = W[l].T @ dZ[l]} for {@code l >= 2} (there is no"
                + "\n{@code dA[0]}):"
                + " {@code sum over l of n[l]*n[l-1] + sum over l >= 2 of n[l]*n[l-1]}."),
        constant(
            "WORKSPACE_BYTES_PER_EXAMPLE",
            figures.workspaceBytesPerExample(),
            "Bytes the forward and backward passes allocate per example, " + perElement + ":"
                + "\n{@code Z[l]}, {@code A[l]} and {@code dZ[l]} for every layer,"
                + " {@code dA[l]}\nfor {@code l < L}, and {@code dA[L]} when the output is not"
                + " matched to the loss:"
                + "\n{@code " + bytes
                + " * (sum over l of 3 n[l] + sum over l < L of n[l] + (matched ? 0 :"
                + " n[L]))}.\n"
                + output));
  }

  private static String outputNote(NetworkModel network) {
    return network.outputIsMatched()
        ? "Here the output is matched ({@code dZ[L] = A[L] - Y}): there is no {@code dA[L]}."
        : "Here the output is not matched ({@code dZ[L] = dA[L] o g'(Z[L])}): {@code dA[L]} is"
            + "\nallocated.";
  }

  private static FieldSpec constant(String name, long value, String doc) {
    return FieldSpec.builder(long.class, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("$L\n", doc)
        .initializer("$LL", value)
        .build();
  }
}
