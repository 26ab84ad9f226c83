package dev.netc.processor;

import static dev.netc.processor.Notation.A;
import static dev.netc.processor.Notation.W;
import static dev.netc.processor.Notation.Z;
import static dev.netc.processor.Notation.b;
import static dev.netc.processor.Notation.batch;
import static dev.netc.processor.Notation.dW;
import static dev.netc.processor.Notation.db;
import static dev.netc.processor.Notation.shape;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.netc.processor.NetworkModel.LayerModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code FooModel}: parameters, the two passes, initialisation, training and I/O, the
 * implementation of {@code dev.netc.runtime.Model} (or {@code FloatModel}, see {@link
 * PrecisionNames}) for one declared network.
 */
final class ModelWriter {
  private static final String X = "X";
  private static final String Y = "Y";
  private static final ClassName STRING = ClassName.get(String.class);
  private static final ClassName MATH = ClassName.get(Math.class);
  private static final ClassName MODEL_THREADS =
      ClassName.get("dev.netc.runtime.internal", "ModelThreads");
  private static final ClassName THREAD_SLOT =
      ClassName.get("dev.netc.runtime.internal", "ThreadSlot");
  private static final ClassName EXAMPLES = ClassName.get("dev.netc.runtime.internal", "Examples");

  /** The thread-safety contract, as the runtime's {@code Model} states it. */
  private static final String THREADS_DOC =
      "\n<p>Thread-safe: {@code forward}, {@code predict} (of X or of one example x), {@code cost},"
          + "\n{@code gradients} and {@code save} may be called from any number of threads at once"
          + "\nand give the results of one thread, bit for bit: each thread runs its own passes,"
          + "\nand none takes a lock. While {@code fit} runs, other threads read a copy of the"
          + "\nparameters taken before its first update, then the trained ones, never a mix; a"
          + "\nsecond {@code fit} at once is refused. Writing into {@code parameters()} while other"
          + "\nthreads call the model is not synchronised: a call running meanwhile may read some"
          + "\nentries from before the write and some from after it.\n";

  private ModelWriter() {}

  static TypeSpec write(NetworkModel network) {
    ClassName model = network.modelName();
    PrecisionNames precision = network.precision();
    TypeSpec.Builder type =
        TypeSpec.classBuilder(model)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addJavadoc(ClassDocs.of(network, "Trainable model"))
            .addJavadoc(THREADS_DOC);
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
        .addField(
            FieldSpec.builder(
                    ParameterizedTypeName.get(MODEL_THREADS, precision.parameters(),
                        network.modelName().nestedClass("Passes")),
                    "threads", Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("Each thread's passes, and the parameters its calls read.\n")
                .build())
        .addMethod(
            MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addParameter(precision.parameters(), "parameters")
                .addStatement("this.parameters = parameters")
                .addStatement(
                    "this.threads =\nnew $T<>(ARCHITECTURE.network(), parameters, $T::copy,"
                        + "\n$>$>() -> new Passes(parameters))$<$<",
                    MODEL_THREADS, precision.parameters())
                .build())
        .addMethods(architectureArrays(network))
        .addMethod(create(network))
        .addMethods(initialiseRanges(network))
        .addMethods(PretrainedWriter.methods(network))
        .addMethod(load(network))
        .addMethod(layerSizes())
        .addMethod(forward(network))
        .addMethod(predict(network))
        .addMethod(forwardExample(network))
        .addMethod(forwardExampleInto(network))
        .addMethod(predictExample(network))
        .addMethod(cost(network))
        .addMethod(costOfLastForward(network))
        .addMethod(gradients(network))
        .addMethod(parameters(precision))
        .addMethod(fit(precision))
        .addMethod(save(network))
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
    CodeBlock[] values = arrayValues(network);
    CodeBlock[] arrays = {
      CodeBlock.of("new int[] {$L}", values[0]),
      CodeBlock.of("new $T[] {$L}", STRING, values[1]),
      CodeBlock.of("new $T[] {$L}", RuntimeNames.ACTIVATION, values[2])
    };
    if (Chunks.split(network.layerCount())) {
      // the static initialiser is a method too: deep networks build the arrays in their own
      arrays = new CodeBlock[] {
        CodeBlock.of("sizes()"), CodeBlock.of("layerNames()"), CodeBlock.of("activations()")
      };
    }
    return FieldSpec.builder(
            RuntimeNames.ARCHITECTURE, "ARCHITECTURE", Modifier.PUBLIC, Modifier.STATIC,
            Modifier.FINAL)
        .addJavadoc("Sizes, names, activations and loss: what checks, messages and files use.\n")
        .initializer(
            "new $T(\n$>$>$S,\n$L,\n$L,\n$L,\n$T.$L$L)$<$<",
            RuntimeNames.ARCHITECTURE, network.declared().simpleName(), arrays[0], arrays[1],
            arrays[2], RuntimeNames.LOSS, network.loss().name(),
            network.precision().architectureArgument())
        .build();
  }

  /** The entries of the sizes, layer names and activations arrays of {@code ARCHITECTURE}. */
  private static CodeBlock[] arrayValues(NetworkModel network) {
    CodeBlock.Builder sizes = CodeBlock.builder();
    int[] n = network.sizes();
    for (int l = 0; l < n.length; l++) {
      sizes.add(l == 0 ? "$L" : ", $L", n[l]);
    }
    CodeBlock.Builder names = CodeBlock.builder();
    CodeBlock.Builder activations = CodeBlock.builder();
    for (LayerModel layer : network.layers()) {
      String separator = layer.index() == 1 ? "" : ", ";
      names.add("$L$S", separator, layer.name());
      activations.add("$L$T.$L", separator, RuntimeNames.ACTIVATION, layer.activation().name());
    }
    return new CodeBlock[] {sizes.build(), names.build(), activations.build()};
  }

  /** For a split network: the arrays of {@code ARCHITECTURE}, each built in a method. */
  private static List<MethodSpec> architectureArrays(NetworkModel network) {
    if (!Chunks.split(network.layerCount())) {
      return List.of();
    }
    CodeBlock[] values = arrayValues(network);
    return List.of(
        arrayMethod("sizes", TypeName.INT, values[0]),
        arrayMethod("layerNames", STRING, values[1]),
        arrayMethod("activations", RuntimeNames.ACTIVATION, values[2]));
  }

  private static MethodSpec arrayMethod(String name, TypeName element, CodeBlock values) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(ArrayTypeName.of(element))
        .addStatement("return new $T[] {$L}", element, values)
        .build();
  }

  private static MethodSpec create(NetworkModel network) {
    PrecisionNames precision = network.precision();
    MethodSpec.Builder create =
        MethodSpec.methodBuilder("create")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(network.modelName())
            .addParameter(long.class, "seed")
            .addJavadoc(
                "A new model with each W[l] drawn as its layer's init says and every b[l] zero."
                    + "\nThe Gaussian draws come from {@code new Random(seed)}, W1 first, each"
                    + " matrix in\ncolumn-major order: the same seed gives the same weights on"
                    + " every machine.\n\n@param seed the seed of the {@code Random} that draws"
                    + " the weights\n@return a new model, with parameters of its own\n")
            .addStatement("$T random = new $T(seed)", RuntimeNames.RANDOM, RuntimeNames.RANDOM)
            .addStatement(
                "$T parameters = new $T(ARCHITECTURE.sizes())",
                precision.parameters(), precision.parameters());
    if (!Chunks.split(network.layerCount())) {
      for (LayerModel layer : network.layers()) {
        create.addCode(initialise(layer));
      }
    } else {
      for (Chunks.Range range : Chunks.forward(network.layerCount())) {
        create.addStatement("$L(random, parameters)", range.method("initialiseLayers"));
      }
    }
    return create.addStatement("return new $T(parameters)", network.modelName()).build();
  }

  /** For a split network: the initialisation of each range of layers, in layer order. */
  private static List<MethodSpec> initialiseRanges(NetworkModel network) {
    List<MethodSpec> methods = new ArrayList<>();
    if (!Chunks.split(network.layerCount())) {
      return methods;
    }
    for (Chunks.Range range : Chunks.forward(network.layerCount())) {
      MethodSpec.Builder method =
          MethodSpec.methodBuilder(range.method("initialiseLayers"))
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .addParameter(RuntimeNames.RANDOM, "random")
              .addParameter(network.precision().parameters(), "parameters");
      for (int l : range.layers()) {
        method.addCode(initialise(network.layer(l)));
      }
      methods.add(method.build());
    }
    return methods;
  }

  private static CodeBlock initialise(LayerModel layer) {
    int l = layer.index();
    String shape = layer.units() + ", " + layer.fanIn();
    CodeBlock.Builder code = CodeBlock.builder();
    switch (layer.init()) {
      case SMALL_RANDOM -> {
        code.add("// $L = np.random.randn($L) * 0.01   (small random)\n", W(l), shape);
        code.addStatement(
            "$T.gaussian(random, 0.01, parameters.W($L))", RuntimeNames.INITIALIZERS, l);
      }
      case XAVIER -> {
        code.add("// $L = np.random.randn($L) * np.sqrt(1/$L)   (Xavier)\n", W(l), shape,
            layer.fanIn());
        code.addStatement(
            "$T.gaussian(random, $T.sqrt(1.0 / $L), parameters.W($L))",
            RuntimeNames.INITIALIZERS, MATH, layer.fanIn(), l);
      }
      case HE -> {
        code.add("// $L = np.random.randn($L) * np.sqrt(2/$L)   (He)\n", W(l), shape,
            layer.fanIn());
        code.addStatement(
            "$T.gaussian(random, $T.sqrt(2.0 / $L), parameters.W($L))",
            RuntimeNames.INITIALIZERS, MATH, layer.fanIn(), l);
      }
      case ZEROS -> code.add("// $L = np.zeros(($L)): parameters start at zero\n", W(l), shape);
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
                + " network.\n\n@param file a file that {@code save} wrote for this network"
                + "\n@return a model with the parameters of {@code file}"
                + "\n@throws IOException if the file is missing, corrupt or not an {@code .npz}"
                + " archive, or an\n    array is missing, extra or of the wrong shape\n")
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
   * Whether the model checks the entries of X through {@code Z1 = W1 @ X + b1} after its forward
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
        .add("// X's entries, through $L = $L @ X + $L ($L, smaller than X): a NaN or an\n", Z(1),
            W(1), b(1), batch(network.layer(1).units()))
        .add("// infinity in a column of X makes that whole column of $L NaN or infinite\n", Z(1))
        .addStatement("$T.checkInputEntries(ARCHITECTURE, X, passes.forward.$L)",
            RuntimeNames.INPUT_CHECKS, Z(1))
        .build();
  }

  /**
   * {@code body} as one pass of this thread: its passes, the parameters it may read ({@code
   * served}), and the end of the pass however the body ends.
   */
  private static CodeBlock onePass(NetworkModel network, CodeBlock body) {
    return CodeBlock.builder()
        .addStatement("Passes passes = threads.passes()")
        .addStatement("$T served = threads.enter(passes)", network.precision().parameters())
        .beginControlFlow("try")
        .add(body)
        .nextControlFlow("finally")
        .addStatement("threads.exit(passes)")
        .endControlFlow()
        .build();
  }

  private static MethodSpec forward(NetworkModel network) {
    PrecisionNames precision = network.precision();
    MethodSpec.Builder forward =
        override("forward", precision.matrix()).addParameter(precision.matrix(), X);
    if (!checksInputThroughZ1(network)) {
      return forward
          .addStatement("$T.checkInput(ARCHITECTURE, X)", RuntimeNames.INPUT_CHECKS)
          .addCode(onePass(network, CodeBlock.builder()
              .add("// a copy: the workspace is overwritten by this thread's next pass\n")
              .addStatement("return passes.forward.run(served, X).dup()")
              .build()))
          .build();
    }
    String a = A(network.layerCount());
    return forward
        .addStatement("$T.checkInputShape(ARCHITECTURE, X)", RuntimeNames.INPUT_CHECKS)
        .addCode(onePass(network, CodeBlock.builder()
            .addStatement("$T $L = passes.forward.run(served, X)", precision.matrix(), a)
            .add(checkInputEntries(network))
            .add("// a copy: the workspace is overwritten by this thread's next pass\n")
            .addStatement("return $L.dup()", a)
            .build()))
        .build();
  }

  private static MethodSpec predict(NetworkModel network) {
    MethodSpec.Builder predict =
        override("predict", network.precision().matrix())
            .addParameter(network.precision().matrix(), X);
    String a = A(network.layerCount());
    CodeBlock.Builder body = CodeBlock.builder();
    String output;
    if (checksInputThroughZ1(network)) {
      predict.addStatement("$T.checkInputShape(ARCHITECTURE, X)", RuntimeNames.INPUT_CHECKS);
      body.addStatement("passes.forward.run(served, X)").add(checkInputEntries(network));
      output = "passes.forward." + a;
    } else {
      predict.addStatement("$T.checkInput(ARCHITECTURE, X)", RuntimeNames.INPUT_CHECKS);
      output = "passes.forward.run(served, X)";
    }
    switch (network.loss()) {
      case BINARY_CROSS_ENTROPY -> body
          .add("// 1 where $L > 0.5, else 0\n", a)
          .addStatement("return $T.threshold($L, 0.5)", RuntimeNames.PREDICTIONS, output);
      case CATEGORICAL_CROSS_ENTROPY -> body
          .add("// one-hot of the most probable class in each column of $L\n", a)
          .addStatement("return $T.oneHotArgMax($L)", RuntimeNames.PREDICTIONS, output);
      case MEAN_SQUARED_ERROR -> body
          .add("// regression: $L itself\n", a)
          .addStatement("return $L.dup()", output);
    }
    return predict.addCode(onePass(network, body.build())).build();
  }

  /** {@code forward(double[] x)}: {@code forward(x, out)} into a new array. */
  private static MethodSpec forwardExample(NetworkModel network) {
    TypeName array = ArrayTypeName.of(network.precision().scalar());
    return override("forward", array)
        .addParameter(array, "x")
        .addStatement("$T out = new $T[$L]", array, network.precision().scalar(),
            network.output().units())
        .addStatement("forward(x, out)")
        .addStatement("return out")
        .build();
  }

  /** {@code forward(double[] x, double[] out)}: x as the one column of X; nothing allocated. */
  private static MethodSpec forwardExampleInto(NetworkModel network) {
    PrecisionNames precision = network.precision();
    TypeName array = ArrayTypeName.of(precision.scalar());
    int last = network.layerCount();
    return override("forward", TypeName.VOID)
        .addParameter(array, "x")
        .addParameter(array, "out")
        .addStatement("$T.check(ARCHITECTURE, x, out)", EXAMPLES)
        .addCode(onePass(network, CodeBlock.builder()
            .add("// x as the one column of X ($L), the same pass as forward(X); then $L ($L)"
                + " into out\n", shape(network.inputs(), 1), A(last),
                shape(network.output().units(), 1))
            .addStatement("$T $L = passes.forward.run(served, $T.column(passes.column, x))",
                precision.matrix(), A(last), EXAMPLES)
            .addStatement("$T.output($L, passes.column, out)", EXAMPLES, A(last))
            .build()))
        .build();
  }

  /** {@code predict(double[] x)}: {@code predict(X)}'s rule on the one column. */
  private static MethodSpec predictExample(NetworkModel network) {
    PrecisionNames precision = network.precision();
    TypeName array = ArrayTypeName.of(precision.scalar());
    String a = A(network.layerCount());
    MethodSpec.Builder predict = override("predict", array).addParameter(array, "x");
    String column = "new $T(" + network.output().units() + ", 1, forward(x))";
    switch (network.loss()) {
      case BINARY_CROSS_ENTROPY -> predict
          .addComment("1 where $L > 0.5, else 0, as predict(X) gives it for the one column x", a)
          .addStatement("return $T.threshold(" + column + ", 0.5).data",
              RuntimeNames.PREDICTIONS, precision.matrix());
      case CATEGORICAL_CROSS_ENTROPY -> predict
          .addComment("one-hot of the most probable class, as predict(X) gives it for x")
          .addStatement("return $T.oneHotArgMax(" + column + ").data",
              RuntimeNames.PREDICTIONS, precision.matrix());
      case MEAN_SQUARED_ERROR -> predict
          .addComment("regression: $L itself", a)
          .addStatement("return forward(x)");
    }
    return predict.build();
  }

  /** The checks that {@code cost} and {@code gradients} begin with, before their pass. */
  private static CodeBlock checkTargets(NetworkModel network) {
    return checksInputThroughZ1(network)
        ? CodeBlock.of(
            "$T.checkTargetsAndInputShape(ARCHITECTURE, X, Y);\n", RuntimeNames.INPUT_CHECKS)
        : CodeBlock.of("$T.checkTargets(ARCHITECTURE, X, Y);\n", RuntimeNames.INPUT_CHECKS);
  }

  /** The forward pass that {@code cost} and {@code gradients} run, and what checks X after it. */
  private static CodeBlock forwardOfPass(NetworkModel network) {
    CodeBlock.Builder code = CodeBlock.builder().addStatement("passes.forward.run(served, X)");
    if (checksInputThroughZ1(network)) {
      code.add(checkInputEntries(network));
    }
    return code.build();
  }

  private static MethodSpec cost(NetworkModel network) {
    PrecisionNames precision = network.precision();
    return override("cost", TypeName.DOUBLE)
        .addParameter(precision.matrix(), X)
        .addParameter(precision.matrix(), Y)
        .addCode(checkTargets(network))
        .addCode(onePass(network, CodeBlock.builder()
            .add(forwardOfPass(network))
            .addStatement("return costOfLastForward(passes.forward, Y)")
            .build()))
        .build();
  }

  private static MethodSpec costOfLastForward(NetworkModel network) {
    int last = network.layerCount();
    MethodSpec.Builder cost =
        MethodSpec.methodBuilder("costOfLastForward")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(TypeName.DOUBLE)
            .addParameter(network.forwardName(), "forward")
            .addParameter(network.precision().matrix(), Y);
    switch (network.loss()) {
      case BINARY_CROSS_ENTROPY -> cost
          .addComment("J = -(1/m) * np.sum(Y * np.log($L) + (1 - Y) * np.log(1 - $L)),", A(last),
              A(last))
          .addComment("computed from the logits $L so that no log(0) can occur", Z(last))
          .addStatement("return $T.binaryCrossEntropy(forward.$L, Y)", RuntimeNames.LOSSES,
              Z(last));
      case CATEGORICAL_CROSS_ENTROPY -> cost
          .addComment("J = -(1/m) * np.sum(Y * np.log($L)),", A(last))
          .addComment("computed from the logits $L (log-sum-exp) so that no log(0) can occur",
              Z(last))
          .addStatement("return $T.categoricalCrossEntropy(forward.$L, Y)", RuntimeNames.LOSSES,
              Z(last));
      case MEAN_SQUARED_ERROR -> cost
          .addComment("J = (1/(2*m)) * np.sum(($L - Y)**2)", A(last))
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
        .addCode(checkTargets(network))
        .addCode(onePass(network, CodeBlock.builder()
            .add(forwardOfPass(network))
            .addStatement("passes.backward.run(served, passes.forward, X, Y, passes.gradients())")
            .add("// a copy: the workspace is overwritten by this thread's next pass\n")
            .addStatement("return passes.gradients().copy()")
            .build()))
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
        .addComment("from here until fit returns, other threads read a copy of the parameters")
        .addStatement("threads.beginFit()")
        .beginControlFlow("try")
        .addComment("the update rule (gradient descent, momentum, RMSprop, Adam), mini-batches")
        .addComment("and L2 are the training's; the passes are this model's, a set of their own")
        .addStatement("Passes passes = new Passes(parameters)")
        .addStatement(
            "return $T.run(\ntraining, ARCHITECTURE, parameters, passes.gradients(), passes, X, Y)",
            RuntimeNames.TRAINING_LOOP)
        .nextControlFlow("finally")
        .addStatement("threads.endFit()")
        .endControlFlow()
        .build();
  }

  /**
   * One thread's passes and workspaces, and what {@code Training} drives: {@code fit} trains the
   * live parameters through a set of its own.
   */
  private static TypeSpec passes(NetworkModel network) {
    PrecisionNames precision = network.precision();
    ClassName matrix = precision.matrix();
    return TypeSpec.classBuilder("Passes")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .superclass(THREAD_SLOT)
        .addSuperinterface(precision.trainable())
        .addJavadoc("One thread's passes and workspaces; what {@link $T} drives, on the live"
            + "\nparameters, when {@code fit} runs them. Static: each thread's map of"
            + " thread-locals\nholds its passes, and were they to hold the model (and so its"
            + " thread-local), a\nmodel that its threads no longer use could never be"
            + " collected.\n", RuntimeNames.TRAINING)
        .addField(FieldSpec.builder(precision.parameters(), "parameters", Modifier.PRIVATE,
                Modifier.FINAL)
            .addJavadoc("The live parameters, which {@code fit} trains through these passes.\n")
            .build())
        .addField(field(network.forwardName(), "forward",
            CodeBlock.of("new $T()", network.forwardName())))
        .addField(field(network.backwardName(), "backward",
            CodeBlock.of("new $T()", network.backwardName())))
        .addField(FieldSpec.builder(matrix, "column", Modifier.PRIVATE, Modifier.FINAL)
            .addJavadoc("One example as X ($L): its array is the caller's x during a pass.\n",
                shape(network.inputs(), 1))
            .initializer("new $T($L, 1)", matrix, network.inputs())
            .build())
        .addField(FieldSpec.builder(precision.gradients(), "gradients", Modifier.PRIVATE)
            .build())
        .addMethod(MethodSpec.constructorBuilder()
            .addParameter(precision.parameters(), "parameters")
            .addStatement("this.parameters = parameters")
            .build())
        .addMethod(MethodSpec.methodBuilder("gradients")
            .addJavadoc("dW[l] and db[l] of this thread's last backward pass, made on first use:"
                + "\na thread that only predicts needs none.\n")
            .returns(precision.gradients())
            .beginControlFlow("if (gradients == null)")
            .addStatement("gradients = new $T(ARCHITECTURE.sizes())", precision.gradients())
            .endControlFlow()
            .addStatement("return gradients")
            .build())
        .addMethod(override("forward", matrix)
            .addParameter(matrix, X)
            .addStatement("return forward.run(parameters, X)")
            .build())
        .addMethod(override("costOfLastForward", TypeName.DOUBLE)
            .addParameter(matrix, Y)
            .addStatement("return $T.costOfLastForward(forward, Y)", network.modelName())
            .build())
        .addMethod(override("backward", TypeName.VOID)
            .addParameter(matrix, X)
            .addParameter(matrix, Y)
            .addStatement("backward.run(parameters, forward, X, Y, gradients())")
            .build())
        .build();
  }

  private static MethodSpec save(NetworkModel network) {
    return override("save", TypeName.VOID)
        .addParameter(RuntimeNames.PATH, "file")
        .addException(RuntimeNames.IO_EXCEPTION)
        .addCode(onePass(network, CodeBlock.builder()
            .add("// what other threads' predictions read: before a fit that runs, if one does\n")
            .addStatement("$T.save(file, served)", RuntimeNames.MODEL_FILES)
            .build()))
        .build();
  }

  private static MethodSpec summary() {
    return override("summary", STRING)
        .addStatement("return ARCHITECTURE.summary()")
        .build();
  }
}
