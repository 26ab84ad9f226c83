package dev.netc.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The rules of the annotated type for the declarations {@link FuzzTest#acceptedButBroken()} found:
 * each ends in one located netc error in the user's file (or, for shadowing member types, in a
 * model that compiles).
 */
final class TypeRulesRegressionTest {

  @Test
  void finalModelMethodIsRejected() {
    JavaFileObject f =
        network(
            "abstract class Net implements Model {",
            "  public final String summary() { return \"mine\"; }",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.final-method] Net: the generated model overrides every method"
            + " of dev.netc.runtime.Model but Net.summary() is final; remove final or the method")
        .inFile(f)
        .onLineContaining("public final String summary()");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void objectMethodRedeclaredAbstractInAClassIsRejected() {
    JavaFileObject f =
        network(
            "abstract class Net implements Model {",
            "  @Override public abstract String toString();",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.abstract-method] Net: the generated model implements only")
        .inFile(f)
        .onLineContaining("public abstract String toString()");
    assertThat(c).hadErrorContaining("but Net.toString() is abstract");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void staticCreateIsRejected() {
    JavaFileObject f =
        network(
            "abstract class Net implements Model {",
            "  public static int create(long seed) { return 0; }",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.hidden-method] Net: netc generates NetModel.create with the"
            + " same parameter types as Net.create(long), which it would hide or clash with;"
            + " rename Net.create(long) or make it private")
        .inFile(f)
        .onLineContaining("public static int create(long seed)");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void methodWithTheSignatureOfAPrivateHelperIsRejected() {
    JavaFileObject f =
        network(
            "abstract class Net implements Model {",
            "  public double costOfLastForward(",
            "      org.jblas.DoubleMatrix Y) {",
            "    return 0;",
            "  }",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.hidden-method] Net: netc generates NetModel.costOfLastForward")
        .inFile(f)
        .onLineContaining("public double costOfLastForward(");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void defaultMethodWithTheSignatureOfAPrivateHelperIsRejected() {
    JavaFileObject f =
        network(
            "interface Net extends Model {",
            "  default double costOfLastForward(org.jblas.DoubleMatrix Y) { return 0; }",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.hidden-method] Net: netc generates NetModel.costOfLastForward")
        .inFile(f)
        .onLineContaining("default double costOfLastForward(");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void privateHelperNamesArePrivateInTheDeclarationToo() {
    JavaFileObject f =
        network(
            "abstract class Net implements Model {",
            "  private static int create(long seed) { return 0; }",
            "  static int create(int seed) { return 0; }",
            "}");
    Compilation c = compile(f);
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void constructorThrowingACheckedExceptionIsRejected() {
    JavaFileObject f =
        network(
            "abstract class Net implements Model {",
            "  protected Net() throws java.io.IOException {}",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.constructor-throws] Net: the no-argument constructor of an abstract"
            + " @Network class must not throw checked exceptions (the generated model calls"
            + " super() and declares none) but it throws java.io.IOException; handle them in the"
            + " constructor or throw an unchecked exception")
        .inFile(f)
        .onLineContaining("protected Net() throws");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void constructorThrowingAnUncheckedExceptionIsFine() {
    JavaFileObject f =
        network(
            "abstract class Net implements Model {",
            "  protected Net() throws IllegalStateException {}",
            "}");
    assertThat(compile(f)).succeededWithoutWarnings();
  }

  @Test
  void sealedTypeIsRejected() {
    JavaFileObject f =
        network(
            "sealed interface Net extends Model permits Other {}",
            "abstract non-sealed class Other implements Net {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.type-sealed] Net: a @Network type must not be sealed (its"
            + " permits clause cannot name the generated model) but Net is sealed; make it"
            + " non-sealed or remove sealed and permits")
        .inFile(f)
        .onLineContaining("sealed interface Net");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void memberTypeNamedLikeAGeneratedClassIsRejected() {
    JavaFileObject f =
        network(
            "interface Net extends Model {",
            "  class NetForward {}",
            "}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.name-clash] Net: netc generates test.NetForward but the member"
            + " type test.Net.NetForward already has that name; rename one of them")
        .inFile(f)
        .onLineContaining("class NetForward");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void memberTypesNamedLikeTypesTheModelUsesDoNotBreakIt() {
    JavaFileObject f =
        network(
            "abstract class Net implements Model {",
            "  static class Random {}",
            "  static class Parameters {}",
            "  interface DoubleMatrix {}",
            "  interface Gradients {}",
            "  interface Training {}",
            "  interface Path {}",
            "  interface Architecture {}",
            "  interface IOException {}",
            "  interface Override {}",
            "}");
    assertThat(compile(f)).succeededWithoutWarnings();
  }

  private static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new NetcProcessor()).compile(sources);
  }

  /** {@code test.Net}: a two-layer network on the given type declaration lines. */
  private static JavaFileObject network(String... lines) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "package test;",
                "",
                "import dev.netc.annotations.Activation;",
                "import dev.netc.annotations.Layer;",
                "import dev.netc.annotations.Network;",
                "import dev.netc.runtime.Model;",
                "",
                "@Network(inputs = 2)",
                "@Layer(units = 3, activation = Activation.TANH)",
                "@Layer(units = 1, activation = Activation.SIGMOID)"));
    all.addAll(List.of(lines));
    return JavaFileObjects.forSourceLines("test.Net", all);
  }
}
