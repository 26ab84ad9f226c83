package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.netc.annotations.Activation;
import dev.netc.annotations.Loss;
import dev.netc.runtime.Gradients;
import dev.netc.runtime.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.tools.JavaFileObject;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Any depth compiles: the passes of a deep network are split into methods of {@link
 * Chunks#LAYERS} layers (javac said "code too large" above about 635 layers), and the split passes
 * compute what the course's formulas say, checked against {@link GradientCheck}'s independent
 * forward pass and central differences.
 */
final class DeepNetworkTest {

  @ParameterizedTest
  @ValueSource(ints = {51, 120})
  void splitPassesAgreeWithTheReferenceAndTheCentralDifferences(int layers) {
    Model model = compile(layers, 3);
    GradientCheck.Result result = GradientCheck.run(model, network(layers), 3, 4, 40);
    assertThat(result.forwardError()).isLessThan(1e-12);
    assertWithMessage("%s", result).that(result.agrees(1e-6)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {700, 1_500})
  void veryDeepNetworksCompileAndRun(int layers) {
    Model model = compile(layers, 2);
    GradientCheck.Result result = GradientCheck.run(model, network(layers), 5, 3, 2);
    assertThat(result.forwardError()).isLessThan(1e-12);
    Random random = new Random(1);
    DoubleMatrix X = GradientCheck.gaussian(random, 2, 3);
    DoubleMatrix Y = DoubleMatrix.ones(1, 3);
    Gradients gradients = model.gradients(X, Y);
    for (int l = 1; l <= layers; l++) {
      assertThat(Arrays.stream(gradients.dW(l).data).allMatch(Double::isFinite)).isTrue();
    }
    assertThat(model.forward(X.getColumn(0).data)).isEqualTo(model.forward(X.getColumn(0)).data);
  }

  /** {@code layers - 1} tanh layers of {@code units}, then one sigmoid unit. */
  private static Model compile(int layers, int units) {
    List<String> lines = new ArrayList<>();
    lines.add("package test;");
    lines.add("import dev.netc.annotations.*;");
    lines.add("@Network(inputs = 2)");
    for (int l = 1; l < layers; l++) {
      lines.add("@Layer(units = " + units + ", activation = Activation.TANH)");
    }
    lines.add("@Layer(units = 1, activation = Activation.SIGMOID)");
    lines.add("public interface Deep extends dev.netc.runtime.Model {}");
    JavaFileObject source = JavaFileObjects.forSourceLines("test.Deep", lines);
    Compilation c = GeneratedClasses.compile(List.of("-Xlint:all,-processing"), source);
    assertThat(c).succeededWithoutWarnings();
    return GeneratedClasses.of(c).create("test.DeepModel", 7);
  }

  private static GradientCheck.Network network(int layers) {
    Activation[] activations = new Activation[layers];
    Arrays.fill(activations, Activation.TANH);
    activations[layers - 1] = Activation.SIGMOID;
    return new GradientCheck.Network(activations, new double[layers], Loss.BINARY_CROSS_ENTROPY);
  }
}
