package dev.netc.processor;

import static dev.netc.processor.Notation.A;
import static dev.netc.processor.Notation.W;
import static dev.netc.processor.Notation.Z;
import static dev.netc.processor.Notation.b;
import static dev.netc.processor.Notation.batch;
import static dev.netc.processor.Notation.shape;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.netc.processor.NetworkModel.LayerModel;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code FooForward}: {@code Z[l] = W[l] @ A[l-1] + b[l]}, {@code A[l] = g[l](Z[l])}, one
 * block per layer, with {@code Z[l]} and {@code A[l]} kept for the backward pass.
 */
final class ForwardWriter {
  private ForwardWriter() {}

  static TypeSpec write(NetworkModel network) {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(network.forwardName())
            .addModifiers(Modifier.FINAL)
            .addJavadoc(ClassDocs.of(network, "Forward pass"))
            .addField(
                FieldSpec.builder(int.class, "columns", Modifier.PRIVATE)
                    .addJavadoc("Examples (m) the workspaces hold; their arrays are kept while large"
                        + " enough.\n")
                    .initializer("-1")
                    .build());
    for (LayerModel layer : network.layers()) {
      int l = layer.index();
      for (String name : new String[] {Z(l), A(l)}) {
        type.addField(
            FieldSpec.builder(network.precision().matrix(), name)
                .addJavadoc("$L, read by the backward pass.\n", batch(layer.units()))
                .build());
      }
    }
    return type.addMethod(run(network)).addMethod(allocate(network)).build();
  }

  private static MethodSpec run(NetworkModel network) {
    PrecisionNames precision = network.precision();
    MethodSpec.Builder run =
        MethodSpec.methodBuilder("run")
            .addJavadoc(
                "Computes $L for X ($L) and returns it: a workspace, overwritten by the next"
                    + " call.\n",
                A(network.layerCount()), batch(network.inputs()))
            .returns(precision.matrix())
            .addParameter(precision.parameters(), "parameters")
            .addParameter(precision.matrix(), "X")
            .addStatement("allocate(X.columns)");
    for (LayerModel layer : network.layers()) {
      run.addCode("\n").addCode(block(network, layer));
    }
    return run.addStatement("return $L", A(network.layerCount())).build();
  }

  private static CodeBlock block(NetworkModel network, LayerModel layer) {
    int l = layer.index();
    PrecisionNames precision = network.precision();
    String one = precision.literal("1.0");
    return CodeBlock.builder()
        .add(
            "// $L: $L = $L @ $L + $L   ($L)($L) + $L -> $L\n",
            Notation.layerTitle(network, layer), Z(l), W(l), A(l - 1), b(l),
            shape(layer.units(), layer.fanIn()), batch(layer.fanIn()), shape(layer.units(), 1),
            batch(layer.units()))
        .addStatement("$T $L = parameters.W($L)", precision.matrix(), W(l), l)
        .addStatement("$T $L = parameters.b($L)", precision.matrix(), b(l), l)
        .add("// $L = $L in every column, then $L += $L @ $L (gemm, beta = 1)\n", Z(l), b(l), Z(l),
            W(l), A(l - 1))
        .addStatement("$T.broadcastColumns($L, $L)", RuntimeNames.KERNELS, b(l), Z(l))
        .addStatement(
            "$T.gemm(N, N, $L, $L, $L, $L, $L)", RuntimeNames.BLAS, one, W(l), A(l - 1), one, Z(l))
        .add(ActivationCode.forward(layer))
        .build();
  }

  private static MethodSpec allocate(NetworkModel network) {
    MethodSpec.Builder allocate =
        MethodSpec.methodBuilder("allocate")
            .addModifiers(Modifier.PRIVATE)
            .addParameter(int.class, "m")
            .beginControlFlow("if (m == columns)")
            .addStatement("return")
            .endControlFlow()
            .addStatement("columns = m")
            .addComment("arrays large enough are kept: mini-batches alternate between two sizes");
    for (LayerModel layer : network.layers()) {
      int l = layer.index();
      for (String name : new String[] {Z(l), A(l)}) {
        allocate.addStatement(
            "$L = $T.resize($L, $L, m)", name, RuntimeNames.WORKSPACES, name, layer.units());
      }
    }
    return allocate.build();
  }
}
