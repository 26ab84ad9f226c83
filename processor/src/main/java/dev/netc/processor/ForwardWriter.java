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
import java.util.ArrayList;
import java.util.List;
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
                    .addJavadoc("Examples (m) the workspaces hold; their arrays are kept while"
                        + " large enough.\n")
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
    type.addMethod(run(network));
    if (Chunks.split(network.layerCount())) {
      for (Chunks.Range range : Chunks.forward(network.layerCount())) {
        type.addMethod(chunk(network, range));
      }
    }
    return type.addMethods(allocate(network)).build();
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
    if (!Chunks.split(network.layerCount())) {
      for (LayerModel layer : network.layers()) {
        run.addCode("\n").addCode(block(network, layer));
      }
    } else {
      run.addComment("$L layers, $L to a method: the JVM limits a method to 64 KB of bytecode",
          network.layerCount(), Chunks.LAYERS);
      for (Chunks.Range range : Chunks.forward(network.layerCount())) {
        run.addStatement(range.first() == 1 ? "$L(parameters, X)" : "$L(parameters)",
            range.method("layers"));
      }
    }
    return run.addStatement("return $L", A(network.layerCount())).build();
  }

  /** Layers {@code range} of a split forward pass; the first range reads X. */
  private static MethodSpec chunk(NetworkModel network, Chunks.Range range) {
    PrecisionNames precision = network.precision();
    MethodSpec.Builder chunk =
        MethodSpec.methodBuilder(range.method("layers"))
            .addModifiers(Modifier.PRIVATE)
            .addParameter(precision.parameters(), "parameters");
    if (range.first() == 1) {
      chunk.addParameter(precision.matrix(), "X");
    }
    for (int l : range.layers()) {
      chunk.addCode(l == range.first() ? "" : "\n").addCode(block(network, network.layer(l)));
    }
    return chunk.build();
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

  /** {@code allocate(m)}, and on a split pass the methods it calls, a range of layers each. */
  private static List<MethodSpec> allocate(NetworkModel network) {
    MethodSpec.Builder allocate =
        MethodSpec.methodBuilder("allocate")
            .addModifiers(Modifier.PRIVATE)
            .addParameter(int.class, "m")
            .beginControlFlow("if (m == columns)")
            .addStatement("return")
            .endControlFlow()
            .addStatement("columns = m")
            .addComment("arrays large enough are kept: mini-batches alternate between two sizes");
    if (!Chunks.split(network.layerCount())) {
      return List.of(allocate.addCode(resize(network, 1, network.layerCount())).build());
    }
    List<MethodSpec> methods = new ArrayList<>();
    for (Chunks.Range range : Chunks.forward(network.layerCount())) {
      allocate.addStatement("$L(m)", range.method("allocateLayers"));
      methods.add(MethodSpec.methodBuilder(range.method("allocateLayers"))
          .addModifiers(Modifier.PRIVATE)
          .addParameter(int.class, "m")
          .addCode(resize(network, range.first(), range.last()))
          .build());
    }
    methods.add(0, allocate.build());
    return methods;
  }

  private static CodeBlock resize(NetworkModel network, int first, int last) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (int l = first; l <= last; l++) {
      for (String name : new String[] {Z(l), A(l)}) {
        code.addStatement(
            "$L = $T.resize($L, $L, m)", name, RuntimeNames.WORKSPACES, name,
            network.layer(l).units());
      }
    }
    return code.build();
  }
}
