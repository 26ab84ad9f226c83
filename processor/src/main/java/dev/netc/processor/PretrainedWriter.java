package dev.netc.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code FooModel.pretrained()} for {@code @Network(weights = "...")}: the model with the
 * parameters of that class-path resource, which {@link WeightsChecker} checked at compile time.
 */
final class PretrainedWriter {
  private static final ClassName INPUT_STREAM = ClassName.get("java.io", "InputStream");
  private static final ClassName UNCHECKED_IO_EXCEPTION =
      ClassName.get("java.io", "UncheckedIOException");

  private PretrainedWriter() {}

  /** {@code pretrained()}, or nothing when the declaration names no weights. */
  static List<MethodSpec> methods(NetworkModel network) {
    if (network.weights().isEmpty()) {
      return List.of();
    }
    ClassName model = network.modelName();
    String resource = "/" + network.weights();
    MethodSpec pretrained =
        MethodSpec.methodBuilder("pretrained")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(model)
            .addJavadoc(
                "A model with the pretrained parameters of the class-path resource\n{@code $L}."
                    + "\n"
                    + "netc read that file when it compiled $L and checked that it holds exactly"
                    + "\n$L, each of the shape this network gives it. This reads the\nresource"
                    + " again, from the class path of this class's loader.\n\n"
                    + "@return a new model with those parameters, its own copy\n"
                    + "@throws IllegalStateException if the resource is missing from the class"
                    + " path at run time\n"
                    + "@throws java.io.UncheckedIOException if the resource cannot be read, or"
                    + " is not the file\n    checked at compile time and does not fit this"
                    + " network\n",
                resource, network.declared().simpleName(), arrays(network))
            .addStatement("$T resource = $S", String.class, resource)
            .beginControlFlow(
                "try ($T in = $T.class.getResourceAsStream(resource))", INPUT_STREAM, model)
            .beginControlFlow("if (in == null)")
            // The runtime's sentence shape: where, what is wrong, a hint.
            .addStatement(
                "throw new $T(\n$S + resource\n$>$>+ $S\n+ $S)$<$<",
                IllegalStateException.class,
                network.declared().simpleName() + ": pretrained() needs the class-path resource ",
                " but it is missing from the class path; package it with the application",
                " (Maven: src/main/resources" + resource + ")")
            .endControlFlow()
            .addComment("load() checks the shapes again: the class path at run time may hold")
            .addComment("another file than the one javac saw.")
            .addStatement(
                "return new $T(\n$T.$L(in, $S + resource, ARCHITECTURE))",
                model, RuntimeNames.MODEL_FILES, network.precision().load(),
                "class-path resource ")
            .nextControlFlow("catch ($T e)", RuntimeNames.IO_EXCEPTION)
            .addStatement("throw new $T(e.getMessage(), e)", UNCHECKED_IO_EXCEPTION)
            .endControlFlow()
            .build();
    return List.of(pretrained);
  }

  /** {@code W1, b1, W2, b2}; for more than three layers {@code W1, b1, ..., W50, b50}. */
  private static String arrays(NetworkModel network) {
    int layers = network.layerCount();
    List<String> arrays = new ArrayList<>();
    for (int l = 1; l <= layers; l++) {
      if (layers <= 3 || l == 1 || l == layers) {
        arrays.add(Notation.W(l) + ", " + Notation.b(l));
      } else if (l == 2) {
        arrays.add("...");
      }
    }
    return String.join(", ", arrays);
  }
}
