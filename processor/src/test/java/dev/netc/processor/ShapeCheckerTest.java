package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.netc.annotations.Activation.LEAKY_RELU;
import static dev.netc.annotations.Activation.LINEAR;
import static dev.netc.annotations.Activation.RELU;
import static dev.netc.annotations.Activation.SIGMOID;
import static dev.netc.annotations.Activation.SOFTMAX;
import static dev.netc.annotations.Activation.TANH;
import static dev.netc.annotations.Loss.BINARY_CROSS_ENTROPY;
import static dev.netc.annotations.Loss.CATEGORICAL_CROSS_ENTROPY;
import static dev.netc.annotations.Loss.MEAN_SQUARED_ERROR;

import dev.netc.annotations.Activation;
import dev.netc.annotations.Init;
import dev.netc.annotations.Loss;
import dev.netc.annotations.Precision;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of {@link ShapeChecker} without javac: declarations built by hand, sites that point
 * nowhere but are compared by identity, so that a test can still say which attribute is blamed.
 */
final class ShapeCheckerTest {

  // ---------------------------------------------------------------- valid declarations

  @Test
  void planarClassifierIsClean() {
    Report report = check(net(2).layer(4, TANH).layer(1, SIGMOID));
    assertThat(report.findings()).isEmpty();
  }

  @Test
  void everyMatchedOutputAndLossIsClean() {
    assertThat(check(net(2).layer(1, SIGMOID)).findings()).isEmpty();
    assertThat(check(net(4).loss(CATEGORICAL_CROSS_ENTROPY).layer(8).layer(3, SOFTMAX)).findings())
        .isEmpty();
    assertThat(check(net(3).loss(MEAN_SQUARED_ERROR).layer(8).layer(1, LINEAR)).findings())
        .isEmpty();
    // MSE does not need a matched output: RELU and TANH outputs are legitimate regressions.
    assertThat(check(net(3).loss(MEAN_SQUARED_ERROR).layer(2, TANH)).findings()).isEmpty();
  }

  @Test
  void statedFanInThatAgreesIsClean() {
    Net net = net(2).layer(4, TANH).with(l -> l.inputs(2));
    Report report = check(net.layer(1, SIGMOID).with(l -> l.inputs(4)));
    assertThat(report.findings()).isEmpty();
  }

  // ---------------------------------------------------------------- sizes

  @Test
  void networkInputsMustBePositive() {
    Net net = net(0).layer(4, TANH).with(l -> l.inputs(2)).layer(1, SIGMOID);
    Report report = check(net);
    assertOnly(report, Message.INPUTS, net.inputs.site());
    assertThat(text(report))
        .isEqualTo(
            "[netc.inputs] network: X must have at least one row (n[0] >= 1) but"
                + " @Network(inputs = 0) gives it 0; set inputs to the number of features of one"
                + " example");
  }

  @Test
  void unitsMustBePositiveAndDoNotCascadeIntoFanIn() {
    // Layer 2 states inputs = 4, which would disagree with n[1] = 0: one mistake, one error.
    Net net = net(2).layer(0, TANH).layer(1, SIGMOID).with(l -> l.inputs(4));
    Report report = check(net);
    assertOnly(report, Message.UNITS, net.layers.get(0).units.site());
    assertThat(text(report))
        .isEqualTo(
            "[netc.units] layer 1: W[1] must have at least one row (n[1] >= 1) but"
                + " @Layer(units = 0) gives it 0; set units to the number of units of this layer");
  }

  @Test
  void everyBadUnitsGetsItsOwnError() {
    Net net = net(2).layer(-1).layer(0).layer(1, SIGMOID);
    Report report = check(net);
    assertThat(messages(report)).containsExactly(Message.UNITS, Message.UNITS).inOrder();
    assertThat(report.findings().get(0).site()).isSameInstanceAs(net.layers.get(0).units.site());
    assertThat(report.findings().get(1).site()).isSameInstanceAs(net.layers.get(1).units.site());
  }

  @Test
  void badUnitsOnTheOutputDoNotAlsoBreakSoftmaxUnits() {
    Net net = net(2).loss(CATEGORICAL_CROSS_ENTROPY).layer(0, SOFTMAX);
    assertOnly(check(net), Message.UNITS, net.layers.get(0).units.site());
  }

  @Test
  void atLeastOneLayer() {
    Net net = net(2);
    Report report = check(net);
    assertOnly(report, Message.NO_LAYERS, net.site);
    assertThat(text(report)).startsWith("[netc.no-layers] network: a network needs at least one");
  }

  // ---------------------------------------------------------------- dimensions

  @Test
  void statedFanInMustEqualThePreviousLayer() {
    Net net = net(2).layer(4, TANH).layer(1, SIGMOID).with(l -> l.inputs(3).name("output"));
    Report report = check(net);
    assertOnly(report, Message.FAN_IN, net.layers.get(1).inputs.site());
    assertThat(text(report))
        .isEqualTo(
            "[netc.fan-in] layer 2 (\"output\"): W[2] must be 1x4 (n[2] x n[1]) but"
                + " @Layer(inputs = 3) gives it 3 columns; remove inputs or set it to 4");
  }

  @Test
  void statedFanInOfTheFirstLayerMustEqualNetworkInputs() {
    Net net = net(2).layer(4, TANH).with(l -> l.inputs(1)).layer(1, SIGMOID);
    Report report = check(net);
    assertOnly(report, Message.FAN_IN, net.layers.get(0).inputs.site());
    assertThat(text(report))
        .isEqualTo(
            "[netc.fan-in] layer 1: W[1] must be 4x2 (n[1] x n[0]) but @Layer(inputs = 1) gives"
                + " it 1 column; remove inputs or set it to 2");
  }

  @Test
  void fanInIsNotCheckedAgainstBadNetworkInputs() {
    Net net = net(-2).layer(4, TANH).with(l -> l.inputs(2)).layer(1, SIGMOID);
    assertOnly(check(net), Message.INPUTS, net.inputs.site());
  }

  // ---------------------------------------------------------------- rules 3, 4, 7

  @Test
  void softmaxOnlyOnTheOutputLayer() {
    Net net = net(2).layer(4, SOFTMAX).layer(1, SIGMOID);
    Report report = check(net);
    assertOnly(report, Message.SOFTMAX_HIDDEN, net.layers.get(0).activation.site());
    assertThat(text(report)).contains("layer 1: SOFTMAX is only allowed on the output layer");
    assertThat(text(report)).endsWith("put SOFTMAX on layer 2");
  }

  @Test
  void misplacedSoftmaxWithCategoricalLossIsOneError() {
    // The layers are in the wrong order: one mistake, reported where SOFTMAX is.
    Net net = net(2).loss(CATEGORICAL_CROSS_ENTROPY).layer(3, SOFTMAX).layer(8, RELU);
    assertOnly(check(net), Message.SOFTMAX_HIDDEN, net.layers.get(0).activation.site());
  }

  @Test
  void softmaxOutputNeedsCategoricalCrossEntropy() {
    Net net = net(2).layer(4, TANH).layer(3, SOFTMAX);
    Report report = check(net);
    assertOnly(report, Message.SOFTMAX_LOSS, net.layers.get(1).activation.site());
    assertThat(text(report))
        .isEqualTo(
            "[netc.softmax-loss] layer 2: a SOFTMAX output needs loss = CATEGORICAL_CROSS_ENTROPY"
                + " but @Network has loss = BINARY_CROSS_ENTROPY (the default); set @Network(loss"
                + " = Loss.CATEGORICAL_CROSS_ENTROPY), or use SIGMOID for independent 0/1"
                + " outputs");
  }

  @Test
  void softmaxOutputWithMeanSquaredErrorIsOneError() {
    Net net = net(2).loss(MEAN_SQUARED_ERROR).layer(3, SOFTMAX);
    Report report = check(net);
    assertOnly(report, Message.SOFTMAX_LOSS, net.layers.get(0).activation.site());
    assertThat(text(report)).contains("loss = MEAN_SQUARED_ERROR;");
  }

  @Test
  void softmaxNeedsTwoUnits() {
    Net net = net(2).loss(CATEGORICAL_CROSS_ENTROPY).layer(1, SOFTMAX);
    Report report = check(net);
    assertOnly(report, Message.SOFTMAX_UNITS, net.layers.get(0).units.site());
    assertThat(text(report)).contains("@Layer(units = 1) gives it 1, whose softmax is always 1");
  }

  @Test
  void categoricalCrossEntropyNeedsSoftmax() {
    Net net = net(2).loss(CATEGORICAL_CROSS_ENTROPY).layer(4, TANH).layer(3, SIGMOID);
    Report report = check(net);
    assertOnly(report, Message.CCE_NEEDS_SOFTMAX, net.layers.get(1).activation.site());
    assertThat(text(report))
        .isEqualTo(
            "[netc.cce-softmax] layer 2: loss = CATEGORICAL_CROSS_ENTROPY needs a SOFTMAX output"
                + " but the output layer has activation = SIGMOID; set activation ="
                + " Activation.SOFTMAX");
  }

  @Test
  void categoricalCrossEntropyWithDefaultActivationBlamesTheOutputLayer() {
    Net net = net(2).loss(CATEGORICAL_CROSS_ENTROPY).layer(3);
    Report report = check(net);
    // A default value's site is its whole annotation: here the output @Layer.
    assertOnly(report, Message.CCE_NEEDS_SOFTMAX, net.layers.get(0).activation.site());
    assertThat(net.layers.get(0).activation.explicit()).isFalse();
    assertThat(text(report)).contains("activation = RELU (the default)");
  }

  @Test
  void binaryCrossEntropyNeedsSigmoid() {
    Net net = net(2).layer(4, TANH).layer(1, TANH);
    Report report = check(net);
    assertOnly(report, Message.BCE_NEEDS_SIGMOID, net.layers.get(1).activation.site());
    assertThat(text(report))
        .isEqualTo(
            "[netc.bce-sigmoid] layer 2: loss = BINARY_CROSS_ENTROPY (the default) needs a"
                + " SIGMOID output (its log(a) and log(1 - a) need 0 < a < 1) but the output layer"
                + " has activation = TANH; set activation = Activation.SIGMOID, or choose another"
                + " @Network(loss = ...)");
  }

  @Test
  void meanSquaredErrorWithSigmoidIsAWarning() {
    Net net = net(2).loss(MEAN_SQUARED_ERROR).layer(4, TANH).layer(1, SIGMOID);
    Report report = check(net);
    assertOnly(report, Message.MSE_SIGMOID, net.layers.get(1).activation.site());
    assertThat(report.findings().get(0).kind()).isEqualTo(Diagnostic.Kind.WARNING);
    assertThat(report.hasErrors()).isFalse();
  }

  // ---------------------------------------------------------------- rules 5, 6, 8

  @Test
  void zerosOnAHiddenLayerOfSeveralUnitsIsAnError() {
    Net net = net(2).layer(4, TANH).with(l -> l.init(Init.ZEROS)).layer(1, SIGMOID);
    Report report = check(net);
    assertOnly(report, Message.ZEROS_HIDDEN, net.layers.get(0).init.site());
    assertThat(text(report)).contains("this hidden layer has 4 units, which would stay identical");
  }

  @Test
  void zerosIsAllowedWhereSymmetryCannotHurt() {
    // The output layer.
    assertThat(check(net(2).layer(4, TANH).layer(1, SIGMOID).with(l -> l.init(Init.ZEROS)))
            .findings())
        .isEmpty();
    // A one-layer network (logistic regression), even with several units.
    assertThat(check(net(2).loss(MEAN_SQUARED_ERROR).layer(3, LINEAR).with(l -> l.init(Init.ZEROS)))
            .findings())
        .isEmpty();
    // A hidden layer of one unit has nothing to be symmetric with.
    assertThat(check(net(2).layer(1, TANH).with(l -> l.init(Init.ZEROS)).layer(1, SIGMOID))
            .findings())
        .isEmpty();
  }

  @Test
  void linearHiddenLayerIsAWarning() {
    Net net = net(2).layer(4, LINEAR).layer(1, SIGMOID);
    Report report = check(net);
    assertOnly(report, Message.LINEAR_HIDDEN, net.layers.get(0).activation.site());
    assertThat(report.hasErrors()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 1.0, -0.1, 1.5, Double.NaN, Double.POSITIVE_INFINITY})
  void leakMustLieStrictlyBetweenZeroAndOne(double leak) {
    Net net = net(2).layer(4, LEAKY_RELU).with(l -> l.leak(leak)).layer(1, SIGMOID);
    Report report = check(net);
    assertOnly(report, Message.LEAK, net.layers.get(0).leak.site());
    assertThat(text(report)).contains("@Layer(leak = " + leak + ") gives " + leak);
  }

  @Test
  void leakInRangeIsClean() {
    assertThat(check(net(2).layer(4, LEAKY_RELU).with(l -> l.leak(0.2)).layer(1, SIGMOID))
            .findings())
        .isEmpty();
  }

  @Test
  void statedLeakOnAnotherActivationIsAWarning() {
    Net net = net(2).layer(4, RELU).with(l -> l.leak(0.2)).layer(1, SIGMOID);
    Report report = check(net);
    assertOnly(report, Message.LEAK_IGNORED, net.layers.get(0).leak.site());
    assertThat(text(report))
        .isEqualTo(
            "[netc.leak-ignored] layer 1: leak only applies to LEAKY_RELU but this layer has"
                + " activation = RELU, so @Layer(leak = 0.2) is ignored; remove leak or set"
                + " activation = Activation.LEAKY_RELU");
  }

  // ---------------------------------------------------------------- features not there yet

  @Test
  void weightsAreLeftToTheWeightsChecker() {
    // ShapeChecker is pure; WeightsChecker reads the file (WeightsCheckerTest, WeightsResourceTest).
    Net net = net(2).weights("planar.npz").layer(4, TANH).layer(1, SIGMOID);
    assertThat(check(net).findings()).isEmpty();
  }

  @Test
  void eitherPrecisionPassesTheShapeRules() {
    // Precision constrains the type (Model or FloatModel): TypeRules, tested in DiagnosticsTest.
    Net net = net(2).precision(Precision.FLOAT).layer(4, TANH).layer(1, SIGMOID);
    assertThat(check(net).findings()).isEmpty();
    assertThat(check(net(2).precision(Precision.DOUBLE).layer(1, SIGMOID)).findings()).isEmpty();
  }

  // ---------------------------------------------------------------- names

  @Test
  void layerNamesMustBeUnique() {
    Net net =
        net(2)
            .layer(4, TANH)
            .with(l -> l.name("hidden"))
            .layer(4, TANH)
            .with(l -> l.name("hidden"))
            .layer(1, SIGMOID);
    Report report = check(net);
    assertOnly(report, Message.DUPLICATE_NAME, net.layers.get(1).name.site());
    assertThat(text(report))
        .isEqualTo(
            "[netc.duplicate-name] layer 2 (\"hidden\"): layer names must be unique but layer 1"
                + " is also named \"hidden\"; rename one of them");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a */ b", "two\nlines", "caf\u00e9", "back\\slash", "   ", "tab\t"})
  void layerNamesMustBeSafeInComments(String name) {
    Net net = net(2).layer(4, TANH).with(l -> l.name(name)).layer(1, SIGMOID);
    Report report = check(net);
    assertOnly(report, Message.LAYER_NAME, net.layers.get(0).name.site());
    // The bad name is not printed as a label, and the message stays one printable ASCII line.
    assertThat(text(report)).startsWith("[netc.layer-name] layer 1: ");
    assertThat(text(report).chars().allMatch(c -> c >= 0x20 && c < 0x7f)).isTrue();
  }

  @Test
  void layerNameAppearsInLabels() {
    Net net = net(2).layer(0, TANH).with(l -> l.name("hidden")).layer(1, SIGMOID);
    assertThat(text(check(net))).startsWith("[netc.units] layer 1 (\"hidden\"): ");
  }

  // ---------------------------------------------------------------- several findings

  @Test
  void independentMistakesAreAllReported() {
    Net net =
        net(0)
            .layer(4, LEAKY_RELU)
            .with(l -> l.leak(2))
            .layer(0, TANH)
            .layer(1, TANH)
            .with(l -> l.name("out"));
    Report report = check(net);
    assertThat(messages(report))
        .containsExactly(Message.INPUTS, Message.UNITS, Message.LEAK, Message.BCE_NEEDS_SIGMOID)
        .inOrder();
  }

  @Test
  void unknownValuesAreSkippedSilently() {
    // javac reports a missing or erroneous attribute itself; the checker must not add to it.
    Net net = net(2).layer(4, TANH).with(l -> l.unknownUnits()).layer(1, SIGMOID);
    NetworkDeclaration declaration = net.build();
    assertThat(declaration.complete()).isFalse();
    assertThat(new ShapeChecker().check(declaration).findings()).isEmpty();
    NetworkDeclaration unknownLoss =
        new NetworkDeclaration(
            null,
            Site.none(),
            Value.of(2),
            new Value<Loss>(null, Site.none(), true),
            Value.byDefault(""),
            Value.byDefault(Precision.DOUBLE),
            net(2).layer(1, TANH).build().layers());
    assertThat(new ShapeChecker().check(unknownLoss).findings()).isEmpty();
  }

  // ---------------------------------------------------------------- the messages themselves

  @Test
  void messageIdsAreStableUniqueAndAscii() {
    Set<String> ids = new HashSet<>();
    for (Message message : Message.values()) {
      assertThat(message.id()).matches("netc\\.[a-z]+(-[a-z]+)*");
      assertThat(ids.add(message.id())).isTrue();
      assertThat(message.format("x", 1, 2, 3, 4, 5, 6, 7, 8, 9).chars().allMatch(c -> c < 128))
          .isTrue();
    }
  }

  @Test
  void labelsNameTheLayer() {
    assertThat(net(2).layer(3).with(l -> l.name("out")).build().layers().get(0).label())
        .isEqualTo("layer 1 (\"out\")");
    assertThat(net(2).layer(3).build().layers().get(0).label()).isEqualTo("layer 1");
  }

  // ---------------------------------------------------------------- helpers

  private static Report check(Net net) {
    return new ShapeChecker().check(net.build());
  }

  private static List<Message> messages(Report report) {
    return report.findings().stream().map(Report.Finding::message).toList();
  }

  private static String text(Report report) {
    assertThat(report.findings()).hasSize(1);
    return report.findings().get(0).text();
  }

  /** Exactly one finding, of that message, at that very site. */
  private static void assertOnly(Report report, Message message, Site site) {
    assertThat(messages(report)).containsExactly(message);
    assertThat(report.findings().get(0).site()).isSameInstanceAs(site);
  }

  private static Net net(int inputs) {
    return new Net(inputs);
  }

  /** A declaration under construction; every value gets its own site instance. */
  private static final class Net {
    final Site site = Site.none();
    Value<Integer> inputs;
    Value<Loss> loss = Value.byDefault(BINARY_CROSS_ENTROPY);
    Value<String> weights = Value.byDefault("");
    Value<Precision> precision = Value.byDefault(Precision.DOUBLE);
    final List<LayerBuilder> layers = new ArrayList<>();

    Net(int inputs) {
      this.inputs = Value.of(inputs);
    }

    Net loss(Loss value) {
      loss = Value.of(value);
      return this;
    }

    Net weights(String value) {
      weights = Value.of(value);
      return this;
    }

    Net precision(Precision value) {
      precision = Value.of(value);
      return this;
    }

    /** A layer with the default activation. */
    Net layer(int units) {
      layers.add(new LayerBuilder(units, null));
      return this;
    }

    Net layer(int units, Activation activation) {
      layers.add(new LayerBuilder(units, activation));
      return this;
    }

    /** Changes the last layer added. */
    Net with(UnaryOperator<LayerBuilder> change) {
      change.apply(layers.get(layers.size() - 1));
      return this;
    }

    NetworkDeclaration build() {
      List<LayerDeclaration> built = new ArrayList<>();
      for (int i = 0; i < layers.size(); i++) {
        built.add(layers.get(i).build(i + 1));
      }
      return new NetworkDeclaration(null, site, inputs, loss, weights, precision, built);
    }
  }

  private static final class LayerBuilder {
    final Site site = Site.none();
    Value<Integer> units;
    Value<Activation> activation;
    Value<Init> init = new Value<>(Init.AUTO, site, false);
    Value<Integer> inputs = new Value<>(0, site, false);
    Value<Double> leak = new Value<>(LayerDeclaration.DEFAULT_LEAK, site, false);
    Value<String> name = new Value<>("", site, false);

    LayerBuilder(int units, Activation activation) {
      this.units = Value.of(units);
      // Like the parser: a default value's site is the whole annotation.
      this.activation =
          activation == null ? new Value<>(RELU, site, false) : Value.of(activation);
    }

    LayerBuilder inputs(int value) {
      inputs = Value.of(value);
      return this;
    }

    LayerBuilder init(Init value) {
      init = Value.of(value);
      return this;
    }

    LayerBuilder leak(double value) {
      leak = Value.of(value);
      return this;
    }

    LayerBuilder name(String value) {
      name = Value.of(value);
      return this;
    }

    LayerBuilder unknownUnits() {
      units = new Value<>(null, Site.none(), true);
      return this;
    }

    LayerDeclaration build(int index) {
      return new LayerDeclaration(index, site, units, activation, init, inputs, leak, name);
    }
  }
}
