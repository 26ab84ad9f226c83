package dev.netc.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every finding lands on the narrowest site (issue 3, part 2): the attribute of the right one of
 * several repeated {@code @Layer}s, not the synthesized container and not the type. Each
 * declaration spreads its annotations over several lines, one attribute per line, and repeats the
 * same attribute text on several layers ({@code units = 4} twice, {@code inputs = 5} twice), so
 * that only the right layer's line can match: every line carries a unique marker comment and each
 * assertion pins the id, the line and the column of the blamed value.
 *
 * <p>javac hands processors {@code @Layer @Layer} as a {@code @Layer.List} container without a tree
 * of its own, where {@code Messager} would fall back to the type; the explicit {@code
 * @Layer.List({...})} form has a tree and {@code Messager} places it. Both are covered, as are
 * {@code @Layer}s split by other annotations and two networks in one file.
 *
 * <p>Columns are javac's own convention for the blamed tree: a literal at its first character, a
 * qualified constant such as {@code Activation.TANH} at its dot, an annotation at its {@code @},
 * a type declaration at the start of its line, a method at its name.
 */
final class PositionsTest {

  // ---------------------------------------------------------------- layer attributes

  @Test
  void unitsOnTheRightRepeatedLayers() {
    Source s =
        source(
            "@Network(inputs = 3)",
            "@Layer(",
            "    units = 4, // u1",
            "    activation = Activation.TANH)",
            "@Layer(",
            "    units = 0, // u2",
            "    activation = Activation.TANH)",
            "@Layer(",
            "    units = 4, // u3",
            "    activation = Activation.TANH)",
            "@Layer(",
            "    units = -2, // u4",
            "    activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = GeneratedClasses.compile(s.file());
    s.errorAt(c, "[netc.units] layer 2: W[2] must have at least one row", "// u2", "0");
    s.errorAt(c, "[netc.units] layer 4: W[4] must have at least one row", "// u4", "-2");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void statedFanInOnTheRightRepeatedLayer() {
    Source s =
        source(
            "@Network(inputs = 3)",
            "@Layer(",
            "    units = 5,",
            "    inputs = 3, // i1 right",
            "    activation = Activation.TANH)",
            "@Layer(",
            "    units = 4,",
            "    inputs = 5, // i2 right",
            "    activation = Activation.TANH)",
            "@Layer(",
            "    units = 1,",
            "    inputs = 5, // i3 wrong: n[2] = 4",
            "    activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = GeneratedClasses.compile(s.file());
    s.errorAt(
        c,
        "[netc.fan-in] layer 3: W[3] must be 1x4 (n[3] x n[2]) but @Layer(inputs = 5) gives it 5"
            + " columns; remove inputs or set it to 4",
        "// i3",
        "5");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void outputActivationThatDoesNotSuitTheLossOnTheOutputLayer() {
    Source s =
        source(
            "@Network(",
            "    inputs = 2,",
            "    loss = Loss.BINARY_CROSS_ENTROPY)",
            "@Layer(",
            "    units = 3,",
            "    activation = Activation.TANH) // a1",
            "@Layer(",
            "    units = 3,",
            "    activation = Activation.TANH) // a2",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.TANH) // a3",
            "interface Net extends Model {}");
    Compilation c = GeneratedClasses.compile(s.file());
    s.errorAt(c, "[netc.bce-sigmoid] layer 3: loss = BINARY_CROSS_ENTROPY", "// a3", ".TANH");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void softmaxOnAHiddenLayerOnThatLayersActivation() {
    Source s =
        source(
            "@Network(",
            "    inputs = 2,",
            "    loss = Loss.CATEGORICAL_CROSS_ENTROPY)",
            "@Layer(",
            "    units = 3,",
            "    activation = Activation.RELU) // a1",
            "@Layer(",
            "    units = 3,",
            "    activation = Activation.SOFTMAX) // a2",
            "@Layer(",
            "    units = 3,",
            "    activation = Activation.SOFTMAX) // a3",
            "interface Net extends Model {}");
    Compilation c = GeneratedClasses.compile(s.file());
    s.errorAt(c, "[netc.softmax-hidden] layer 2: SOFTMAX is only allowed", "// a2", ".SOFTMAX");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void softmaxWithOneUnitOnTheOutputLayersUnits() {
    Source s =
        source(
            "@Network(",
            "    inputs = 2,",
            "    loss = Loss.CATEGORICAL_CROSS_ENTROPY)",
            "@Layer(",
            "    units = 1, // u1",
            "    activation = Activation.TANH)",
            "@Layer(",
            "    units = 1, // u2",
            "    activation = Activation.SOFTMAX)",
            "interface Net extends Model {}");
    Compilation c = GeneratedClasses.compile(s.file());
    s.errorAt(c, "[netc.softmax-units] layer 2: a SOFTMAX output needs at least 2", "// u2", "1");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void defaultOutputActivationOnTheWholeOutputLayer() {
    // Nothing states the activation, so the whole @Layer of the output is to blame.
    Source s =
        source(
            "@Network(",
            "    inputs = 2,",
            "    loss = Loss.CATEGORICAL_CROSS_ENTROPY)",
            "@Layer( // layer 1",
            "    units = 3)",
            "@Layer( // layer 2",
            "    units = 3)",
            "interface Net extends Model {}");
    Compilation c = GeneratedClasses.compile(s.file());
    s.errorAt(
        c,
        "[netc.cce-softmax] layer 2: loss = CATEGORICAL_CROSS_ENTROPY needs a SOFTMAX output but"
            + " the output layer has activation = RELU (the default)",
        "// layer 2",
        "@Layer");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void warningsOnTheRightLayerToo() {
    Source s =
        source(
            "@Network(",
            "    inputs = 2,",
            "    loss = Loss.MEAN_SQUARED_ERROR)",
            "@Layer(",
            "    units = 3,",
            "    activation = Activation.TANH) // a1",
            "@Layer(",
            "    units = 3,",
            "    activation = Activation.LINEAR) // a2",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.SIGMOID) // a3",
            "interface Net extends Model {}");
    Compilation c = GeneratedClasses.compile(s.file());
    s.warningAt(c, "[netc.linear-hidden] layer 2: a LINEAR hidden layer", "// a2", ".LINEAR");
    s.warningAt(c, "[netc.mse-sigmoid] layer 3: a SIGMOID output", "// a3", ".SIGMOID");
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(2);
  }

  @Test
  void zerosOnTheRightHiddenLayer() {
    // ZEROS is allowed on the output (layer 3) and on a hidden layer of one unit (layer 1).
    Source s =
        source(
            "@Network(inputs = 2)",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.TANH,",
            "    init = Init.ZEROS) // z1",
            "@Layer(",
            "    units = 3,",
            "    activation = Activation.TANH,",
            "    init = Init.ZEROS) // z2",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.SIGMOID,",
            "    init = Init.ZEROS) // z3",
            "interface Net extends Model {}");
    Compilation c = GeneratedClasses.compile(s.file());
    s.errorAt(c, "[netc.zeros-hidden] layer 2: init = ZEROS is only allowed", "// z2", ".ZEROS");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void leakOnTheRightRepeatedLayer() {
    Source s =
        source(
            "@Network(inputs = 2)",
            "@Layer(",
            "    units = 3,",
            "    activation = Activation.LEAKY_RELU,",
            "    leak = 0.2) // k1 fine",
            "@Layer(",
            "    units = 3,",
            "    activation = Activation.LEAKY_RELU,",
            "    leak = 1.5) // k2 too steep",
            "@Layer(",
            "    units = 3,",
            "    activation = Activation.TANH,",
            "    leak = 0.2) // k3 ignored",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = GeneratedClasses.compile(s.file());
    s.errorAt(c, "[netc.leak] layer 2: the leak of LEAKY_RELU must lie in (0, 1)", "// k2", "1.5");
    s.warningAt(c, "[netc.leak-ignored] layer 3: leak only applies to LEAKY_RELU", "// k3", "0.2");
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadWarningCount(1);
  }

  @Test
  void twoMistakesInOneLayerEachOnItsAttribute() {
    Source s =
        source(
            "@Network(inputs = 2)",
            "@Layer(",
            "    units = 3,",
            "    activation = Activation.LEAKY_RELU)",
            "@Layer(",
            "    units = 0, // u2",
            "    activation = Activation.LEAKY_RELU,",
            "    leak = -0.5) // k2",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = GeneratedClasses.compile(s.file());
    s.errorAt(c, "[netc.units] layer 2", "// u2", "0");
    s.errorAt(c, "[netc.leak] layer 2", "// k2", "-0.5");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void namesOnTheRightRepeatedLayers() {
    Source s =
        source(
            "@Network(inputs = 2)",
            "@Layer(",
            "    units = 3,",
            "    activation = Activation.TANH,",
            "    name = \"hidden\") // n1",
            "@Layer(",
            "    units = 3,",
            "    activation = Activation.TANH,",
            "    name = \"a\\\\b\") // n2 backslash",
            "@Layer(",
            "    units = 3,",
            "    activation = Activation.TANH,",
            "    name = \"hidden\") // n3 again",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.SIGMOID,",
            "    name = \"out\") // n4",
            "interface Net extends Model {}");
    Compilation c = GeneratedClasses.compile(s.file());
    s.errorAt(
        c, "[netc.layer-name] layer 2: a layer name must be printable ASCII", "// n2", "\"a");
    s.errorAt(
        c,
        "[netc.duplicate-name] layer 3 (\"hidden\"): layer names must be unique but layer 1 is"
            + " also named \"hidden\"",
        "// n3",
        "\"hidden\"");
    assertThat(c).hadErrorCount(2);
  }

  // ---------------------------------------------------------------- network and type

  @Test
  void networkInputsOnItsAttribute() {
    Source s =
        source(
            "@Network(",
            "    loss = Loss.BINARY_CROSS_ENTROPY,",
            "    inputs = 0) // n0",
            "@Layer(",
            "    units = 4,",
            "    activation = Activation.TANH)",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = GeneratedClasses.compile(s.file());
    s.errorAt(c, "[netc.inputs] Net: X must have at least one row", "// n0", "0");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void weightsOnTheirAttribute() {
    // Whether weights are supported yet or the file is missing, the error names the resource.
    Source s =
        source(
            "@Network(",
            "    inputs = 2,",
            "    weights = \"absent/model.npz\", // w",
            "    loss = Loss.BINARY_CROSS_ENTROPY)",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = GeneratedClasses.compile(s.file());
    s.errorAt(c, "absent/model.npz", "// w", "\"absent");
    assertWithMessage("%s", c.errors()).that(c.errors().get(0).getMessage(null)).startsWith(
        "[netc.");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void noLayersOnTheNetworkAnnotation() {
    Source s =
        source(
            "@Network( // network",
            "    inputs = 2)",
            "interface Net extends Model {}");
    Compilation c = GeneratedClasses.compile(s.file());
    s.errorAt(c, "[netc.no-layers] Net: a network needs at least one layer", "// network", "@");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void typeProblemsOnTheTypeOrTheMethod() {
    Source s =
        source(
            "@Network(",
            "    inputs = 2)",
            "@Layer(",
            "    units = 3,",
            "    activation = Activation.TANH)",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.SIGMOID)",
            "interface Net<T> extends Model { // the type",
            "  default void fine() {}",
            "  void train(); // the method",
            "}");
    Compilation c = GeneratedClasses.compile(s.file());
    s.errorAt(c, "[netc.type-generic] Net:", "// the type", "interface");
    s.errorAt(c, "[netc.abstract-method] Net:", "// the method", "train");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void wrongKindOnTheTypesLine() {
    Source s =
        source(
            "@Network(",
            "    inputs = 2)",
            "@Layer(",
            "    units = 3,",
            "    activation = Activation.TANH)",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.SIGMOID)",
            "record Net(int x) {} // the record");
    Compilation c = GeneratedClasses.compile(s.file());
    s.errorAt(c, "[netc.type-kind] Net:", "// the record", "record");
    assertThat(c).hadErrorCount(1);
  }

  // ---------------------------------------------------------------- other forms

  @Test
  void explicitContainerPlacesEachNestedLayer() {
    Source s =
        source(
            "@Network(inputs = 2)",
            "@Layer.List({",
            "  @Layer(",
            "      units = 4,",
            "      activation = Activation.LEAKY_RELU,",
            "      leak = -1), // k1",
            "  @Layer(",
            "      units = 0, // u2",
            "      activation = Activation.TANH),",
            "  @Layer(",
            "      units = 4,",
            "      activation = Activation.TANH,",
            "      name = \"x*/y\"), // n3",
            "  @Layer(",
            "      units = 4,",
            "      init = Init.ZEROS, // z4",
            "      activation = Activation.TANH),",
            "  @Layer( // layer 5",
            "      units = 1)",
            "})",
            "interface Net extends Model {}");
    Compilation c = GeneratedClasses.compile(s.file());
    s.errorAt(c, "[netc.leak] layer 1", "// k1", "-1");
    s.errorAt(c, "[netc.units] layer 2", "// u2", "0");
    s.errorAt(c, "[netc.layer-name] layer 3", "// n3", "\"x");
    s.errorAt(c, "[netc.zeros-hidden] layer 4", "// z4", ".ZEROS");
    s.errorAt(c, "[netc.bce-sigmoid] layer 5", "// layer 5", "@Layer");
    assertThat(c).hadErrorCount(5);
  }

  @Test
  void layersSplitByOtherAnnotationsKeepTheirOrderAndLines() {
    // The layers are in source order even with @Network and @Deprecated between them.
    Source s =
        source(
            "@Layer(",
            "    units = 4, // u1",
            "    activation = Activation.TANH)",
            "@Network(inputs = 2)",
            "@Deprecated",
            "@Layer(",
            "    units = 3,",
            "    inputs = 3, // i2 wrong: n[1] = 4",
            "    activation = Activation.TANH)",
            "@SuppressWarnings(\"unused\")",
            "@Layer(",
            "    units = 1,",
            "    activation = Activation.RELU) // a3",
            "interface Net extends Model {}");
    Compilation c = GeneratedClasses.compile(s.file());
    s.errorAt(c, "[netc.fan-in] layer 2: W[2] must be 3x4 (n[2] x n[1])", "// i2", "3,");
    s.errorAt(c, "[netc.bce-sigmoid] layer 3", "// a3", ".RELU");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void twoNestedNetworksInOneFileEachOnItsOwnLayers() {
    Source s =
        source(
            "final class Outer {",
            "  @Network(inputs = 2)",
            "  @Layer(",
            "      units = 4, // first u1",
            "      activation = Activation.TANH)",
            "  @Layer(",
            "      units = 0, // first u2",
            "      activation = Activation.SIGMOID)",
            "  interface First extends Model {}",
            "",
            "  @Network(inputs = 2)",
            "  @Layer(",
            "      units = 0, // second u1",
            "      activation = Activation.TANH)",
            "  @Layer(",
            "      units = 1, // second u2",
            "      activation = Activation.SIGMOID)",
            "  static abstract class Second implements Model {}",
            "}");
    Compilation c = GeneratedClasses.compile(s.file());
    s.errorAt(c, "[netc.units] layer 2", "// first u2", "0");
    s.errorAt(c, "[netc.units] layer 1", "// second u1", "0");
    assertThat(c).hadErrorCount(2);
  }

  // ---------------------------------------------------------------- helpers

  private static final String[] HEADER = {
    "package test;",
    "",
    "import dev.netc.annotations.Activation;",
    "import dev.netc.annotations.Init;",
    "import dev.netc.annotations.Layer;",
    "import dev.netc.annotations.Loss;",
    "import dev.netc.annotations.Network;",
    "import dev.netc.runtime.Model;",
    ""
  };

  /** {@code test.Net} with the usual imports followed by {@code lines}. */
  private static Source source(String... lines) {
    List<String> all = new ArrayList<>(List.of(HEADER));
    all.addAll(List.of(lines));
    return new Source(JavaFileObjects.forSourceLines("test.Net", all), all);
  }

  /** A source file and its lines, to find the line and column a diagnostic should have. */
  private record Source(JavaFileObject file, List<String> lines) {

    /** An error containing {@code text} at the start of {@code token} on the marked line. */
    void errorAt(Compilation c, String text, String marker, String token) {
      assertThat(c).hadErrorContaining(text).inFile(file).onLine(line(marker))
          .atColumn(column(marker, token));
    }

    /** A warning containing {@code text} at the start of {@code token} on the marked line. */
    void warningAt(Compilation c, String text, String marker, String token) {
      assertThat(c).hadWarningContaining(text).inFile(file).onLine(line(marker))
          .atColumn(column(marker, token));
    }

    /** 1-based number of the only line containing {@code marker}. */
    long line(String marker) {
      int found = -1;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(marker)) {
          if (found >= 0) {
            throw new IllegalArgumentException("marker on two lines: " + marker);
          }
          found = i;
        }
      }
      if (found < 0) {
        throw new IllegalArgumentException("no line has marker " + marker);
      }
      return found + 1;
    }

    /** 1-based column of the first {@code token} on the marked line. */
    long column(String marker, String token) {
      String text = lines.get((int) line(marker) - 1);
      int index = text.indexOf(token);
      if (index < 0) {
        throw new IllegalArgumentException("no " + token + " on line: " + text);
      }
      return index + 1;
    }

    /** Every diagnostic as {@code line:column kind message}, for failure messages. */
    static String where(Compilation c) {
      return c.diagnostics().stream()
          .map(d -> d.getLineNumber() + ":" + d.getColumnNumber() + " " + d.getKind() + " "
              + d.getMessage(null))
          .collect(Collectors.joining("\n"));
    }
  }
}
