package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.netc.runtime.FloatModel;
import dev.netc.runtime.Model;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.Test;

/**
 * No name a user picks shadows what generated code refers to: a member type of the declaration,
 * the network itself, or another class of its package may be named like any {@code java.lang},
 * {@code java.*}, jblas or netc type the generated files use, and they still compile (under {@code
 * -Xlint:all}, without a warning) and run. Before, {@code Math} or {@code String} broke them
 * ({@code cannot find symbol Math.sqrt(double) location: interface Math}).
 */
final class ShadowingTest {
  /** Every simple name of a type that generated code names, and the names it gives its own. */
  static final List<String> NAMES =
      List.of(
          // java.lang, never imported
          "Math", "String", "Override", "Object", "IllegalStateException", "System",
          // other JDK types
          "Random", "Path", "IOException", "InputStream", "UncheckedIOException", "Generated",
          // jblas
          "DoubleMatrix", "FloatMatrix",
          // netc
          "Model", "FloatModel", "Parameters", "FloatParameters", "Gradients", "FloatGradients",
          "Architecture", "Kernels", "Blas", "Activations", "Losses", "Predictions",
          "Initializers", "Training", "Trainable", "FloatTrainable", "TrainingReport",
          "Workspaces", "ModelFiles", "ModelThreads", "ThreadSlot", "Examples", "InputChecks",
          "TrainingLoop", "Activation", "Loss", "Precision",
          // the model's own nested type
          "Passes");

  @Test
  void memberTypesOfTheDeclarationShadowNothing() {
    StringBuilder members = new StringBuilder();
    for (String name : NAMES) {
      members.append("  interface ").append(name).append(" {}\n");
    }
    Compilation c =
        compile(
            declaration("Net", false, members.toString()),
            declaration("NetFloat", true, members.toString()));
    assertRuns(c, "test.NetModel", "test.NetFloatModel");
  }

  @Test
  void networksNamedLikeTheTypesTheyUseCompile() {
    List<JavaFileObject> sources = new ArrayList<>();
    List<String> models = new ArrayList<>();
    for (String name : NAMES) {
      if (name.equals("Passes")) {
        continue; // a network named Passes is fine, but its model is PassesModel either way
      }
      boolean single = name.startsWith("Float");
      sources.add(declaration(name, single, ""));
      models.add("test." + name + "Model");
    }
    Compilation c = compile(sources.toArray(JavaFileObject[]::new));
    assertRuns(c, models.toArray(String[]::new));
  }

  @Test
  void classesOfThePackageShadowNothing() {
    List<JavaFileObject> sources = new ArrayList<>();
    for (String name : NAMES) {
      sources.add(JavaFileObjects.forSourceLines("test." + name, "package test;",
          "public final class " + name + " {}"));
    }
    sources.add(declaration("Net", false, ""));
    sources.add(declaration("NetFloat", true, ""));
    Compilation c = compile(sources.toArray(JavaFileObject[]::new));
    assertRuns(c, "test.NetModel", "test.NetFloatModel");
  }

  private static Compilation compile(JavaFileObject... sources) {
    return GeneratedClasses.compile(List.of("-Xlint:all,-processing"), sources);
  }

  /** Compiled without a warning, and every model answers forward and one-example forward. */
  private static void assertRuns(Compilation c, String... models) {
    assertThat(c).succeededWithoutWarnings();
    GeneratedClasses classes = GeneratedClasses.of(c);
    for (String model : models) {
      if (model.contains("Float")) {
        FloatModel single = classes.createFloat(model, 1);
        FloatMatrix X = FloatMatrix.ones(3, 2);
        assertThat(single.forward(X).getColumn(0).data)
            .isEqualTo(single.forward(new float[] {1, 1, 1}));
      } else {
        Model twin = classes.create(model, 1);
        DoubleMatrix X = DoubleMatrix.ones(3, 2);
        assertThat(twin.forward(X).getColumn(0).data)
            .isEqualTo(twin.forward(new double[] {1, 1, 1}));
      }
    }
  }

  /**
   * {@code name}: a 3 -> 4 (tanh) -> 2 (softmax) network whose initialisations use {@code
   * Math.sqrt}, with {@code members} in its body.
   */
  private static JavaFileObject declaration(String name, boolean single, String members) {
    String model = single ? "dev.netc.runtime.FloatModel" : "dev.netc.runtime.Model";
    return JavaFileObjects.forSourceLines(
        "test." + name,
        "package test;",
        "",
        "@dev.netc.annotations.Network(inputs = 3,",
        "    loss = dev.netc.annotations.Loss.CATEGORICAL_CROSS_ENTROPY,",
        "    precision = dev.netc.annotations.Precision." + (single ? "FLOAT" : "DOUBLE") + ")",
        "@dev.netc.annotations.Layer(units = 4,"
            + " activation = dev.netc.annotations.Activation.TANH, name = \"hidden\")",
        "@dev.netc.annotations.Layer(units = 2,"
            + " activation = dev.netc.annotations.Activation.SOFTMAX)",
        "public interface " + name + " extends " + model + " {",
        members,
        "}");
  }
}
