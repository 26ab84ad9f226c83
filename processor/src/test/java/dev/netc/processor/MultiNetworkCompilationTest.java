package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Several networks, packages, nested declarations and abstract classes in one compilation. */
final class MultiNetworkCompilationTest {

  @Test
  void compilesEveryNetworkOfOneCompilation() {
    JavaFileObject classifier =
        JavaFileObjects.forSourceLines(
            "a.Digits",
            "package a;",
            "",
            "import dev.netc.annotations.*;",
            "import dev.netc.runtime.Model;",
            "",
            "@Network(inputs = 64, loss = Loss.CATEGORICAL_CROSS_ENTROPY)",
            "@Layer(units = 32, activation = Activation.RELU)",
            "@Layer(units = 16, activation = Activation.LEAKY_RELU, leak = 0.1)",
            "@Layer(units = 10, activation = Activation.SOFTMAX)",
            "public interface Digits extends Model {}");
    JavaFileObject regression =
        JavaFileObjects.forSourceLines(
            "b.Prices",
            "package b;",
            "",
            "import dev.netc.annotations.*;",
            "import dev.netc.runtime.Model;",
            "",
            "public abstract class Prices implements Model {",
            "  @Network(inputs = 10, loss = Loss.MEAN_SQUARED_ERROR)",
            "  @Layer(units = 8, activation = Activation.TANH)",
            "  @Layer(units = 1, activation = Activation.LINEAR)",
            "  public interface Linear extends Model {}",
            "}");
    JavaFileObject abstractClass =
        JavaFileObjects.forSourceLines(
            "b.Scores",
            "package b;",
            "",
            "import dev.netc.annotations.*;",
            "import dev.netc.runtime.Model;",
            "",
            "@Network(inputs = 3, loss = Loss.MEAN_SQUARED_ERROR)",
            "@Layer(units = 2, activation = Activation.SIGMOID, init = Init.ZEROS)",
            "public abstract class Scores implements Model {",
            "  /** Users may add their own behaviour around the generated model. */",
            "  public String describe() {",
            "    return summary();",
            "  }",
            "}");

    Compilation compilation = GoldenFilesTest.compile(classifier, regression, abstractClass);

    assertThat(compilation).succeeded();
    for (String generated :
        new String[] {
          "a.DigitsModel", "a.DigitsForward", "a.DigitsBackward",
          "b.Prices_LinearModel", "b.Prices_LinearForward", "b.Prices_LinearBackward",
          "b.ScoresModel", "b.ScoresForward", "b.ScoresBackward"
        }) {
      assertThat(compilation).generatedSourceFile(generated).isNotNull();
    }
    assertThat(GoldenFilesTest.generatedText(compilation, "b.ScoresModel"))
        .contains("public final class ScoresModel extends Scores implements Model");
    assertThat(GoldenFilesTest.generatedText(compilation, "b.Prices_LinearModel"))
        .contains("implements Prices.Linear, Model");
  }
}
