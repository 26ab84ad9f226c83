package dev.netc.processor;

import com.google.testing.compile.JavaFileObjects;
import dev.netc.annotations.Activation;
import dev.netc.annotations.Init;
import dev.netc.annotations.Loss;
import dev.netc.annotations.Precision;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import javax.tools.JavaFileObject;

/**
 * One random {@code @Network} declaration for {@link FuzzTest}: what was drawn, its Java source,
 * and an oracle of its own that says whether netc must accept it.
 *
 * <p>The oracle, {@link #problems()}, re-states the compile-time rules (docs/architecture.md,
 * "Compile-time rules") in the simplest terms, without reading the processor: anything it lists
 * must draw at least one located netc error; a declaration it passes must compile without errors.
 * Where the processor adds a rule that those rules leave open (what a layer name may contain), the
 * oracle states that rule as the processor's message promises it.
 *
 * <p>Declarations are drawn from valid choices only ("tame"), from anything ("wild"), or tame but
 * for one attribute drawn wild ("one mistake"), so that both outcomes are common and single
 * mistakes are seen alone. Every activation/loss/init combination of the output layer appears
 * among the first {@link #COMBINATIONS} cases.
 */
final class RandomDeclaration {
  /** Output activation x loss x init of the output layer: 6 x 3 x 5. */
  static final int COMBINATIONS =
      Activation.values().length * Loss.values().length * Init.values().length;

  /** What the annotated type is. */
  enum Target {
    INTERFACE_EXTENDING_MODEL(true),
    PLAIN_INTERFACE(true),
    ABSTRACT_CLASS(true),
    ABSTRACT_CLASS_WITH_CONSTRUCTOR(true),
    PLAIN_ABSTRACT_CLASS(true),
    NESTED_IN_CLASS(true),
    NESTED_IN_INTERFACE(true),
    STATIC_NESTED_ABSTRACT_CLASS(true),
    ABSTRACT_CLASS_IN_INTERFACE(true),
    CONCRETE_CLASS(false),
    ENUM(false),
    RECORD(false),
    ANNOTATION_TYPE(false),
    PRIVATE_NESTED(false),
    INNER_CLASS(false),
    GENERIC_INTERFACE(false),
    ONLY_CONSTRUCTOR_WITH_PARAMETERS(false),
    PRIVATE_CONSTRUCTOR(false);

    final boolean valid;

    Target(boolean valid) {
      this.valid = valid;
    }

    boolean nested() {
      return switch (this) {
        case NESTED_IN_CLASS, NESTED_IN_INTERFACE, STATIC_NESTED_ABSTRACT_CLASS,
            ABSTRACT_CLASS_IN_INTERFACE, PRIVATE_NESTED, INNER_CLASS -> true;
        default -> false;
      };
    }

    boolean isInterface() {
      return switch (this) {
        case INTERFACE_EXTENDING_MODEL, PLAIN_INTERFACE, NESTED_IN_CLASS, NESTED_IN_INTERFACE,
            PRIVATE_NESTED, GENERIC_INTERFACE -> true;
        default -> false;
      };
    }

    boolean isAbstractClass() {
      return switch (this) {
        case ABSTRACT_CLASS, ABSTRACT_CLASS_WITH_CONSTRUCTOR, PLAIN_ABSTRACT_CLASS,
            STATIC_NESTED_ABSTRACT_CLASS, ABSTRACT_CLASS_IN_INTERFACE, INNER_CLASS,
            ONLY_CONSTRUCTOR_WITH_PARAMETERS, PRIVATE_CONSTRUCTOR -> true;
        default -> false;
      };
    }
  }

  /** Something more in the type's body or file. */
  enum Extra {
    NONE(true),
    DEFAULT_METHOD(true),
    REDECLARED_MODEL_METHOD(true),
    /** Constants, nested types and helpers whose names netc does not use. */
    MEMBERS(true),
    EXTRA_ABSTRACT_METHOD(false),
    CLASS_WITH_A_GENERATED_NAME(false);

    final boolean valid;

    Extra(boolean valid) {
      this.valid = valid;
    }
  }

  /** One drawn {@code @Layer}; null fields are not written (the attribute keeps its default). */
  record LayerDraw(
      int units,
      String unitsSource,
      Activation activation,
      Init init,
      Integer inputs,
      Double leak,
      String leakSource,
      String name) {

    Activation g() {
      return activation == null ? Activation.RELU : activation;
    }

    Init initOrDefault() {
      return init == null ? Init.AUTO : init;
    }

    double leakOrDefault() {
      return leak == null ? 0.01 : leak;
    }
  }

  /** How the case was drawn: {@link #TAME}, {@link #ONE_MISTAKE} or {@link #WILD}. */
  static final String TAME = "tame";

  static final String ONE_MISTAKE = "one mistake";
  static final String WILD = "wild";

  final int index;
  final String mode;
  final boolean hasNetwork;
  final int inputs;
  final String inputsSource;
  final Loss loss;
  final String weights;
  final boolean explicitContainer;
  final List<LayerDraw> layers;
  final Target target;
  final Extra extra;
  final boolean unnamedPackage;
  /** {@code @Network(precision)} as written; null when not written (DOUBLE). */
  final Precision precision;
  /** What the header extends or implements, where it does: {@code Model} or {@code FloatModel}. */
  final String modelInterface;

  private RandomDeclaration(
      int index,
      String mode,
      boolean hasNetwork,
      int inputs,
      String inputsSource,
      Loss loss,
      String weights,
      boolean explicitContainer,
      List<LayerDraw> layers,
      Target target,
      Extra extra,
      boolean unnamedPackage,
      Precision precision,
      String modelInterface) {
    this.index = index;
    this.mode = mode;
    this.hasNetwork = hasNetwork;
    this.inputs = inputs;
    this.inputsSource = inputsSource;
    this.loss = loss;
    this.weights = weights;
    this.explicitContainer = explicitContainer;
    this.layers = List.copyOf(layers);
    this.target = target;
    this.extra = extra;
    this.unnamedPackage = unnamedPackage;
    this.precision = precision;
    this.modelInterface = modelInterface;
  }

  // ---------------------------------------------------------------- drawing

  /**
   * Draws case {@code index}; everything comes from {@code random}. Four in ten are tame, three
   * in ten wild, and three in ten tame but for one attribute taken from a wild draw: those show
   * whether each single mistake is caught on its own.
   */
  static RandomDeclaration draw(Random random, int index) {
    int mode = random.nextInt(10);
    if (mode < 4) {
      return draw(random, index, true);
    }
    if (mode < 7) {
      return draw(random, index, false);
    }
    RandomDeclaration tame = draw(random, index, true);
    RandomDeclaration wild = draw(random, index, false);
    return tame.withOneFrom(wild, random);
  }

  private static RandomDeclaration draw(Random random, int index, boolean tame) {
    boolean hasNetwork = tame || random.nextInt(20) != 0;
    int layerCount = !tame && random.nextInt(20) == 0 ? 0 : 1 + random.nextInt(5);
    if (!hasNetwork && layerCount == 0) {
      layerCount = 1;
    }
    Loss loss = random.nextInt(5) == 0 ? null : pick(random, Loss.values());
    Activation forcedOutput = null;
    Init forcedInit = null;
    if (index < COMBINATIONS && layerCount > 0) {
      // Every combination once: output activation, loss, output init.
      int k = index;
      forcedOutput = Activation.values()[k % Activation.values().length];
      k /= Activation.values().length;
      loss = Loss.values()[k % Loss.values().length];
      k /= Loss.values().length;
      forcedInit = Init.values()[k];
    }
    Loss effectiveLoss = loss == null ? Loss.BINARY_CROSS_ENTROPY : loss;

    int[] inputs = size(random, tame);
    List<LayerDraw> layers = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int previous = inputs[0];
    for (int l = 1; l <= layerCount; l++) {
      boolean output = l == layerCount;
      Activation activation;
      if (output && forcedOutput != null) {
        activation = forcedOutput;
      } else if (tame && output) {
        activation = outputFor(random, effectiveLoss);
      } else if (tame) {
        activation = pick(random, Activation.TANH, Activation.RELU, Activation.LEAKY_RELU,
            Activation.SIGMOID, Activation.LINEAR, null);
      } else {
        activation = random.nextInt(7) == 0 ? null : pick(random, Activation.values());
      }
      int[] units = size(random, tame);
      if (activation == Activation.SOFTMAX && tame && units[0] < 2) {
        units = new int[] {2 + random.nextInt(4), 0};
      }
      Init init;
      if (output && forcedInit != null) {
        init = forcedInit;
      } else if (random.nextInt(3) == 0) {
        init = null;
      } else {
        init = pick(random, Init.values());
        if (tame && !output && init == Init.ZEROS && units[0] > 1) {
          init = Init.HE;
        }
      }
      Integer fanIn = null;
      int r = random.nextInt(10);
      if (r < 2) {
        fanIn = previous;
      } else if (r == 2 && !tame) {
        fanIn = pickInt(random, 0, -1, previous + 1, previous - 1, 7, Integer.MAX_VALUE);
      } else if (r == 3 && tame) {
        fanIn = 0;
      }
      Double leak = null;
      String leakSource = null;
      if (random.nextInt(3) == 0) {
        String[] tameLeaks = {"0.01", "0.1", "0.5", "0.999", "1e-9", "0.25"};
        String[] wildLeaks = {
          "0", "1", "1.0", "1.5", "-0.2", "-0.0", "Double.NaN", "Double.POSITIVE_INFINITY",
          "Double.NEGATIVE_INFINITY", "Double.MIN_VALUE", "0.3", "2", "1 - 1e-16", "-1"
        };
        leakSource =
            tame || random.nextBoolean() ? pick(random, tameLeaks) : pick(random, wildLeaks);
        leak = leakValue(leakSource);
      }
      String name = null;
      if (random.nextInt(3) == 0) {
        name = layerName(random, tame, names);
        names.add(name);
      }
      layers.add(
          new LayerDraw(
              units[0], sizeSource(units), activation, init, fanIn, leak, leakSource, name));
      previous = units[0];
    }

    String weights = null;
    if (random.nextInt(10) == 0) {
      weights =
          tame
              ? ""
              : pick(random, "absent-model.npz", "absent/weights.npz", " ", "../absent.npz",
                  "absent.NPZ", "nested/absent/model.npz", "quote\"absent.npz", "",
                  "/absent/path.npz");
    }
    Target target;
    if (tame) {
      List<Target> valid = new ArrayList<>();
      for (Target t : Target.values()) {
        if (t.valid) {
          valid.add(t);
        }
      }
      target = valid.get(random.nextInt(valid.size()));
    } else {
      target = pick(random, Target.values());
    }
    Extra extra;
    if (target.isInterface() || target.isAbstractClass()) {
      extra =
          tame
              ? pick(random, Extra.NONE, Extra.NONE, Extra.DEFAULT_METHOD,
                  Extra.REDECLARED_MODEL_METHOD, Extra.MEMBERS)
              : pick(random, Extra.values());
    } else {
      extra = Extra.NONE;
    }
    return new RandomDeclaration(
        index,
        tame ? TAME : WILD,
        hasNetwork,
        inputs[0],
        sizeSource(inputs),
        loss,
        weights,
        random.nextInt(8) == 0,
        layers,
        target,
        extra,
        random.nextInt(10) == 0,
        null,
        MODEL);
  }

  static final String MODEL = "Model";
  static final String FLOAT_MODEL = "FloatModel";

  /**
   * This declaration in a precision drawn from {@code random}, a stream of its own so that the
   * rest of every case stays what it was before precision was drawn: a quarter become {@code
   * precision = FLOAT} on a type that extends {@code FloatModel} where it extends a model at all,
   * one in twenty state {@code precision = DOUBLE}, and one in fifteen get the model interface of
   * the other precision (a tame case so broken becomes a one-mistake case).
   */
  RandomDeclaration withPrecision(Random random) {
    int r = random.nextInt(60);
    Precision p;
    String model;
    String mode = this.mode;
    if (r < 15) {
      p = Precision.FLOAT;
      model = FLOAT_MODEL;
    } else if (r < 18) {
      p = Precision.DOUBLE;
      model = MODEL;
    } else if (r < 22) {
      boolean toFloat = random.nextBoolean();
      p = toFloat ? Precision.FLOAT : random.nextBoolean() ? Precision.DOUBLE : null;
      model = toFloat ? MODEL : FLOAT_MODEL;
      if (mode.equals(TAME) && extendsAModel()) {
        mode = ONE_MISTAKE;
      }
    } else {
      return this;
    }
    return new RandomDeclaration(
        index, mode, hasNetwork, inputs, inputsSource, loss, weights, explicitContainer, layers,
        target, extra, unnamedPackage, p, model);
  }

  /** The same declaration in double precision: what a float model is compared with. */
  RandomDeclaration doubleTwin() {
    return new RandomDeclaration(
        index, mode, hasNetwork, inputs, inputsSource, loss, weights, explicitContainer, layers,
        target, extra, unnamedPackage, null, MODEL);
  }

  /** Whether the declaration asks for single precision. */
  boolean isFloat() {
    return precision == Precision.FLOAT;
  }

  /** Whether the header extends or implements a model interface (see {@link #header()}). */
  private boolean extendsAModel() {
    return header().endsWith(" " + MODEL);
  }

  /** This tame declaration with one thing taken from {@code wild}. */
  private RandomDeclaration withOneFrom(RandomDeclaration wild, Random random) {
    boolean hasNetwork = this.hasNetwork;
    int inputs = this.inputs;
    String inputsSource = this.inputsSource;
    Loss loss = this.loss;
    String weights = this.weights;
    List<LayerDraw> layers = new ArrayList<>(this.layers);
    Target target = this.target;
    Extra extra = this.extra;
    int what = random.nextInt(wild.layers.isEmpty() ? 7 : 13);
    switch (what) {
      case 0 -> hasNetwork = wild.hasNetwork;
      case 1 -> {
        inputs = wild.inputs;
        inputsSource = wild.inputsSource;
      }
      case 2 -> loss = wild.loss;
      case 3 -> weights = wild.weights;
      case 4 -> target = wild.target;
      case 5 -> extra = wild.extra;
      case 6 -> layers = new ArrayList<>(wild.layers);
      default -> {
        int i = random.nextInt(layers.size());
        LayerDraw t = layers.get(i);
        LayerDraw w = wild.layers.get(Math.min(i, wild.layers.size() - 1));
        layers.set(
            i,
            switch (what) {
              case 7 -> new LayerDraw(w.units(), w.unitsSource(), t.activation(), t.init(),
                  t.inputs(), t.leak(), t.leakSource(), t.name());
              case 8 -> new LayerDraw(t.units(), t.unitsSource(), w.activation(), t.init(),
                  t.inputs(), t.leak(), t.leakSource(), t.name());
              case 9 -> new LayerDraw(t.units(), t.unitsSource(), t.activation(), w.init(),
                  t.inputs(), t.leak(), t.leakSource(), t.name());
              case 10 -> new LayerDraw(t.units(), t.unitsSource(), t.activation(), t.init(),
                  w.inputs(), t.leak(), t.leakSource(), t.name());
              case 11 -> new LayerDraw(t.units(), t.unitsSource(), t.activation(), t.init(),
                  t.inputs(), w.leak(), w.leakSource(), t.name());
              default -> new LayerDraw(t.units(), t.unitsSource(), t.activation(), t.init(),
                  t.inputs(), t.leak(), t.leakSource(), w.name());
            });
      }
    }
    if (!hasNetwork && layers.isEmpty()) {
      hasNetwork = true;
    }
    if (!target.isInterface() && !target.isAbstractClass()) {
      // Only an interface or abstract class has a body for the extras.
      extra = Extra.NONE;
    }
    return new RandomDeclaration(
        index, ONE_MISTAKE, hasNetwork, inputs, inputsSource, loss, weights, explicitContainer,
        layers, target, extra, unnamedPackage, precision, modelInterface);
  }

  /** A size and how it is written: mostly 1..6, sometimes 0, negative, large or huge. */
  private static int[] size(Random random, boolean tame) {
    int r = random.nextInt(100);
    if (tame || r < 70) {
      // Now and then a wider layer: gradient checks sample its entries.
      return new int[] {r % 23 == 0 ? 20 + random.nextInt(60) : 1 + random.nextInt(6), 0};
    }
    if (r < 78) {
      return new int[] {0, 0};
    }
    if (r < 88) {
      return new int[] {pickInt(random, -1, -2, -7, -100), 0};
    }
    if (r < 91) {
      return new int[] {Integer.MIN_VALUE, 1};
    }
    if (r < 94) {
      return new int[] {Integer.MAX_VALUE, 1};
    }
    if (r < 97) {
      return new int[] {100_000 + random.nextInt(1000), 0};
    }
    // A constant expression rather than a literal.
    return new int[] {3, 2};
  }

  private static String sizeSource(int[] size) {
    return switch (size[1]) {
      case 1 -> size[0] == Integer.MIN_VALUE ? "Integer.MIN_VALUE" : "Integer.MAX_VALUE";
      case 2 -> "1 + 2";
      default -> Integer.toString(size[0]);
    };
  }

  private static Activation outputFor(Random random, Loss loss) {
    return switch (loss) {
      case BINARY_CROSS_ENTROPY -> Activation.SIGMOID;
      case CATEGORICAL_CROSS_ENTROPY -> Activation.SOFTMAX;
      case MEAN_SQUARED_ERROR ->
          pick(random, Activation.LINEAR, Activation.TANH, Activation.RELU,
              Activation.LEAKY_RELU, Activation.SIGMOID);
    };
  }

  private static double leakValue(String source) {
    return switch (source) {
      case "Double.NaN" -> Double.NaN;
      case "Double.POSITIVE_INFINITY" -> Double.POSITIVE_INFINITY;
      case "Double.NEGATIVE_INFINITY" -> Double.NEGATIVE_INFINITY;
      case "Double.MIN_VALUE" -> Double.MIN_VALUE;
      case "1 - 1e-16" -> 1 - 1e-16;
      default -> Double.parseDouble(source);
    };
  }

  private static String layerName(Random random, boolean tame, List<String> earlier) {
    String[] fine = {
      "hidden", "output", "layer one", "x_1", "%s", "100%", "$L", "$$", "{@code x}", "<b>",
      "a/b", "/*", "*", "'", "quote\"d", "tab-less", "", "@Layer", "x".repeat(60), "&amp;",
      "}", "{", "\"\"", "-", "1"
    };
    String[] odd = {
      "end*/", "back\\slash", "new\nline", "cr\rhere", "tab\there", "\u0001", "   ", " ",
      "caf\u00e9", "\u65e5\u672c", "\u007f", "\\u000a", "a*/b*/", "\u2028"
    };
    if (!earlier.isEmpty() && random.nextInt(tame ? 12 : 4) == 0) {
      String again = earlier.get(random.nextInt(earlier.size()));
      if (!tame || again.isEmpty()) {
        return again;
      }
    }
    if (tame || random.nextBoolean()) {
      String name = pick(random, fine);
      // A tame declaration keeps its names unique.
      return tame && earlier.contains(name) ? name + earlier.size() : name;
    }
    return pick(random, odd);
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static int pickInt(Random random, int... choices) {
    return choices[random.nextInt(choices.length)];
  }

  // ---------------------------------------------------------------- the oracle

  /**
   * Every compile-time rule this declaration breaks, in words; empty when netc must accept it.
   * Written from the rules as documented, not from the processor.
   */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (!hasNetwork) {
      problems.add("@Layer without @Network");
      return problems;
    }
    if (inputs <= 0) {
      problems.add("sizes: inputs = " + inputs);
    }
    if (layers.isEmpty()) {
      problems.add("sizes: no @Layer");
    }
    int previous = inputs;
    int count = layers.size();
    Set<String> names = new HashSet<>();
    for (int l = 1; l <= count; l++) {
      LayerDraw layer = layers.get(l - 1);
      boolean hidden = l < count;
      if (layer.units() <= 0) {
        problems.add("sizes: layer " + l + " units = " + layer.units());
      }
      if (layer.inputs() != null && layer.inputs() != 0 && layer.inputs() != previous) {
        problems.add("dimensions: layer " + l + " inputs = " + layer.inputs() + ", n[l-1] = "
            + previous);
      }
      if (hidden && layer.g() == Activation.SOFTMAX) {
        problems.add("softmax: SOFTMAX on hidden layer " + l);
      }
      if (hidden && layer.initOrDefault() == Init.ZEROS && layer.units() > 1) {
        problems.add("symmetry: ZEROS on hidden layer " + l + " of " + layer.units() + " units");
      }
      double leak = layer.leakOrDefault();
      if (layer.g() == Activation.LEAKY_RELU && !(leak > 0 && leak < 1)) {
        problems.add("leak: leak " + leak + " on layer " + l);
      }
      String name = layer.name();
      if (name != null && !name.isEmpty()) {
        if (!printable(name)) {
          problems.add("name of layer " + l + " is not printable ASCII without */ or \\");
        } else if (!names.add(name)) {
          problems.add("name of layer " + l + " repeats \"" + name + "\"");
        }
      }
      previous = layer.units();
    }
    if (!layers.isEmpty()) {
      LayerDraw output = layers.get(count - 1);
      Loss j = loss == null ? Loss.BINARY_CROSS_ENTROPY : loss;
      Activation g = output.g();
      if (g == Activation.SOFTMAX && j != Loss.CATEGORICAL_CROSS_ENTROPY) {
        problems.add("softmax: SOFTMAX output with " + j);
      }
      if (g == Activation.SOFTMAX && output.units() < 2) {
        problems.add("softmax: SOFTMAX output of " + output.units() + " units");
      }
      if (j == Loss.CATEGORICAL_CROSS_ENTROPY && g != Activation.SOFTMAX) {
        problems.add("softmax: CATEGORICAL_CROSS_ENTROPY with a " + g + " output");
      }
      if (j == Loss.BINARY_CROSS_ENTROPY && g != Activation.SIGMOID) {
        problems.add("loss: BINARY_CROSS_ENTROPY with a " + g + " output");
      }
    }
    if (weights != null && !weights.isEmpty()) {
      // No test resource exists: either weights are unsupported or the file is missing.
      problems.add("weights: weights \"" + weights + "\" cannot be read");
    }
    if (!target.valid) {
      problems.add("type: the type is " + target);
    }
    if (!extra.valid) {
      problems.add("type: " + extra);
    }
    String expected = isFloat() ? FLOAT_MODEL : MODEL;
    if (extendsAModel() && !modelInterface.equals(expected)) {
      problems.add(
          "precision " + (precision == null ? "DOUBLE (default)" : precision) + " on a type that"
              + " extends " + modelInterface);
    }
    return problems;
  }

  /** Printable ASCII, not only blanks, no backslash, no comment end. */
  private static boolean printable(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '\\') {
        return false;
      }
    }
    return !name.isBlank() && !name.contains("*/");
  }

  // ---------------------------------------------------------------- what the test needs

  /**
   * The package and the prefix of the generated names: {@code fuzz.Outer_Net}, or {@code
   * Outer_Net} in the unnamed package.
   */
  String generatedPrefix() {
    return (unnamedPackage ? "" : "fuzz.") + simplePrefix();
  }

  private String simplePrefix() {
    return target.nested() ? "Outer_Net" : "Net";
  }

  /** {@code n[0..L]}. */
  int[] sizes() {
    int[] n = new int[layers.size() + 1];
    n[0] = inputs;
    for (int l = 1; l <= layers.size(); l++) {
      n[l] = layers.get(l - 1).units();
    }
    return n;
  }

  /** How many parameters the model has: the test only builds small ones. */
  long parameterCount() {
    long count = 0;
    int[] n = sizes();
    for (int l = 1; l < n.length; l++) {
      count += (long) n[l] * n[l - 1] + n[l];
    }
    return count;
  }

  GradientCheck.Network network() {
    Activation[] g = new Activation[layers.size()];
    double[] leaks = new double[layers.size()];
    for (int l = 0; l < layers.size(); l++) {
      g[l] = layers.get(l).g();
      leaks[l] = layers.get(l).leakOrDefault();
    }
    return new GradientCheck.Network(
        g, leaks, loss == null ? Loss.BINARY_CROSS_ENTROPY : loss);
  }

  /** The output layer's (activation, loss, init) of this case, for coverage counts. */
  String combination() {
    if (layers.isEmpty()) {
      return "no layers";
    }
    LayerDraw output = layers.get(layers.size() - 1);
    return output.g() + "/" + (loss == null ? Loss.BINARY_CROSS_ENTROPY : loss) + "/"
        + output.initOrDefault();
  }

  // ---------------------------------------------------------------- the source

  JavaFileObject file() {
    return JavaFileObjects.forSourceString(
        (unnamedPackage ? "" : "fuzz.") + (target.nested() ? "Outer" : "Net"), source());
  }

  String source() {
    StringBuilder s = new StringBuilder();
    if (!unnamedPackage) {
      s.append("package fuzz;\n\n");
    }
    s.append("import dev.netc.annotations.*;\n");
    if (modelInterface.equals(FLOAT_MODEL)) {
      s.append("import dev.netc.runtime.FloatModel;\n");
    }
    s.append("import dev.netc.runtime.Model;\n\n");
    String indent = "";
    if (target.nested()) {
      boolean inInterface =
          target == Target.NESTED_IN_INTERFACE || target == Target.ABSTRACT_CLASS_IN_INTERFACE;
      s.append(inInterface ? "public interface Outer {\n" : "public class Outer {\n");
      indent = "  ";
    }
    annotations(s, indent);
    String header = header();
    if (extendsAModel()) {
      header = header.substring(0, header.length() - MODEL.length()) + modelInterface;
    }
    s.append(indent).append(header).append(" {\n");
    s.append(body(indent + "  "));
    s.append(indent).append("}\n");
    if (target.nested()) {
      s.append("}\n");
    }
    if (extra == Extra.CLASS_WITH_A_GENERATED_NAME) {
      s.append("\nclass ").append(simplePrefix()).append("Model {}\n");
    }
    return s.toString();
  }

  private void annotations(StringBuilder s, String indent) {
    if (hasNetwork) {
      List<String> attributes = new ArrayList<>();
      attributes.add("inputs = " + inputsSource);
      if (loss != null) {
        attributes.add("loss = Loss." + loss);
      }
      if (weights != null) {
        attributes.add("weights = " + literal(weights));
      }
      if (precision != null) {
        attributes.add("precision = Precision." + precision);
      }
      s.append(indent).append("@Network(").append(String.join(", ", attributes)).append(")\n");
    }
    if (explicitContainer && !layers.isEmpty()) {
      s.append(indent).append("@Layer.List({\n");
      for (int i = 0; i < layers.size(); i++) {
        s.append(indent).append("  ").append(layer(layers.get(i)));
        s.append(i + 1 < layers.size() ? ",\n" : "\n");
      }
      s.append(indent).append("})\n");
    } else {
      for (LayerDraw layer : layers) {
        s.append(indent).append(layer(layer)).append("\n");
      }
    }
  }

  private static String layer(LayerDraw layer) {
    List<String> attributes = new ArrayList<>();
    attributes.add("units = " + layer.unitsSource());
    if (layer.activation() != null) {
      attributes.add("activation = Activation." + layer.activation());
    }
    if (layer.init() != null) {
      attributes.add("init = Init." + layer.init());
    }
    if (layer.inputs() != null) {
      attributes.add(
          "inputs = "
              + (layer.inputs() == Integer.MAX_VALUE ? "Integer.MAX_VALUE" : layer.inputs()));
    }
    if (layer.leakSource() != null) {
      attributes.add("leak = " + layer.leakSource());
    }
    if (layer.name() != null) {
      attributes.add("name = " + literal(layer.name()));
    }
    return "@Layer(" + String.join(", ", attributes) + ")";
  }

  private String header() {
    return switch (target) {
      case INTERFACE_EXTENDING_MODEL -> "public interface Net extends Model";
      case PLAIN_INTERFACE -> "interface Net";
      case ABSTRACT_CLASS, ABSTRACT_CLASS_WITH_CONSTRUCTOR, ONLY_CONSTRUCTOR_WITH_PARAMETERS,
          PRIVATE_CONSTRUCTOR -> "public abstract class Net implements Model";
      case PLAIN_ABSTRACT_CLASS -> "abstract class Net";
      case NESTED_IN_CLASS -> "public static interface Net extends Model";
      case NESTED_IN_INTERFACE -> "interface Net extends Model";
      case STATIC_NESTED_ABSTRACT_CLASS -> "protected abstract static class Net implements Model";
      case ABSTRACT_CLASS_IN_INTERFACE -> "abstract class Net implements Model";
      case CONCRETE_CLASS -> "public class Net";
      case ENUM -> "enum Net";
      case RECORD -> "record Net(int x)";
      case ANNOTATION_TYPE -> "@interface Net";
      case PRIVATE_NESTED -> "private interface Net extends Model";
      case INNER_CLASS -> "abstract class Net implements Model";
      case GENERIC_INTERFACE -> "interface Net<T> extends Model";
    };
  }

  private String body(String indent) {
    StringBuilder s = new StringBuilder();
    switch (target) {
      case ENUM -> s.append(indent).append("A, B\n");
      case ABSTRACT_CLASS_WITH_CONSTRUCTOR -> s.append(indent).append("protected Net() {}\n");
      case ONLY_CONSTRUCTOR_WITH_PARAMETERS -> s.append(indent).append("Net(int seed) {}\n");
      case PRIVATE_CONSTRUCTOR -> s.append(indent).append("private Net() {}\n");
      default -> {}
    }
    boolean isInterface = target.isInterface();
    switch (extra) {
      case DEFAULT_METHOD ->
          s.append(indent)
              .append(isInterface ? "default " : "public ")
              .append("int depth() { return layerSizes().length - 1; }\n");
      case REDECLARED_MODEL_METHOD ->
          s.append(indent).append(isInterface ? "" : "public abstract ")
              .append("String summary();\n");
      case MEMBERS -> {
        if (isInterface) {
          s.append(indent).append("int VERSION = 3;\n");
          s.append(indent).append("interface Config { int size(); }\n");
          s.append(indent).append("static String describe(Model m) { return m.summary(); }\n");
        } else {
          s.append(indent).append("protected int calls;\n");
          s.append(indent).append("static final class Helper { int x; }\n");
          s.append(indent).append("public String describe() { calls++; return toString(); }\n");
          s.append(indent).append("@Override public String toString() { return \"net\"; }\n");
        }
      }
      case EXTRA_ABSTRACT_METHOD ->
          s.append(indent).append(isInterface ? "" : "abstract ").append("void train(int n);\n");
      default -> {}
    }
    if ((target == Target.PLAIN_INTERFACE || target == Target.PLAIN_ABSTRACT_CLASS)
        && extra == Extra.DEFAULT_METHOD) {
      // layerSizes() is not inherited without Model: keep the source valid Java.
      return s.toString().replace("layerSizes().length - 1", "1");
    }
    return s.toString();
  }

  /** A Java string literal for {@code s}, ASCII only. */
  static String literal(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
