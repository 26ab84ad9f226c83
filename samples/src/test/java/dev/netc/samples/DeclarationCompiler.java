package dev.netc.samples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.netc.annotations.Network;
import dev.netc.processor.NetcProcessor;
import dev.netc.runtime.Model;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.jblas.DoubleMatrix;

/**
 * Compiles a user's declaration with javac and the netc processor in this JVM, the way a user's
 * build does after its resources were copied: the class output directory already holds the {@code
 * .npz} that {@code @Network(weights = ...)} names, and javac writes the classes next to it. The
 * class path is built from where netc's own classes were loaded, not from {@code java.class.path},
 * which under Surefire may be a manifest-only jar.
 */
final class DeclarationCompiler {

  /**
   * What javac said and, when it succeeded, a loader for what it wrote.
   *
   * @param success whether javac reported no error
   * @param errors the text of every error (with netc's {@code [netc.id]} prefix), in order
   * @param errorLines the source line of each error, in the same order
   * @param classes the class output directory (holding the resources too)
   */
  record Result(boolean success, List<String> errors, List<Long> errorLines, Path classes) {

    /**
     * The generated model's {@code pretrained()}, called through a loader over {@link #classes}.
     */
    Model pretrained(String modelClass) throws ReflectiveOperationException {
      if (!success) {
        throw new IllegalStateException("javac failed: " + errors);
      }
      URL url;
      try {
        url = classes.toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
      // Never closed: the model's class must stay loadable for as long as the test uses it.
      @SuppressWarnings("resource")
      URLClassLoader loader =
          new URLClassLoader(new URL[] {url}, DeclarationCompiler.class.getClassLoader());
      Class<?> type = Class.forName(modelClass, true, loader);
      return (Model) type.getMethod("pretrained").invoke(null);
    }
  }

  private DeclarationCompiler() {}

  /**
   * Compiles {@code source} (the text of {@code fileName}, e.g. {@code deployed/TorchNet.java})
   * into {@code classes}, with the netc processor.
   */
  static Result compile(Path dir, String fileName, String source, Path classes) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("DeclarationCompiler: this JVM has no javac (a JRE?)");
    }
    Path file = dir.resolve("src").resolve(fileName);
    Files.createDirectories(file.getParent());
    Files.writeString(file, source, UTF_8);
    Files.createDirectories(classes);
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, UTF_8)) {
      List<String> options =
          List.of(
              "-d",
              classes.toString(),
              "-classpath",
              classPath(),
              "-encoding",
              "UTF-8",
              "-Xlint:all",
              "-implicit:none");
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null, files, diagnostics, options, null, files.getJavaFileObjects(file.toFile()));
      task.setProcessors(List.of(new NetcProcessor()));
      boolean success = task.call();
      List<String> errors = new ArrayList<>();
      List<Long> lines = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          errors.add(d.getMessage(Locale.ROOT));
          lines.add(d.getLineNumber());
        }
      }
      return new Result(success, errors, lines, classes);
    }
  }

  /** The jars or directories of the annotations, the runtime and jblas. */
  private static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> c : List.of(Network.class, Model.class, DoubleMatrix.class)) {
      URL location = c.getProtectionDomain().getCodeSource().getLocation();
      try {
        entries.add(Path.of(location.toURI()).toString());
      } catch (URISyntaxException e) {
        throw new UncheckedIOException(new IOException("no class path entry for " + c, e));
      }
    }
    return entries.stream().collect(Collectors.joining(File.pathSeparator));
  }
}
