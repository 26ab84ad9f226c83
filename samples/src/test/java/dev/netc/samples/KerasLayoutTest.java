package dev.netc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netc.runtime.Model;
import dev.netc.runtime.Npz;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras's layout, refused and then fixed: a {@code Dense} layer keeps its {@code kernel} as {@code
 * n[l-1] x n[l]} (it computes {@code x . kernel + bias} for a row {@code x}), the transpose of
 * netc's {@code W[l]}. A file that stores the kernels as they are is refused at compile time with
 * {@code netc.weights-shape} naming the transpose, once per kernel; the recipe {@code W1 =
 * kernel.T} compiles, and the model computes what Keras's Dense layers compute, checked against a
 * plain-loop evaluation of {@code tanh(x . kernel1 + bias1)} and so on.
 *
 * <p>No Keras here: the kernels are seeded random numbers in Keras's layout. The declaration is the
 * one {@link PyTorchDeploymentTest} deploys.
 */
final class KerasLayoutTest {

  private static final int[] SIZES = {4, 16, 8, 3};
  private static final double TOLERANCE = 1e-12;

  @Test
  void kerasKernelsAsTheyAreAreRefusedAsTheTranspose(@TempDir Path dir) throws Exception {
    Map<String, DoubleMatrix> keras = kerasLayers(7);
    Path classes = dir.resolve("classes");
    Map<String, DoubleMatrix> asTheyAre = new LinkedHashMap<>();
    for (int l = 1; l <= 3; l++) {
      asTheyAre.put("W" + l, keras.get("kernel" + l));
      asTheyAre.put("b" + l, keras.get("bias" + l));
    }
    write(classes.resolve("keras.npz"), asTheyAre);

    DeclarationCompiler.Result compiled =
        DeclarationCompiler.compile(
            dir,
            PyTorchDeploymentTest.FILE_NAME,
            PyTorchDeploymentTest.DECLARATION.formatted("keras.npz"),
            classes);

    assertFalse(compiled.success(), "javac must refuse kernels in Keras's layout");
    List<String> expected = new ArrayList<>();
    for (int l = 1; l <= 3; l++) {
      int rows = SIZES[l];
      int columns = SIZES[l - 1];
      expected.add(
          "[netc.weights-shape] TorchNet: @Network(weights = \"keras.npz\"): W"
              + l
              + " must be "
              + rows
              + "x"
              + columns
              + " (n["
              + l
              + "] x n["
              + (l - 1)
              + "]) but the file holds "
              + columns
              + "x"
              + rows
              + "; that is the transpose: netc stores W[l] as n[l] x n[l-1] (one row per unit),"
              + " so save W"
              + l
              + ".T");
    }
    assertEquals(expected, compiled.errors(), "one error per kernel, naming the transpose");
    long line = lineOf(PyTorchDeploymentTest.DECLARATION, "weights = ");
    assertEquals(List.of(line, line, line), compiled.errorLines(), "on the weights attribute");
    assertFalse(
        Files.exists(classes.resolve("deployed/TorchNetModel.class")),
        "nothing is generated from a refused file");
  }

  @Test
  void theTransposedKernelsComputeWhatKerasComputes(@TempDir Path dir) throws Exception {
    Map<String, DoubleMatrix> keras = kerasLayers(8);
    Path classes = dir.resolve("classes");
    // The recipe: W1 = kernel.T, b1 = bias, and so on.
    Map<String, DoubleMatrix> recipe = new LinkedHashMap<>();
    for (int l = 1; l <= 3; l++) {
      recipe.put("W" + l, keras.get("kernel" + l).transpose());
      recipe.put("b" + l, keras.get("bias" + l));
    }
    write(classes.resolve("keras.npz"), recipe);

    DeclarationCompiler.Result compiled =
        DeclarationCompiler.compile(
            dir,
            PyTorchDeploymentTest.FILE_NAME,
            PyTorchDeploymentTest.DECLARATION.formatted("keras.npz"),
            classes);
    assertTrue(
        compiled.success(), "javac must accept the transposed kernels: " + compiled.errors());
    Model model = compiled.pretrained(PyTorchDeploymentTest.MODEL_CLASS);

    Random random = new Random(9);
    int m = 50;
    DoubleMatrix X = new DoubleMatrix(SIZES[0], m);
    for (int i = 0; i < X.length; i++) {
      X.data[i] = 2 * random.nextGaussian();
    }
    DoubleMatrix A = model.forward(X);
    for (int j = 0; j < m; j++) {
      double[] expected = kerasForward(keras, X.getColumn(j).data);
      for (int k = 0; k < expected.length; k++) {
        assertEquals(
            expected[k], A.get(k, j), TOLERANCE, "A3(" + k + ", " + j + ") against Keras's Dense");
      }
    }
  }

  /**
   * Keras's {@code Dense(16, tanh)}, {@code Dense(8, relu)}, {@code Dense(3, softmax)} on one row
   * {@code x}, in plain loops: {@code y[k] = g(sum_i x[i] kernel[i][k] + bias[k])}.
   */
  private static double[] kerasForward(Map<String, DoubleMatrix> keras, double[] x) {
    double[] a = x;
    for (int l = 1; l <= 3; l++) {
      DoubleMatrix kernel = keras.get("kernel" + l);
      DoubleMatrix bias = keras.get("bias" + l);
      double[] z = new double[kernel.columns];
      for (int k = 0; k < z.length; k++) {
        double sum = bias.get(k);
        for (int i = 0; i < a.length; i++) {
          sum += a[i] * kernel.get(i, k);
        }
        z[k] = sum;
      }
      a = z;
      if (l == 1) {
        for (int k = 0; k < a.length; k++) {
          a[k] = Math.tanh(a[k]);
        }
      } else if (l == 2) {
        for (int k = 0; k < a.length; k++) {
          a[k] = Math.max(0, a[k]);
        }
      } else {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
          max = Math.max(max, v);
        }
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
          a[k] = Math.exp(a[k] - max);
          sum += a[k];
        }
        for (int k = 0; k < a.length; k++) {
          a[k] /= sum;
        }
      }
    }
    return a;
  }

  /** Seeded Glorot-like kernels ({@code n[l-1] x n[l]}) and small biases, as Keras keeps them. */
  private static Map<String, DoubleMatrix> kerasLayers(long seed) {
    Random random = new Random(seed);
    Map<String, DoubleMatrix> layers = new LinkedHashMap<>();
    for (int l = 1; l <= 3; l++) {
      DoubleMatrix kernel = new DoubleMatrix(SIZES[l - 1], SIZES[l]);
      for (int i = 0; i < kernel.length; i++) {
        kernel.data[i] = random.nextGaussian() * Math.sqrt(2.0 / (SIZES[l - 1] + SIZES[l]));
      }
      DoubleMatrix bias = new DoubleMatrix(SIZES[l], 1);
      for (int i = 0; i < bias.length; i++) {
        bias.data[i] = 0.1 * random.nextGaussian();
      }
      layers.put("kernel" + l, kernel);
      layers.put("bias" + l, bias);
    }
    return layers;
  }

  private static void write(Path file, Map<String, DoubleMatrix> arrays) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      Npz.write(out, arrays);
    }
  }

  /** The 1-based line of {@code text} that first contains {@code needle}. */
  private static long lineOf(String text, String needle) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(needle)) {
        return i + 1;
      }
    }
    throw new AssertionError(needle + " is not in the declaration");
  }
}
