package dev.netc.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.Test;

/**
 * The two-core kernels on float arrays give the same bits as one thread over the whole range, from
 * one caller and from several at once (mixed with double jobs), use the worker, and allocate
 * nothing per call.
 */
class ParallelFloatTest {

  // 517 x 311: above both thresholds, odd so the last chunk is partial.
  private static final int ROWS = 517;
  private static final int COLS = 311;

  private static FloatMatrix input(Random rng, int rows, int cols) {
    FloatMatrix M = new FloatMatrix(rows, cols);
    for (int i = 0; i < M.data.length; i++) {
      M.data[i] = (float) (rng.nextGaussian() * 4);
    }
    // The awkward values must go through the split path too.
    M.data[0] = Float.NaN;
    M.data[1] = -0.0f;
    M.data[M.data.length / 2] = Float.POSITIVE_INFINITY;
    M.data[M.data.length - 1] = Float.NEGATIVE_INFINITY;
    return M;
  }

  /** Runs {@code op} through the public kernel and checks it against one thread's range loop. */
  private static void check(int op, FloatMatrix x, FloatMatrix y, FloatMatrix out) {
    float[] expected = out.data.clone();
    int unit = op == Parallel.SOFTMAX ? x.rows : 1;
    double alpha = op == Parallel.AXPY ? 0.3f : 0.3; // axpy's scalar is a float
    Parallel.range(
        op, x.data, y == null ? null : y.data, expected, alpha, unit, 0, x.length / unit);
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
      case Parallel.AXPY -> Kernels.axpy(0.3f, x, out);
      case Parallel.SOFTMAX -> Activations.softmax(x, out);
      default -> throw new AssertionError(op);
    }
    // assertArrayEquals on float[] compares bit patterns (NaN equals NaN, -0.0 is not 0.0).
    assertArrayEquals(expected, out.data, "op " + op);
  }

  private static void allOps(Random rng, int rows, int cols) {
    for (int op = Parallel.SIGMOID; op <= Parallel.SOFTMAX; op++) {
      FloatMatrix x = input(rng, rows, cols);
      FloatMatrix y = input(rng, rows, cols);
      FloatMatrix out = input(rng, rows, cols); // axpy reads its output; the others overwrite it
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

  @Test
  void theWorkerTakesPart() {
    if (!Parallel.ENABLED) {
      return; // one core, or -Dnetc.threads=1
    }
    long before = Parallel.workerChunks();
    FloatMatrix Z = input(new Random(5), ROWS, COLS);
    FloatMatrix A = new FloatMatrix(ROWS, COLS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    // The worker may be parked and the machine busy: keep calling until it has helped.
    while (Parallel.workerChunks() == before && System.nanoTime() < deadline) {
      Activations.tanh(Z, A);
    }
    assertTrue(Parallel.workerChunks() > before, "the worker never computed a chunk");
  }

  /** Float and double jobs share the one worker; each caller must get its own results. */
  @Test
  void callersOfBothPrecisionsAtOnceGetTheirOwnResults() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        long seed = t;
        boolean single = t % 2 == 0;
        futures.add(
            pool.submit(
                () -> {
                  Random rng = new Random(seed);
                  for (int k = 0; k < 4; k++) {
                    if (single) {
                      allOps(rng, 301, 229);
                    } else {
                      doubleTanh(rng, 301, 229);
                    }
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

  private static void doubleTanh(Random rng, int rows, int cols) {
    DoubleMatrix Z = new DoubleMatrix(rows, cols);
    for (int i = 0; i < Z.length; i++) {
      Z.data[i] = rng.nextGaussian() * 4;
    }
    double[] expected = new double[Z.length];
    Parallel.range(Parallel.TANH, Z.data, null, expected, 0.0, 1, 0, Z.length);
    DoubleMatrix A = new DoubleMatrix(rows, cols);
    Activations.tanh(Z, A);
    assertArrayEquals(expected, A.data);
  }

  /** The kernels allocate nothing per call on the calling thread (the job slot is preallocated). */
  @Test
  void noAllocationPerCall() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    if (!(bean instanceof com.sun.management.ThreadMXBean threads)
        || !threads.isThreadAllocatedMemorySupported()) {
      return;
    }
    threads.setThreadAllocatedMemoryEnabled(true);
    Random rng = new Random(9);
    FloatMatrix Z = input(rng, ROWS, COLS);
    FloatMatrix dA = input(rng, ROWS, COLS);
    FloatMatrix A = new FloatMatrix(ROWS, COLS);
    FloatMatrix S = input(rng, 10, 20_011);
    FloatMatrix P = new FloatMatrix(10, 20_011);
    FloatMatrix db = new FloatMatrix(ROWS, 1);
    Runnable calls =
        () -> {
          Activations.relu(Z, A);
          Activations.reluBackward(Z, dA, A);
          Activations.sigmoid(Z, A);
          Activations.softmax(S, P);
          Kernels.subtract(Z, dA, A);
          Kernels.axpy(0.5f, Z, A);
          Kernels.sumColumns(0.5f, Z, db);
          Kernels.broadcastColumns(db, A);
        };
    for (int i = 0; i < 200; i++) {
      calls.run(); // compile first: the interpreter and the JIT may allocate
    }
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    for (int i = 0; i < 100; i++) {
      calls.run();
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    assertTrue(allocated < 1024, allocated + " bytes allocated by 100 rounds of kernel calls");
  }
}
