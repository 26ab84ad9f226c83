package dev.netc.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/**
 * The two-core kernels give the same bits as one thread over the whole range, from one caller and
 * from several at once, and the worker really takes part.
 */
class ParallelTest {

  // 517 x 311: above both thresholds, odd so the last chunk is partial.
  private static final int ROWS = 517;
  private static final int COLS = 311;

  private static DoubleMatrix input(Random rng, int rows, int cols) {
    DoubleMatrix M = new DoubleMatrix(rows, cols);
    for (int i = 0; i < M.data.length; i++) {
      M.data[i] = rng.nextGaussian() * 4;
    }
    // The awkward values must go through the split path too.
    M.data[0] = Double.NaN;
    M.data[1] = -0.0;
    M.data[M.data.length / 2] = Double.POSITIVE_INFINITY;
    M.data[M.data.length - 1] = Double.NEGATIVE_INFINITY;
    return M;
  }

  /** Runs {@code op} through the public kernel and checks it against one thread's range loop. */
  private static void check(int op, DoubleMatrix x, DoubleMatrix y, DoubleMatrix out) {
    double[] expected = out.data.clone();
    int unit = op == Parallel.SOFTMAX ? x.rows : 1;
    Parallel.range(
        op, x.data, y == null ? null : y.data, expected, 0.3, unit, 0, x.length / unit);
    switch (op) {
      case Parallel.SIGMOID -> Activations.sigmoid(x, out);
      case Parallel.TANH -> Activations.tanh(x, out);
      case Parallel.RELU -> Activations.relu(x, out);
      case Parallel.LEAKY_RELU -> Activations.leakyRelu(x, 0.3, out);
      case Parallel.SIGMOID_BACKWARD -> Activations.sigmoidBackward(x, y, out);
      case Parallel.TANH_BACKWARD -> Activations.tanhBackward(x, y, out);
      case Parallel.RELU_BACKWARD -> Activations.reluBackward(x, y, out);
      case Parallel.LEAKY_RELU_BACKWARD -> Activations.leakyReluBackward(x, 0.3, y, out);
      case Parallel.SUBTRACT -> Kernels.subtract(x, y, out);
      case Parallel.AXPY -> Kernels.axpy(0.3, x, out);
      case Parallel.SOFTMAX -> Activations.softmax(x, out);
      default -> throw new AssertionError(op);
    }
    // assertArrayEquals on double[] compares bit patterns (NaN equals NaN, -0.0 is not 0.0).
    assertArrayEquals(expected, out.data, "op " + op);
  }

  private static void allOps(Random rng, int rows, int cols) {
    for (int op = Parallel.SIGMOID; op <= Parallel.SOFTMAX; op++) {
      DoubleMatrix x = input(rng, rows, cols);
      DoubleMatrix y = input(rng, rows, cols);
      // axpy reads its output; the others overwrite it.
      DoubleMatrix out = input(rng, rows, cols);
      check(op, x, y, out);
    }
  }

  @Test
  void everyKernelGivesTheSingleThreadedBits() {
    Random rng = new Random(3);
    allOps(rng, ROWS, COLS);
    allOps(rng, 10, 20_011); // softmax over many short columns, as in an output layer
    allOps(rng, 1, (1 << 15) + 1); // just above the threshold
    allOps(rng, 3, 5); // below it
  }

  /**
   * The two-core scan finds the same first non-finite entry as the one-thread loop: none, one at
   * the ends or inside a chunk, several in different chunks (the first wins, whichever thread
   * finds its chunk first), and each kind of non-finite value.
   */
  @Test
  void firstNonFiniteFindsTheFirstBadEntry() {
    int n = 3_000_017; // many chunks, the last one partial
    double[] d = new double[n];
    float[] f = new float[n];
    Random rng = new Random(11);
    for (int i = 0; i < n; i++) {
      d[i] = rng.nextGaussian() * 1e300; // large values, whose products with 0 are still zeros
      f[i] = (float) (rng.nextGaussian() * 1e36);
    }
    assertEquals(-1, Parallel.firstNonFinite(d, n));
    assertEquals(-1, Parallel.firstNonFinite(f, n));
    double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    int[][] positions = {{0}, {n - 1}, {n / 2}, {1_234_567, 2_500_000}, {2_999_999, 5}, {70_000}};
    for (double v : bad) {
      for (int[] at : positions) {
        double[] dd = d.clone();
        float[] ff = f.clone();
        for (int i : at) {
          dd[i] = v;
          ff[i] = (float) v;
        }
        int expected = java.util.Arrays.stream(at).min().getAsInt();
        String where = v + " at " + java.util.Arrays.toString(at);
        assertEquals(expected, Parallel.firstNonFinite(dd, n), where);
        assertEquals(expected, Parallel.firstNonFinite(ff, n), "float " + where);
        assertEquals(expected, Kernels.firstNonFinite(dd, 0, n), where);
        // Only the first n entries count.
        assertEquals(-1, Parallel.firstNonFinite(dd, expected), where);
      }
    }
  }

  @Test
  void theWorkerTakesPart() throws InterruptedException {
    if (!Parallel.ENABLED) {
      return; // one core, or -Dnetc.threads=1
    }
    long before = Parallel.workerChunks();
    DoubleMatrix Z = input(new Random(5), ROWS, COLS);
    DoubleMatrix A = new DoubleMatrix(ROWS, COLS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    // The worker may be parked and the machine busy: keep calling until it has helped.
    while (Parallel.workerChunks() == before && System.nanoTime() < deadline) {
      Activations.tanh(Z, A);
    }
    assertTrue(Parallel.workerChunks() > before, "the worker never computed a chunk");
  }

  @Test
  void severalCallersAtOnceGetTheirOwnResults() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        long seed = t;
        futures.add(
            pool.submit(
                () -> {
                  Random rng = new Random(seed);
                  for (int k = 0; k < 4; k++) {
                    allOps(rng, 301, 229);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** {@code -Dnetc.threads=1} turns the worker off; the kernels still work, on one thread. */
  @Test
  void threadsOneTurnsTheWorkerOff() throws IOException, InterruptedException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-Dnetc.threads=1",
                "-cp",
                System.getProperty("java.class.path"),
                ParallelOff.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES));
    assertEquals("enabled=false workerChunks=0 threads=none\n", output.replace("\r", ""));
  }

  /** Run by {@link #threadsOneTurnsTheWorkerOff} in a JVM started with -Dnetc.threads=1. */
  static final class ParallelOff {
    public static void main(String[] args) {
      DoubleMatrix Z = input(new Random(1), ROWS, COLS);
      for (int i = 0; i < 50; i++) {
        Activations.tanh(Z, Z.dup());
      }
      boolean worker =
          Thread.getAllStackTraces().keySet().stream()
              .anyMatch(t -> t.getName().equals("netc-kernels"));
      System.out.println(
          "enabled=" + Parallel.ENABLED + " workerChunks=" + Parallel.workerChunks()
              + " threads=" + (worker ? "netc-kernels" : "none"));
    }
  }
}
