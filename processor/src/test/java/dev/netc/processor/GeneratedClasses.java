package dev.netc.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import dev.netc.runtime.FloatModel;
import dev.netc.runtime.Model;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.tools.JavaFileObject;

/**
 * The class files of one Compile Testing compilation (the user's declarations and what netc
 * generated, all compiled in memory), loaded by a class loader of their own. Its parent is the
 * test's class loader, so that {@code dev.netc.runtime} and jblas come from the test class path
 * and a loaded model can be used as a {@link Model} (or a {@link FloatModel}).
 */
final class GeneratedClasses extends ClassLoader {
  private final Map<String, byte[]> classes;

  private GeneratedClasses(Map<String, byte[]> classes) {
    super(GeneratedClasses.class.getClassLoader());
    this.classes = classes;
  }

  /** Compiles the sources with netc as the only processor. */
  static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new NetcProcessor()).compile(sources);
  }

  /** Compiles the sources with netc as the only processor and these javac options. */
  static Compilation compile(List<String> options, JavaFileObject... sources) {
    return javac().withProcessors(new NetcProcessor()).withOptions(options).compile(sources);
  }

  /** The class files of {@code compilation}; it must have produced some. */
  static GeneratedClasses of(Compilation compilation) {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        classes.put(binaryName(file.toUri()), bytes(file));
      }
    }
    if (classes.isEmpty()) {
      throw new AssertionError("the compilation wrote no class file: " + compilation.diagnostics());
    }
    return new GeneratedClasses(classes);
  }

  /** The text of a generated source file, e.g. {@code generatedText(c, "p.NetModel")}. */
  static String generatedText(Compilation compilation, String qualifiedName) {
    JavaFileObject file =
        compilation
            .generatedSourceFile(qualifiedName)
            .orElseThrow(() -> new AssertionError("not generated: " + qualifiedName));
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Binary names of every class file, sorted. */
  Set<String> names() {
    return new TreeSet<>(classes.keySet());
  }

  /**
   * {@code modelClass.create(seed)}: a generated model, e.g. {@code create("p.Outer_NetModel", 1)}.
   */
  Model create(String modelClass, long seed) {
    return (Model) invokeCreate(modelClass, seed);
  }

  /** {@code modelClass.create(seed)} of a {@code @Network(precision = FLOAT)} model. */
  FloatModel createFloat(String modelClass, long seed) {
    return (FloatModel) invokeCreate(modelClass, seed);
  }

  private Object invokeCreate(String modelClass, long seed) {
    try {
      Method create = loadClass(modelClass).getMethod("create", long.class);
      return create.invoke(null, seed);
    } catch (InvocationTargetException e) {
      throw new AssertionError(modelClass + ".create(" + seed + ") threw", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot call " + modelClass + ".create(long)", e);
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  /** Compile Testing names class output {@code mem:///CLASS_OUTPUT/p/Outer$Net.class}. */
  private static String binaryName(URI uri) {
    String path = uri.getPath();
    String relative = path.substring(path.indexOf('/', 1) + 1);
    return relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
  }

  private static byte[] bytes(JavaFileObject file) {
    try (InputStream in = file.openInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
