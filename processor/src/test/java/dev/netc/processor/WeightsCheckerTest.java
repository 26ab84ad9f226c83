package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.netc.annotations.Loss;
import dev.netc.annotations.Precision;
import dev.netc.npz.ArrayHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link WeightsChecker} without javac: declarations built by hand, the resource a list of array
 * headers handed over directly. End-to-end behaviour (sites, lines, the Filer, run-time loading)
 * is in {@link WeightsResourceTest}.
 */
final class WeightsCheckerTest {

  @Test
  void noWeightsReadsNothing() {
    List<String> asked = new ArrayList<>();
    WeightsChecker checker =
        new WeightsChecker(
            path -> {
              asked.add(path);
              return new WeightsResource.Absent("nowhere");
            });
    Report report = new Report();
    checker.check(network(Value.byDefault(""), 2, 4, 1), report);
    assertThat(report.findings()).isEmpty();
    assertThat(asked).isEmpty();
  }

  @Test
  void theLeadingSlashIsNotPartOfTheLookedUpPath() {
    List<String> asked = new ArrayList<>();
    WeightsChecker checker =
        new WeightsChecker(
            path -> {
              asked.add(path);
              return arrays(f8("W1", 4, 2), f8("b1", 4), f8("W2", 1, 4), f8("b2", 1, 1));
            });
    Report report = new Report();
    checker.check(network(Value.of("/models/planar.npz"), 2, 4, 1), report);
    assertThat(report.findings()).isEmpty();
    assertThat(asked).containsExactly("models/planar.npz");
  }

  @Test
  void findingsSitOnTheWeightsAttribute() {
    Value<String> weights = Value.of("planar.npz");
    Report report = check(weights, arrays(f8("W1", 4, 2)), 2, 4, 1);
    assertThat(report.findings()).hasSize(3); // b1, W2, b2 missing
    for (Report.Finding finding : report.findings()) {
      assertThat(finding.site()).isSameInstanceAs(weights.site());
      assertThat(finding.message()).isEqualTo(Message.WEIGHTS_MISSING);
    }
  }

  @Test
  void missingArraysAreReportedInLayerOrder() {
    Report report = check(arrays(f8("b2", 1, 1), f8("W1", 4, 2)), 2, 4, 1);
    assertThat(texts(report))
        .containsExactly(
            "[netc.weights-missing] network: @Network(weights = \"planar.npz\"): the file has no"
                + " array b1 (n[1] x 1 = 4x1); it holds b2, W1 but a 2-layer network needs"
                + " exactly W1, b1, W2, b2; save every W[l] and b[l] under these names",
            "[netc.weights-missing] network: @Network(weights = \"planar.npz\"): the file has no"
                + " array W2 (n[2] x n[1] = 1x4); it holds b2, W1 but a 2-layer network needs"
                + " exactly W1, b1, W2, b2; save every W[l] and b[l] under these names")
        .inOrder();
  }

  @Test
  void float32AndVectorBiasesFitButOtherDtypesAndShapesDoNot() {
    assertThat(
            check(arrays(f4("W1", 4, 2), f8("b1", 4), f8("W2", 1, 4), f8("b2", 1)), 2, 4, 1)
                .findings())
        .isEmpty();
    Report report =
        check(
            arrays(
                new ArrayHeader("W1", "=f8", false, List.of(4L, 2L), 64),
                f8("b1", 4, 1, 1),
                f8("W2", 4),
                f8("b2")),
            2,
            4,
            1);
    assertThat(texts(report))
        .containsExactly(
            "[netc.weights-dtype] network: @Network(weights = \"planar.npz\"): W1 has dtype"
                + " '=f8' but netc reads only little-endian float64 ('<f8') or float32 ('<f4');"
                + " save it as float64, e.g. numpy.savez(file, W1=W1.astype('<f8'), ...)",
            "[netc.weights-shape] network: @Network(weights = \"planar.npz\"): b1 must be 4x1"
                + " (n[1] x 1) but the file holds shape (4, 1, 1); save it as a matrix of shape"
                + " (4, 1) or a vector of shape (4,)",
            "[netc.weights-shape] network: @Network(weights = \"planar.npz\"): W2 must be 1x4"
                + " (n[2] x n[1]) but the file holds shape (4,); save it as a matrix of shape"
                + " (1, 4)",
            "[netc.weights-shape] network: @Network(weights = \"planar.npz\"): b2 must be 1x1"
                + " (n[2] x 1) but the file holds shape (); save it as a matrix of shape (1, 1)"
                + " or a vector of shape (1,)")
        .inOrder();
  }

  @Test
  void aSquareWrongMatrixIsNotCalledATranspose() {
    Report report = check(arrays(f8("W1", 3, 3), f8("b1", 3)), 2, 3);
    assertThat(texts(report))
        .containsExactly(
            "[netc.weights-shape] network: @Network(weights = \"planar.npz\"): W1 must be 3x2"
                + " (n[1] x n[0]) but the file holds 3x3; the file was saved for another"
                + " architecture: retrain for this declaration or fix the declaration");
  }

  @Test
  void sizesAnotherRuleRejectsAreNotCompared() {
    // n[1] = 0 is the UNITS error's: W1, b1 and W2 cannot be judged, b2 can.
    Report report =
        check(arrays(f8("W1", 7, 7), f8("b1", 7), f8("W2", 7, 7), f8("b2", 2, 2)), 2, 0, 1);
    assertThat(report.findings()).hasSize(1);
    assertThat(texts(report).get(0)).contains("b2 must be 1x1 (n[2] x 1) but the file holds 2x2");
  }

  @Test
  void withoutLayersTheArraysAreNotCompared() {
    assertThat(check(arrays(f8("W1", 4, 2)), 2).findings()).isEmpty();
  }

  @Test
  void manyForeignArraysAreOneFindingWithAShortList() {
    List<ArrayHeader> foreign = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      foreign.add(f8("arr_" + i, 1));
    }
    foreign.add(f8("tab\there", 1));
    Report report = check(new WeightsResource.Arrays("f", foreign), 2, 1);
    assertThat(texts(report))
        .containsExactly(
            "[netc.weights-names] network: @Network(weights = \"planar.npz\"): no array of the"
                + " file (arr_0, arr_1, arr_2, arr_3, arr_4, arr_5, arr_6, arr_7, ... (13 arrays))"
                + " has a name netc reads; a 1-layer network needs exactly W1, b1; save them by"
                + " name, e.g. numpy.savez(file, W1=W1, b1=b1, ...)");
  }

  @Test
  void hostileArrayNamesArePrintedAsAscii() {
    Report report =
        check(arrays(f8("W1", 1, 2), f8("b1", 1), f8("W\u00e9\n", 1, 1)), 2, 1);
    assertThat(texts(report).get(0))
        .contains("the file holds an array W\\u00e9\\u000a (1x1) that a 1-layer network");
  }

  @Test
  void absentAndUnreadableAreOneFindingEach() {
    assertThat(texts(check(new WeightsResource.Absent("the source path"), 2, 1)))
        .containsExactly(
            "[netc.weights-absent] network: @Network(weights = \"planar.npz\") names a class-path"
                + " resource that javac cannot find; looked in the source path; put planar.npz"
                + " under src/main/resources (Maven copies it to the class output before javac"
                + " runs) or add the directory that holds it to javac's -sourcepath");
    assertThat(texts(check(new WeightsResource.Unreadable("/p/planar.npz", "the file is empty"),
            2, 1)))
        .containsExactly(
            "[netc.weights-unreadable] network: @Network(weights = \"planar.npz\"):"
                + " /p/planar.npz is not a readable .npz archive: the file is empty; save the"
                + " weights with numpy.savez or with the generated model's save(Path)");
  }

  @Test
  void pathProblems() {
    assertThat(WeightsResource.pathProblem("planar.npz")).isNull();
    assertThat(WeightsResource.pathProblem("/a/b-c_d.1/planar.npz")).isNull();
    assertThat(WeightsResource.pathProblem("a/./b.npz")).startsWith("it contains \".\"");
    assertThat(WeightsResource.pathProblem("a/")).isEqualTo(
        "it has an empty name between two slashes");
    assertThat(WeightsResource.pathProblem("a:b")).isEqualTo("it contains ':'");
    assertThat(WeightsResource.pathProblem("x".repeat(256))).contains("longer than 255");
    Report report = new Report();
    new WeightsChecker(path -> {
          throw new AssertionError("a bad path must not be looked up");
        })
        .check(network(Value.of("a\nb"), 2, 1), report);
    assertThat(texts(report))
        .containsExactly(
            "[netc.weights-path] network: @Network(weights = \"a\\nb\") is not a class-path"
                + " resource path netc accepts: it contains the character U+000A; name the file"
                + " relative to the class-path root, '/' between directories, each name made of"
                + " letters, digits, '.', '_' and '-', e.g. \"models/planar.npz\"");
  }

  // ---------------------------------------------------------------- helpers

  private static Report check(WeightsResource.Contents contents, int... sizes) {
    return check(Value.of("planar.npz"), contents, sizes);
  }

  private static Report check(
      Value<String> weights, WeightsResource.Contents contents, int... sizes) {
    Report report = new Report();
    new WeightsChecker(path -> contents).check(network(weights, sizes), report);
    return report;
  }

  private static List<String> texts(Report report) {
    return report.findings().stream().map(Report.Finding::text).collect(Collectors.toList());
  }

  /** {@code sizes} = n[0], n[1], ..., n[L]. */
  private static NetworkDeclaration network(Value<String> weights, int... sizes) {
    List<LayerDeclaration> layers = new ArrayList<>();
    for (int l = 1; l < sizes.length; l++) {
      Site site = Site.none();
      layers.add(
          new LayerDeclaration(
              l,
              site,
              Value.of(sizes[l]),
              Value.byDefault(dev.netc.annotations.Activation.SIGMOID),
              Value.byDefault(dev.netc.annotations.Init.AUTO),
              Value.byDefault(0),
              Value.byDefault(LayerDeclaration.DEFAULT_LEAK),
              Value.byDefault("")));
    }
    return new NetworkDeclaration(
        null,
        Site.none(),
        Value.of(sizes[0]),
        Value.byDefault(Loss.BINARY_CROSS_ENTROPY),
        weights,
        Value.byDefault(Precision.DOUBLE),
        layers);
  }

  private static WeightsResource.Arrays arrays(ArrayHeader... arrays) {
    return new WeightsResource.Arrays("/p/planar.npz", List.of(arrays));
  }

  private static ArrayHeader f8(String name, long... shape) {
    return header(name, "<f8", 8, shape);
  }

  private static ArrayHeader f4(String name, long... shape) {
    return header(name, "<f4", 4, shape);
  }

  private static ArrayHeader header(String name, String descr, long itemSize, long... shape) {
    List<Long> dimensions = new ArrayList<>();
    long bytes = itemSize;
    for (long dimension : shape) {
      dimensions.add(dimension);
      bytes *= dimension;
    }
    return new ArrayHeader(name, descr, false, dimensions, bytes);
  }
}
