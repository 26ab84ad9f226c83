package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.netc.runtime.Architecture;
import dev.netc.runtime.FloatModel;
import dev.netc.runtime.Model;
import dev.netc.runtime.Training;
import dev.netc.runtime.internal.InputChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.tools.JavaFileObject;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A model whose first layer is narrower than its input checks the entries of X through {@code Z1}
 * after its forward pass ({@code Architecture.checkInputEntries}) instead of scanning X first; one
 * with a wider first layer scans X as before. Either way every method that takes X throws what
 * {@code checkInput} / {@code checkTargets} throw, a bad X before a bad Y, and changes no
 * parameter. Both precisions, through the generated models loaded from their class files.
 */
final class InputChecksTest {
  private static GeneratedClasses classes;
  private static Compilation compilation;

  private static JavaFileObject network(String name, int inputs, int hidden, boolean single) {
    return JavaFileObjects.forSourceLines(
        "test." + name,
        "package test;",
        "",
        "import dev.netc.annotations.Activation;",
        "import dev.netc.annotations.Layer;",
        "import dev.netc.annotations.Loss;",
        "import dev.netc.annotations.Network;",
        "import dev.netc.annotations.Precision;",
        "",
        "@Network(inputs = " + inputs + ", loss = Loss.CATEGORICAL_CROSS_ENTROPY, precision = "
            + (single ? "Precision.FLOAT" : "Precision.DOUBLE") + ")",
        "@Layer(units = " + hidden + ", activation = Activation.RELU)",
        "@Layer(units = 3, activation = Activation.SOFTMAX)",
        "public interface " + name + " {}");
  }

  @BeforeAll
  static void compile() {
    compilation =
        GeneratedClasses.compile(
            network("Narrow", 8, 4, false),
            network("NarrowFloat", 8, 4, true),
            network("Wide", 3, 6, false),
            network("WideFloat", 3, 6, true));
    assertThat(compilation).succeededWithoutWarnings();
    classes = GeneratedClasses.of(compilation);
  }

  @Test
  void onlyANarrowFirstLayerChecksXThroughZ1() {
    for (String name : List.of("Narrow", "NarrowFloat")) {
      String model = GeneratedClasses.generatedText(compilation, "test." + name + "Model");
      assertThat(model)
          .contains("InputChecks.checkInputEntries(ARCHITECTURE, X, passes.forward.Z1);");
      assertThat(model).contains("InputChecks.checkInputShape(ARCHITECTURE, X);");
      assertThat(model)
          .contains("InputChecks.checkTargetsAndInputShape(ARCHITECTURE, X, Y);");
      assertThat(model).doesNotContain("InputChecks.checkInput(ARCHITECTURE, X);");
      // fit checks everything before training
      assertThat(model).contains(
          "InputChecks.checkTargets(ARCHITECTURE, X, Y);\n    // from here until fit returns");
    }
    for (String name : List.of("Wide", "WideFloat")) {
      String model = GeneratedClasses.generatedText(compilation, "test." + name + "Model");
      assertThat(model).doesNotContain("checkInputEntries");
      assertThat(model).contains("InputChecks.checkInput(ARCHITECTURE, X);");
    }
  }

  /** Inputs with a NaN or an infinity in various places, a finite one, and a misshapen one. */
  private static List<DoubleMatrix> inputs(int n0, int m) {
    DoubleMatrix good = new DoubleMatrix(n0, m);
    for (int i = 0; i < good.length; i++) {
      good.data[i] = Math.sin(0.7 * i);
    }
    List<DoubleMatrix> inputs = new ArrayList<>();
    inputs.add(good);
    double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    int[][] at = {{0, 0}, {n0 - 1, m - 1}, {n0 / 2, m / 2}, {1, 2}};
    for (int k = 0; k < at.length; k++) {
      DoubleMatrix X = good.dup();
      X.put(at[k][0], at[k][1], bad[k % 3]);
      inputs.add(X);
    }
    DoubleMatrix two = good.dup();
    two.put(n0 - 1, 5, Double.POSITIVE_INFINITY);
    two.put(0, 6, Double.NaN);
    inputs.add(two);
    inputs.add(new DoubleMatrix(n0 + 1, m));
    return inputs;
  }

  private static DoubleMatrix oneHot(int m, boolean broken) {
    DoubleMatrix Y = new DoubleMatrix(3, m);
    for (int j = 0; j < m; j++) {
      Y.put(j % 3, j, 1.0);
    }
    if (broken) {
      Y.put(1, 4, 1.0); // column 4 sums to 2
    }
    return Y;
  }

  private static String messageOf(Runnable call) {
    try {
      call.run();
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static Architecture architecture(Object model) {
    try {
      return (Architecture) model.getClass().getField("ARCHITECTURE").get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void everyMethodThatTakesXThrowsWhatTheChecksThrow() {
    Training training = Training.gradientDescent(0.1).iterations(2);
    for (String name : List.of("Narrow", "Wide")) {
      Model model = classes.create("test." + name + "Model", 5);
      Architecture a = architecture(model);
      int n0 = a.sizes()[0];
      DoubleMatrix before = model.parameters().W(1).dup();
      for (DoubleMatrix X : inputs(n0, 20)) {
        String input = messageOf(() -> InputChecks.checkInput(a, X));
        List<Consumer<DoubleMatrix>> takeX = List.of(model::forward, model::predict);
        for (Consumer<DoubleMatrix> call : takeX) {
          assertWithMessage(name).that(messageOf(() -> call.accept(X))).isEqualTo(input);
        }
        for (boolean brokenY : new boolean[] {false, true}) {
          DoubleMatrix Y = oneHot(X.columns, brokenY);
          String targets = messageOf(() -> InputChecks.checkTargets(a, X, Y));
          assertWithMessage(name).that(messageOf(() -> model.cost(X, Y))).isEqualTo(targets);
          assertWithMessage(name).that(messageOf(() -> model.gradients(X, Y))).isEqualTo(targets);
          if (targets != null) {
            assertWithMessage(name)
                .that(messageOf(() -> model.fit(X, Y, training)))
                .isEqualTo(targets);
          }
        }
        assertWithMessage(name).that(model.parameters().W(1)).isEqualTo(before);
      }
    }
  }

  @Test
  void everyMethodThatTakesXThrowsWhatTheChecksThrowInFloat() {
    Training training = Training.gradientDescent(0.1).iterations(2);
    for (String name : List.of("NarrowFloat", "WideFloat")) {
      FloatModel model = classes.createFloat("test." + name + "Model", 5);
      Architecture a = architecture(model);
      int n0 = a.sizes()[0];
      FloatMatrix before = model.parameters().W(1).dup();
      for (DoubleMatrix input : inputs(n0, 20)) {
        FloatMatrix X = input.toFloat();
        String expected = messageOf(() -> InputChecks.checkInput(a, X));
        assertWithMessage(name).that(messageOf(() -> model.forward(X))).isEqualTo(expected);
        assertWithMessage(name).that(messageOf(() -> model.predict(X))).isEqualTo(expected);
        for (boolean brokenY : new boolean[] {false, true}) {
          FloatMatrix Y = oneHot(X.columns, brokenY).toFloat();
          String targets = messageOf(() -> InputChecks.checkTargets(a, X, Y));
          assertWithMessage(name).that(messageOf(() -> model.cost(X, Y))).isEqualTo(targets);
          assertWithMessage(name).that(messageOf(() -> model.gradients(X, Y))).isEqualTo(targets);
          if (targets != null) {
            assertWithMessage(name)
                .that(messageOf(() -> model.fit(X, Y, training)))
                .isEqualTo(targets);
          }
        }
        assertWithMessage(name).that(model.parameters().W(1)).isEqualTo(before);
      }
    }
  }

  /**
   * Non-finite parameters make Z1 non-finite with a finite X: the model then scans X, finds
   * nothing, and computes (NaN) as it did before.
   */
  @Test
  void nonFiniteParametersWithAFiniteXAreNotAnInputError() {
    Model model = classes.create("test.NarrowModel", 5);
    model.parameters().W(1).put(2, 3, Double.NaN);
    DoubleMatrix X = inputs(8, 20).get(0);
    DoubleMatrix A = model.forward(X);
    assertThat(Double.isNaN(A.get(0, 0))).isTrue();
    assertThat(Double.isNaN(model.cost(X, oneHot(20, false)))).isTrue();
  }
}
