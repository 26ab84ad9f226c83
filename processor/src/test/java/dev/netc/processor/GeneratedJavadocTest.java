package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.netc.runtime.ModelFiles;
import dev.netc.runtime.Parameters;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.DocumentationTool;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated model's javadoc is complete: the JDK's javadoc tool with {@code -Xdoclint:all
 * -Werror}, as a user's {@code mvn javadoc:javadoc} with warnings as errors runs it, documents the
 * declaration and what netc generated for it without a warning.
 */
final class GeneratedJavadocTest {
  @TempDir Path dir;

  @Test
  void javadocWithDoclintAllIsCleanForAPlanarModel() throws IOException {
    assertDoclintClean(
        JavaFileObjects.forSourceLines(
            "test.Planar",
            "package test;",
            "",
            "import dev.netc.annotations.*;",
            "import dev.netc.runtime.Model;",
            "",
            "/** The course's planar classifier. */",
            "@Network(inputs = 2)",
            "@Layer(units = 4, activation = Activation.TANH)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "public interface Planar extends Model {}"),
        "test.Planar");
  }

  @Test
  void javadocWithDoclintAllIsCleanForAFloatModelThatChecksXThroughZ1() throws IOException {
    assertDoclintClean(
        JavaFileObjects.forSourceLines(
            "test.Digits",
            "package test;",
            "",
            "import dev.netc.annotations.*;",
            "import dev.netc.runtime.FloatModel;",
            "",
            "/** Digits in single precision. */",
            "@Network(inputs = 64, loss = Loss.CATEGORICAL_CROSS_ENTROPY,"
                + " precision = Precision.FLOAT)",
            "@Layer(units = 16, activation = Activation.RELU)",
            "@Layer(units = 10, activation = Activation.SOFTMAX)",
            "public interface Digits extends FloatModel {}"),
        "test.Digits");
  }

  @Test
  void javadocWithDoclintAllIsCleanForAPretrainedModel() throws IOException {
    Path weights = Files.createDirectories(dir.resolve("weights"));
    ModelFiles.save(weights.resolve("pretrained.npz"), new Parameters(new int[] {2, 3, 1}));
    assertDoclintClean(
        JavaFileObjects.forSourceLines(
            "test.Pretrained",
            "package test;",
            "",
            "import dev.netc.annotations.*;",
            "import dev.netc.runtime.Model;",
            "",
            "/** Trained elsewhere. */",
            "@Network(inputs = 2, weights = \"pretrained.npz\")",
            "@Layer(units = 3, activation = Activation.TANH)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "public interface Pretrained extends Model {}"),
        "test.Pretrained",
        "-sourcepath", weights.toString());
  }

  private void assertDoclintClean(
      JavaFileObject declaration, String name, String... javacOptions) throws IOException {
    Compilation compilation = GeneratedClasses.compile(List.of(javacOptions), declaration);
    assertThat(compilation).succeededWithoutWarnings();
    Path sources = Files.createDirectories(dir.resolve("src"));
    List<Path> files = new ArrayList<>();
    files.add(write(sources, name, declaration.getCharContent(true).toString()));
    for (String suffix : new String[] {"Forward", "Backward", "Model"}) {
      files.add(write(sources, name + suffix,
          GeneratedClasses.generatedText(compilation, name + suffix)));
    }
    DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
    StringWriter out = new StringWriter();
    try (StandardJavaFileManager fileManager =
        javadoc.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      List<String> javadocOptions =
          List.of(
              "-Xdoclint:all", "-Werror", "-quiet", "-encoding", "UTF-8",
              "-d", dir.resolve("doc").toString(),
              "-classpath", System.getProperty("java.class.path"));
      DocumentationTool.DocumentationTask task =
          javadoc.getTask(out, fileManager, null, null, javadocOptions,
              fileManager.getJavaFileObjectsFromPaths(files));
      boolean clean = task.call();
      assertWithMessage("javadoc -Xdoclint:all -Werror said:\n%s", out).that(clean).isTrue();
    }
    assertThat(out.toString()).doesNotContain("warning");
  }

  private static Path write(Path root, String qualifiedName, String text) throws IOException {
    Path file = root.resolve(qualifiedName.replace('.', '/') + ".java");
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
