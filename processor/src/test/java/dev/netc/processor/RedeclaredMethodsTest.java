package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Methods of {@code Model} (and {@code FloatModel}) that a user declares again in the
 * {@code @Network} type: each is either accepted (and the generated model compiles) or refused with
 * one located netc error; never an error inside a generated file.
 */
final class RedeclaredMethodsTest {

  // ------------------------------------------------------------- refused

  @Test
  void saveWithoutThrowsIOException() {
    JavaFileObject f = network("interface Net extends Model {", "  void save(Path file);", "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.method-throws] Net: netc generates NetModel.save(java.nio.file.Path) throwing"
                + " java.io.IOException, as Model.save(java.nio.file.Path) does, but"
                + " Net.save(java.nio.file.Path) does not declare it; add throws"
                + " java.io.IOException or remove the method")
        .inFile(f)
        .onLineContaining("void save(Path file);");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void saveThrowingANarrowerException() {
    JavaFileObject f =
        network(
            "interface Net extends Model {",
            "  void save(Path file) throws java.io.FileNotFoundException;",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.method-throws] Net: netc generates NetModel.save")
        .inFile(f)
        .onLineContaining("FileNotFoundException");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void saveWithoutThrowsInAnAbstractClass() {
    JavaFileObject f =
        network(
            "abstract class Net implements Model {",
            "  public abstract void save(Path file);",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.method-throws]")
        .inFile(f)
        .onLineContaining("public abstract void save");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void saveWithoutThrowsInheritedFromAnotherInterfaceIsBlamedOnTheType() {
    JavaFileObject f =
        network(
            "interface Net extends Model, Saves {}",
            "interface Saves {",
            "  void save(Path file);",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("but Saves.save(java.nio.file.Path) does not declare it")
        .inFile(f)
        .onLineContaining("interface Net extends Model, Saves");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void floatSaveWithoutThrows() {
    JavaFileObject f =
        source(
            "Net",
            "@Network(inputs = 2, precision = Precision.FLOAT)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Net extends dev.netc.runtime.FloatModel {",
            "  void save(Path file);",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("as FloatModel.save(java.nio.file.Path) does")
        .inFile(f)
        .onLineContaining("void save(Path file);");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aNarrowerReturnType() {
    JavaFileObject f =
        network(
            "interface Net extends Model {",
            "  Wide forward(DoubleMatrix X);",
            "  @SuppressWarnings(\"serial\")",
            "  final class Wide extends DoubleMatrix {}",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.method-return] Net: netc generates NetModel.forward(org.jblas.DoubleMatrix)"
                + " returning org.jblas.DoubleMatrix, as Model.forward(org.jblas.DoubleMatrix)"
                + " does, but Net.forward(org.jblas.DoubleMatrix) returns test.Net.Wide; declare"
                + " it returning org.jblas.DoubleMatrix or remove it")
        .inFile(f)
        .onLineContaining("Wide forward(DoubleMatrix X);");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aNarrowerReturnTypeThroughABoundedTypeArgument() {
    JavaFileObject f =
        network(
            "interface Net extends Model, Forward<Net.Wide> {",
            "  @SuppressWarnings(\"serial\")",
            "  final class Wide extends DoubleMatrix {}",
            "}",
            "interface Forward<M extends DoubleMatrix> {",
            "  M forward(DoubleMatrix X);",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.method-return] Net: netc generates NetModel.forward(org.jblas.DoubleMatrix)"
                + " returning org.jblas.DoubleMatrix, as Model.forward(org.jblas.DoubleMatrix)"
                + " does, but Forward.forward(org.jblas.DoubleMatrix) returns test.Net.Wide")
        .inFile(f)
        .onLineContaining("interface Net extends Model, Forward<Net.Wide>");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aBoundedTypeArgumentThatFitsCompiles() {
    JavaFileObject f =
        network(
            "interface Net extends Model, Forward<DoubleMatrix> {}",
            "interface Forward<M extends DoubleMatrix> {",
            "  M forward(DoubleMatrix X);",
            "}");
    Compilation c = compile(f);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c.generatedSourceFile("test.NetModel").isPresent()).isTrue();
  }

  @Test
  void aDefaultMethodWouldBeReplaced() {
    JavaFileObject f =
        network(
            "interface Net extends Model {",
            "  @Override",
            "  default String summary() {",
            "    return \"mine\";",
            "  }",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.method-body] Net: the generated model implements every method of Model, so"
                + " NetModel.summary() would replace the body of Net.summary(); remove that"
                + " method (the generated one does its work) or rename it")
        .inFile(f)
        .onLineContaining("default String summary()");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aConcreteMethodOfAnAbstractClassWouldBeReplaced() {
    JavaFileObject f =
        network(
            "abstract class Net implements Model {",
            "  @Override",
            "  public int[] layerSizes() {",
            "    return new int[] {2, 1};",
            "  }",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.method-body]")
        .inFile(f)
        .onLineContaining("public int[] layerSizes()");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aStaticCreateOfAnAbstractClassIsHidden() {
    JavaFileObject f =
        network(
            "abstract class Net implements Model {",
            "  static Net create(long seed) {",
            "    return null;",
            "  }",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.hidden-method] Net: netc generates NetModel.create")
        .inFile(f)
        .onLineContaining("static Net create(long seed)");
    assertThat(c).hadErrorCount(1);
  }

  // ------------------------------------------------------------- javac's own errors, not repeated

  @Test
  void aGenericMethodOfTheSameErasureIsJavacsNameClash() {
    JavaFileObject f =
        network(
            "interface Net extends Model {",
            "  <T extends DoubleMatrix> DoubleMatrix forward(T X);",
            "}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("name clash").inFile(f).onLineContaining("<T extends");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aWiderThrowsClauseIsJavacsError() {
    JavaFileObject f =
        network("interface Net extends Model {", "  void save(Path file) throws Exception;", "}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("does not throw").inFile(f).onLineContaining("Exception;");
    assertThat(c).hadErrorCount(1);
  }

  // ------------------------------------------------------------- accepted

  @Test
  void sameSignaturesAndStaticMethodsOfAnInterfaceCompile() {
    // Static methods of an interface are not inherited: the model's create and load hide nothing.
    JavaFileObject f =
        network(
            "interface Net extends Model {",
            "  String summary();",
            "  void save(Path file) throws java.io.IOException;",
            "  TrainingReport fit(DoubleMatrix X, DoubleMatrix Y, Training training);",
            "  static int create(long seed) {",
            "    return 1;",
            "  }",
            "  static String load(Path file) {",
            "    return \"\";",
            "  }",
            "  static void pretrained() {}",
            "}");
    Compilation c = compile(f);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c.generatedSourceFile("test.NetModel").isPresent()).isTrue();
  }

  @Test
  void aWiderReturnTypeFromAGenericSupertypeCompiles() {
    JavaFileObject f =
        network(
            "interface Net extends Model, Described<CharSequence> {}",
            "interface Described<T> {",
            "  T summary();",
            "}");
    Compilation c = compile(f);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c.generatedSourceFile("test.NetModel").isPresent()).isTrue();
  }

  // ------------------------------------------------------------- helpers

  private static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new NetcProcessor()).compile(sources);
  }

  /** {@code test.Net}: a one-layer network, then the given type declaration. */
  private static JavaFileObject network(String... lines) {
    String[] annotations = {
      "@Network(inputs = 2)", "@Layer(units = 1, activation = Activation.SIGMOID)",
    };
    return source(
        "Net", Stream.concat(Stream.of(annotations), Stream.of(lines)).toArray(String[]::new));
  }

  private static JavaFileObject source(String simpleName, String... lines) {
    String[] header = {
      "package test;",
      "",
      "import dev.netc.annotations.Activation;",
      "import dev.netc.annotations.Layer;",
      "import dev.netc.annotations.Network;",
      "import dev.netc.annotations.Precision;",
      "import dev.netc.runtime.Model;",
      "import dev.netc.runtime.Training;",
      "import dev.netc.runtime.TrainingReport;",
      "import java.nio.file.Path;",
      "import org.jblas.DoubleMatrix;",
      ""
    };
    return JavaFileObjects.forSourceLines(
        "test." + simpleName, Stream.concat(Stream.of(header), Stream.of(lines)).toList());
  }
}
