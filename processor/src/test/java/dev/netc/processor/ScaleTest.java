package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.netc.annotations.Activation;
import dev.netc.annotations.Init;
import dev.netc.annotations.Loss;
import dev.netc.runtime.FloatModel;
import dev.netc.runtime.Model;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Scale and variety (issue 3, part 5): many networks in one compilation across packages, nested
 * declarations, a user class that already has a generated name, a deep network and a wide one.
 * Generated models are loaded from the compilation's class files ({@link GeneratedClasses}) and
 * checked against the oracles of {@link GradientCheck}: their forward pass and cost against a
 * reference in plain loops, their gradients against central differences of their cost.
 */
final class ScaleTest {
  /** Generous, for a loaded 2-core machine: the deep and wide compilations take about a second. */
  private static final Duration COMPILE_LIMIT = Duration.ofSeconds(20);

  private static final double GRADIENT_TOLERANCE = 1e-6;

  @Test
  void fortyNetworksInFourPackagesInOneCompilation() {
    List<Declared> networks = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      networks.add(varied(i));
    }
    Compilation c =
        GeneratedClasses.compile(
            networks.stream().map(Declared::source).toArray(JavaFileObject[]::new));

    assertThat(c).succeededWithoutWarnings();
    assertThat(c.generatedSourceFiles()).hasSize(3 * networks.size());
    GeneratedClasses classes = GeneratedClasses.of(c);
    for (Declared network : networks) {
      for (String suffix : List.of("Forward", "Backward", "Model")) {
        assertThat(c).generatedSourceFile(network.qualifiedName() + suffix).isNotNull();
      }
      Model model = classes.create(network.qualifiedName() + "Model", 7);
      assertWithMessage(network.qualifiedName())
          .that(model.layerSizes())
          .isEqualTo(network.sizes());
      check(network.qualifiedName(), model, network.oracle(), 4, 1000);
    }
  }

  /**
   * Twenty of those networks in single precision next to their double twins, in one compilation:
   * each float model computes what its twin computes, to float accuracy, and the twin passes the
   * double checks.
   */
  @Test
  void twentyFloatNetworksMatchTheirDoubleTwins(TestReporter reporter) {
    List<Declared> singles = new ArrayList<>();
    List<JavaFileObject> sources = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Declared single = varied(i, true);
      singles.add(single);
      sources.add(single.source());
      sources.add(varied(i, false).source());
    }
    Compilation c = GeneratedClasses.compile(sources.toArray(JavaFileObject[]::new));

    assertThat(c).succeededWithoutWarnings();
    GeneratedClasses classes = GeneratedClasses.of(c);
    double worst = 0;
    for (Declared single : singles) {
      String name = single.qualifiedName();
      String twinName = name.substring(0, name.length() - "Float".length());
      // "implements NetNNFloat, FloatModel {" or "extends NetNNFloat implements FloatModel {"
      assertThat(GeneratedClasses.generatedText(c, name + "Model")).contains(" FloatModel {");
      FloatModel model = classes.createFloat(name + "Model", 7);
      assertWithMessage(name).that(model.layerSizes()).isEqualTo(single.sizes());
      GradientCheck.FloatResult r =
          checkFloat(name, model, classes.create(twinName + "Model", 7), single.oracle(), 4,
              1000);
      worst = Math.max(worst, r.gradientError());
    }
    String measured = String.format(Locale.ROOT, "worst float gradient error %.2e", worst);
    reporter.publishEntry("20 float networks", measured);
    System.out.println("ScaleTest 20 float networks: " + measured);
  }

  @Test
  void nestedDeclarationsInClassesAndInterfaces() {
    JavaFileObject outer =
        JavaFileObjects.forSourceLines(
            "nest.Outer",
            "package nest;",
            "",
            "import dev.netc.annotations.*;",
            "import dev.netc.runtime.Model;",
            "",
            "public class Outer {",
            "  @Network(inputs = 2)",
            "  @Layer(units = 3, activation = Activation.TANH)",
            "  @Layer(units = 1, activation = Activation.SIGMOID)",
            "  public static interface InClass extends Model {}",
            "",
            "  @Network(inputs = 3, loss = Loss.MEAN_SQUARED_ERROR)",
            "  @Layer(units = 2, activation = Activation.LINEAR)",
            "  abstract static class AbstractInClass implements Model {}",
            "",
            "  interface Middle {",
            "    @Network(inputs = 4, loss = Loss.CATEGORICAL_CROSS_ENTROPY)",
            "    @Layer(units = 5, activation = Activation.RELU)",
            "    @Layer(units = 3, activation = Activation.SOFTMAX)",
            "    interface Deep extends Model {}",
            "  }",
            "}");
    JavaFileObject holder =
        JavaFileObjects.forSourceLines(
            "nest.Holder",
            "package nest;",
            "",
            "import dev.netc.annotations.*;",
            "import dev.netc.runtime.Model;",
            "",
            "public interface Holder {",
            "  @Network(inputs = 2)",
            "  @Layer(units = 1, activation = Activation.SIGMOID)",
            "  interface InInterface extends Model {}",
            "",
            "  /** Implicitly static: a member class of an interface. */",
            "  @Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "  @Layer(units = 3, activation = Activation.LEAKY_RELU, leak = 0.2)",
            "  @Layer(units = 2, activation = Activation.TANH)",
            "  abstract class AbstractInInterface implements Model {}",
            "}");

    Compilation c = GeneratedClasses.compile(outer, holder);

    assertThat(c).succeededWithoutWarnings();
    GeneratedClasses classes = GeneratedClasses.of(c);
    record Nested(String model, int[] sizes, GradientCheck.Network oracle) {}
    List<Nested> expected =
        List.of(
            new Nested("nest.Outer_InClassModel", new int[] {2, 3, 1},
                oracle(Loss.BINARY_CROSS_ENTROPY, Activation.TANH, Activation.SIGMOID)),
            new Nested("nest.Outer_AbstractInClassModel", new int[] {3, 2},
                oracle(Loss.MEAN_SQUARED_ERROR, Activation.LINEAR)),
            new Nested("nest.Outer_Middle_DeepModel", new int[] {4, 5, 3},
                oracle(Loss.CATEGORICAL_CROSS_ENTROPY, Activation.RELU, Activation.SOFTMAX)),
            new Nested("nest.Holder_InInterfaceModel", new int[] {2, 1},
                oracle(Loss.BINARY_CROSS_ENTROPY, Activation.SIGMOID)),
            new Nested("nest.Holder_AbstractInInterfaceModel", new int[] {2, 3, 2},
                new GradientCheck.Network(
                    new Activation[] {Activation.LEAKY_RELU, Activation.TANH},
                    new double[] {0.2, 0.01},
                    Loss.MEAN_SQUARED_ERROR)));
    for (Nested n : expected) {
      Model model = classes.create(n.model(), 3);
      assertWithMessage(n.model()).that(model.layerSizes()).isEqualTo(n.sizes());
      check(n.model(), model, n.oracle(), 5, 1000);
    }
    assertThat(GeneratedClasses.generatedText(c, "nest.Outer_Middle_DeepModel"))
        .contains("implements Outer.Middle.Deep, Model");
    assertThat(GeneratedClasses.generatedText(c, "nest.Holder_AbstractInInterfaceModel"))
        .contains("extends Holder.AbstractInInterface implements Model");
  }

  @Test
  void userClassWithAGeneratedNameIsOneErrorAndTheOtherNetworksStillCompile() {
    JavaFileObject net =
        network("clash.Net", "@Network(inputs = 2)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "public interface Net extends Model {}");
    JavaFileObject userModel =
        JavaFileObjects.forSourceLines(
            "clash.NetModel", "package clash;", "", "public class NetModel {}");
    JavaFileObject outer =
        network("clash.Outer", "public class Outer {",
            "  @Network(inputs = 2)",
            "  @Layer(units = 1, activation = Activation.SIGMOID)",
            "  public interface Inner extends Model {}",
            "}");
    JavaFileObject userForward =
        JavaFileObjects.forSourceLines(
            "clash.Outer_InnerForward",
            "package clash;",
            "",
            "final class Outer_InnerForward {",
            "  static final int NOT_GENERATED = 1;",
            "}");
    JavaFileObject bystander =
        network("clash.Fine", "@Network(inputs = 2)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "public interface Fine extends Model {}");

    Compilation c = GeneratedClasses.compile(userModel, net, outer, userForward, bystander);

    assertNoInternalError("name clash", c);
    assertThat(c)
        .hadErrorContaining(
            "[netc.name-clash] Net: netc generates clash.NetModel but the type clash.NetModel"
                + " already has that name; rename one of them")
        .inFile(net)
        .onLineContaining("public interface Net");
    assertThat(c)
        .hadErrorContaining(
            "[netc.name-clash] Inner: netc generates clash.Outer_InnerForward but the type"
                + " clash.Outer_InnerForward already has that name")
        .inFile(outer)
        .onLineContaining("public interface Inner");
    assertThat(c).hadErrorCount(2);
    // Compile Testing hides generated files of a failed compilation; the bystander is untouched.
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      assertWithMessage(d.toString()).that(d.getSource()).isNotEqualTo(bystander);
    }
  }

  @Test
  void fiftyLayersCompileQuicklyAndTheirGradientsCheck(TestReporter reporter) {
    int layers = 50;
    Deep deep = deep("deep.Deep", layers, false);

    long start = System.nanoTime();
    Compilation c = GeneratedClasses.compile(deep.source());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(c).succeededWithoutWarnings();
    assertWithMessage("compile time").that(took).isLessThan(COMPILE_LIMIT);
    String forward = GeneratedClasses.generatedText(c, "deep.DeepForward");
    String backward = GeneratedClasses.generatedText(c, "deep.DeepBackward");
    assertThat(blocks(forward, "// layer (\\d+) \\(l\\1\\): Z\\1 = W\\1 @ ")).isEqualTo(
        range(layers));
    assertThat(blocks(backward, "// dW(\\d+) = \\(1/m\\) \\* dZ\\1 @ ")).isEqualTo(range(layers));
    assertThat(blocks(backward, "// dA(\\d+) = W\\d+\\.T @ dZ\\d+")).isEqualTo(
        range(layers - 1));
    // Unrolled: no loop statement at all.
    Pattern loop = Pattern.compile("^\\s*(for|while|do)\\b", Pattern.MULTILINE);
    assertThat(loop.matcher(forward).find()).isFalse();
    assertThat(loop.matcher(backward).find()).isFalse();

    Model model = GeneratedClasses.of(c).create("deep.DeepModel", 11);
    assertThat(model.layerSizes()).isEqualTo(deep.sizes());
    // A few entries of every W[l] and b[l]: 200 of them.
    GradientCheck.Result r = check("deep.Deep", model, deep.oracle(), 3, 2);
    assertThat(r.entries()).isEqualTo(2 * layers * 2 - 1);
    String measured = "compiled in " + took.toMillis() + " ms; " + r;
    reporter.publishEntry("50 layers", measured);
    System.out.println("ScaleTest " + "50 layers" + ": " + measured);
  }

  /** A 50-layer network in single precision: float rounding compounds over depth. */
  @Test
  void fiftyFloatLayersMatchTheirDoubleTwin(TestReporter reporter) {
    Deep single = deep("deep.DeepFloat", 50, true);
    Deep twin = deep("deep.Deep", 50, false);
    Compilation c = GeneratedClasses.compile(single.source(), twin.source());
    assertThat(c).succeededWithoutWarnings();
    GeneratedClasses classes = GeneratedClasses.of(c);
    GradientCheck.FloatResult r =
        checkFloat("deep.DeepFloat", classes.createFloat("deep.DeepFloatModel", 11),
            classes.create("deep.DeepModel", 11), single.oracle(), 3, 2);
    reporter.publishEntry("50 float layers", r.toString());
    System.out.println("ScaleTest " + "50 float layers" + ": " + r);
  }

  private record Deep(JavaFileObject source, int[] sizes, GradientCheck.Network oracle) {}

  /** {@code layers} layers of 4 to 6 units, tanh, leaky relu, relu and sigmoid in turn. */
  private static Deep deep(String qualifiedName, int layers, boolean single) {
    String simpleName = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    List<String> lines = new ArrayList<>();
    lines.add(
        "@Network(inputs = 5, loss = Loss.BINARY_CROSS_ENTROPY"
            + (single ? ", precision = Precision.FLOAT)" : ")"));
    Activation[] g = new Activation[layers];
    double[] leaks = new double[layers];
    Activation[] hidden = {
      Activation.TANH, Activation.LEAKY_RELU, Activation.TANH, Activation.RELU, Activation.SIGMOID
    };
    int[] sizes = new int[layers + 1];
    sizes[0] = 5;
    for (int l = 1; l <= layers; l++) {
      g[l - 1] = l == layers ? Activation.SIGMOID : hidden[(l - 1) % hidden.length];
      leaks[l - 1] = g[l - 1] == Activation.LEAKY_RELU ? 0.1 : 0.01;
      sizes[l] = l == layers ? 1 : 4 + l % 3;
      lines.add(
          String.format(
              Locale.ROOT,
              "@Layer(units = %d, activation = Activation.%s%s, name = \"l%d\")",
              sizes[l],
              g[l - 1],
              g[l - 1] == Activation.LEAKY_RELU ? ", leak = 0.1" : "",
              l));
    }
    lines.add(
        "public interface " + simpleName + " extends " + (single ? "FloatModel" : "Model") + " {}");
    return new Deep(
        network(qualifiedName, lines.toArray(String[]::new)),
        sizes,
        new GradientCheck.Network(g, leaks, Loss.BINARY_CROSS_ENTROPY));
  }

  @Test
  void tenThousandInputsCompileQuicklyWithLiteralSizes(TestReporter reporter) {
    JavaFileObject source =
        network(
            "wide.Wide",
            "@Network(inputs = 10000, loss = Loss.MEAN_SQUARED_ERROR)",
            "@Layer(units = 16, activation = Activation.RELU, inputs = 10000)",
            "@Layer(units = 3, activation = Activation.LINEAR)",
            "public interface Wide extends Model {}");

    long start = System.nanoTime();
    Compilation c = GeneratedClasses.compile(source);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(c).succeededWithoutWarnings();
    assertWithMessage("compile time").that(took).isLessThan(COMPILE_LIMIT);
    String forward = GeneratedClasses.generatedText(c, "wide.WideForward");
    String backward = GeneratedClasses.generatedText(c, "wide.WideBackward");
    String model = GeneratedClasses.generatedText(c, "wide.WideModel");
    assertThat(forward).contains("(16x10000)(10000xm)");
    assertThat(backward).contains("-> 16x10000");
    assertThat(model).contains("new int[] {10000, 16, 3}");

    Model wide = GeneratedClasses.of(c).create("wide.WideModel", 5);
    assertThat(wide.layerSizes()).isEqualTo(new int[] {10000, 16, 3});
    assertThat(wide.parameters().W(1).rows).isEqualTo(16);
    assertThat(wide.parameters().W(1).columns).isEqualTo(10000);
    DoubleMatrix out = wide.forward(GradientCheck.gaussian(new Random(1), 10000, 3));
    assertThat(out.rows).isEqualTo(3);
    assertThat(out.columns).isEqualTo(3);
    GradientCheck.Result r =
        check(
            "wide.Wide",
            wide,
            new GradientCheck.Network(
                new Activation[] {Activation.RELU, Activation.LINEAR},
                new double[] {0.01, 0.01},
                Loss.MEAN_SQUARED_ERROR),
            3,
            20);
    String measured = "compiled in " + took.toMillis() + " ms; " + r;
    reporter.publishEntry("10000 inputs", measured);
    System.out.println("ScaleTest " + "10000 inputs" + ": " + measured);
  }

  /** 10000 inputs in single precision: each Z1 entry is a float sum of 10000 products. */
  @Test
  void tenThousandFloatInputsMatchTheirDoubleTwin(TestReporter reporter) {
    JavaFileObject single =
        network(
            "wide.WideFloat",
            "@Network(inputs = 10000, loss = Loss.MEAN_SQUARED_ERROR,"
                + " precision = Precision.FLOAT)",
            "@Layer(units = 16, activation = Activation.RELU, inputs = 10000)",
            "@Layer(units = 3, activation = Activation.LINEAR)",
            "public interface WideFloat extends FloatModel {}");
    JavaFileObject twin =
        network(
            "wide.Wide",
            "@Network(inputs = 10000, loss = Loss.MEAN_SQUARED_ERROR)",
            "@Layer(units = 16, activation = Activation.RELU, inputs = 10000)",
            "@Layer(units = 3, activation = Activation.LINEAR)",
            "public interface Wide extends Model {}");
    Compilation c = GeneratedClasses.compile(single, twin);
    assertThat(c).succeededWithoutWarnings();
    assertThat(GeneratedClasses.generatedText(c, "wide.WideFloatModel"))
        .contains("PARAMETER_BYTES = " + 4 * (16 * 10000 + 16 + 3 * 16 + 3) + "L;");
    GeneratedClasses classes = GeneratedClasses.of(c);
    FloatModel wide = classes.createFloat("wide.WideFloatModel", 5);
    assertThat(wide.parameters().W(1).rows).isEqualTo(16);
    assertThat(wide.parameters().W(1).columns).isEqualTo(10000);
    GradientCheck.FloatResult r =
        checkFloat(
            "wide.WideFloat",
            wide,
            classes.create("wide.WideModel", 5),
            new GradientCheck.Network(
                new Activation[] {Activation.RELU, Activation.LINEAR},
                new double[] {0.01, 0.01},
                Loss.MEAN_SQUARED_ERROR),
            3,
            20);
    reporter.publishEntry("10000 float inputs", r.toString());
    System.out.println("ScaleTest " + "10000 float inputs" + ": " + r);
  }

  // ---------------------------------------------------------------- helpers

  /** A valid network of the 40, varied by {@code i}: loss, depth, activations, inits, sizes. */
  private static Declared varied(int i) {
    return varied(i, false);
  }

  /**
   * {@link #varied(int)}, or with {@code single} the same network in single precision, named
   * {@code NetNNFloat} and extending {@code FloatModel} where the double one extends {@code Model}.
   */
  private static Declared varied(int i, boolean single) {
    Loss loss = Loss.values()[i % 3];
    int hiddenLayers = i % 4;
    Activation[] hidden = {
      Activation.TANH, Activation.RELU, Activation.LEAKY_RELU, Activation.SIGMOID
    };
    Init[] inits = {Init.AUTO, Init.XAVIER, Init.HE, Init.SMALL_RANDOM};
    int layers = hiddenLayers + 1;
    int[] sizes = new int[layers + 1];
    Activation[] g = new Activation[layers];
    double[] leaks = new double[layers];
    Init[] init = new Init[layers];
    sizes[0] = 1 + i % 7;
    for (int l = 1; l < layers; l++) {
      sizes[l] = 1 + (i + l) % 5;
      g[l - 1] = hidden[(i + l) % hidden.length];
      init[l - 1] = inits[(i + 2 * l) % inits.length];
      leaks[l - 1] = g[l - 1] == Activation.LEAKY_RELU ? 0.05 * (1 + i % 4) : 0.01;
    }
    switch (loss) {
      case BINARY_CROSS_ENTROPY -> {
        sizes[layers] = 1 + i % 2;
        g[layers - 1] = Activation.SIGMOID;
      }
      case CATEGORICAL_CROSS_ENTROPY -> {
        sizes[layers] = 2 + i % 3;
        g[layers - 1] = Activation.SOFTMAX;
      }
      case MEAN_SQUARED_ERROR -> {
        sizes[layers] = 1 + i % 3;
        Activation[] outputs = {Activation.LINEAR, Activation.TANH, Activation.RELU};
        g[layers - 1] = outputs[i % 3];
      }
    }
    leaks[layers - 1] = 0.01;
    init[layers - 1] = i % 5 == 0 ? Init.ZEROS : inits[i % inits.length];
    String pkg = "p" + i % 4;
    String name = String.format(Locale.ROOT, "Net%02d", i) + (single ? "Float" : "");
    String model = single ? "FloatModel" : "Model";
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT, "@Network(inputs = %d, loss = Loss.%s%s)", sizes[0], loss,
            single ? ", precision = Precision.FLOAT" : ""));
    for (int l = 1; l <= layers; l++) {
      lines.add(
          String.format(
              Locale.ROOT,
              "@Layer(units = %d, activation = Activation.%s, init = Init.%s%s)",
              sizes[l],
              g[l - 1],
              init[l - 1],
              g[l - 1] == Activation.LEAKY_RELU ? ", leak = " + leaks[l - 1] : ""));
    }
    lines.add(
        i % 3 == 0
            ? "public abstract class " + name + " implements " + model + " {}"
            : "public interface " + name + (i % 2 == 0 ? " {}" : " extends " + model + " {}"));
    return new Declared(
        pkg + "." + name,
        network(pkg + "." + name, lines.toArray(String[]::new)),
        sizes,
        new GradientCheck.Network(g, leaks, loss));
  }

  private record Declared(
      String qualifiedName, JavaFileObject source, int[] sizes, GradientCheck.Network oracle) {}

  private static GradientCheck.Network oracle(Loss loss, Activation... g) {
    double[] leaks = new double[g.length];
    Arrays.fill(leaks, 0.01);
    return new GradientCheck.Network(g, leaks, loss);
  }

  private static GradientCheck.Result check(
      String name, Model model, GradientCheck.Network oracle, int examples, int entries) {
    GradientCheck.Result r = GradientCheck.run(model, oracle, 42, examples, entries);
    assertWithMessage("%s: forward against the reference, %s", name, r)
        .that(r.forwardError())
        .isAtMost(1e-9);
    assertWithMessage("%s: cost against the reference, %s", name, r)
        .that(r.costError())
        .isAtMost(1e-9 * (1 + Math.abs(r.cost())));
    assertWithMessage("%s: gradients against central differences, %s", name, r)
        .that(r.relativeError())
        .isLessThan(GRADIENT_TOLERANCE);
    return r;
  }

  /** {@link GradientCheck#runFloat}, every figure within its float tolerance. */
  private static GradientCheck.FloatResult checkFloat(
      String name, FloatModel model, Model twin, GradientCheck.Network oracle, int examples,
      int entries) {
    GradientCheck.FloatResult r =
        GradientCheck.runFloat(model, twin, oracle, 42, examples, entries);
    assertWithMessage("%s: the double twin against the reference, %s", name, r)
        .that(r.twin().forwardError())
        .isAtMost(1e-9);
    assertWithMessage("%s: the double twin against central differences, %s", name, r)
        .that(r.twin().relativeError())
        .isLessThan(GRADIENT_TOLERANCE);
    assertWithMessage("%s: forward against the double twin, %s", name, r)
        .that(r.forwardError())
        .isAtMost(GradientCheck.FLOAT_TOLERANCE);
    assertWithMessage("%s: cost against the double twin, %s", name, r)
        .that(r.costError())
        .isAtMost(GradientCheck.FLOAT_TOLERANCE);
    assertWithMessage("%s: gradients against the double twin, %s", name, r)
        .that(r.gradientError())
        .isAtMost(GradientCheck.FLOAT_TOLERANCE);
    return r;
  }

  /** The numbers captured by the first group of {@code regex}, as a sorted set. */
  private static TreeSet<Integer> blocks(String text, String regex) {
    TreeSet<Integer> found = new TreeSet<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      found.add(Integer.parseInt(m.group(1)));
    }
    return found;
  }

  private static TreeSet<Integer> range(int last) {
    TreeSet<Integer> all = new TreeSet<>();
    for (int i = 1; i <= last; i++) {
      all.add(i);
    }
    return all;
  }

  private static void assertNoInternalError(String what, Compilation c) {
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      assertWithMessage("%s: %s", what, d.getMessage(null))
          .that(d.getMessage(null))
          .doesNotContain("[netc.internal]");
    }
  }

  /** A source file with the netc imports: {@code pkg.Name} followed by {@code lines}. */
  private static JavaFileObject network(String qualifiedName, String... lines) {
    String pkg = qualifiedName.substring(0, qualifiedName.lastIndexOf('.'));
    List<String> all = new ArrayList<>();
    all.add("package " + pkg + ";");
    all.add("");
    all.add("import dev.netc.annotations.Activation;");
    all.add("import dev.netc.annotations.Init;");
    all.add("import dev.netc.annotations.Layer;");
    all.add("import dev.netc.annotations.Loss;");
    all.add("import dev.netc.annotations.Network;");
    all.add("import dev.netc.annotations.Precision;");
    all.add("import dev.netc.runtime.FloatModel;");
    all.add("import dev.netc.runtime.Model;");
    all.add("");
    all.addAll(List.of(lines));
    return JavaFileObjects.forSourceLines(qualifiedName, all);
  }
}
