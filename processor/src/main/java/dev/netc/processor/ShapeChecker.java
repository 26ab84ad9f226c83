package dev.netc.processor;

import dev.netc.annotations.Activation;
import dev.netc.annotations.Init;
import dev.netc.annotations.Loss;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compile-time rules (docs/architecture.md, "Compile-time rules"): declaration in, {@link
 * Report} out. Pure: it prints nothing, throws nothing on bad input and never stops at the first
 * finding.
 *
 * <p>One mistake gives one finding: a rule that needs a value some other rule rejected (a layer
 * size that is not positive, a name that cannot be printed) or a value javac could not compute
 * (javac reports those) is skipped rather than reported again in other words.
 */
final class ShapeChecker {
  private final TypeRules typeRules;

  /** Checks the declaration only, not its type: for unit tests without javac. */
  ShapeChecker() {
    this(null);
  }

  /** Checks the declaration and, when {@code typeRules} is not null, its type: see TypeRules. */
  ShapeChecker(TypeRules typeRules) {
    this.typeRules = typeRules;
  }

  Report check(NetworkDeclaration network) {
    Report report = new Report();
    if (typeRules != null && network.type() != null) {
      typeRules.check(network, report);
    }
    checkNetwork(network, report);
    Integer[] n = checkSizes(network, report);
    checkNames(network, report);
    for (LayerDeclaration layer : network.layers()) {
      checkFanIn(layer, n, report);
      checkLayer(network, layer, n[layer.index()], report);
    }
    checkOutput(network, n, report);
    return report;
  }

  private static void checkNetwork(NetworkDeclaration network, Report report) {
    Value<Integer> inputs = network.inputs();
    if (inputs.known() && inputs.value() <= 0) {
      report.add(Message.INPUTS, inputs.site(), network.name(), inputs.value());
    }
    if (network.layers().isEmpty()) {
      report.add(Message.NO_LAYERS, network.site(), network.name());
    }
    // @Network(weights = ...) needs the file: WeightsChecker, which reads it, checks it.
    // @Network(precision = ...) constrains the type (Model or FloatModel): TypeRules checks it.
  }

  /**
   * Reports every size that is not positive and returns {@code n[0..L]}, with null for a size that
   * is unknown or already reported: later rules skip those.
   */
  private static Integer[] checkSizes(NetworkDeclaration network, Report report) {
    Integer[] n = new Integer[network.layerCount() + 1];
    Value<Integer> inputs = network.inputs();
    n[0] = inputs.known() && inputs.value() > 0 ? inputs.value() : null;
    for (LayerDeclaration layer : network.layers()) {
      Value<Integer> units = layer.units();
      if (units.known() && units.value() <= 0) {
        report.add(Message.UNITS, units.site(), layer.label(), layer.index(), units.value());
      }
      n[layer.index()] = units.known() && units.value() > 0 ? units.value() : null;
    }
    return n;
  }

  private static void checkNames(NetworkDeclaration network, Report report) {
    Map<String, Integer> seen = new HashMap<>();
    for (LayerDeclaration layer : network.layers()) {
      Value<String> name = layer.name();
      if (!name.known() || name.value().isEmpty()) {
        continue;
      }
      String problem = LayerDeclaration.nameProblem(name.value());
      if (problem != null) {
        report.add(
            Message.LAYER_NAME, name.site(), layer.label(), JavaLiterals.quote(name.value(), Integer.MAX_VALUE), problem);
        continue;
      }
      Integer earlier = seen.putIfAbsent(name.value(), layer.index());
      if (earlier != null) {
        report.add(
            Message.DUPLICATE_NAME, name.site(), layer.label(), earlier, name.value());
      }
    }
  }

  /** Dimensions for {@code @Layer(inputs = ...)}: a stated fan-in must equal {@code n[l-1]}. */
  private static void checkFanIn(LayerDeclaration layer, Integer[] n, Report report) {
    Value<Integer> inputs = layer.inputs();
    int l = layer.index();
    if (!inputs.known() || inputs.value() == 0 || n[l - 1] == null || n[l] == null) {
      return;
    }
    int stated = inputs.value();
    if (stated != n[l - 1]) {
      report.add(
          Message.FAN_IN,
          inputs.site(),
          layer.label(),
          l,
          n[l],
          n[l - 1],
          l,
          l - 1,
          stated,
          stated == 1 ? "1 column" : stated + " columns",
          n[l - 1]);
    }
  }

  /** Rules 3 (position), 5, 6 and 8: what one layer may be, given whether it is hidden. */
  private static void checkLayer(
      NetworkDeclaration network, LayerDeclaration layer, Integer units, Report report) {
    int layers = network.layerCount();
    boolean hidden = layer.index() < layers;
    Activation activation = layer.activation().value();
    if (hidden && activation == Activation.SOFTMAX) {
      report.add(Message.SOFTMAX_HIDDEN, layer.activation().site(), layer.label(), layers);
    }
    if (hidden && activation == Activation.LINEAR) {
      report.add(Message.LINEAR_HIDDEN, layer.activation().site(), layer.label());
    }
    if (hidden && layer.init().value() == Init.ZEROS && units != null && units > 1) {
      report.add(Message.ZEROS_HIDDEN, layer.init().site(), layer.label(), units);
    }
    Value<Double> leak = layer.leak();
    if (activation == Activation.LEAKY_RELU && leak.known()) {
      double slope = leak.value();
      // Written so that NaN fails too.
      if (!(slope > 0 && slope < 1)) {
        report.add(Message.LEAK, leak.site(), layer.label(), String.valueOf(slope));
      }
    } else if (activation != null && leak.explicit() && leak.known()) {
      report.add(
          Message.LEAK_IGNORED,
          leak.site(),
          layer.label(),
          activation.name(),
          String.valueOf(leak.value()));
    }
  }

  /**
   * Rules 3, 4 and 7: the loss and the output activation must match. At most one finding, on the
   * output layer's activation (which is where its {@code Value} points, whether stated or not).
   */
  private static void checkOutput(NetworkDeclaration network, Integer[] n, Report report) {
    LayerDeclaration output = network.output();
    if (output == null || !output.activation().known() || !network.loss().known()) {
      return;
    }
    Value<Activation> activation = output.activation();
    Activation g = activation.value();
    Loss loss = network.loss().value();
    Site site = activation.site();
    switch (loss) {
      case CATEGORICAL_CROSS_ENTROPY -> {
        if (g == Activation.SOFTMAX) {
          Integer units = n[output.index()];
          if (units != null && units < 2) {
            report.add(Message.SOFTMAX_UNITS, output.units().site(), output.label(), units);
          }
        } else if (!softmaxOnHiddenLayer(network.layers())) {
          // With SOFTMAX on a hidden layer that error already says where SOFTMAX belongs.
          report.add(Message.CCE_NEEDS_SOFTMAX, site, output.label(), described(activation));
        }
      }
      case BINARY_CROSS_ENTROPY -> {
        if (g == Activation.SOFTMAX) {
          report.add(Message.SOFTMAX_LOSS, site, output.label(), described(network.loss()));
        } else if (g != Activation.SIGMOID) {
          report.add(
              Message.BCE_NEEDS_SIGMOID,
              site,
              output.label(),
              described(network.loss()),
              described(activation));
        }
      }
      case MEAN_SQUARED_ERROR -> {
        if (g == Activation.SOFTMAX) {
          report.add(Message.SOFTMAX_LOSS, site, output.label(), described(network.loss()));
        } else if (g == Activation.SIGMOID) {
          report.add(Message.MSE_SIGMOID, site, output.label());
        }
      }
    }
  }

  private static boolean softmaxOnHiddenLayer(List<LayerDeclaration> layers) {
    for (int i = 0; i < layers.size() - 1; i++) {
      if (layers.get(i).activation().value() == Activation.SOFTMAX) {
        return true;
      }
    }
    return false;
  }

  /** {@code SIGMOID}, or {@code RELU (the default)} when the source does not state it. */
  private static String described(Value<? extends Enum<?>> value) {
    return value.value().name() + (value.explicit() ? "" : " (the default)");
  }
}
