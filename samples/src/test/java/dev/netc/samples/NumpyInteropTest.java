package dev.netc.samples;

import static dev.netc.annotations.Activation.SIGMOID;
import static dev.netc.annotations.Activation.TANH;
import static dev.netc.annotations.Precision.FLOAT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.netc.annotations.Layer;
import dev.netc.annotations.Network;
import dev.netc.runtime.FloatModel;
import dev.netc.runtime.Npz;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingReport;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The saved model is a NumPy file in fact, not only in name: NumPy itself (in a subprocess) loads
 * what {@code model.save} wrote and an input written by {@link Npz}, computes the forward pass
 * {@code tanh(W1 X + b1) -> sigmoid(W2 A1 + b2)} on its own, and its result agrees with {@code
 * model.forward(X)}. The script also echoes the arrays it read, so the round trip Java -> NumPy ->
 * Java must be bit for bit, and it prints the dtype and shape of each array as NumPy sees them.
 * Both precisions: a double model's float64 arrays give NumPy's float64 forward pass (to 1e-12), a
 * single-precision model's float32 arrays its float32 forward pass (to 1e-5).
 *
 * <p>Needs a Python with NumPy: {@code /usr/bin/python3} (Debian's, with {@code python3-numpy})
 * or else {@code python3} on the PATH. Without one the test fails rather than skips: a skipped
 * interop test proves nothing and is easily never noticed.
 */
final class NumpyInteropTest {

  private static final String SCRIPT = "src/test/python/forward.py";
  private static final long TIMEOUT_SECONDS = 120;
  private static final double RELATIVE_TOLERANCE = 1e-12;

  /**
   * netc and NumPy both compute the float forward pass in float32, with their own sgemm, tanh and
   * exp: a few float roundings apart (measured: at most 9.4e-7 relative, on outputs in (0, 1)).
   */
  private static final double FLOAT_RELATIVE_TOLERANCE = 1e-5;

  /** The planar classifier in single precision: what it saves are {@code '<f4'} arrays. */
  @Network(inputs = 2, precision = FLOAT)
  @Layer(units = 4, activation = TANH, name = "hidden")
  @Layer(units = 1, activation = SIGMOID, name = "output")
  interface PlanarClassifierFloat extends FloatModel {}

  @Test
  void numpyComputesTheSameForwardPassFromTheSavedModel(@TempDir Path dir) throws Exception {
    PlanarData data = PlanarData.load();
    PlanarClassifierModel model = PlanarClassifierModel.create(1);
    TrainingReport report =
        model.fit(data.X(), data.Y(), Training.gradientDescent(1.2).iterations(200));
    // Untrained, every output is about 0.5 and a wrong bias or transpose could hide in the noise.
    assertTrue(
        report.finalCost() < 0.8 * report.costs()[0],
        "training should have lowered the cost by a fifth, but " + report);

    Path modelFile = dir.resolve("planar.npz");
    model.save(modelFile);
    Path inputFile = dir.resolve("x.npz");
    DoubleMatrix X = data.X();
    Map<String, DoubleMatrix> inputs = new LinkedHashMap<>();
    inputs.put("X", X);
    try (OutputStream out = Files.newOutputStream(inputFile)) {
      Npz.write(out, inputs);
    }
    Path outputFile = dir.resolve("numpy.npz");

    List<String> printed = runNumpy(modelFile, inputFile, outputFile);

    int m = X.columns;
    assertEquals(
        List.of(
            "W1 float64 (4, 2)",
            "W2 float64 (1, 4)",
            "b1 float64 (4, 1)",
            "b2 float64 (1, 1)",
            "X float64 (2, " + m + ")",
            "A2 float64 (1, " + m + ")"),
        printed,
        "the arrays as NumPy saw them (name, dtype, shape)");

    Map<String, DoubleMatrix> back = Npz.read(outputFile);
    // What NumPy read is exactly what Java wrote, in both directions through the format.
    assertBitsEqual(X, back.get("X"), "X");
    for (int l = 1; l <= 2; l++) {
      assertBitsEqual(model.parameters().W(l), back.get("W" + l), "W" + l);
      assertBitsEqual(model.parameters().b(l), back.get("b" + l), "b" + l);
    }

    DoubleMatrix expected = model.forward(X);
    DoubleMatrix actual = back.get("A2");
    assertEquals(1, actual.rows, "rows of NumPy's A2");
    assertEquals(m, actual.columns, "columns of NumPy's A2");
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < m; j++) {
      double a = expected.get(0, j);
      double b = actual.get(0, j);
      assertTrue(
          Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.abs(a),
          "A2(0, " + j + "): netc gives " + a + ", NumPy " + b + "; they must agree to 1e-12"
              + " relative");
      min = Math.min(min, a);
      max = Math.max(max, a);
    }
    assertTrue(max - min > 0.5, "outputs should span the classes, got [" + min + ", " + max + "]");
  }

  /**
   * The same in single precision: the model saves float32 ({@code '<f4'}) arrays, NumPy sees them
   * as float32 and computes the forward pass in float32 (its {@code @}, {@code tanh} and {@code
   * exp} keep the dtype of their float32 operands), and its result agrees with {@code
   * FloatModel.forward} to float accuracy.
   */
  @Test
  void numpyReadsAFloatModelAsFloat32AndComputesTheSameForwardPass(@TempDir Path dir)
      throws Exception {
    PlanarData data = PlanarData.load();
    FloatMatrix X = data.X().toFloat();
    NumpyInteropTest_PlanarClassifierFloatModel model =
        NumpyInteropTest_PlanarClassifierFloatModel.create(1);
    TrainingReport report =
        model.fit(X, data.Y().toFloat(), Training.gradientDescent(1.2).iterations(200));
    assertTrue(
        report.finalCost() < 0.8 * report.costs()[0],
        "training should have lowered the cost by a fifth, but " + report);

    Path modelFile = dir.resolve("planar-float.npz");
    model.save(modelFile);
    Path inputFile = dir.resolve("x.npz");
    Map<String, FloatMatrix> inputs = new LinkedHashMap<>();
    inputs.put("X", X);
    try (OutputStream out = Files.newOutputStream(inputFile)) {
      Npz.writeFloat(out, inputs);
    }
    Path outputFile = dir.resolve("numpy.npz");

    List<String> printed = runNumpy(modelFile, inputFile, outputFile);

    int m = X.columns;
    assertEquals(
        List.of(
            "W1 float32 (4, 2)",
            "W2 float32 (1, 4)",
            "b1 float32 (4, 1)",
            "b2 float32 (1, 1)",
            "X float32 (2, " + m + ")",
            "A2 float32 (1, " + m + ")"),
        printed,
        "the arrays as NumPy saw them (name, dtype, shape)");

    Map<String, FloatMatrix> back = Npz.readFloat(outputFile);
    assertBitsEqual(X, back.get("X"), "X");
    for (int l = 1; l <= 2; l++) {
      assertBitsEqual(model.parameters().W(l), back.get("W" + l), "W" + l);
      assertBitsEqual(model.parameters().b(l), back.get("b" + l), "b" + l);
    }

    FloatMatrix expected = model.forward(X);
    FloatMatrix actual = back.get("A2");
    assertEquals(1, actual.rows, "rows of NumPy's A2");
    assertEquals(m, actual.columns, "columns of NumPy's A2");
    for (int j = 0; j < m; j++) {
      float a = expected.get(0, j);
      float b = actual.get(0, j);
      assertTrue(
          Math.abs(a - b) <= FLOAT_RELATIVE_TOLERANCE * Math.abs(a),
          "A2(0, " + j + "): netc gives " + a + ", NumPy " + b + "; they must agree to 1e-5"
              + " relative");
    }
    float min = expected.min();
    float max = expected.max();
    assertTrue(max - min > 0.5, "outputs should span the classes, got [" + min + ", " + max + "]");
  }

  private static void assertBitsEqual(DoubleMatrix expected, DoubleMatrix actual, String name) {
    assertTrue(actual != null, name + " is missing from NumPy's output");
    assertEquals(expected.rows + "x" + expected.columns, actual.rows + "x" + actual.columns, name);
    long[] e = new long[expected.length];
    long[] a = new long[actual.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = Double.doubleToRawLongBits(expected.data[i]);
      a[i] = Double.doubleToRawLongBits(actual.data[i]);
    }
    assertArrayEquals(e, a, name + " must cross Java -> NumPy -> Java bit for bit");
  }

  private static void assertBitsEqual(FloatMatrix expected, FloatMatrix actual, String name) {
    assertTrue(actual != null, name + " is missing from NumPy's output");
    assertEquals(expected.rows + "x" + expected.columns, actual.rows + "x" + actual.columns, name);
    int[] e = new int[expected.length];
    int[] a = new int[actual.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = Float.floatToRawIntBits(expected.data[i]);
      a[i] = Float.floatToRawIntBits(actual.data[i]);
    }
    assertArrayEquals(e, a, name + " must cross Java -> NumPy -> Java bit for bit");
  }

  /** Runs forward.py and returns the lines it printed; fails with its output if it fails. */
  private static List<String> runNumpy(Path model, Path input, Path output) throws Exception {
    return Python.run(pythonWithNumpy(), SCRIPT, TIMEOUT_SECONDS,
        model.toString(), input.toString(), output.toString());
  }

  /** The first interpreter that can {@code import numpy}; fails, saying what was tried, if none. */
  private static String pythonWithNumpy() throws InterruptedException {
    List<String> tried = new ArrayList<>();
    String python = Python.find("import numpy; print(numpy.__version__)", TIMEOUT_SECONDS, tried);
    if (python == null) {
      fail("NumpyInteropTest: a Python that can import numpy is required, but none was found;"
          + " tried "
          + String.join(", ", tried)
          + "; install NumPy, e.g. `sudo apt-get install python3-numpy` on Debian");
    }
    return python;
  }
}
