package dev.netc.processor;

import static dev.netc.processor.Notation.A;
import static dev.netc.processor.Notation.W;
import static dev.netc.processor.Notation.Z;
import static dev.netc.processor.Notation.batch;
import static dev.netc.processor.Notation.dA;
import static dev.netc.processor.Notation.dW;
import static dev.netc.processor.Notation.dZ;
import static dev.netc.processor.Notation.db;
import static dev.netc.processor.Notation.shape;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeSpec;
import dev.netc.annotations.Activation;
import dev.netc.processor.NetworkModel.LayerModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code FooBackward}: {@code dZ[L], dW[L], db[L], dA[L-1], dZ[L-1], ..., dW[1], db[1]},
 * one block per layer, never {@code dA[0]}.
 */
final class BackwardWriter {
  private BackwardWriter() {}

  static TypeSpec write(NetworkModel network) {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(network.backwardName())
            .addModifiers(Modifier.FINAL)
            .addJavadoc(ClassDocs.of(network, "Backward pass"))
            .addField(
                FieldSpec.builder(int.class, "columns", Modifier.PRIVATE)
                    .addJavadoc("Examples (m) the workspaces hold; their arrays are kept while"
                        + " large enough.\n")
                    .initializer("-1")
                    .build());
    for (Workspace workspace : workspaces(network)) {
      type.addField(
          FieldSpec.builder(network.precision().matrix(), workspace.name(), Modifier.PRIVATE)
              .addJavadoc("$L\n", batch(workspace.rows()))
              .build());
    }
    type.addMethod(run(network));
    if (Chunks.split(network.layerCount())) {
      for (Chunks.Range range : Chunks.backward(network.layerCount())) {
        type.addMethod(chunk(network, range));
      }
    }
    return type.addMethods(allocate(network)).build();
  }

  private record Workspace(String name, int layer, int rows) {}

  /** dA[L] (only for an unmatched output), dZ[L], then dA[l], dZ[l] for l = L-1 .. 1. */
  private static List<Workspace> workspaces(NetworkModel network) {
    List<Workspace> workspaces = new ArrayList<>();
    LayerModel output = network.output();
    if (!network.outputIsMatched()) {
      workspaces.add(new Workspace(dA(output.index()), output.index(), output.units()));
    }
    workspaces.add(new Workspace(dZ(output.index()), output.index(), output.units()));
    for (int l = network.layerCount() - 1; l >= 1; l--) {
      workspaces.add(new Workspace(dA(l), l, network.layer(l).units()));
      workspaces.add(new Workspace(dZ(l), l, network.layer(l).units()));
    }
    return workspaces;
  }

  private static MethodSpec run(NetworkModel network) {
    int last = network.layerCount();
    PrecisionNames precision = network.precision();
    MethodSpec.Builder run =
        MethodSpec.methodBuilder("run")
            .addJavadoc(
                "Writes dW[l] and db[l], the gradients of J for (X, Y), into {@code gradients},"
                    + "\nreading Z[l] and A[l] from the forward pass that just ran on X.\n")
            .addParameters(passParameters(network))
            .addStatement("allocate(X.columns)")
            .addStatement("$T m = X.columns", precision.scalar());
    if (!Chunks.split(last)) {
      run.addCode(reads(network, 1, last));
      for (int l = last; l >= 1; l--) {
        run.addCode("\n").addCode(block(network, network.layer(l)));
      }
      return run.build();
    }
    run.addComment("$L layers, $L to a method: the JVM limits a method to 64 KB of bytecode",
        last, Chunks.LAYERS);
    for (Chunks.Range range : Chunks.backward(last)) {
      run.addStatement("$L(parameters, forward, X, Y, gradients, m)", range.method("layers"));
    }
    return run.build();
  }

  /** What the pass reads, in this order: {@code parameters, forward, X, Y, gradients}. */
  private static List<ParameterSpec> passParameters(NetworkModel network) {
    PrecisionNames precision = network.precision();
    return List.of(
        ParameterSpec.builder(precision.parameters(), "parameters").build(),
        ParameterSpec.builder(network.forwardName(), "forward").build(),
        ParameterSpec.builder(precision.matrix(), "X").build(),
        ParameterSpec.builder(precision.matrix(), "Y").build(),
        ParameterSpec.builder(precision.gradients(), "gradients").build());
  }

  /** Layers {@code range} (from the highest down) of a split backward pass. */
  private static MethodSpec chunk(NetworkModel network, Chunks.Range range) {
    MethodSpec.Builder chunk =
        MethodSpec.methodBuilder(range.method("layers"))
            .addModifiers(Modifier.PRIVATE)
            .addParameters(passParameters(network))
            .addParameter(network.precision().scalar(), "m")
            .addCode(reads(network, range.lowest(), range.highest()));
    for (int l : range.layers()) {
      chunk.addCode("\n").addCode(block(network, network.layer(l)));
    }
    return chunk.build();
  }

  private static CodeBlock block(NetworkModel network, LayerModel layer) {
    int l = layer.index();
    int units = layer.units();
    int fanIn = layer.fanIn();
    PrecisionNames precision = network.precision();
    String one = precision.literal("1.0");
    String zero = precision.literal("0.0");
    CodeBlock.Builder code = CodeBlock.builder();
    code.add("// $L\n", Notation.layerTitle(network, layer));
    // the gradients as locals, so that each call below reads like its equation
    code.addStatement("$T $L = gradients.dW($L)", precision.matrix(), dW(l), l);
    code.addStatement("$T $L = gradients.db($L)", precision.matrix(), db(l), l);
    code.add(
        layer.isOutput(network) ? outputDelta(network, layer) : ActivationCode.backward(layer));
    String previous = A(l - 1);
    code.add(
            "// $L = (1/m) * $L @ $L.T   ($L)($L) -> $L\n",
            dW(l), dZ(l), previous, batch(units), "mx" + fanIn, shape(units, fanIn))
        .addStatement(
            "$T.gemm(N, T, $L / m, $L, $L, $L, $L)",
            RuntimeNames.BLAS, one, dZ(l), previous, zero, dW(l))
        .add("// $L = (1/m) * np.sum($L, axis=1, keepdims=True)   $L\n", db(l), dZ(l),
            shape(units, 1))
        .addStatement("$T.sumColumns($L / m, $L, $L)", RuntimeNames.KERNELS, one, dZ(l), db(l));
    if (l > 1) {
      code.add(
              "// $L = $L.T @ $L   ($L)($L) -> $L\n",
              dA(l - 1), W(l), dZ(l), shape(fanIn, units), batch(units), batch(fanIn))
          .addStatement(
              "$T.gemm(T, N, $L, $L, $L, $L, $L)",
              RuntimeNames.BLAS, one, W(l), dZ(l), zero, dA(l - 1));
    }
    return code.build();
  }

  /** dZ[L]: {@code A[L] - Y} for the matched pairs, else {@code dA[L] * g'(Z[L])}. */
  private static CodeBlock outputDelta(NetworkModel network, LayerModel output) {
    int l = output.index();
    String shape = batch(output.units());
    CodeBlock.Builder code = CodeBlock.builder();
    if (network.outputIsMatched()) {
      code.add("// $L = $L - Y   $L   ($L output with $L)\n", dZ(l), A(l), shape,
          Notation.name(output.activation()), Notation.name(network.loss()));
      code.addStatement("$T.subtract($L, Y, $L)", RuntimeNames.KERNELS, A(l), dZ(l));
      return code.build();
    }
    // Only mean squared error reaches here: the checker pairs BCE with sigmoid, CCE with softmax.
    code.add("// $L = $L - Y   $L   (dJ/dA of the mean squared error, times m)\n", dA(l), A(l),
        shape);
    code.addStatement("$T.meanSquaredErrorGradient($L, Y, $L)", RuntimeNames.LOSSES, A(l), dA(l));
    return code.add(ActivationCode.backward(output)).build();
  }

  /**
   * Locals for what the blocks of layers {@code first..last} read: every A[l] (and A[first-1]),
   * Z[l] where g' tests z, W[l] for l >= 2.
   */
  private static CodeBlock reads(NetworkModel network, int first, int last) {
    ClassName matrix = network.precision().matrix();
    CodeBlock.Builder code = CodeBlock.builder().add("// read from the forward pass\n");
    if (first > 1) {
      code.addStatement("$T $L = forward.$L", matrix, A(first - 1), A(first - 1));
    }
    for (int l = first; l <= last; l++) {
      LayerModel layer = network.layer(l);
      if (readsZ(network, layer)) {
        code.addStatement("$T $L = forward.$L", matrix, Z(l), Z(l));
      }
      code.addStatement("$T $L = forward.$L", matrix, A(l), A(l));
    }
    if (last > 1) {
      code.add("// read from the parameters\n");
    }
    for (int l = Math.max(2, first); l <= last; l++) {
      code.addStatement("$T $L = parameters.W($L)", matrix, W(l), l);
    }
    return code.build();
  }

  /** relu and leaky relu derivatives test z; a matched output needs no derivative at all. */
  private static boolean readsZ(NetworkModel network, LayerModel layer) {
    boolean testsZ =
        layer.activation() == Activation.RELU || layer.activation() == Activation.LEAKY_RELU;
    return testsZ && !(layer.isOutput(network) && network.outputIsMatched());
  }

  /** {@code allocate(m)}, and on a split pass the methods it calls, a range of workspaces each. */
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
    List<Workspace> workspaces = workspaces(network);
    if (!Chunks.split(network.layerCount())) {
      return List.of(allocate.addCode(resize(workspaces)).build());
    }
    List<MethodSpec> methods = new ArrayList<>();
    for (Chunks.Range range : Chunks.backward(network.layerCount())) {
      List<Workspace> part =
          workspaces.stream()
              .filter(w -> w.layer() >= range.lowest() && w.layer() <= range.highest())
              .toList();
      String name = range.method("allocateLayers");
      allocate.addStatement("$L(m)", name);
      methods.add(MethodSpec.methodBuilder(name)
          .addModifiers(Modifier.PRIVATE)
          .addParameter(int.class, "m")
          .addCode(resize(part))
          .build());
    }
    methods.add(0, allocate.build());
    return methods;
  }

  private static CodeBlock resize(List<Workspace> workspaces) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (Workspace workspace : workspaces) {
      code.addStatement(
          "$L = $T.resize($L, $L, m)", workspace.name(), RuntimeNames.WORKSPACES,
          workspace.name(), workspace.rows());
    }
    return code.build();
  }
}
