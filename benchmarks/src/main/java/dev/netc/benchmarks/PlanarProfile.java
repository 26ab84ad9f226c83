package dev.netc.benchmarks;

import static dev.netc.runtime.internal.Blas.Op.N;
import static dev.netc.runtime.internal.Blas.Op.T;

import dev.netc.runtime.Model;
import dev.netc.runtime.Training;
import dev.netc.runtime.internal.Activations;
import dev.netc.runtime.internal.Blas;
import dev.netc.runtime.internal.Kernels;
import dev.netc.runtime.internal.Losses;
import java.util.Random;
import org.jblas.DoubleMatrix;

/**
 * Where W1's time goes: every runtime call of one iteration, in the order {@code PlanarForward}
 * and {@code PlanarBackward} (generated) make them, timed alone on W1's shapes, then the
 * generated model's {@code fit} per iteration, as {@link TrainingBench} calls it (10 iterations,
 * so with its fixed costs) and over 2,000 iterations (the iteration alone). Not JMH: each figure
 * is the best of 7 rounds, which on a shared machine is steadier than a mean; for the table's
 * figures use {@link Table}. Run with {@code java -cp benchmarks/target/benchmarks.jar
 * dev.netc.benchmarks.PlanarProfile}.
 */
public final class PlanarProfile {

  private PlanarProfile() {}

  private static DoubleMatrix gaussian(Random rng, int rows, int columns, double scale) {
    DoubleMatrix M = new DoubleMatrix(rows, columns);
    for (int i = 0; i < M.length; i++) {
      M.data[i] = scale * rng.nextGaussian();
    }
    return M;
  }

  /** Nanoseconds per call: the best of 7 rounds of {@code reps} calls, after a warm-up round. */
  private static double time(Runnable call, int reps) {
    for (int i = 0; i < reps; i++) {
      call.run();
    }
    double best = Double.POSITIVE_INFINITY;
    for (int round = 0; round < 7; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < reps; i++) {
        call.run();
      }
      best = Math.min(best, (System.nanoTime() - start) / (double) reps);
    }
    return best;
  }

  public static void main(String[] args) {
    System.out.println(Blas.backend());
    Random rng = new Random(1);
    int m = 400;
    double lr = 1e-9; // the updates must not move the parameters while they are timed
    DoubleMatrix X = gaussian(rng, 2, m, 1);
    DoubleMatrix Y = new DoubleMatrix(1, m);
    for (int j = 0; j < m; j++) {
      Y.data[j] = rng.nextInt(2);
    }
    DoubleMatrix W1 = gaussian(rng, 4, 2, 1);
    DoubleMatrix b1 = gaussian(rng, 4, 1, 1);
    DoubleMatrix W2 = gaussian(rng, 1, 4, 1);
    DoubleMatrix b2 = gaussian(rng, 1, 1, 1);
    // Activations get pre-activations of a trained network's size, not ones grown by repetition.
    DoubleMatrix Z1 = gaussian(rng, 4, m, 2);
    DoubleMatrix Z2 = gaussian(rng, 1, m, 3);
    DoubleMatrix Z1acc = new DoubleMatrix(4, m);
    DoubleMatrix Z2acc = new DoubleMatrix(1, m);
    DoubleMatrix A1 = new DoubleMatrix(4, m);
    DoubleMatrix A2 = new DoubleMatrix(1, m);
    Activations.tanh(Z1, A1);
    Activations.sigmoid(Z2, A2);
    DoubleMatrix dZ2 = new DoubleMatrix(1, m);
    DoubleMatrix dA1 = new DoubleMatrix(4, m);
    DoubleMatrix dZ1 = new DoubleMatrix(4, m);
    DoubleMatrix dW1 = new DoubleMatrix(4, 2);
    DoubleMatrix db1 = new DoubleMatrix(4, 1);
    DoubleMatrix dW2 = new DoubleMatrix(1, 4);
    DoubleMatrix db2 = new DoubleMatrix(1, 1);
    Object[][] calls = {
      {"forward  Z1 = b1 (broadcast 4xm)", (Runnable) () -> Kernels.broadcastColumns(b1, Z1acc)},
      {"forward  Z1 += W1*X (4x2)(2xm)", (Runnable) () -> Blas.gemm(N, N, 1, W1, X, 1, Z1acc)},
      {"forward  A1 = tanh(Z1) 4xm", (Runnable) () -> Activations.tanh(Z1, A1)},
      {"forward  Z2 = b2 (broadcast 1xm)", (Runnable) () -> Kernels.broadcastColumns(b2, Z2acc)},
      {"forward  Z2 += W2*A1 (1x4)(4xm)", (Runnable) () -> Blas.gemm(N, N, 1, W2, A1, 1, Z2acc)},
      {"forward  A2 = sigmoid(Z2) 1xm", (Runnable) () -> Activations.sigmoid(Z2, A2)},
      {"backward dZ2 = A2 - Y", (Runnable) () -> Kernels.subtract(A2, Y, dZ2)},
      {"backward dW2 = dZ2*A1^T /m", (Runnable) () -> Blas.gemm(N, T, 1.0 / m, dZ2, A1, 0, dW2)},
      {"backward db2 = sum dZ2 /m", (Runnable) () -> Kernels.sumColumns(1.0 / m, dZ2, db2)},
      {"backward dA1 = W2^T*dZ2", (Runnable) () -> Blas.gemm(T, N, 1, W2, dZ2, 0, dA1)},
      {"backward dZ1 = dA1 (1 - A1^2)", (Runnable) () -> Activations.tanhBackward(A1, dA1, dZ1)},
      {"backward dW1 = dZ1*X^T /m", (Runnable) () -> Blas.gemm(N, T, 1.0 / m, dZ1, X, 0, dW1)},
      {"backward db1 = sum dZ1 /m", (Runnable) () -> Kernels.sumColumns(1.0 / m, dZ1, db1)},
      {"update   W -= lr dW, b -= lr db", (Runnable) () -> {
        Kernels.axpy(-lr, dW1, W1);
        Kernels.axpy(-lr, db1, b1);
        Kernels.axpy(-lr, dW2, W2);
        Kernels.axpy(-lr, db2, b2);
      }},
    };
    // Timed alone, the gemms with beta = 1 keep adding to Z1acc and Z2acc, which grow (to about
    // 1e5, harmless for the speed); the activations read Z1 and Z2 instead.
    double total = 0;
    for (Object[] call : calls) {
      time((Runnable) call[1], 20_000); // warm every call up before any is timed
    }
    System.out.println();
    for (Object[] call : calls) {
      double ns = time((Runnable) call[1], 20_000);
      total += ns;
      System.out.printf("  %-36s %7.0f ns%n", call[0], ns);
    }
    System.out.printf("  %-36s %7.0f ns%n", "one iteration (sum)", total);
    double cost = time(() -> Losses.binaryCrossEntropy(Z2, Y), 20_000);
    System.out.printf("  %-36s %7.0f ns (twice per fit)%n", "cost (binary cross-entropy)", cost);

    Workload w = Workload.W1;
    Model model = w.model();
    DoubleMatrix Xw = w.inputs();
    DoubleMatrix Yw = w.targets();
    Training short10 = Training.gradientDescent(w.learningRate).iterations(10);
    Training long2000 = Training.gradientDescent(w.learningRate).iterations(2000);
    System.out.println();
    for (int round = 0; round < 3; round++) {
      double perIteration10 = time(() -> model.fit(Xw, Yw, short10), 2000) / 10;
      double perIteration2000 = time(() -> model.fit(Xw, Yw, long2000), 10) / 2000;
      System.out.printf("  fit: %.2f us per iteration in fit(10) (TrainingBench), %.2f in"
          + " fit(2000)%n", perIteration10 / 1e3, perIteration2000 / 1e3);
    }
  }
}
