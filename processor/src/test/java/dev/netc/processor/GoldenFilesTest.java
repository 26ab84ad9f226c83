package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.netc.runtime.ModelFiles;
import dev.netc.runtime.Parameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The planar network's three generated classes, in double and in single precision, and those of
 * networks that take the other paths of the writers (every activation and loss, the {@code dA[L]}
 * path, four layers, {@code weights =}), compared as exact text with the files under {@code
 * src/test/resources/golden}. Compile Testing's source
 * equivalence ignores comments, and the comments are half of what generated code offers, so the
 * text itself is the specification.
 * {@code mvn -pl processor test -Dnetc.updateGoldens=true} rewrites the files; review the diff.
 */
final class GoldenFilesTest {
  @TempDir Path weights;

  private static final JavaFileObject PLANAR =
      JavaFileObjects.forSourceLines(
          "test.PlanarClassifier",
          "package test;",
          "",
          "import dev.netc.annotations.Activation;",
          "import dev.netc.annotations.Init;",
          "import dev.netc.annotations.Layer;",
          "import dev.netc.annotations.Loss;",
          "import dev.netc.annotations.Network;",
          "import dev.netc.runtime.Model;",
          "",
          "@Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)",
          "@Layer(units = 4, activation = Activation.TANH, init = Init.SMALL_RANDOM,"
              + " name = \"hidden\")",
          "@Layer(units = 1, activation = Activation.SIGMOID, init = Init.SMALL_RANDOM)",
          "public interface PlanarClassifier extends Model {}");

  /** The same network in single precision: its goldens' diff to the above is the float API. */
  private static final JavaFileObject PLANAR_FLOAT =
      JavaFileObjects.forSourceLines(
          "test.PlanarClassifierFloat",
          "package test;",
          "",
          "import dev.netc.annotations.Activation;",
          "import dev.netc.annotations.Init;",
          "import dev.netc.annotations.Layer;",
          "import dev.netc.annotations.Loss;",
          "import dev.netc.annotations.Network;",
          "import dev.netc.annotations.Precision;",
          "import dev.netc.runtime.FloatModel;",
          "",
          "@Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY, precision = Precision.FLOAT)",
          "@Layer(units = 4, activation = Activation.TANH, init = Init.SMALL_RANDOM,"
              + " name = \"hidden\")",
          "@Layer(units = 1, activation = Activation.SIGMOID, init = Init.SMALL_RANDOM)",
          "public interface PlanarClassifierFloat extends FloatModel {}");

  /**
   * Relu, leaky relu, tanh and a softmax output with categorical cross-entropy, four layers, a
   * first layer narrower than the input (X is checked through Z1).
   */
  private static final JavaFileObject DIGITS =
      JavaFileObjects.forSourceLines(
          "test.Digits",
          "package test;",
          "",
          "import dev.netc.annotations.*;",
          "import dev.netc.runtime.Model;",
          "",
          "@Network(inputs = 64, loss = Loss.CATEGORICAL_CROSS_ENTROPY)",
          "@Layer(units = 32, activation = Activation.RELU)",
          "@Layer(units = 16, activation = Activation.LEAKY_RELU, leak = 0.1)",
          "@Layer(units = 12, activation = Activation.TANH)",
          "@Layer(units = 10, activation = Activation.SOFTMAX, init = Init.ZEROS,"
              + " name = \"digit\")",
          "public interface Digits extends Model {}");

  /** A sigmoid output with mean squared error: dZ[L] goes through dA[L] and sigmoid'. */
  private static final JavaFileObject SQUARED =
      JavaFileObjects.forSourceLines(
          "test.Squared",
          "package test;",
          "",
          "import dev.netc.annotations.*;",
          "import dev.netc.runtime.Model;",
          "",
          "@SuppressWarnings(\"netc.mse-sigmoid\")",
          "@Network(inputs = 3, loss = Loss.MEAN_SQUARED_ERROR)",
          "@Layer(units = 5, activation = Activation.SIGMOID)",
          "@Layer(units = 2, activation = Activation.SIGMOID)",
          "public interface Squared extends Model {}");

  /** {@code weights =}: the model gets {@code pretrained()}. */
  private static final JavaFileObject PRETRAINED =
      JavaFileObjects.forSourceLines(
          "test.Pretrained",
          "package test;",
          "",
          "import dev.netc.annotations.*;",
          "import dev.netc.runtime.Model;",
          "",
          "@Network(inputs = 2, weights = \"pretrained.npz\")",
          "@Layer(units = 3, activation = Activation.TANH)",
          "@Layer(units = 1, activation = Activation.SIGMOID)",
          "public interface Pretrained extends Model {}");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "test.PlanarClassifierForward",
        "test.PlanarClassifierBackward",
        "test.PlanarClassifierModel",
        "test.PlanarClassifierFloatForward",
        "test.PlanarClassifierFloatBackward",
        "test.PlanarClassifierFloatModel",
        "test.DigitsForward",
        "test.DigitsBackward",
        "test.DigitsModel",
        "test.SquaredForward",
        "test.SquaredBackward",
        "test.SquaredModel",
        "test.PretrainedModel"
      })
  void generatedSourceMatchesGoldenFile(String generatedClass) throws IOException {
    Compilation compilation = compileWithWeights(declarationOf(generatedClass));
    assertThat(compilation).succeededWithoutWarnings();

    String actual = generatedText(compilation, generatedClass);
    Path golden = goldenDir().resolve(generatedClass.substring("test.".length()) + ".java.txt");
    if (Boolean.getBoolean("netc.updateGoldens")) {
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  /**
   * Single precision mirrors double precision name for name, so one stray double name (a {@code
   * DoubleMatrix}, a {@code Parameters}, a {@code 1.0} that makes gemm's alpha a double) would
   * still compile against an overload or fail only at run time: none may appear.
   */
  @Test
  void singlePrecisionSourcesNameNoDoubleType() {
    Compilation compilation = compile(PLANAR_FLOAT);
    assertThat(compilation).succeededWithoutWarnings();
    Pattern doubleNames =
        Pattern.compile("\\b(DoubleMatrix|Parameters|Gradients|Trainable|Model)\\b");
    // 1.0f has no word boundary after its digits; 1.0 has.
    Pattern doubleLiteral = Pattern.compile("\\b\\d+\\.\\d+\\b");
    for (String suffix : new String[] {"Forward", "Backward", "Model"}) {
      String text = generatedText(compilation, "test.PlanarClassifierFloat" + suffix);
      for (String line : text.split("\n")) {
        String code = line.strip();
        if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
          // Prose ("Trainable model of ...") is not the API.
          continue;
        }
        Matcher name = doubleNames.matcher(code);
        assertWithMessage("%s names %s in %s", suffix, name.find() ? name.group() : "", line)
            .that(doubleNames.matcher(code).find())
            .isFalse();
        if (code.contains("gemm(") || code.contains("sumColumns(")) {
          assertWithMessage("a double literal in %s", line)
              .that(doubleLiteral.matcher(line).find())
              .isFalse();
        }
      }
    }
    assertThat(generatedText(compilation, "test.PlanarClassifierFloatBackward"))
        .contains("    float m = X.columns;\n");
  }

  @Test
  void sameDeclarationGivesTheSameBytes() {
    String first = generatedText(compile(PLANAR), "test.PlanarClassifierBackward");
    String second = generatedText(compile(PLANAR), "test.PlanarClassifierBackward");
    assertThat(second).isEqualTo(first);
  }

  @Test
  void generatedSourcesAreAscii() {
    Compilation compilation = compile(PLANAR, PLANAR_FLOAT);
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      String text = contents(file);
      assertThat(text.chars().allMatch(c -> c < 128)).isTrue();
    }
  }

  private static JavaFileObject declarationOf(String generatedClass) {
    if (generatedClass.startsWith("test.PlanarClassifierFloat")) {
      return PLANAR_FLOAT;
    } else if (generatedClass.startsWith("test.PlanarClassifier")) {
      return PLANAR;
    } else if (generatedClass.startsWith("test.Digits")) {
      return DIGITS;
    } else if (generatedClass.startsWith("test.Squared")) {
      return SQUARED;
    }
    return PRETRAINED;
  }

  /** Compiles with the weights of {@link #PRETRAINED} on javac's source path. */
  private Compilation compileWithWeights(JavaFileObject source) throws IOException {
    ModelFiles.save(weights.resolve("pretrained.npz"), new Parameters(new int[] {2, 3, 1}));
    return javac()
        .withProcessors(new NetcProcessor())
        .withOptions("-Xlint:all,-processing", "-sourcepath", weights.toString())
        .compile(source);
  }

  static Compilation compile(JavaFileObject... sources) {
    return javac()
        .withProcessors(new NetcProcessor())
        .withOptions("-Xlint:all,-processing")
        .compile(sources);
  }

  static String generatedText(Compilation compilation, String qualifiedName) {
    return contents(
        compilation
            .generatedSourceFile(qualifiedName)
            .orElseThrow(() -> new AssertionError("not generated: " + qualifiedName)));
  }

  private static String contents(JavaFileObject file) {
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path goldenDir() {
    String dir = System.getProperty("netc.goldenDir");
    return dir != null ? Path.of(dir) : Path.of("src/test/resources/golden");
  }
}
