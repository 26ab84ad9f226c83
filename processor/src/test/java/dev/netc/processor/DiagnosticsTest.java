package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.netc.annotations.Network;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every message end to end through javac: its id, the file and the line it lands on, and how many
 * diagnostics one mistake gives. Declarations put each {@code @Layer} and attribute on its own
 * line, so that {@code onLineContaining} proves the narrow site.
 *
 * <p>Valid declarations (the warning tests) also run the generator; those tests assert on the
 * warning, not on the generated code, which {@link GoldenFilesTest} covers.
 */
final class DiagnosticsTest {

  // ---------------------------------------------------------------- sizes

  @Test
  void networkInputsMustBePositive() {
    JavaFileObject f =
        network(
            "@Network(",
            "    inputs = 0)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.inputs] Net: X must have at least one row")
        .inFile(f)
        .onLineContaining("inputs = 0");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void unitsMustBePositiveOnTheRepeatedLayer() {
    // Layer 2 states inputs = 4: the bad units of layer 1 must not cascade into a fan-in error.
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(",
            "    units = 0,",
            "    activation = Activation.TANH)",
            "@Layer(",
            "    units = 1,",
            "    inputs = 4,",
            "    activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.units] layer 1: W[1] must have at least one row")
        .inFile(f)
        .onLineContaining("units = 0");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void unitsMustBePositiveOnASingleLayer() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(",
            "    activation = Activation.SIGMOID,",
            "    units = -1)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[netc.units] layer 1").inFile(f).onLineContaining("-1");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void atLeastOneLayer() {
    JavaFileObject f = network("@Network(inputs = 2)", "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.no-layers] Net: a network needs at least one layer")
        .inFile(f)
        .onLineContaining("@Network(inputs = 2)");
    assertThat(c).hadErrorCount(1);
  }

  // ---------------------------------------------------------------- dimensions

  @Test
  void statedFanInMustEqualThePreviousLayer() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(",
            "    units = 4,",
            "    activation = Activation.TANH)",
            "@Layer(",
            "    units = 1,",
            "    inputs = 3,",
            "    activation = Activation.SIGMOID,",
            "    name = \"output\")",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.fan-in] layer 2 (\"output\"): W[2] must be 1x4 (n[2] x n[1]) but"
                + " @Layer(inputs = 3) gives it 3 columns; remove inputs or set it to 4")
        .inFile(f)
        .onLineContaining("inputs = 3");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void explicitContainerNextToASingleLayer() {
    // Written out, the container has a tree of its own and Messager finds the nested @Layer.
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(units = 3, activation = Activation.TANH)",
            "@Layer.List({",
            "  @Layer(",
            "      units = 1,",
            "      inputs = 7,",
            "      activation = Activation.SIGMOID)",
            "})",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.fan-in] layer 2: W[2] must be 1x3 (n[2] x n[1])")
        .inFile(f)
        .onLineContaining("inputs = 7");
    assertThat(c).hadErrorCount(1);
  }

  // ---------------------------------------------------------------- rules 3, 4, 7

  @Test
  void softmaxOnlyOnTheOutputLayer() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(",
            "    units = 4,",
            "    activation = Activation.SOFTMAX)",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.softmax-hidden] layer 1: SOFTMAX is only allowed on the output")
        .inFile(f)
        .onLineContaining("SOFTMAX");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void softmaxOutputNeedsCategoricalCrossEntropy() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(",
            "    units = 4,",
            "    activation = Activation.TANH)",
            "@Layer(",
            "    units = 3,",
            "    activation = Activation.SOFTMAX)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.softmax-loss] layer 2: a SOFTMAX output needs loss = CATEG")
        .inFile(f)
        .onLineContaining("SOFTMAX");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void softmaxNeedsTwoUnits() {
    JavaFileObject f =
        network(
            "@Network(",
            "    inputs = 2,",
            "    loss = Loss.CATEGORICAL_CROSS_ENTROPY)",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.SOFTMAX)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.softmax-units] layer 1: a SOFTMAX output needs at least 2")
        .inFile(f)
        .onLineContaining("units = 1");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void categoricalCrossEntropyNeedsSoftmax() {
    JavaFileObject f =
        network(
            "@Network(",
            "    inputs = 2,",
            "    loss = Loss.CATEGORICAL_CROSS_ENTROPY)",
            "@Layer(",
            "    units = 4,",
            "    activation = Activation.TANH)",
            "@Layer(",
            "    units = 3,",
            "    activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.cce-softmax] layer 2: loss = CATEGORICAL_CROSS_ENTROPY needs")
        .inFile(f)
        .onLineContaining("activation = Activation.SIGMOID");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void categoricalCrossEntropyWithDefaultActivationLandsOnTheOutputLayer() {
    JavaFileObject f =
        network(
            "@Network(",
            "    inputs = 2,",
            "    loss = Loss.CATEGORICAL_CROSS_ENTROPY)",
            "@Layer(",
            "    units = 4,",
            "    activation = Activation.TANH)",
            "@Layer(units = 3) // the output",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("activation = RELU (the default); set activation = Activation.SOFTMAX")
        .inFile(f)
        .onLineContaining("// the output");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void binaryCrossEntropyNeedsSigmoid() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(",
            "    units = 4,",
            "    activation = Activation.TANH)",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.LINEAR)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.bce-sigmoid] layer 2: loss = BINARY_CROSS_ENTROPY (the default) needs a SIGMOID")
        .inFile(f)
        .onLineContaining("LINEAR");
    assertThat(c).hadErrorCount(1);
  }

  /** Runs the generator. */
  @Test
  void meanSquaredErrorWithSigmoidIsAWarning() {
    JavaFileObject f =
        network(
            "@Network(",
            "    inputs = 2,",
            "    loss = Loss.MEAN_SQUARED_ERROR)",
            "@Layer(",
            "    units = 4,",
            "    activation = Activation.TANH)",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadWarningContaining("[netc.mse-sigmoid] layer 2: a SIGMOID output with loss = MEAN_SQ")
        .inFile(f)
        .onLineContaining("SIGMOID");
    assertThat(c).hadWarningCount(1);
    assertThat(c.generatedSourceFile("test.NetModel").isPresent()).isTrue();
  }

  // ---------------------------------------------------------------- rules 5, 6, 8

  @Test
  void zerosOnAHiddenLayer() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(",
            "    units = 4,",
            "    activation = Activation.TANH,",
            "    init = Init.ZEROS)",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.zeros-hidden] layer 1: init = ZEROS is only allowed on the")
        .inFile(f)
        .onLineContaining("ZEROS");
    assertThat(c).hadErrorCount(1);
  }

  /** Runs the generator. */
  @Test
  void linearHiddenLayerIsAWarning() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(",
            "    units = 4,",
            "    activation = Activation.LINEAR)",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadWarningContaining("[netc.linear-hidden] layer 1: a LINEAR hidden layer collapses")
        .inFile(f)
        .onLineContaining("LINEAR");
    assertThat(c).hadWarningCount(1);
  }

  @Test
  void leakOutOfRange() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(",
            "    units = 4,",
            "    activation = Activation.LEAKY_RELU,",
            "    leak = 1.5)",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.leak] layer 1: the leak of LEAKY_RELU must lie in (0, 1) but"
            + " @Layer(leak = 1.5) gives 1.5")
        .inFile(f)
        .onLineContaining("leak = 1.5");
    assertThat(c).hadErrorCount(1);
  }

  /** Runs the generator. */
  @Test
  void leakOnAnotherActivationIsAWarning() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(",
            "    units = 4,",
            "    activation = Activation.TANH,",
            "    leak = 0.2)",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadWarningContaining("[netc.leak-ignored] layer 1: leak only applies to LEAKY_RELU")
        .inFile(f)
        .onLineContaining("leak = 0.2");
    assertThat(c).hadWarningCount(1);
  }

  // ---------------------------------------------------------------- names

  @Test
  void layerNameThatWouldBreakAComment() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(",
            "    units = 4,",
            "    activation = Activation.TANH,",
            "    name = \"end */ here\")",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.layer-name] layer 1: a layer name must be printable ASCII")
        .inFile(f)
        .onLineContaining("end */ here");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void layerNamesMustBeUnique() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(",
            "    units = 4,",
            "    activation = Activation.TANH,",
            "    name = \"hidden\")",
            "@Layer(",
            "    units = 4,",
            "    activation = Activation.TANH,",
            "    name = \"hidden\" /* again */)",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.duplicate-name] layer 2 (\"hidden\"): layer names must be")
        .inFile(f)
        .onLineContaining("again");
    assertThat(c).hadErrorCount(1);
  }

  // ---------------------------------------------------------------- features not there yet

  @Test
  void weightsJavacCannotFindAreAnError() {
    // Every other weights failure, and weights that work: WeightsResourceTest.
    JavaFileObject f =
        network(
            "@Network(",
            "    inputs = 2,",
            "    weights = \"planar.npz\")",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.weights-absent] Net: @Network(weights = \"planar.npz\") names a class-path"
                + " resource that javac cannot find")
        .inFile(f)
        .onLineContaining("planar.npz");
    assertThat(c).hadErrorCount(1);
  }

  // ---------------------------------------------------------------- precision and the model type

  @Test
  void floatNetworkMayNotExtendModel() {
    JavaFileObject f =
        network(
            "@Network(",
            "    inputs = 2,",
            "    precision = Precision.FLOAT)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.precision-model] Net: precision = FLOAT generates a FloatModel (FloatMatrix,"
                + " sgemm) but Net extends Model; extend FloatModel instead, or remove precision"
                + " (DOUBLE is the default)")
        .inFile(f)
        .onLineContaining("precision = Precision.FLOAT");
    // Not also one abstract-method error per method of Model that FloatModel lacks.
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void defaultDoubleNetworkMayNotExtendFloatModelAndTheErrorIsOnTheAnnotation() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Net extends dev.netc.runtime.FloatModel {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.precision-model] Net: precision = DOUBLE (the default) generates a Model"
                + " (DoubleMatrix, dgemm) but Net extends FloatModel; set @Network(precision ="
                + " Precision.FLOAT), or extend Model instead")
        .inFile(f)
        .onLineContaining("@Network(inputs = 2)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void statedDoubleNetworkMayNotImplementFloatModel() {
    JavaFileObject f =
        network(
            "@Network(",
            "    inputs = 2,",
            "    precision = Precision.DOUBLE)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "abstract class Net implements dev.netc.runtime.FloatModel {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.precision-model] Net: precision = DOUBLE generates a Model (DoubleMatrix,"
                + " dgemm) but Net extends FloatModel;")
        .inFile(f)
        .onLineContaining("precision = Precision.DOUBLE");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void floatNetworkMayNotExtendBothModels() {
    JavaFileObject f =
        network(
            "@Network(",
            "    inputs = 2,",
            "    precision = Precision.FLOAT)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Net extends Model, dev.netc.runtime.FloatModel {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.precision-model] Net: precision = FLOAT generates a FloatModel (FloatMatrix,"
                + " sgemm) but Net extends both Model and FloatModel; extend FloatModel only")
        .inFile(f)
        .onLineContaining("precision = Precision.FLOAT");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void floatNetworkMethodsAreCheckedAgainstFloatModel() {
    // forward(FloatMatrix) and summary() are FloatModel's; forward(DoubleMatrix) is Model's.
    JavaFileObject f =
        network(
            "@Network(",
            "    inputs = 2,",
            "    precision = Precision.FLOAT)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Net {",
            "  org.jblas.FloatMatrix forward(org.jblas.FloatMatrix X);",
            "  String summary();",
            "  org.jblas.DoubleMatrix forward(org.jblas.DoubleMatrix X);",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.abstract-method] Net: the generated model implements only the methods of"
                + " dev.netc.runtime.FloatModel but Net.forward(org.jblas.DoubleMatrix) is"
                + " abstract; give it a body or remove it")
        .inFile(f)
        .onLineContaining("DoubleMatrix forward(");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void floatNetworkFinalMethodsAreCheckedAgainstFloatModel() {
    JavaFileObject f =
        network(
            "@Network(",
            "    inputs = 2,",
            "    precision = Precision.FLOAT)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "abstract class Net implements dev.netc.runtime.FloatModel {",
            "  public final String summary() { return \"mine\"; }",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.final-method] Net: the generated model overrides every method of"
                + " dev.netc.runtime.FloatModel but Net.summary() is final")
        .inFile(f)
        .onLineContaining("public final String summary()");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void floatNetworkReservesItsOwnCostOfLastForward() {
    JavaFileObject f =
        network(
            "@Network(",
            "    inputs = 2,",
            "    precision = Precision.FLOAT)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "abstract class Net implements dev.netc.runtime.FloatModel {",
            "  public double costOfLastForward(org.jblas.FloatMatrix Y) { return 0; }",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.hidden-method] Net: netc generates NetModel.costOfLastForward with the same"
                + " parameter types as Net.costOfLastForward(org.jblas.FloatMatrix)")
        .inFile(f)
        .onLineContaining("public double costOfLastForward(");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void floatRuntimeMissingFromTheClassPath() throws URISyntaxException {
    File annotations =
        new File(Network.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    JavaFileObject f =
        JavaFileObjects.forSourceLines(
            "test.Net",
            "package test;",
            "",
            "import dev.netc.annotations.*;",
            "",
            "@Network(inputs = 2, precision = Precision.FLOAT)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Net {}");
    Compilation c =
        javac()
            .withProcessors(new NetcProcessor())
            .withClasspath(List.of(annotations))
            .compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.runtime-missing] Net: the generated model implements"
                + " dev.netc.runtime.FloatModel but that type is not on the class path; add the"
                + " dependency dev.netc:netc-runtime")
        .inFile(f)
        .onLineContaining("@Network(inputs = 2, precision = Precision.FLOAT)");
    assertThat(c).hadErrorCount(1);
  }

  // ---------------------------------------------------------------- the annotated type

  @Test
  void concreteClassIsRejected() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "class Net {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.type-kind] Net: @Network must be on an interface or an abstract class (netc"
                + " generates its implementation) but Net is a class that is not abstract")
        .inFile(f)
        .onLineContaining("class Net");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void enumIsRejected() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "enum Net { A }");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.type-kind] Net: @Network must be on an interface or an abstract"
            + " class (netc generates its implementation) but Net is an enum")
        .inFile(f)
        .onLineContaining("enum Net");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void privateTypeIsRejected() {
    JavaFileObject f =
        network(
            "class Outer {",
            "  @Network(inputs = 2)",
            "  @Layer(units = 1, activation = Activation.SIGMOID)",
            "  private interface Net extends Model {}",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.type-private] Net: a @Network type must not be private")
        .inFile(f)
        .onLineContaining("private interface Net");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void innerClassIsRejected() {
    JavaFileObject f =
        network(
            "class Outer {",
            "  @Network(inputs = 2)",
            "  @Layer(units = 1, activation = Activation.SIGMOID)",
            "  abstract class Net implements Model {}",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.type-inner] Net: a @Network type must be top-level or static nested (the"
                + " generated model has no enclosing instance) but Net is an inner class of Outer")
        .inFile(f)
        .onLineContaining("abstract class Net");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void typeParametersAreRejected() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Net<T> extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.type-generic] Net: a @Network type must not have type"
            + " parameters (the generated model fixes every type) but Net declares <T>")
        .inFile(f)
        .onLineContaining("interface Net<T>");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void abstractClassNeedsANoArgumentConstructor() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "abstract class Net implements Model {",
            "  Net(int seed) {}",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.constructor] Net: an abstract @Network class needs a"
            + " non-private constructor without parameters (the generated model calls super())"
            + " but Net has only constructors with parameters; add one")
        .inFile(f)
        .onLineContaining("abstract class Net");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void privateNoArgumentConstructorIsNotEnough() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "abstract class Net implements Model {",
            "  private Net() {}",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.constructor] Net: an abstract @Network class needs a")
        .inFile(f)
        .onLineContaining("abstract class Net");
    assertThat(c).hadErrorContaining("but its constructor Net() is private");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void abstractMethodsOtherThanModelsAreRejected() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Net extends Model {",
            "  String summary();",
            "  String toString();",
            "  int size(java.util.List<String> names);",
            "  default int twice() { return 2 * layerSizes().length; }",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.abstract-method] Net: the generated model implements only the methods of"
                + " dev.netc.runtime.Model but Net.size(java.util.List<java.lang.String>) is"
                + " abstract; give it a body or remove it")
        .inFile(f)
        .onLineContaining("int size(");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void inheritedAbstractMethodsAreRejectedOnTheType() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Net extends Model, Comparable<Net> {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.abstract-method] Net: the generated model implements only")
        .inFile(f)
        .onLineContaining("interface Net");
    assertThat(c).hadErrorContaining("but Comparable.compareTo(T) is abstract");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void runtimeMissingFromTheClassPath() throws URISyntaxException {
    File annotations =
        new File(Network.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    JavaFileObject f =
        JavaFileObjects.forSourceLines(
            "test.Net",
            "package test;",
            "",
            "import dev.netc.annotations.*;",
            "",
            "@Network(inputs = 2)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Net {}");
    Compilation c =
        javac()
            .withProcessors(new NetcProcessor())
            .withClasspath(List.of(annotations))
            .compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.runtime-missing] Net: the generated model implements dev.netc.runtime.Model"
                + " but that type is not on the class path; add the dependency"
                + " dev.netc:netc-runtime")
        .inFile(f)
        .onLineContaining("@Network(inputs = 2)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void generatedNameClashesWithAnExistingType() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Net extends Model {}",
            "",
            "class NetBackward {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.name-clash] Net: netc generates test.NetBackward but the type"
                + " test.NetBackward already has that name; rename one of them")
        .inFile(f)
        .onLineContaining("interface Net");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void twoNetworksMayNotShareGeneratedNames() {
    // p.Outer.Net and p.Outer_Net both generate Outer_NetModel.
    JavaFileObject nested =
        source(
            "Outer",
            "interface Outer {",
            "  @Network(inputs = 2)",
            "  @Layer(units = 1, activation = Activation.SIGMOID)",
            "  interface Net extends Model {}",
            "}");
    JavaFileObject topLevel =
        source(
            "Outer_Net",
            "@Network(inputs = 3)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Outer_Net extends Model {}");
    Compilation c = compile(nested, topLevel);
    assertThat(c).hadErrorContaining("[netc.name-clash]");
    assertThat(c).hadErrorContaining("but the generated code of test.");
    assertThat(c).hadErrorCount(1);
  }

  // ---------------------------------------------------------------- misuse and failures

  @Test
  void layerWithoutNetwork() {
    JavaFileObject f =
        network(
            "@Layer(units = 4, activation = Activation.TANH)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.layer-without-network] Net: @Layer only means something on a"
            + " @Network type but Net has no @Network")
        .inFile(f)
        .onLineContaining("units = 4");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void unexpectedFailureBecomesOneInternalError() {
    // Another processor writes test.NetModel in the same round, before netc: javac's Filer then
    // refuses netc's file, which netc did not foresee.
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c =
        javac().withProcessors(new WritesNetModel(), new NetcProcessor()).compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.internal] Net: netc failed unexpectedly: ")
        .inFile(f)
        .onLineContaining("interface Net");
    assertThat(c).hadErrorContaining("please report this netc bug");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void javacErrorsAreNotRepeated() {
    // A missing required attribute is javac's to report; netc adds nothing and generates nothing.
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("units");
    assertThat(c).hadErrorCount(1);
    assertThat(c.errors().get(0).getMessage(null)).doesNotContain("[netc.");
  }

  @Test
  void unresolvedSupertypeStillGetsTheShapeRulesOnce() {
    // javac reports Modell; netc waits for the last round, then checks the shapes only.
    JavaFileObject f =
        network(
            "@Network(",
            "    inputs = 0)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Net extends Modell {}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("cannot find symbol").inFile(f).onLineContaining("Modell");
    assertThat(c).hadErrorContaining("[netc.inputs]").inFile(f).onLineContaining("inputs = 0");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void independentMistakesAreAllReported() {
    JavaFileObject f =
        network(
            "@Network(",
            "    inputs = 0,",
            "    loss = Loss.CATEGORICAL_CROSS_ENTROPY)",
            "@Layer(",
            "    units = 4,",
            "    activation = Activation.LEAKY_RELU,",
            "    leak = 0)",
            "@Layer(",
            "    units = 3,",
            "    activation = Activation.SIGMOID)",
            "interface Net extends Model {",
            "  void train();",
            "}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[netc.inputs]").inFile(f).onLineContaining("inputs = 0");
    assertThat(c).hadErrorContaining("[netc.leak]").inFile(f).onLineContaining("leak = 0");
    assertThat(c)
        .hadErrorContaining("[netc.cce-softmax]")
        .inFile(f)
        .onLineContaining("Activation.SIGMOID");
    assertThat(c)
        .hadErrorContaining("[netc.abstract-method]")
        .inFile(f)
        .onLineContaining("void train()");
    assertThat(c).hadErrorCount(4);
  }

  /** Runs the generator: a clean declaration gives no netc diagnostic at all. */
  @Test
  void cleanDeclarationHasNoDiagnostics() {
    JavaFileObject f =
        network(
            "@Network(inputs = 2)",
            "@Layer(",
            "    units = 4,",
            "    activation = Activation.TANH,",
            "    inputs = 2,",
            "    name = \"hidden\")",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.SIGMOID,",
            "    init = Init.ZEROS)",
            "abstract class Net implements Model {",
            "  protected Net() {}",
            "  public String describe() { return summary(); }",
            "}");
    Compilation c = compile(f);
    assertThat(
            c.diagnostics().stream()
                .filter(d -> d.getMessage(null).contains("[netc."))
                .map(d -> d.getMessage(null))
                .toList())
        .isEmpty();
    assertThat(c).succeeded();
    assertThat(c.generatedSourceFile("test.NetModel").isPresent()).isTrue();
  }

  // ---------------------------------------------------------------- helpers

  private static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new NetcProcessor()).compile(sources);
  }

  /** {@code test.Net} with the usual imports, then the given lines. */
  private static JavaFileObject network(String... lines) {
    return source("Net", lines);
  }

  /** {@code test.<simpleName>} with the usual imports, then the given lines. */
  private static JavaFileObject source(String simpleName, String... lines) {
    String[] header = {
      "package test;",
      "",
      "import dev.netc.annotations.Activation;",
      "import dev.netc.annotations.Init;",
      "import dev.netc.annotations.Layer;",
      "import dev.netc.annotations.Loss;",
      "import dev.netc.annotations.Network;",
      "import dev.netc.annotations.Precision;",
      "import dev.netc.runtime.Model;",
      ""
    };
    return JavaFileObjects.forSourceLines(
        "test." + simpleName, Stream.concat(Stream.of(header), Stream.of(lines)).toList());
  }

  /** Writes {@code test.NetModel} in the first round, as a badly behaved neighbour might. */
  private static final class WritesNetModel extends AbstractProcessor {
    private boolean written;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (written) {
        return false;
      }
      written = true;
      try (Writer w = processingEnv.getFiler().createSourceFile("test.NetModel").openWriter()) {
        w.write("package test; class NetModel {}");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return false;
    }
  }
}
