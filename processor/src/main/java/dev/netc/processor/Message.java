package dev.netc.processor;

import java.util.Locale;
import javax.tools.Diagnostic;

/**
 * Every diagnostic netc prints: a stable id (printed as a prefix, {@code [netc.fan-in]}, so that
 * users and tests can search for it), a kind and a format. Wording: lowercase, javac-like, where
 * -> rule -> what was found -> a hint; ASCII only.
 *
 * <p>Sites: a bad attribute is blamed on that attribute of that annotation; a mismatch between the
 * loss and the output activation on the output layer's {@code activation} (or on that whole
 * {@code @Layer} when its activation is left at the default); a problem of the type on the type.
 */
enum Message {
  // Sizes: n[0] and every n[l] at least 1, at least one layer.
  /** Args: network, inputs. */
  INPUTS(
      "netc.inputs",
      "%s: X must have at least one row (n[0] >= 1) but @Network(inputs = %2$d) gives it %2$d;"
          + " set inputs to the number of features of one example"),
  /** Args: layer label, l, units. */
  UNITS(
      "netc.units",
      "%s: W[%d] must have at least one row (n[%2$d] >= 1) but @Layer(units = %3$d) gives it %3$d;"
          + " set units to the number of units of this layer"),
  /** Args: network. */
  NO_LAYERS(
      "netc.no-layers",
      "%s: a network needs at least one layer but no @Layer is declared;"
          + " add one @Layer(units = ...) per layer below @Network, output layer last"),

  // Dimensions: W[l] is n[l] x n[l-1], b[l] is n[l] x 1.
  /** Args: layer label, l, n[l], n[l-1], l, l-1, inputs, "3 columns", hint. */
  FAN_IN(
      "netc.fan-in",
      "%s: W[%d] must be %dx%d (n[%d] x n[%d]) but @Layer(inputs = %d) gives it %s;"
          + " remove inputs or set it to %s"),

  // The output activation and the loss.
  /** Args: layer label, L. */
  SOFTMAX_HIDDEN(
      "netc.softmax-hidden",
      "%s: SOFTMAX is only allowed on the output layer (it turns the outputs into class"
          + " probabilities) but this layer is hidden; use RELU or TANH here and put SOFTMAX on"
          + " layer %d"),
  /** Args: layer label, loss (with "(the default)" when not stated). */
  SOFTMAX_LOSS(
      "netc.softmax-loss",
      "%s: a SOFTMAX output needs loss = CATEGORICAL_CROSS_ENTROPY but @Network has loss = %s;"
          + " set @Network(loss = Loss.CATEGORICAL_CROSS_ENTROPY), or use SIGMOID for independent"
          + " 0/1 outputs"),
  /** Args: layer label, units. */
  SOFTMAX_UNITS(
      "netc.softmax-units",
      "%s: a SOFTMAX output needs at least 2 units (one per class) but @Layer(units = %2$d) gives"
          + " it %2$d, whose softmax is always 1; set units to the number of classes, or use"
          + " SIGMOID with BINARY_CROSS_ENTROPY for a yes/no output"),
  /** Args: layer label, activation (with "(the default)" when not stated). */
  CCE_NEEDS_SOFTMAX(
      "netc.cce-softmax",
      "%s: loss = CATEGORICAL_CROSS_ENTROPY needs a SOFTMAX output but the output layer has"
          + " activation = %s; set activation = Activation.SOFTMAX"),
  /** Args: layer label, loss (with "(the default)"), activation (with "(the default)"). */
  BCE_NEEDS_SIGMOID(
      "netc.bce-sigmoid",
      "%s: loss = %s needs a SIGMOID output (its log(a) and log(1 - a) need 0 < a < 1) but the"
          + " output layer has activation = %s; set activation = Activation.SIGMOID, or choose"
          + " another @Network(loss = ...)"),
  /** Args: layer label. */
  MSE_SIGMOID(
      "netc.mse-sigmoid",
      Diagnostic.Kind.WARNING,
      "%s: a SIGMOID output with loss = MEAN_SQUARED_ERROR gives a non-convex cost that learns"
          + " slowly where the sigmoid saturates; use @Network(loss = Loss.BINARY_CROSS_ENTROPY)"),

  // Layers: symmetry, linear hidden layers, leak, names.
  /** Args: layer label, units. */
  ZEROS_HIDDEN(
      "netc.zeros-hidden",
      "%s: init = ZEROS is only allowed on the output layer or in a one-layer network but this"
          + " hidden layer has %d units, which would stay identical forever (symmetry); remove init"
          + " or choose Init.XAVIER or Init.HE"),
  /** Args: layer label. */
  LINEAR_HIDDEN(
      "netc.linear-hidden",
      Diagnostic.Kind.WARNING,
      "%s: a LINEAR hidden layer collapses into the next layer (a product of linear maps is"
          + " linear), so it adds parameters but no power; use RELU or TANH"),
  /** Args: layer label, leak. */
  LEAK(
      "netc.leak",
      "%s: the leak of LEAKY_RELU must lie in (0, 1) but @Layer(leak = %2$s) gives %2$s;"
          + " remove leak (0.01) or choose a small slope such as 0.1"),
  /** Args: layer label, activation, leak. */
  LEAK_IGNORED(
      "netc.leak-ignored",
      Diagnostic.Kind.WARNING,
      "%s: leak only applies to LEAKY_RELU but this layer has activation = %s, so"
          + " @Layer(leak = %s) is ignored; remove leak or set activation = Activation.LEAKY_RELU"),
  /** Args: layer label, quoted name, what is wrong. */
  LAYER_NAME(
      "netc.layer-name",
      "%s: a layer name must be printable ASCII without \"*/\" or backslashes (it is copied into"
          + " generated comments) but @Layer(name = %s) contains %s; rename the layer"),
  /** Args: layer label, earlier layer index, name. */
  DUPLICATE_NAME(
      "netc.duplicate-name",
      "%s: layer names must be unique but layer %d is also named \"%s\"; rename one of them"),

  // Dimensions of @Network(weights = ...): see WeightsChecker. All on the weights attribute.
  /** Args: network, weights as a Java literal, what is wrong. */
  WEIGHTS_PATH(
      "netc.weights-path",
      "%s: @Network(weights = %s) is not a class-path resource path netc accepts: %s; name the"
          + " file relative to the class-path root, '/' between directories, each name made of"
          + " letters, digits, '.', '_' and '-', e.g. \"models/planar.npz\""),
  /** Args: network, weights, where it was looked for, the path without a leading slash. */
  WEIGHTS_ABSENT(
      "netc.weights-absent",
      "%s: @Network(weights = \"%s\") names a class-path resource that javac cannot find;"
          + " looked in %s; put %s under src/main/resources (Maven copies it to the class output"
          + " before javac runs) or add the directory that holds it to javac's -sourcepath"),
  /** Args: network, weights, the file, why it cannot be read. */
  WEIGHTS_UNREADABLE(
      "netc.weights-unreadable",
      "%s: @Network(weights = \"%s\"): %s is not a readable .npz archive: %s; save the weights"
          + " with numpy.savez or with the generated model's save(Path)"),
  /** Args: network, weights, the file's arrays, L, the expected arrays. */
  WEIGHTS_NAMES(
      "netc.weights-names",
      "%s: @Network(weights = \"%s\"): no array of the file (%s) has a name netc reads; a"
          + " %d-layer network needs exactly %s; save them by name, e.g."
          + " numpy.savez(file, W1=W1, b1=b1, ...)"),
  /** Args: network, weights, array, "n[2] x 1 = 1x1", the file's arrays, L, expected arrays. */
  WEIGHTS_MISSING(
      "netc.weights-missing",
      "%s: @Network(weights = \"%s\"): the file has no array %s (%s); it holds %s but a"
          + " %d-layer network needs exactly %s; save every W[l] and b[l] under these names"),
  /** Args: network, weights, array, its shape in the file, L, expected arrays. */
  WEIGHTS_EXTRA(
      "netc.weights-extra",
      "%s: @Network(weights = \"%s\"): the file holds an array %s (%s) that a %d-layer network"
          + " has no place for; it needs exactly %s; remove %3$s from the file or check that the"
          + " file belongs to this declaration"),
  /** Args: network, weights, array, "1x4", "n[2] x n[1]", the shape in the file, hint. */
  WEIGHTS_SHAPE(
      "netc.weights-shape",
      "%s: @Network(weights = \"%s\"): %s must be %s (%s) but the file holds %s; %s"),
  /** Args: network, weights, array, its dtype. */
  WEIGHTS_DTYPE(
      "netc.weights-dtype",
      "%s: @Network(weights = \"%s\"): %s has dtype '%s' but netc reads only little-endian"
          + " float64 ('<f8') or float32 ('<f4'); save it as float64, e.g."
          + " numpy.savez(file, %3$s=%3$s.astype('<f8'), ...)"),
  /** Args: network, weights, array, what is wrong (NpyValues: "NaN at (1, 0)"). */
  WEIGHTS_VALUES(
      "netc.weights-values",
      "%s: @Network(weights = \"%s\"): %s holds %s; every parameter must be finite (was the"
          + " file saved after a diverged training?); save the file again from finite values"),
  /** Args: network, weights, reserved array or "the file", what is wrong (ReservedArrays). */
  WEIGHTS_RESERVED(
      "netc.weights-reserved",
      "%s: @Network(weights = \"%s\"): %s, which netc reads as the model's preprocessing,"
          + " does not fit: %s"),

  // The annotated type: see TypeRules.
  /** Args: network, what it is ("an enum"). */
  TYPE_KIND(
      "netc.type-kind",
      "%s: @Network must be on an interface or an abstract class (netc generates its"
          + " implementation) but %1$s is %s; make it an interface or an abstract class"),
  /** Args: network, what is private. */
  TYPE_PRIVATE(
      "netc.type-private",
      "%s: a @Network type must not be private (the generated model in the same package"
          + " implements it) but %s is private; make it package-private or public"),
  /** Args: network, enclosing type. */
  TYPE_INNER(
      "netc.type-inner",
      "%s: a @Network type must be top-level or static nested (the generated model has no"
          + " enclosing instance) but %1$s is an inner class of %s; declare it static"),
  /** Args: network, where it is declared ("the method Outer.run"). */
  TYPE_LOCAL(
      "netc.type-local",
      "%s: a @Network type must be top-level or static nested (annotation processors are not shown"
          + " types declared in a method, and the generated model could not name one) but %1$s is"
          + " declared in %s; move it out of the method, into its own file or a static member"
          + " type"),
  /** Args: network, type parameters ("<T>"). */
  TYPE_GENERIC(
      "netc.type-generic",
      "%s: a @Network type must not have type parameters (the generated model fixes every type)"
          + " but %1$s declares %s; remove the type parameters"),
  /** Args: network, what was found. */
  CONSTRUCTOR(
      "netc.constructor",
      "%s: an abstract @Network class needs a non-private constructor without parameters (the"
          + " generated model calls super()) but %s; add one"),
  /** Args: network, checked exceptions ("java.io.IOException"). */
  CONSTRUCTOR_THROWS(
      "netc.constructor-throws",
      "%s: the no-argument constructor of an abstract @Network class must not throw checked"
          + " exceptions (the generated model calls super() and declares none) but it throws %s;"
          + " handle them in the constructor or throw an unchecked exception"),
  /** Args: network. */
  TYPE_SEALED(
      "netc.type-sealed",
      "%s: a @Network type must not be sealed (its permits clause cannot name the generated"
          + " model) but %1$s is sealed; make it non-sealed or remove sealed and permits"),
  /** Args: network, the model interface ("dev.netc.runtime.Model"), method ("Foo.summary()"). */
  FINAL_METHOD(
      "netc.final-method",
      "%s: the generated model overrides every method of %s but %s is final; remove final or the"
          + " method"),
  /** Args: network, method ("Foo.create(long)"), generated member ("FooModel.create"). */
  HIDDEN_METHOD(
      "netc.hidden-method",
      "%s: netc generates %3$s with the same parameter types as %2$s, which it would hide or"
          + " clash with; rename %2$s or make it private"),
  /**
   * Args: network, the model interface ("Model"), generated member ("FooModel.summary()"), method
   * ("Foo.summary()").
   */
  METHOD_BODY(
      "netc.method-body",
      "%s: the generated model implements every method of %s, so %s would replace the body of %s;"
          + " remove that method (the generated one does its work) or rename it"),
  /**
   * Args: network, generated member ("FooModel.forward(org.jblas.DoubleMatrix)"), its return type,
   * the model's method, the redeclared method, its return type.
   */
  METHOD_RETURN(
      "netc.method-return",
      "%s: netc generates %s returning %s, as %s does, but %s returns %s; declare it returning %3$s"
          + " or remove it"),
  /**
   * Args: network, generated member ("FooModel.save(java.nio.file.Path)"), the checked exception,
   * the model's method, the redeclared method.
   */
  METHOD_THROWS(
      "netc.method-throws",
      "%s: netc generates %s throwing %s, as %s does, but %s does not declare it; add throws %3$s"
          + " or remove the method"),
  /** Args: network, the model interface ("dev.netc.runtime.Model"), method ("Foo.size(int)"). */
  ABSTRACT_METHOD(
      "netc.abstract-method",
      "%s: the generated model implements only the methods of %s but %s is abstract; give it a"
          + " body or remove it"),
  /** Args: network, the model interface ("dev.netc.runtime.FloatModel"). */
  RUNTIME_MISSING(
      "netc.runtime-missing",
      "%s: the generated model implements %s but that type is not on the class path; add the"
          + " dependency dev.netc:netc-runtime"),
  /**
   * Args: network, "precision = FLOAT" (with "(the default)" when not stated), the interface it
   * generates ("FloatModel"), its matrix ("FloatMatrix"), its gemm ("sgemm"), network, what the
   * type extends ("Model", "both Model and FloatModel"), a hint.
   */
  PRECISION_MODEL(
      "netc.precision-model",
      "%s: %s generates a %s (%s, %s) but %s extends %s; %s"),
  /** Args: network, generated name, what holds it. */
  NAME_CLASH(
      "netc.name-clash",
      "%s: netc generates %s but %s already has that name; rename one of them"),

  // The model report (-Anetc.report=true), see ReportNote.
  /** Args: the report table (network, layers, shapes, parameters, multiply-adds, bytes). */
  REPORT("netc.report", Diagnostic.Kind.NOTE, "%s"),
  /** Args: option name, its value. */
  REPORT_OPTION(
      "netc.report-option",
      Diagnostic.Kind.WARNING,
      "-A%s=%s: the option must be true or false, so no model report is printed;"
          + " use -A%1$s=true to print one note per network, or remove the option"),

  // Misuse and failures.
  /** Args: type. */
  LAYER_WITHOUT_NETWORK(
      "netc.layer-without-network",
      "%s: @Layer only means something on a @Network type but %1$s has no @Network;"
          + " add @Network(inputs = ...) or remove the @Layer annotations"),
  /** Args: the class the processor could not load. */
  SETUP(
      "netc.setup",
      "netc-processor cannot load %s: dev.netc:netc-annotations is missing from the annotation"
          + " processor path; put netc-annotations on the processor path next to netc-processor"
          + " (Maven: resolve both through annotationProcessorPaths; Gradle: annotationProcessor;"
          + " javac: -processorpath), or leave the processor path unset so that javac looks for"
          + " processors on the class path, which has netc-annotations"),
  /** Args: network, exception text. */
  INTERNAL(
      "netc.internal",
      "%s: netc failed unexpectedly: %s; please report this netc bug together with the"
          + " declaration");

  private final String id;
  private final Diagnostic.Kind kind;
  private final String format;

  Message(String id, String format) {
    this(id, Diagnostic.Kind.ERROR, format);
  }

  Message(String id, Diagnostic.Kind kind, String format) {
    this.id = id;
    this.kind = kind;
    this.format = format;
  }

  /** The stable id, e.g. {@code netc.fan-in}. */
  String id() {
    return id;
  }

  Diagnostic.Kind kind() {
    return kind;
  }

  /** The printed text: {@code [id] } followed by the formatted message. */
  String format(Object... args) {
    return "[" + id + "] " + String.format(Locale.ROOT, format, args);
  }
}
