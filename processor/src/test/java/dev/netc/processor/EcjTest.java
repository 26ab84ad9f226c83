package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.netc.annotations.Network;
import dev.netc.runtime.Model;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The processor under the Eclipse compiler (ECJ, through its {@code javax.tools} front end): the
 * same generated classes as under javac, and the same netc diagnostics on the same lines, so that
 * an Eclipse user is underlined where a javac user is told. ECJ has no {@code com.sun.source}
 * trees: {@link TreeSites} is absent and {@code Messager} alone places every finding. Both
 * compilers run the same way here, on files in a temporary directory (ECJ cannot read Compile
 * Testing's in-memory {@code mem:} files).
 */
final class EcjTest {
  @TempDir Path dir;

  @Test
  void planarGeneratesTheSameClasses() throws IOException {
    String planar =
        source(
            "Planar",
            "@Network(inputs = 2)",
            "@Layer(units = 4, activation = Activation.TANH, name = \"hidden\")",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "public interface Planar extends Model {}");
    Result ecj = compile(new EclipseCompiler(), "ecj", "Planar", planar);
    Result javac = compile(ToolProvider.getSystemJavaCompiler(), "javac", "Planar", planar);
    assertThat(ecj.diagnostics()).isEmpty();
    assertThat(javac.diagnostics()).isEmpty();
    for (String name : List.of("PlanarForward", "PlanarBackward", "PlanarModel")) {
      assertThat(ecj.classes().resolve("test/" + name + ".class").toFile().isFile()).isTrue();
      assertThat(ecj.generated(name)).isEqualTo(javac.generated(name));
    }
  }

  static Stream<String[]> broken() {
    return Stream.of(
        new String[] {
          "Sizes",
          source(
              "Sizes",
              "@Network(",
              "    inputs = 0)",
              "@Layer(",
              "    units = 4,",
              "    activation = Activation.TANH)",
              "@Layer(",
              "    units = 1,",
              "    inputs = 3,",
              "    activation = Activation.SIGMOID)",
              "interface Sizes extends Model {}")
        },
        new String[] {
          "Kinds",
          source(
              "Kinds",
              "@Network(inputs = 2, loss = dev.netc.annotations.Loss.CATEGORICAL_CROSS_ENTROPY)",
              "@Layer(",
              "    units = 3,",
              "    activation = Activation.LEAKY_RELU,",
              "    leak = 2)",
              "@Layer(",
              "    units = 1)",
              "interface Kinds extends Model {}")
        },
        new String[] {
          "Types",
          source(
              "Types",
              "@Network(inputs = 2)",
              "@Layer(units = 1, activation = Activation.SIGMOID)",
              "abstract class Types implements Model {",
              "  Types(int size) {}",
              "  public abstract void save(java.nio.file.Path file);",
              "  abstract int size();",
              "}")
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void brokenDeclarationsGetTheSameDiagnosticsOnTheSameLines(String name, String text)
      throws IOException {
    Result ecj = compile(new EclipseCompiler(), "ecj", name, text);
    Result javac = compile(ToolProvider.getSystemJavaCompiler(), "javac", name, text);
    List<String> expected = javac.netc();
    assertThat(expected).isNotEmpty();
    assertThat(ecj.netc()).containsExactlyElementsIn(expected).inOrder();
    // Nothing but netc's errors, and nothing generated.
    assertThat(ecj.diagnostics()).hasSize(expected.size());
    assertThat(ecj.generatedFiles()).isEmpty();
  }

  /** What one compiler made of one source file. */
  private record Result(
      List<Diagnostic<? extends JavaFileObject>> diagnostics,
      Path sources,
      Path classes,
      List<String> lines) {
    /** {@code line "text of that line": [id] message} of every netc diagnostic, in order. */
    List<String> netc() {
      List<String> netc = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
        String message = d.getMessage(Locale.ROOT);
        if (message.contains("[netc.")) {
          int line = (int) d.getLineNumber();
          netc.add(
              d.getKind() + " " + line + " \"" + lines.get(line - 1).trim() + "\": " + message);
        }
      }
      return netc;
    }

    String generated(String simpleName) throws IOException {
      return Files.readString(sources.resolve("test/" + simpleName + ".java"));
    }

    List<Path> generatedFiles() throws IOException {
      try (Stream<Path> files = Files.walk(sources)) {
        return files.filter(Files::isRegularFile).toList();
      }
    }
  }

  private Result compile(JavaCompiler compiler, String label, String name, String text)
      throws IOException {
    Path root = dir.resolve(label);
    Path file = root.resolve("src/test/" + name + ".java");
    Path sources = root.resolve("generated");
    Path classes = root.resolve("classes");
    Files.createDirectories(file.getParent());
    Files.createDirectories(sources);
    Files.createDirectories(classes);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of(
              "-source",
              "17",
              "-target",
              "17",
              "-encoding",
              "UTF-8",
              "-classpath",
              classPath(),
              "-d",
              classes.toString(),
              "-s",
              sources.toString());
      JavaCompiler.CompilationTask task =
          compiler.getTask(
              new StringWriter(),
              files,
              diagnostics,
              options,
              null,
              files.getJavaFileObjects(file.toFile()));
      // Both processors, as the service loader finds them in netc-processor.
      task.setProcessors(List.of(new LocalNetworkFinder(), new NetcProcessor()));
      task.call();
    }
    return new Result(diagnostics.getDiagnostics(), sources, classes, text.lines().toList());
  }

  /** netc-annotations, netc-runtime and jblas: what a user's compile class path holds. */
  private static String classPath() {
    List<String> entries = new ArrayList<>();
    for (Class<?> type : List.of(Network.class, Model.class, DoubleMatrix.class)) {
      try {
        entries.add(
            Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String source(String simpleName, String... lines) {
    String[] header = {
      "package test;",
      "",
      "import dev.netc.annotations.Activation;",
      "import dev.netc.annotations.Layer;",
      "import dev.netc.annotations.Network;",
      "import dev.netc.runtime.Model;",
      ""
    };
    return String.join("\n", Stream.concat(Stream.of(header), Stream.of(lines)).toList()) + "\n";
  }
}
