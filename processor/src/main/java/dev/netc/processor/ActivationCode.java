package dev.netc.processor;

import static dev.netc.processor.Notation.A;
import static dev.netc.processor.Notation.Z;
import static dev.netc.processor.Notation.batch;
import static dev.netc.processor.Notation.dA;
import static dev.netc.processor.Notation.dZ;
import static dev.netc.processor.Notation.literal;

import com.palantir.javapoet.CodeBlock;
import dev.netc.processor.NetworkModel.LayerModel;

/**
 * One forward rule and one derivative rule per activation, written once: the kernel call and the
 * equation its comment shows, in NumPy's notation as the course's code writes it ({@code @} a
 * matrix product, {@code *} element-wise). Derivatives use the stored activation where the notes
 * do ({@code a * (1 - a)}, {@code 1 - a**2}) and {@code Z} where the rule is a test on {@code z}.
 */
final class ActivationCode {
  private ActivationCode() {}

  /** {@code A[l] = g(Z[l])}, comment and call. */
  static CodeBlock forward(LayerModel layer) {
    int l = layer.index();
    String z = Z(l);
    String a = A(l);
    String shape = batch(layer.units());
    CodeBlock.Builder code = CodeBlock.builder();
    switch (layer.activation()) {
      case SIGMOID -> {
        code.add("// $L = 1 / (1 + np.exp(-$L))   $L   (sigmoid)\n", a, z, shape);
        code.addStatement("$T.sigmoid($L, $L)", RuntimeNames.ACTIVATIONS, z, a);
      }
      case TANH -> {
        code.add("// $L = np.tanh($L)   $L\n", a, z, shape);
        code.addStatement("$T.tanh($L, $L)", RuntimeNames.ACTIVATIONS, z, a);
      }
      case RELU -> {
        code.add("// $L = np.maximum(0, $L)   $L   (relu)\n", a, z, shape);
        code.addStatement("$T.relu($L, $L)", RuntimeNames.ACTIVATIONS, z, a);
      }
      case LEAKY_RELU -> {
        String leak = literal(layer.leak());
        code.add("// $L = np.maximum($L * $L, $L)   $L   (leaky relu)\n", a, leak, z, z, shape);
        code.addStatement("$T.leakyRelu($L, $L, $L)", RuntimeNames.ACTIVATIONS, z, leak, a);
      }
      case LINEAR -> {
        code.add("// $L = $L   $L   (linear)\n", a, z, shape);
        code.addStatement("$T.linear($L, $L)", RuntimeNames.ACTIVATIONS, z, a);
      }
      case SOFTMAX -> {
        code.add(
            "// $L = np.exp($L) / np.sum(np.exp($L), axis=0, keepdims=True)   $L   (softmax)\n",
            a, z, z, shape);
        code.addStatement("$T.softmax($L, $L)", RuntimeNames.ACTIVATIONS, z, a);
      }
    }
    return code.build();
  }

  /** {@code dZ[l] = dA[l] o g'(Z[l])}, comment and call. */
  static CodeBlock backward(LayerModel layer) {
    int l = layer.index();
    String z = Z(l);
    String a = A(l);
    String da = dA(l);
    String dz = dZ(l);
    String shape = batch(layer.units());
    CodeBlock.Builder code = CodeBlock.builder();
    switch (layer.activation()) {
      case SIGMOID -> {
        code.add(
            "// $L = $L * $L * (1 - $L)   $L   (sigmoid' = a * (1 - a))\n", dz, da, a, a, shape);
        code.addStatement("$T.sigmoidBackward($L, $L, $L)", RuntimeNames.ACTIVATIONS, a, da, dz);
      }
      case TANH -> {
        code.add("// $L = $L * (1 - $L**2)   $L   (tanh' = 1 - a**2)\n", dz, da, a, shape);
        code.addStatement("$T.tanhBackward($L, $L, $L)", RuntimeNames.ACTIVATIONS, a, da, dz);
      }
      case RELU -> {
        code.add("// $L = $L * ($L > 0)   $L   (relu')\n", dz, da, z, shape);
        code.addStatement("$T.reluBackward($L, $L, $L)", RuntimeNames.ACTIVATIONS, z, da, dz);
      }
      case LEAKY_RELU -> {
        String leak = literal(layer.leak());
        code.add(
            "// $L = $L * np.where($L > 0, 1, $L)   $L   (leaky relu')\n", dz, da, z, leak, shape);
        code.addStatement(
            "$T.leakyReluBackward($L, $L, $L, $L)", RuntimeNames.ACTIVATIONS, z, leak, da, dz);
      }
      case LINEAR -> {
        code.add("// $L = $L   $L   (linear' = 1)\n", dz, da, shape);
        code.addStatement("$T.linearBackward($L, $L)", RuntimeNames.ACTIVATIONS, da, dz);
      }
      case SOFTMAX ->
          // ShapeChecker allows softmax only as the output with its own loss: dZ = A - Y.
          throw new IllegalStateException("softmax has no stand-alone derivative rule");
    }
    return code.build();
  }
}
