package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.netc.annotations.Activation;
import dev.netc.annotations.Loss;
import dev.netc.annotations.Precision;
import dev.netc.runtime.Architecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code -Anetc.report=true}: one {@code [netc.report]} note per generated network, on its type,
 * whose table is exactly the runtime's {@code summary()}; nothing without the option; a warning
 * for a value that is neither true nor false. Also the figures as constants of the generated model.
 */
final class ReportNoteTest {
  private static final String REPORT = "-A" + NetcProcessor.REPORT_OPTION + "=true";

  private static final JavaFileObject PLANAR =
      JavaFileObjects.forSourceLines(
          "test.PlanarClassifier",
          "package test;",
          "",
          "import dev.netc.annotations.Activation;",
          "import dev.netc.annotations.Layer;",
          "import dev.netc.annotations.Network;",
          "import dev.netc.runtime.Model;",
          "",
          "@Network(inputs = 2)",
          "@Layer(units = 4, activation = Activation.TANH, name = \"hidden\")",
          "@Layer(units = 1, activation = Activation.SIGMOID)",
          "public interface PlanarClassifier extends Model {}");

  /** Three layers, an unmatched output (tanh with mean squared error), in another package. */
  private static final JavaFileObject REGRESSION =
      JavaFileObjects.forSourceLines(
          "other.Regression",
          "package other;",
          "",
          "import dev.netc.annotations.Activation;",
          "import dev.netc.annotations.Layer;",
          "import dev.netc.annotations.Loss;",
          "import dev.netc.annotations.Network;",
          "import dev.netc.runtime.Model;",
          "",
          "@Network(inputs = 3, loss = Loss.MEAN_SQUARED_ERROR)",
          "@Layer(units = 5)",
          "@Layer(units = 4, name = \"middle\")",
          "@Layer(units = 2, activation = Activation.TANH, name = \"out\")",
          "abstract class Regression implements Model {}");

  private static final Architecture PLANAR_ARCHITECTURE =
      new Architecture(
          "PlanarClassifier",
          new int[] {2, 4, 1},
          new String[] {"hidden", ""},
          new Activation[] {Activation.TANH, Activation.SIGMOID},
          Loss.BINARY_CROSS_ENTROPY);

  private static final Architecture REGRESSION_ARCHITECTURE =
      new Architecture(
          "Regression",
          new int[] {3, 5, 4, 2},
          new String[] {"", "middle", "out"},
          new Activation[] {Activation.RELU, Activation.RELU, Activation.TANH},
          Loss.MEAN_SQUARED_ERROR);

  @Test
  void planarNoteIsTheTable() {
    Compilation c = compile(List.of(REPORT), PLANAR);
    assertThat(c).succeededWithoutWarnings();
    assertThat(reportNotes(c))
        .containsExactly(
            "[netc.report] PlanarClassifier: 2 -> 4 (tanh) -> 1 (sigmoid)\n"
                + "layer  name    units  activation  W    b    parameters"
                + "  forward  backward  workspace\n"
                + "0      input   2\n"
                + "1      hidden  4      tanh        4x2  4x1  12          8        8         128\n"
                + "2      -       1      sigmoid     1x4  1x1  5           4        8         24\n"
                + "total                                       17          12       16        152\n"
                + "loss: binary cross-entropy\n"
                + "parameters: 17 doubles, 136 bytes\n"
                + "per example: 12 multiply-adds forward, 16 backward, 152 bytes of workspace");
    assertThat(c)
        .hadNoteContaining("[netc.report] PlanarClassifier: 2 -> 4 (tanh) -> 1 (sigmoid)")
        .inFile(PLANAR)
        .onLineContaining("interface PlanarClassifier");
    assertThat(c)
        .hadNoteContaining("per example: 12 multiply-adds forward, 16 backward, 152 bytes")
        .inFile(PLANAR)
        .onLineContaining("interface PlanarClassifier");
  }

  @Test
  void noteIsWhatSummaryPrints() {
    Compilation c = compile(List.of(REPORT), PLANAR, REGRESSION);
    assertThat(c).succeededWithoutWarnings();
    assertThat(reportNotes(c))
        .containsExactly(
            "[netc.report] " + PLANAR_ARCHITECTURE.summary().stripTrailing(),
            "[netc.report] " + REGRESSION_ARCHITECTURE.summary().stripTrailing());
    assertThat(c)
        .hadNoteContaining("[netc.report] Regression: 3 -> 5 (relu) -> 4 (relu) -> 2 (tanh)")
        .inFile(REGRESSION)
        .onLineContaining("abstract class Regression");
    assertThat(c)
        .hadNoteContaining("per example: 43 multiply-adds forward, 71 backward, 352 bytes")
        .inFile(REGRESSION)
        .onLineContaining("abstract class Regression");
  }

  @Test
  void singlePrecisionNoteAndConstantsCountFloats() {
    JavaFileObject single =
        JavaFileObjects.forSourceLines(
            "test.PlanarFloat",
            "package test;",
            "",
            "import dev.netc.annotations.Activation;",
            "import dev.netc.annotations.Layer;",
            "import dev.netc.annotations.Network;",
            "import dev.netc.annotations.Precision;",
            "import dev.netc.runtime.FloatModel;",
            "",
            "@Network(inputs = 2, precision = Precision.FLOAT)",
            "@Layer(units = 4, activation = Activation.TANH, name = \"hidden\")",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "public interface PlanarFloat extends FloatModel {}");
    Compilation c = compile(List.of(REPORT), single);
    assertThat(c).succeededWithoutWarnings();
    assertThat(reportNotes(c))
        .containsExactly(
            "[netc.report] PlanarFloat: 2 -> 4 (tanh) -> 1 (sigmoid)\n"
                + "layer  name    units  activation  W    b    parameters"
                + "  forward  backward  workspace\n"
                + "0      input   2\n"
                + "1      hidden  4      tanh        4x2  4x1  12          8        8         64\n"
                + "2      -       1      sigmoid     1x4  1x1  5           4        8         12\n"
                + "total                                       17          12       16        76\n"
                + "loss: binary cross-entropy\n"
                + "parameters: 17 floats, 68 bytes\n"
                + "per example: 12 multiply-adds forward, 16 backward, 76 bytes of workspace");
    Architecture runtime =
        new Architecture(
            "PlanarFloat",
            new int[] {2, 4, 1},
            new String[] {"hidden", ""},
            new Activation[] {Activation.TANH, Activation.SIGMOID},
            Loss.BINARY_CROSS_ENTROPY,
            Precision.FLOAT);
    assertThat(reportNotes(c)).containsExactly("[netc.report] " + runtime.summary().stripTrailing());
    String model = GoldenFilesTest.generatedText(c, "test.PlanarFloatModel");
    assertThat(model).contains("public static final long PARAMETER_BYTES = 68L;");
    assertThat(model).contains("public static final long WORKSPACE_BYTES_PER_EXAMPLE = 76L;");
    assertThat(model).contains("Bytes of the parameters, 4 per float: {@code 4 * PARAMETER_COUNT}");
  }

  @Test
  void noNoteWithoutTheOption() {
    Compilation c = compile(List.of(), PLANAR, REGRESSION);
    assertThat(c).succeededWithoutWarnings();
    assertThat(reportNotes(c)).isEmpty();
    Compilation off = compile(List.of("-A" + NetcProcessor.REPORT_OPTION + "=false"), PLANAR);
    assertThat(off).succeededWithoutWarnings();
    assertThat(reportNotes(off)).isEmpty();
  }

  @Test
  void bareOptionMeansTrue() {
    Compilation c = compile(List.of("-A" + NetcProcessor.REPORT_OPTION), PLANAR);
    assertThat(c).succeededWithoutWarnings();
    assertThat(reportNotes(c)).hasSize(1);
  }

  @Test
  void otherValuesWarnAndPrintNothing() {
    Compilation c = compile(List.of("-A" + NetcProcessor.REPORT_OPTION + "=yes"), PLANAR);
    assertThat(c).succeeded();
    assertThat(c)
        .hadWarningContaining(
            "[netc.report-option] -Anetc.report=yes: the option must be true or false, so no"
                + " model report is printed; use -Anetc.report=true");
    assertThat(c).hadWarningCount(1);
    assertThat(reportNotes(c)).isEmpty();
  }

  @Test
  void noNoteForANetworkWithErrors() {
    JavaFileObject broken =
        JavaFileObjects.forSourceLines(
            "test.Broken",
            "package test;",
            "",
            "import dev.netc.annotations.Activation;",
            "import dev.netc.annotations.Layer;",
            "import dev.netc.annotations.Network;",
            "import dev.netc.runtime.Model;",
            "",
            "@Network(inputs = 2)",
            "@Layer(units = 0, activation = Activation.SIGMOID)",
            "interface Broken extends Model {}");
    Compilation c = compile(List.of(REPORT), broken, PLANAR);
    assertThat(c).hadErrorCount(1);
    assertThat(reportNotes(c)).hasSize(1);
    assertThat(reportNotes(c).get(0)).startsWith("[netc.report] PlanarClassifier:");
  }

  @Test
  void generatedModelHasTheFiguresAsConstants() {
    Compilation c = compile(List.of(), REGRESSION);
    String model = GoldenFilesTest.generatedText(c, "other.RegressionModel");
    assertThat(model).contains("public static final long PARAMETER_COUNT = 54L;");
    assertThat(model).contains("public static final long PARAMETER_BYTES = 432L;");
    assertThat(model)
        .contains("public static final long FORWARD_MULTIPLY_ADDS_PER_EXAMPLE = 43L;");
    assertThat(model)
        .contains("public static final long BACKWARD_MULTIPLY_ADDS_PER_EXAMPLE = 71L;");
    assertThat(model).contains("public static final long WORKSPACE_BYTES_PER_EXAMPLE = 352L;");
    assertThat(model).contains("Here the output is not matched");
    // The runtime computes the figures summary() prints: the same numbers.
    assertThat(REGRESSION_ARCHITECTURE.parameterCount()).isEqualTo(54);
    assertThat(REGRESSION_ARCHITECTURE.parameterBytes()).isEqualTo(432);
    assertThat(REGRESSION_ARCHITECTURE.forwardMultiplyAddsPerExample()).isEqualTo(43);
    assertThat(REGRESSION_ARCHITECTURE.backwardMultiplyAddsPerExample()).isEqualTo(71);
    assertThat(REGRESSION_ARCHITECTURE.workspaceBytesPerExample()).isEqualTo(352);
  }

  private static Compilation compile(List<String> options, JavaFileObject... sources) {
    List<String> all = new ArrayList<>(options);
    all.add("-Xlint:all,-processing");
    return javac().withProcessors(new NetcProcessor()).withOptions(all).compile(sources);
  }

  /**
   * The text of every {@code [netc.report]} note, in the order javac printed them, as the processor
   * wrote it: javac indents the lines after the first of a message by two spaces (its "details").
   */
  private static List<String> reportNotes(Compilation c) {
    List<String> notes = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      String text = d.getMessage(Locale.ROOT);
      if (d.getKind() == Diagnostic.Kind.NOTE && text.startsWith("[netc.report]")) {
        notes.add(text.replace("\n  ", "\n"));
      }
    }
    return notes;
  }
}
