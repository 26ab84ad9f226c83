package dev.netc.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @SuppressWarnings} on a {@code @Network} type (or a type enclosing it) silences netc's
 * warnings by id, or all of them with {@code "netc"}; never an error. The network has two
 * warnings: a LINEAR hidden layer and a SIGMOID output with MEAN_SQUARED_ERROR.
 */
final class SuppressionsTest {
  private static final String[] TWO_WARNINGS = {
    "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
    "@Layer(units = 4, activation = Activation.LINEAR)",
    "@Layer(units = 1, activation = Activation.SIGMOID)",
  };

  @Test
  void withoutSuppressionBothWarningsArePrinted() {
    Compilation c = compile(network("", "interface Net extends Model {}"));
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[netc.linear-hidden]");
    assertThat(c).hadWarningContaining("[netc.mse-sigmoid]");
    assertThat(c).hadWarningCount(2);
  }

  @Test
  void oneIdSilencesThatWarningOnly() {
    Compilation c =
        compile(
            network("@SuppressWarnings(\"netc.mse-sigmoid\")", "interface Net extends Model {}"));
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[netc.linear-hidden]");
    assertThat(c).hadWarningCount(1);
  }

  @Test
  void severalIdsInOneAnnotation() {
    Compilation c =
        compile(
            network(
                "@SuppressWarnings({\"unchecked\", \"netc.mse-sigmoid\", \"netc.linear-hidden\"})",
                "interface Net extends Model {}"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void netcSilencesEveryNetcWarning() {
    Compilation c =
        compile(network("@SuppressWarnings(\"netc\")", "interface Net extends Model {}"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void anEnclosingTypeSilencesItsNestedNetworks() {
    JavaFileObject f =
        source(
            "Outer",
            "@SuppressWarnings(\"netc.linear-hidden\")",
            "class Outer {",
            String.join("\n", TWO_WARNINGS),
            "  interface Net extends Model {}",
            "}");
    Compilation c = compile(f);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[netc.mse-sigmoid]");
    assertThat(c).hadWarningCount(1);
  }

  @Test
  void otherTokensSilenceNothing() {
    // Neither javac's own categories nor a prefix of an id are netc's to honour.
    Compilation c =
        compile(
            network(
                "@SuppressWarnings({\"all\", \"netc.mse\", \"NETC\"})",
                "interface Net extends Model {}"));
    assertThat(c).hadWarningCount(2);
  }

  @Test
  void errorsAreNeverSuppressed() {
    JavaFileObject f =
        source(
            "Net",
            "@SuppressWarnings(\"netc\")",
            "@Network(inputs = 2)",
            "@Layer(",
            "    units = 0,",
            "    activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[netc.units]").inFile(f).onLineContaining("units = 0");
    assertThat(c).hadErrorCount(1);
  }

  private static Compilation compile(JavaFileObject source) {
    // -Xlint:all: javac must not complain about the "netc..." tokens either.
    return javac()
        .withProcessors(new NetcProcessor())
        .withOptions("-Xlint:all,-processing")
        .compile(source);
  }

  /** {@code test.Net}: {@code annotation}, then the two-warning network on {@code type}. */
  private static JavaFileObject network(String annotation, String type) {
    Stream<String> lines =
        Stream.of(Stream.of(annotation), Stream.of(TWO_WARNINGS), Stream.of(type)).flatMap(s -> s);
    return source("Net", lines.toArray(String[]::new));
  }

  private static JavaFileObject source(String simpleName, String... lines) {
    String[] header = {
      "package test;",
      "",
      "import dev.netc.annotations.Activation;",
      "import dev.netc.annotations.Layer;",
      "import dev.netc.annotations.Loss;",
      "import dev.netc.annotations.Network;",
      "import dev.netc.runtime.Model;",
      ""
    };
    return JavaFileObjects.forSourceLines(
        "test." + simpleName, Stream.concat(Stream.of(header), Stream.of(lines)).toList());
  }
}
