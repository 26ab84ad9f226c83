package dev.netc.processor;

import static dev.netc.processor.Notation.A;
import static dev.netc.processor.Notation.W;
import static dev.netc.processor.Notation.Z;
import static dev.netc.processor.Notation.b;
import static dev.netc.processor.Notation.batch;
import static dev.netc.processor.Notation.dW;
import static dev.netc.processor.Notation.db;
import static dev.netc.processor.Notation.shape;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.netc.processor.NetworkModel.LayerModel;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code FooModel}: parameters, the two passes, initialisation, training and I/O, the
 * implementation of {@code dev.netc.runtime.Model} (or {@code FloatModel}, see {@link
 * PrecisionNames}) for one declared network.
 */
final class ModelWriter {
  private static final String X = "X";
  private static final String Y = "Y";

  private ModelWriter() {}

  static TypeSpec write(NetworkModel network) {
    ClassName model = network.modelName();
    PrecisionNames precision = network.precision();
    TypeSpec.Builder type =
        TypeSpec.classBuilder(model)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addJavadoc(ClassDocs.of(network, "Trainable model"))
            .addJavadoc("\n<p>Not thread-safe: the passes reuse their workspaces.\n");
    if (network.type() != null) {
      // A member type of the declaration named like one the model uses (Random, Parameters,
      // NetForward ...) shadows it inside the model: JavaPoet then writes qualified names.
      type.avoidClashesWithNestedClasses(network.type());
    }
    if (network.declaredIsInterface()) {
      type.addSuperinterface(network.declared());
    } else {
      type.superclass(network.declared());
    }
    type.addSuperinterface(precision.model())
        .addField(architecture(network))
        .addFields(FigureConstants.of(network))
        .addField(field(precision.parameters(), "parameters", null))
        .addField(field(precision.gradients(), "gradients",
            CodeBlock.of("new $T(ARCHITECTURE.sizes())", precision.gradients())))
        .addField(field(network.forwardName(), "forward",
            CodeBlock.of("new $T()", network.forwardName())))
        .addField(field(network.backwardName(), "backward",
            CodeBlock.of("new $T()", network.backwardName())))
        .addMethod(
            MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addParameter(precision.parameters(), "parameters")
                .addStatement("this.parameters = parameters")
                .build())
        .addMethod(create(network))
        .addMethods(PretrainedWriter.methods(network))
        .addMethod(load(network))
        .addMethod(layerSizes())
        .addMethod(forward(network))
        .addMethod(predict(network))
        .addMethod(cost(network))
        .addMethod(costOfLastForward(network))
        .addMethod(gradients(network))
        .addMethod(parameters(precision))
        .addMethod(fit(precision))
        .addMethod(save())
        .addMethod(summary())
        .addType(passes(network));
    return type.build();
  }

  private static FieldSpec field(TypeName type, String name, CodeBlock initializer) {
    FieldSpec.Builder field = FieldSpec.builder(type, name, Modifier.PRIVATE, Modifier.FINAL);
    if (initializer != null) {
      field.initializer(initializer);
    }
    return field.build();
  }

  private static FieldSpec architecture(NetworkModel network) {
    CodeBlock.Builder names = CodeBlock.builder();
    CodeBlock.Builder activations = CodeBlock.builder();
    for (LayerModel layer : network.layers()) {
      String separator = layer.index() == 1 ? "" : ", ";
      names.add("$L$S", separator, layer.name());
      activations.add("$L$T.$L", separator, RuntimeNames.ACTIVATION, layer.activation().name());
    }
    CodeBlock.Builder sizes = CodeBlock.builder();
    int[] n = network.sizes();
    for (int l = 0; l < n.length; l++) {
      sizes.add(l == 0 ? "$L" : ", $L", n[l]);
    }
    return FieldSpec.builder(
            RuntimeNames.ARCHITECTURE, "ARCHITECTURE", Modifier.PUBLIC, Modifier.STATIC,
            Modifier.FINAL)
        .addJavadoc("Sizes, names, activations and loss: what checks, messages and files use.\n")
        .initializer(
            "new $T(\n$>$>$S,\nnew int[] {$L},\nnew String[] {$L},\nnew $T[] {$L},\n$T.$L$L)"
                + "$<$<",
            RuntimeNames.ARCHITECTURE, network.declared().simpleName(), sizes.build(),
            names.build(), RuntimeNames.ACTIVATION, activations.build(), RuntimeNames.LOSS,
            network.loss().name(), network.precision().architectureArgument())
        .build();
  }

  private static MethodSpec create(NetworkModel network) {
    MethodSpec.Builder create =
        MethodSpec.methodBuilder("create")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(network.modelName())
            .addParameter(long.class, "seed")
            .addJavadoc(
                "A new model with each W[l] drawn as its layer's init says and every b[l] zero."
                    + "\nThe Gaussian draws come from {@code new Random(seed)}, W1 first, each"
                    + " matrix in\ncolumn-major order: the same seed gives the same weights on"
                    + " every machine.\n")
            .addStatement("$T random = new $T(seed)", RuntimeNames.RANDOM, RuntimeNames.RANDOM)
            .addStatement(
                "$T parameters = new $T(ARCHITECTURE.sizes())",
                network.precision().parameters(), network.precision().parameters());
    for (LayerModel layer : network.layers()) {
      create.addCode(initialise(layer));
    }
    return create.addStatement("return new $T(parameters)", network.modelName()).build();
  }

  private static CodeBlock initialise(LayerModel layer) {
    int l = layer.index();
    String shape = layer.units() + ", " + layer.fanIn();
    CodeBlock.Builder code = CodeBlock.builder();
    switch (layer.init()) {
      case SMALL_RANDOM -> {
        code.add("// $L = randn($L) * 0.01   (small random)\n", W(l), shape);
        code.addStatement(
            "$T.gaussian(random, 0.01, parameters.W($L))", RuntimeNames.INITIALIZERS, l);
      }
      case XAVIER -> {
        code.add("// $L = randn($L) * sqrt(1/$L)   (Xavier)\n", W(l), shape, layer.fanIn());
        code.addStatement(
            "$T.gaussian(random, Math.sqrt(1.0 / $L), parameters.W($L))",
            RuntimeNames.INITIALIZERS, layer.fanIn(), l);
      }
      case HE -> {
        code.add("// $L = randn($L) * sqrt(2/$L)   (He)\n", W(l), shape, layer.fanIn());
        code.addStatement(
            "$T.gaussian(random, Math.sqrt(2.0 / $L), parameters.W($L))",
            RuntimeNames.INITIALIZERS, layer.fanIn(), l);
      }
      case ZEROS -> code.add("// $L = zeros($L): parameters start at zero\n", W(l), shape);
      case AUTO -> throw new IllegalStateException("AUTO is resolved by NetworkModel");
    }
    return code.build();
  }

  private static MethodSpec load(NetworkModel network) {
    return MethodSpec.methodBuilder("load")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(network.modelName())
        .addParameter(RuntimeNames.PATH, "file")
        .addException(RuntimeNames.IO_EXCEPTION)
        .addJavadoc(
            "Reads what {@link #save} wrote; refuses a file whose arrays do not fit this"
                + " network.\n")
        .addStatement(
            "return new $T($T.$L(file, ARCHITECTURE))",
            network.modelName(), RuntimeNames.MODEL_FILES, network.precision().load())
        .build();
  }

  private static MethodSpec.Builder override(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns);
  }

  private static MethodSpec layerSizes() {
    return override("layerSizes", TypeName.get(int[].class))
        .addStatement("return ARCHITECTURE.sizes()")
        .build();
  }

  /**
   * Whether the model checks the entries of X through {@code Z1 = W1*X + b1} after its forward
   * pass ({@code InputChecks.checkInputEntries}) rather than by a scan of X before it: where the
   * first layer is narrower than the input, Z1 is the smaller matrix to read (W4's Z1 is a third
   * of its 627 MB X).
   */
  static boolean checksInputThroughZ1(NetworkModel network) {
    return network.layer(1).units() < network.inputs();
  }

  /** The comment and call that check X's entries through Z1, after the forward pass. */
  private static CodeBlock checkInputEntries(NetworkModel network) {
    return CodeBlock.builder()
        .add("// X's entries, through $L = $L*X + $L ($L, smaller than X): a NaN or an\n", Z(1),
            W(1), b(1), batch(network.layer(1).units()))
        .add("// infinity in a column of X makes that whole column of $L NaN or infinite\n", Z(1))
        .addStatement(
            "$T.checkInputEntries(ARCHITECTURE, X, forward.$L)", RuntimeNames.INPUT_CHECKS, Z(1))
        .build();
  }

  private static MethodSpec forward(NetworkModel network) {
    PrecisionNames precision = network.precision();
    MethodSpec.Builder forward =
        override("forward", precision.matrix()).addParameter(precision.matrix(), X);
    if (!checksInputThroughZ1(network)) {
      return forward
          .addStatement("$T.checkInput(ARCHITECTURE, X)", RuntimeNames.INPUT_CHECKS)
          .addComment("a copy: the workspace is overwritten by the next pass")
          .addStatement("return forward.run(parameters, X).dup()")
          .build();
    }
    String a = A(network.layerCount());
    return forward
        .addStatement("$T.checkInputShape(ARCHITECTURE, X)", RuntimeNames.INPUT_CHECKS)
        .addStatement("$T $L = forward.run(parameters, X)", precision.matrix(), a)
        .addCode(checkInputEntries(network))
        .addComment("a copy: the workspace is overwritten by the next pass")
        .addStatement("return $L.dup()", a)
        .build();
  }

  private static MethodSpec predict(NetworkModel network) {
    MethodSpec.Builder predict =
        override("predict", network.precision().matrix())
            .addParameter(network.precision().matrix(), X);
    String a = A(network.layerCount());
    String output;
    if (checksInputThroughZ1(network)) {
      predict
          .addStatement("$T.checkInputShape(ARCHITECTURE, X)", RuntimeNames.INPUT_CHECKS)
          .addStatement("forward.run(parameters, X)")
          .addCode(checkInputEntries(network));
      output = "forward." + a;
    } else {
      predict.addStatement("$T.checkInput(ARCHITECTURE, X)", RuntimeNames.INPUT_CHECKS);
      output = "forward.run(parameters, X)";
    }
    switch (network.loss()) {
      case BINARY_CROSS_ENTROPY -> predict
          .addComment("1 where $L > 0.5, else 0", a)
          .addStatement("return $T.threshold($L, 0.5)", RuntimeNames.PREDICTIONS, output);
      case CATEGORICAL_CROSS_ENTROPY -> predict
          .addComment("one-hot of the most probable class in each column of $L", a)
          .addStatement("return $T.oneHotArgMax($L)", RuntimeNames.PREDICTIONS, output);
      case MEAN_SQUARED_ERROR -> predict
          .addComment("regression: $L itself", a)
          .addStatement("return $L.dup()", output);
    }
    return predict.build();
  }

  /** The checks and the forward pass that {@code cost} and {@code gradients} begin with. */
  private static CodeBlock checkTargetsAndForward(NetworkModel network) {
    if (!checksInputThroughZ1(network)) {
      return CodeBlock.builder()
          .addStatement("$T.checkTargets(ARCHITECTURE, X, Y)", RuntimeNames.INPUT_CHECKS)
          .addStatement("forward.run(parameters, X)")
          .build();
    }
    return CodeBlock.builder()
        .addStatement("$T.checkTargetsAndInputShape(ARCHITECTURE, X, Y)", RuntimeNames.INPUT_CHECKS)
        .addStatement("forward.run(parameters, X)")
        .add(checkInputEntries(network))
        .build();
  }

  private static MethodSpec cost(NetworkModel network) {
    PrecisionNames precision = network.precision();
    return override("cost", TypeName.DOUBLE)
        .addParameter(precision.matrix(), X)
        .addParameter(precision.matrix(), Y)
        .addCode(checkTargetsAndForward(network))
        .addStatement("return costOfLastForward(Y)")
        .build();
  }

  private static MethodSpec costOfLastForward(NetworkModel network) {
    int last = network.layerCount();
    MethodSpec.Builder cost =
        MethodSpec.methodBuilder("costOfLastForward")
            .addModifiers(Modifier.PRIVATE)
            .returns(TypeName.DOUBLE)
            .addParameter(network.precision().matrix(), Y);
    switch (network.loss()) {
      case BINARY_CROSS_ENTROPY -> cost
          .addComment("J = -(1/m) * sum(Y log $L + (1 - Y) log(1 - $L)),", A(last), A(last))
          .addComment("computed from the logits $L so that no log(0) can occur", Z(last))
          .addStatement("return $T.binaryCrossEntropy(forward.$L, Y)", RuntimeNames.LOSSES,
              Z(last));
      case CATEGORICAL_CROSS_ENTROPY -> cost
          .addComment("J = -(1/m) * sum(Y * log $L),", A(last))
          .addComment("computed from the logits $L (log-sum-exp) so that no log(0) can occur",
              Z(last))
          .addStatement("return $T.categoricalCrossEntropy(forward.$L, Y)", RuntimeNames.LOSSES,
              Z(last));
      case MEAN_SQUARED_ERROR -> cost
          .addComment("J = (1/(2m)) * sum(($L - Y)^2)", A(last))
          .addStatement("return $T.meanSquaredError(forward.$L, Y)", RuntimeNames.LOSSES,
              A(last));
    }
    return cost.build();
  }

  private static MethodSpec gradients(NetworkModel network) {
    PrecisionNames precision = network.precision();
    return override("gradients", precision.gradients())
        .addParameter(precision.matrix(), X)
        .addParameter(precision.matrix(), Y)
        .addCode(checkTargetsAndForward(network))
        .addStatement("backward.run(parameters, forward, X, Y, gradients)")
        .addStatement("return gradients.copy()")
        .build();
  }

  private static MethodSpec parameters(PrecisionNames precision) {
    return override("parameters", precision.parameters())
        .addStatement("return parameters")
        .build();
  }

  private static MethodSpec fit(PrecisionNames precision) {
    return override("fit", RuntimeNames.TRAINING_REPORT)
        .addParameter(precision.matrix(), X)
        .addParameter(precision.matrix(), Y)
        .addParameter(RuntimeNames.TRAINING, "training")
        .addStatement("$T.checkTargets(ARCHITECTURE, X, Y)", RuntimeNames.INPUT_CHECKS)
        .addComment("the update rule (gradient descent, momentum, RMSprop, Adam), mini-batches")
        .addComment("and L2 are the training's; the passes are this model's")
        .addStatement(
            "return $T.run(training, ARCHITECTURE, parameters, gradients, new Passes(), X, Y)",
            RuntimeNames.TRAINING_LOOP)
        .build();
  }

  /** The passes {@code Training} drives, on the model's own parameters and workspaces. */
  private static TypeSpec passes(NetworkModel network) {
    ClassName matrix = network.precision().matrix();
    return TypeSpec.classBuilder("Passes")
        .addModifiers(Modifier.PRIVATE, Modifier.FINAL)
        .addSuperinterface(network.precision().trainable())
        .addJavadoc("What {@link $T} drives: this model's passes, parameters and workspaces.\n",
            RuntimeNames.TRAINING)
        .addMethod(override("forward", matrix)
            .addParameter(matrix, X)
            .addStatement("return forward.run(parameters, X)")
            .build())
        .addMethod(override("costOfLastForward", TypeName.DOUBLE)
            .addParameter(matrix, Y)
            .addStatement("return $T.this.costOfLastForward(Y)", network.modelName())
            .build())
        .addMethod(override("backward", TypeName.VOID)
            .addParameter(matrix, X)
            .addParameter(matrix, Y)
            .addStatement("backward.run(parameters, forward, X, Y, gradients)")
            .build())
        .build();
  }

  private static MethodSpec save() {
    return override("save", TypeName.VOID)
        .addParameter(RuntimeNames.PATH, "file")
        .addException(RuntimeNames.IO_EXCEPTION)
        .addStatement("$T.save(file, parameters)", RuntimeNames.MODEL_FILES)
        .build();
  }

  private static MethodSpec summary() {
    return override("summary", ClassName.get(String.class))
        .addStatement("return ARCHITECTURE.summary()")
        .build();
  }
}
