package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.netc.runtime.FloatModel;
import dev.netc.runtime.Model;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingReport;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.Random;
import javax.tools.JavaFileObject;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the generated code of a {@code @Network(precision = FLOAT)} model wires up beyond its passes
 * (which {@link GradientCheck#runFloat} checks): the seeded initialisation, save and load, training
 * and prediction, each through the generated model loaded from its class files.
 */
final class FloatModelTest {
  private static final JavaFileObject SINGLE = planar("PlanarFloat", true);
  private static final JavaFileObject TWIN = planar("Planar", false);

  private static GeneratedClasses classes;

  @TempDir Path dir;

  @BeforeAll
  static void compile() {
    Compilation c = GeneratedClasses.compile(SINGLE, TWIN);
    assertThat(c).succeededWithoutWarnings();
    classes = GeneratedClasses.of(c);
  }

  @Test
  void createDrawsTheDoubleWeightsRoundedToFloat() {
    // Initializers draw the same Gaussians in the same order in both precisions.
    FloatModel single = classes.createFloat("test.PlanarFloatModel", 7);
    Model twin = classes.create("test.PlanarModel", 7);
    for (int l = 1; l <= 3; l++) {
      double[] w = twin.parameters().W(l).data;
      float[] f = single.parameters().W(l).data;
      assertThat(f.length).isEqualTo(w.length);
      for (int i = 0; i < w.length; i++) {
        assertThat(f[i]).isEqualTo((float) w[i]);
      }
      assertThat(single.parameters().b(l).data).isEqualTo(new float[sizes()[l]]);
    }
  }

  @Test
  void saveThenLoadGivesTheSameFloats() throws Exception {
    FloatModel model = classes.createFloat("test.PlanarFloatModel", 3);
    model.parameters().b(1).data[2] = 0.1f;
    Path file = dir.resolve("planar-float.npz");
    model.save(file);
    FloatModel loaded = load("test.PlanarFloatModel", file);
    for (int l = 1; l <= 3; l++) {
      assertThat(loaded.parameters().W(l).data).isEqualTo(model.parameters().W(l).data);
      assertThat(loaded.parameters().b(l).data).isEqualTo(model.parameters().b(l).data);
    }
  }

  @Test
  void fitLowersTheCostAndPredictsZerosAndOnes() {
    Random random = new Random(11);
    int m = 200;
    FloatMatrix X = new FloatMatrix(2, m);
    FloatMatrix Y = new FloatMatrix(1, m);
    for (int j = 0; j < m; j++) {
      float x0 = (float) random.nextGaussian();
      float x1 = (float) random.nextGaussian();
      X.put(0, j, x0);
      X.put(1, j, x1);
      // Inside or outside a circle: not linearly separable, easy for two hidden layers.
      Y.put(0, j, x0 * x0 + x1 * x1 < 1.2f ? 1 : 0);
    }
    FloatModel model = classes.createFloat("test.PlanarFloatModel", 5);
    double before = model.cost(X, Y);
    TrainingReport report = model.fit(X, Y, Training.gradientDescent(0.5).iterations(300));
    assertThat(report.finalCost()).isLessThan(before / 2);
    assertThat(report.finalCost()).isWithin(1e-6 * before).of(model.cost(X, Y));

    FloatMatrix predicted = model.predict(X);
    assertThat(predicted.rows).isEqualTo(1);
    assertThat(predicted.columns).isEqualTo(m);
    for (float p : predicted.data) {
      assertThat(p == 0f || p == 1f).isTrue();
    }
    assertThat(model.summary()).contains("PlanarFloat: 2 -> 6 (tanh) -> 4 (relu) -> 1 (sigmoid)");
  }

  private static int[] sizes() {
    return new int[] {2, 6, 4, 1};
  }

  private static FloatModel load(String modelClass, Path file) throws Exception {
    try {
      return (FloatModel) classes.loadClass(modelClass).getMethod("load", Path.class)
          .invoke(null, file);
    } catch (InvocationTargetException e) {
      throw (Exception) e.getCause();
    }
  }

  private static JavaFileObject planar(String name, boolean single) {
    return JavaFileObjects.forSourceLines(
        "test." + name,
        "package test;",
        "",
        "import dev.netc.annotations.*;",
        "",
        "@Network(inputs = 2" + (single ? ", precision = Precision.FLOAT)" : ")"),
        "@Layer(units = 6, activation = Activation.TANH)",
        "@Layer(units = 4, activation = Activation.RELU)",
        "@Layer(units = 1, activation = Activation.SIGMOID)",
        "public interface " + name + " extends dev.netc.runtime."
            + (single ? "FloatModel" : "Model") + " {}");
  }
}
