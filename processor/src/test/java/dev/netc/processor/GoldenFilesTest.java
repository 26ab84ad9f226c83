package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The planar network's three generated classes, compared as exact text with the files under
 * {@code src/test/resources/golden}. Compile Testing's source equivalence ignores comments, and
 * the comments are half of what generated code offers, so the text itself is the specification.
 * {@code mvn -pl processor test -Dnetc.updateGoldens=true} rewrites the files; review the diff.
 */
final class GoldenFilesTest {
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

  @ParameterizedTest
  @ValueSource(
      strings = {
        "test.PlanarClassifierForward",
        "test.PlanarClassifierBackward",
        "test.PlanarClassifierModel"
      })
  void generatedSourceMatchesGoldenFile(String generatedClass) throws IOException {
    Compilation compilation = compile(PLANAR);
    assertThat(compilation).succeededWithoutWarnings();

    String actual = generatedText(compilation, generatedClass);
    Path golden = goldenDir().resolve(generatedClass.substring("test.".length()) + ".java.txt");
    if (Boolean.getBoolean("netc.updateGoldens")) {
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @Test
  void sameDeclarationGivesTheSameBytes() {
    String first = generatedText(compile(PLANAR), "test.PlanarClassifierBackward");
    String second = generatedText(compile(PLANAR), "test.PlanarClassifierBackward");
    assertThat(second).isEqualTo(first);
  }

  @Test
  void generatedSourcesAreAscii() {
    Compilation compilation = compile(PLANAR);
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      String text = contents(file);
      assertThat(text.chars().allMatch(c -> c < 128)).isTrue();
    }
  }

  static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new NetcProcessor()).withOptions("-Xlint:all,-processing").compile(sources);
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
