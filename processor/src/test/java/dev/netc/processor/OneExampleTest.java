package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.netc.runtime.FloatModel;
import dev.netc.runtime.Model;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.tools.JavaFileObject;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code forward(double[] x)}, {@code forward(double[] x, double[] out)} and {@code
 * predict(double[] x)} (and their float twins): the bits of the matrix API on a one-column X for
 * every activation and loss, its checks with {@code x} and {@code out} named, and no allocation on
 * the serving path.
 */
final class OneExampleTest {
  /** Every activation, every loss, both ways of checking X (n[1] below and above n[0]). */
  private static final String[][] NETWORKS = {
    {"Binary", "5", "Loss.BINARY_CROSS_ENTROPY",
        "@Layer(units = 3, activation = Activation.TANH)",
        "@Layer(units = 1, activation = Activation.SIGMOID)"},
    {"Categorical", "4", "Loss.CATEGORICAL_CROSS_ENTROPY",
        "@Layer(units = 9, activation = Activation.RELU)",
        "@Layer(units = 3, activation = Activation.SOFTMAX)"},
    {"Regression", "3", "Loss.MEAN_SQUARED_ERROR",
        "@Layer(units = 7, activation = Activation.LEAKY_RELU, leak = 0.1)",
        "@Layer(units = 2, activation = Activation.LINEAR)"},
    {"SigmoidSquared", "6", "Loss.MEAN_SQUARED_ERROR",
        "@Layer(units = 5, activation = Activation.RELU)",
        "@Layer(units = 4, activation = Activation.TANH)",
        "@Layer(units = 2, activation = Activation.SIGMOID)"},
  };

  private static GeneratedClasses classes;

  @BeforeAll
  static void compile() {
    List<JavaFileObject> sources = new ArrayList<>();
    for (String[] network : NETWORKS) {
      sources.add(declaration(network, false));
      sources.add(declaration(network, true));
    }
    // SigmoidSquared draws netc's warning on MSE with a sigmoid output, by design
    Compilation c = GeneratedClasses.compile(sources.toArray(JavaFileObject[]::new));
    assertThat(c).succeeded();
    classes = GeneratedClasses.of(c);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Binary", "Categorical", "Regression", "SigmoidSquared"})
  void oneExampleGivesTheBitsOfAOneColumnX(String name) {
    Model model = classes.create("test." + name + "Model", 11);
    Random random = new Random(name.hashCode());
    int n0 = model.layerSizes()[0];
    int nL = model.layerSizes()[model.layerSizes().length - 1];
    double[] out = new double[nL];
    for (int k = 0; k < 50; k++) {
      double[] x = gaussian(random, n0);
      DoubleMatrix X = new DoubleMatrix(n0, 1, x.clone());
      double[] forward = model.forward(X).data;
      assertThat(model.forward(x)).isEqualTo(forward);
      model.forward(x, out);
      assertThat(out).isEqualTo(forward);
      assertThat(model.predict(x)).isEqualTo(model.predict(X).data);
      // x is read, not kept nor changed
      assertThat(x).isEqualTo(X.data);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Binary", "Categorical", "Regression", "SigmoidSquared"})
  void oneExampleGivesTheBitsOfAOneColumnXInSinglePrecision(String name) {
    FloatModel model = classes.createFloat("test." + name + "FloatModel", 11);
    Random random = new Random(name.hashCode());
    int n0 = model.layerSizes()[0];
    int nL = model.layerSizes()[model.layerSizes().length - 1];
    float[] out = new float[nL];
    for (int k = 0; k < 50; k++) {
      float[] x = new float[n0];
      for (int i = 0; i < n0; i++) {
        x[i] = (float) random.nextGaussian();
      }
      FloatMatrix X = new FloatMatrix(n0, 1, x.clone());
      float[] forward = model.forward(X).data;
      assertThat(model.forward(x)).isEqualTo(forward);
      model.forward(x, out);
      assertThat(out).isEqualTo(forward);
      assertThat(model.predict(x)).isEqualTo(model.predict(X).data);
    }
  }

  @Test
  void outMayBeXItself() {
    // n[0] = n[L] = 3: out overwrites x only after the pass has read it
    Compilation c = GeneratedClasses.compile(declaration(new String[] {"Square", "3",
        "Loss.MEAN_SQUARED_ERROR", "@Layer(units = 5, activation = Activation.TANH)",
        "@Layer(units = 3, activation = Activation.LINEAR)"}, false));
    Model model = GeneratedClasses.of(c).create("test.SquareModel", 3);
    double[] x = {0.5, -1.0, 2.0};
    double[] expected = model.forward(x);
    model.forward(x, x);
    assertThat(x).isEqualTo(expected);
  }

  @Test
  void badExamplesAreRefusedWithXAndOutNamed() {
    Model model = classes.create("test.BinaryModel", 1);
    double[] out = {7.0};
    assertThat(refused(() -> model.forward(new double[3], out)))
        .isEqualTo("Binary: x must have 5 values (n[0]), got 3");
    assertThat(refused(() -> model.forward((double[]) null)))
        .isEqualTo("Binary: x is null; it must have 5 values (n[0])");
    assertThat(refused(() -> model.forward(new double[5], new double[2])))
        .isEqualTo("Binary: out must have 1 value (n[2]), got 2");
    assertThat(refused(() -> model.forward(new double[5], null)))
        .isEqualTo("Binary: out is null; it must have 1 value (n[2])");
    assertThat(refused(() -> model.predict(new double[] {0, 1, Double.NaN, 0, 0})))
        .isEqualTo("Binary: x[2] is NaN; every entry of x must be finite");
    assertThat(refused(() -> model.forward(new double[] {0, 0, 0, 0, Double.NEGATIVE_INFINITY},
        out))).isEqualTo("Binary: x[4] is -Infinity; every entry of x must be finite");
    assertThat(out).isEqualTo(new double[] {7.0});

    FloatModel single = classes.createFloat("test.CategoricalFloatModel", 1);
    assertThat(refused(() -> single.forward(new float[] {1, Float.POSITIVE_INFINITY, 0, 0})))
        .isEqualTo("CategoricalFloat: x[1] is Infinity; every entry of x must be finite");
    assertThat(refused(() -> single.forward(new float[4], new float[4])))
        .isEqualTo("CategoricalFloat: out must have 3 values (n[2]), got 4");
  }

  @Test
  void forwardIntoOutAllocatesNothingOnceWarm() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    Model model = classes.create("test.CategoricalModel", 5);
    FloatModel single = classes.createFloat("test.CategoricalFloatModel", 5);
    double[] x = {0.1, -0.2, 0.3, 0.4};
    double[] out = new double[3];
    float[] fx = {0.1f, -0.2f, 0.3f, 0.4f};
    float[] fout = new float[3];
    int calls = 20_000;
    for (int i = 0; i < 5 * calls; i++) {
      model.forward(x, out);
      single.forward(fx, fout);
    }
    long empty = threads.getThreadAllocatedBytes(id);
    empty = threads.getThreadAllocatedBytes(id) - empty;
    long start = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < calls; i++) {
      model.forward(x, out);
      single.forward(fx, fout);
    }
    long allocated = threads.getThreadAllocatedBytes(id) - start - empty;
    // one object per call would be 16 bytes or more, 640,000 for these calls
    assertThat(allocated).isLessThan(1_000L);
  }

  private static String refused(Runnable call) {
    return assertThrows(IllegalArgumentException.class, call::run).getMessage();
  }

  private static double[] gaussian(Random random, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextGaussian();
    }
    return x;
  }

  private static JavaFileObject declaration(String[] network, boolean single) {
    String name = network[0] + (single ? "Float" : "");
    List<String> lines = new ArrayList<>();
    lines.add("package test;");
    lines.add("import dev.netc.annotations.*;");
    lines.add("@Network(inputs = " + network[1] + ", loss = " + network[2]
        + (single ? ", precision = Precision.FLOAT)" : ")"));
    for (int i = 3; i < network.length; i++) {
      lines.add(network[i]);
    }
    lines.add("public interface " + name + " extends dev.netc.runtime."
        + (single ? "FloatModel" : "Model") + " {}");
    return JavaFileObjects.forSourceLines("test." + name, lines);
  }
}
