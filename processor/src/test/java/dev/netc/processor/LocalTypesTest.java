package dev.netc.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @Network} on a type declared in a method body: javac shows processors no element of it, so
 * {@link LocalNetworkFinder} finds it in the trees and reports {@code [netc.type-local]} on its
 * declaration, even in a file with no other netc annotation.
 */
final class LocalTypesTest {

  @Test
  void aLocalInterfaceIsAnErrorEvenWithInputsZero() {
    JavaFileObject f =
        JavaFileObjects.forSourceLines(
            "test.Main",
            "package test;",
            "",
            "import dev.netc.annotations.Activation;",
            "import dev.netc.annotations.Layer;",
            "import dev.netc.annotations.Network;",
            "import dev.netc.runtime.Model;",
            "",
            "class Main {",
            "  void run() {",
            "    @Network(inputs = 0)",
            "    @Layer(units = 1, activation = Activation.SIGMOID)",
            "    interface Local extends Model {}",
            "  }",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.type-local] Local: a @Network type must be top-level or static nested"
                + " (annotation processors are not shown types declared in a method, and the"
                + " generated model could not name one) but Local is declared in the method"
                + " Main.run; move it out of the method")
        .inFile(f)
        .onLineContaining("interface Local extends Model");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void everyKindOfLocalTypeAndQualifiedOrStarImportedAnnotations() {
    JavaFileObject f =
        JavaFileObjects.forSourceLines(
            "test.Main",
            "package test;",
            "",
            "import dev.netc.annotations.*;",
            "import dev.netc.runtime.Model;",
            "",
            "class Main {",
            "  Main() {",
            "    @dev.netc.annotations.Network(inputs = 2)",
            "    abstract class InConstructor implements Model {}",
            "  }",
            "  static {",
            "    @Network(inputs = 2)",
            "    class InInitializer {}",
            "  }",
            "  Runnable lambda = () -> {",
            "    @Network(inputs = 2)",
            "    record InLambda() {}",
            "  };",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.type-local] InConstructor: ")
        .inFile(f)
        .onLineContaining("abstract class InConstructor");
    assertThat(c)
        .hadErrorContaining("InConstructor is declared in a constructor of Main")
        .inFile(f)
        .onLineContaining("abstract class InConstructor");
    assertThat(c)
        .hadErrorContaining("InInitializer is declared in an initializer of Main")
        .inFile(f)
        .onLineContaining("class InInitializer");
    assertThat(c)
        .hadErrorContaining("[netc.type-local] InLambda: ")
        .inFile(f)
        .onLineContaining("record InLambda");
    assertThat(c).hadErrorCount(3);
  }

  @Test
  void anotherAnnotationNamedNetworkIsNotNetcs() {
    JavaFileObject network =
        JavaFileObjects.forSourceLines(
            "test.Network", "package test;", "", "@interface Network {", "  int inputs();", "}");
    JavaFileObject f =
        JavaFileObjects.forSourceLines(
            "test.Main",
            "package test;",
            "",
            "class Main {",
            "  void run() {",
            "    @Network(inputs = 0)",
            "    interface Local {}",
            "  }",
            "}");
    Compilation c = compile(network, f);
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void aLocalNetworkInAFileNetcProcessesIsReportedOnce() {
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
            "interface Net extends Model {",
            "  static void demo() {",
            "    @Network(inputs = 2)",
            "    @Layer(units = 1, activation = Activation.SIGMOID)",
            "    interface Local extends Model {}",
            "  }",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("Local is declared in the method Net.demo")
        .inFile(f)
        .onLineContaining("interface Local extends Model");
    // NetcProcessor runs first and claims the round: it searches the unit, the finder skips it.
    assertThat(c).hadErrorCount(1);
  }

  private static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new NetcProcessor(), new LocalNetworkFinder()).compile(sources);
  }
}
