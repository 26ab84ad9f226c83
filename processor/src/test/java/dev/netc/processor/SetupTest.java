package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import com.palantir.javapoet.ClassName;
import dev.netc.npz.NpzReader;
import java.net.URL;
import java.net.URLClassLoader;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A processor path holding netc-processor (and JavaPoet) but not netc-annotations: a set-up
 * mistake, reported once as {@code [netc.setup]} with the fix, not as a netc bug.
 */
final class SetupTest {

  @Test
  void aProcessorPathWithoutNetcAnnotationsIsASetupError() throws Exception {
    JavaFileObject f =
        JavaFileObjects.forSourceLines(
            "test.Net",
            "package test;",
            "",
            "import dev.netc.annotations.Activation;",
            "import dev.netc.annotations.Layer;",
            "import dev.netc.annotations.Network;",
            "import dev.netc.runtime.Model;",
            "",
            "@Network(inputs = 2)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Net extends Model {}",
            "@Network(inputs = 3)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Other extends Model {}");
    // netc-npz is shaded into the processor jar; here the processor is its classes directory,
    // so the npz classes come from theirs.
    URL[] processorPath = {
      location(NetcProcessor.class), location(ClassName.class), location(NpzReader.class)
    };
    try (URLClassLoader loader =
        new URLClassLoader(processorPath, ClassLoader.getPlatformClassLoader())) {
      Class<?> type = loader.loadClass(NetcProcessor.class.getName());
      assertThat(type.getClassLoader()).isSameInstanceAs(loader);
      Processor processor = (Processor) type.getDeclaredConstructor().newInstance();
      Compilation c = javac().withProcessors(processor).compile(f);
      assertThat(c)
          .hadErrorContaining(
              "[netc.setup] netc-processor cannot load dev.netc.annotations.Activation:"
                  + " dev.netc:netc-annotations is missing from the annotation processor path;"
                  + " put netc-annotations on the processor path next to netc-processor")
          .inFile(f)
          .onLineContaining("interface Net extends Model");
      assertThat(c).hadErrorCount(1);
    }
  }

  private static URL location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }
}
