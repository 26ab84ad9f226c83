package dev.netc.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netc.runtime.Model;
import dev.netc.runtime.Npz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network trained elsewhere, deployed with netc: PyTorch (in a subprocess, float64 on the CPU)
 * trains {@code 4 -> 16 (tanh) -> 8 (relu) -> 3 (softmax)} on three Gaussian blobs and writes its
 * {@code state_dict} as {@code .npz} ({@code W1 = layers[0].weight}, {@code b1 = layers[0].bias},
 * ...: PyTorch's {@code Linear.weight} is {@code out x in}, netc's {@code W[l]} is {@code n[l] x
 * n[l-1]}, the same layout). javac with the netc processor then compiles a declaration with
 * {@code @Network(weights = ...)} against that very file, checking its shapes at compile time, and
 * the generated {@code pretrained()} model gives PyTorch's probabilities on the same inputs to
 * 1e-12.
 *
 * <p>Needs a Python that can {@code import torch} (Debian's {@code python3-torch}, which .ci/run
 * installs); without one the test is skipped with a message, never passed.
 */
final class PyTorchDeploymentTest {

  private static final String SCRIPT = "src/test/python/torch_train.py";
  private static final long TIMEOUT_SECONDS = 300;

  /**
   * Both sides compute the same float64 expressions with their own BLAS, tanh and exp: a few
   * roundings apart, far below this on probabilities in [0, 1].
   */
  private static final double TOLERANCE = 1e-12;

  /** The declaration a user writes for the network torch_train.py trains, layer for layer. */
  static final String DECLARATION =
      """
      package deployed;

      import static dev.netc.annotations.Activation.RELU;
      import static dev.netc.annotations.Activation.SOFTMAX;
      import static dev.netc.annotations.Activation.TANH;
      import static dev.netc.annotations.Loss.CATEGORICAL_CROSS_ENTROPY;

      import dev.netc.annotations.Layer;
      import dev.netc.annotations.Network;
      import dev.netc.runtime.Model;

      /** nn.Sequential(Linear(4, 16), Tanh(), Linear(16, 8), ReLU(), Linear(8, 3)), softmax. */
      @Network(
          inputs = 4,
          loss = CATEGORICAL_CROSS_ENTROPY,
          weights = "%s")
      @Layer(units = 16, activation = TANH)
      @Layer(units = 8, activation = RELU)
      @Layer(units = 3, activation = SOFTMAX)
      public interface TorchNet extends Model {}
      """;

  static final String FILE_NAME = "deployed/TorchNet.java";
  static final String MODEL_CLASS = "deployed.TorchNetModel";

  @Test
  void aNetworkTrainedInPyTorchGivesPyTorchsOutputs(@TempDir Path dir) throws Exception {
    String python = pythonWithTorch();
    Path trained = dir.resolve("torch");
    Files.createDirectories(trained);
    List<String> printed = runPython(python, trained);
    assertEquals(
        List.of(
            "W1 float64 (16, 4)",
            "b1 float64 (16,)",
            "W2 float64 (8, 16)",
            "b2 float64 (8,)",
            "W3 float64 (3, 8)",
            "b3 float64 (3,)",
            "X float64 (4, 300)",
            "A float64 (3, 300)"),
        printed.subList(1, printed.size()),
        "the arrays PyTorch wrote (name, dtype, shape)");
    // Untrained, the outputs are near 1/3 and a transposed or misplaced array could hide there.
    String[] loss = printed.get(0).split(" ");
    double first = Double.parseDouble(loss[1]);
    double last = Double.parseDouble(loss[2]);
    assertTrue(last < first / 5, "PyTorch should have trained: loss " + first + " -> " + last);

    // What a build does: the resource is in the class output before javac runs.
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    Files.copy(trained.resolve("torch.npz"), classes.resolve("torch.npz"));
    DeclarationCompiler.Result compiled =
        DeclarationCompiler.compile(dir, FILE_NAME, DECLARATION.formatted("torch.npz"), classes);
    assertTrue(compiled.success(), "javac must accept PyTorch's file: " + compiled.errors());
    Model model = compiled.pretrained(MODEL_CLASS);

    Map<String, DoubleMatrix> state = Npz.read(trained.resolve("torch.npz"));
    for (int l = 1; l <= 3; l++) {
      assertSame(state.get("W" + l), model.parameters().W(l), "W" + l);
      assertSame(state.get("b" + l), model.parameters().b(l), "b" + l);
    }

    Map<String, DoubleMatrix> check = Npz.read(trained.resolve("check.npz"));
    DoubleMatrix X = check.get("X");
    DoubleMatrix expected = check.get("A");
    DoubleMatrix actual = model.forward(X);
    assertEquals(3, actual.rows, "rows of A3");
    assertEquals(X.columns, actual.columns, "columns of A3");
    double worst = 0;
    int confident = 0;
    for (int j = 0; j < X.columns; j++) {
      for (int k = 0; k < 3; k++) {
        double a = actual.get(k, j);
        double e = expected.get(k, j);
        assertTrue(
            Math.abs(a - e) <= TOLERANCE,
            "A3("
                + k
                + ", "
                + j
                + "): netc gives "
                + a
                + ", PyTorch "
                + e
                + "; they must agree"
                + " to 1e-12");
        worst = Math.max(worst, Math.abs(a - e));
      }
      confident += expected.getColumn(j).max() > 0.9 ? 1 : 0;
    }
    assertTrue(
        confident > X.columns / 2,
        "the trained network should be confident on most examples, but only "
            + confident
            + " of "
            + X.columns
            + " have a probability above 0.9");
    System.out.println(
        "PyTorchDeploymentTest: netc's pretrained() against PyTorch on "
            + X.columns
            + " examples: largest difference "
            + worst);
  }

  /** {@code actual} has the shape and the very bits of {@code expected}. */
  static void assertSame(DoubleMatrix expected, DoubleMatrix actual, String name) {
    assertTrue(expected != null, name + " is missing");
    assertEquals(expected.rows + "x" + expected.columns, actual.rows + "x" + actual.columns, name);
    // DoubleMatrix.equals allows 1e-6; the file's values must arrive bit for bit.
    assertArrayEquals(expected.data, actual.data, name + " must be the file's values exactly");
  }

  /** Runs torch_train.py and returns the lines it printed; fails with its output if it fails. */
  private static List<String> runPython(String python, Path out) throws Exception {
    return Python.run(python, SCRIPT, TIMEOUT_SECONDS, out.toString());
  }

  /**
   * The first interpreter that can {@code import torch}; the test is skipped, saying what was
   * tried, when none can.
   */
  private static String pythonWithTorch() throws InterruptedException {
    List<String> tried = new ArrayList<>();
    String python =
        Python.find("import torch, numpy; print(torch.__version__)", TIMEOUT_SECONDS, tried);
    assumeTrue(
        python != null,
        "PyTorchDeploymentTest skipped: no Python here can import torch; tried "
            + String.join(", ", tried)
            + "; install it, e.g. `sudo apt-get install python3-torch` on Debian");
    return python;
  }
}
