package dev.netc.benchmarks;

import static dev.netc.runtime.internal.Blas.Op.N;
import static dev.netc.runtime.internal.Blas.Op.T;

import dev.netc.runtime.Architecture;
import dev.netc.runtime.FloatModel;
import dev.netc.runtime.FloatParameters;
import dev.netc.runtime.Model;
import dev.netc.runtime.Parameters;
import dev.netc.runtime.Training;
import dev.netc.runtime.internal.Activations;
import dev.netc.runtime.internal.Blas;
import dev.netc.runtime.internal.InputChecks;
import dev.netc.runtime.internal.Kernels;
import dev.netc.runtime.internal.Losses;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/**
 * Where the time of W2-W4 goes: one iteration (or W4's forward pass) as the generated {@code
 * ...Forward} and {@code ...Backward} classes run it, runtime call by runtime call, each call timed
 * in sequence (so that what one call leaves behind, OpenBLAS threads still spinning or a cold
 * cache, is charged to the next, as in training), then the fixed costs of {@code fit} and {@code
 * forward} (the input check, the cost) and {@code fit}'s time per iteration: in {@code fit(10)}
 * as {@link TrainingBench} runs it, so with the fixed costs (the checks, the cost at iteration 0,
 * the final forward pass and cost) spread over 10 iterations, and the marginal time of an
 * iteration, {@code (fit(30) - fit(10)) / 20}. The gradient check is timed with a copy of the
 * runtime's one-thread loop (the runtime's is package-private). The calls mirror the generated code of {@link Deep} and {@link Wide} (relu hidden
 * layers; sigmoid with binary or softmax with categorical cross-entropy) and the gradient-descent
 * update; check them against {@code target/generated-sources} when the processor changes. Not JMH:
 * each figure is the least over 3 rounds of a per-call mean; the table's figures come from {@link
 * Table}.
 *
 * <p>Run with {@code java -cp benchmarks/target/benchmarks.jar dev.netc.benchmarks.PassProfile
 * W3 [float] [iterations]} (W2, W3 or W4; float for W3 and W4).
 */
public final class PassProfile {

  private final List<String> names = new ArrayList<>();
  private double[] sums = new double[64];
  private int k;
  private long last;

  private PassProfile() {}

  private void start() {
    k = 0;
    last = System.nanoTime();
  }

  /** Charges the time since the previous tick to the call {@code name}. */
  private void tick(String name) {
    long now = System.nanoTime();
    if (k == names.size()) {
      names.add(name);
    }
    sums[k++] += now - last;
    last = now;
  }

  public static void main(String[] args) {
    Workload w = Workload.valueOf(args.length > 0 ? args[0] : "W3");
    boolean single = args.length > 1 && args[1].equals("float");
    int iterations =
        args.length > 2
            ? Integer.parseInt(args[2])
            : w == Workload.W2 ? 200 : w.m > 50_000 ? 4 : 10;
    System.out.println(Blas.backend());
    System.out.printf(Locale.ROOT, "%s, %s, load average %s%n", w.title,
        single ? "float32" : "float64", Table.loadAverage());
    double[] best = null;
    List<String> names = null;
    double fitPerIteration = Double.POSITIVE_INFINITY;
    double[] fixed = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double marginal = Double.POSITIVE_INFINITY;
    for (int round = 0; round < 4; round++) {
      PassProfile p = new PassProfile();
      double[] f = single ? p.profileFloat(w, iterations) : p.profileDouble(w, iterations);
      if (round == 0) {
        continue; // warm-up
      }
      names = p.names;
      double[] mean = new double[names.size()];
      for (int i = 0; i < mean.length; i++) {
        mean[i] = p.sums[i] / iterations;
      }
      if (best == null) {
        best = mean;
      } else {
        for (int i = 0; i < mean.length; i++) {
          best[i] = Math.min(best[i], mean[i]);
        }
      }
      fixed[0] = Math.min(fixed[0], f[0]);
      fixed[1] = Math.min(fixed[1], f[1]);
      fitPerIteration = Math.min(fitPerIteration, f[2]);
      marginal = Math.min(marginal, f[3]);
    }
    double total = 0;
    double gemm = 0;
    for (int i = 0; i < names.size(); i++) {
      total += best[i];
      if (names.get(i).contains("gemm")) {
        gemm += best[i];
      }
    }
    System.out.println();
    for (int i = 0; i < names.size(); i++) {
      System.out.printf(Locale.ROOT, "  %-44s %9.3f ms %5.1f%%%n", names.get(i), best[i] / 1e6,
          100 * best[i] / total);
    }
    System.out.printf(Locale.ROOT, "  %-44s %9.3f ms%n", "sum (one " + (w.training ? "iteration"
        : "forward pass") + ")", total / 1e6);
    System.out.printf(Locale.ROOT, "  %-44s %9.3f ms %5.1f%%%n", "  of which gemm", gemm / 1e6,
        100 * gemm / total);
    System.out.printf(Locale.ROOT, "  %-44s %9.3f ms%n", "  of which the rest",
        (total - gemm) / 1e6);
    System.out.printf(Locale.ROOT, "  %-44s %9.3f ms%n", "checkInput / checkTargets",
        fixed[0] / 1e6);
    if (w.training) {
      System.out.printf(Locale.ROOT, "  %-44s %9.3f ms%n", "cost", fixed[1] / 1e6);
      System.out.printf(Locale.ROOT, "  %-44s %9.3f ms%n",
          "fit(" + TrainingBench.ITERATIONS + ") per iteration", fitPerIteration / 1e6);
      System.out.printf(Locale.ROOT, "  %-44s %9.3f ms%n",
          "fit(" + 3 * TrainingBench.ITERATIONS + ") - fit(" + TrainingBench.ITERATIONS
              + ") per iteration", marginal / 1e6);
    } else {
      System.out.printf(Locale.ROOT, "  %-44s %9.3f ms%n", "model.forward(X)",
          fitPerIteration / 1e6);
    }
  }

  /** Returns {input check, cost, fit per iteration (or forward)} in ns; fills the call sums. */
  private double[] profileDouble(Workload w, int iterations) {
    Model model = w.model();
    Parameters params = model.parameters().copy();
    int[] n = w.sizes;
    int L = n.length - 1;
    int m = w.m;
    DoubleMatrix X = w.inputs();
    DoubleMatrix Y = w.training ? w.targets() : null;
    DoubleMatrix[] Z = new DoubleMatrix[L + 1];
    DoubleMatrix[] A = new DoubleMatrix[L + 1];
    DoubleMatrix[] dZ = new DoubleMatrix[L + 1];
    DoubleMatrix[] dA = new DoubleMatrix[L + 1];
    DoubleMatrix[] dW = new DoubleMatrix[L + 1];
    DoubleMatrix[] db = new DoubleMatrix[L + 1];
    A[0] = X;
    for (int l = 1; l <= L; l++) {
      Z[l] = new DoubleMatrix(n[l], m);
      A[l] = new DoubleMatrix(n[l], m);
      dZ[l] = new DoubleMatrix(n[l], m);
      dA[l] = new DoubleMatrix(n[l], m);
      dW[l] = new DoubleMatrix(n[l], n[l - 1]);
      db[l] = new DoubleMatrix(n[l], 1);
    }
    boolean softmax = w.output == Workload.Output.SOFTMAX;
    double lr = 1e-9; // the parameters must stay where they are while they are timed
    for (int it = 0; it < iterations; it++) {
      start();
      for (int l = 1; l <= L; l++) {
        Kernels.broadcastColumns(params.b(l), Z[l]);
        tick("fwd  broadcast b" + l + " " + n[l] + "xm");
        Blas.gemm(N, N, 1.0, params.W(l), A[l - 1], 1.0, Z[l]);
        tick("fwd  gemm Z" + l + " += W" + l + "*A" + (l - 1));
        if (l < L) {
          Activations.relu(Z[l], A[l]);
          tick("fwd  relu A" + l);
        } else if (softmax) {
          Activations.softmax(Z[l], A[l]);
          tick("fwd  softmax A" + l);
        } else {
          Activations.sigmoid(Z[l], A[l]);
          tick("fwd  sigmoid A" + l);
        }
      }
      if (!w.training) {
        continue;
      }
      Kernels.subtract(A[L], Y, dZ[L]);
      tick("bwd  dZ" + L + " = A" + L + " - Y");
      for (int l = L; l >= 1; l--) {
        if (l < L) {
          Activations.reluBackward(Z[l], dA[l], dZ[l]);
          tick("bwd  reluBackward dZ" + l);
        }
        Blas.gemm(N, T, 1.0 / m, dZ[l], A[l - 1], 0.0, dW[l]);
        tick("bwd  gemm dW" + l + " = dZ" + l + "*A" + (l - 1) + "^T");
        Kernels.sumColumns(1.0 / m, dZ[l], db[l]);
        tick("bwd  sumColumns db" + l);
        if (l > 1) {
          Blas.gemm(T, N, 1.0, params.W(l), dZ[l], 0.0, dA[l - 1]);
          tick("bwd  gemm dA" + (l - 1) + " = W" + l + "^T*dZ" + l);
        }
      }
      boolean finite = true;
      for (int l = 1; l <= L; l++) {
        finite &= firstNonFinite(dW[l].data) < 0 && firstNonFinite(db[l].data) < 0;
      }
      tick("fit  gradient check (one-thread scan of dW, db)");
      if (!finite) {
        throw new AssertionError("non-finite gradient");
      }
      for (int l = 1; l <= L; l++) {
        Kernels.axpy(-lr, dW[l], params.W(l));
        Kernels.axpy(-lr, db[l], params.b(l));
      }
      tick("upd  W -= lr dW, b -= lr db");
    }
    double check = time(() -> {
      if (w.training) {
        InputChecks.checkTargets(archOf(w), X, Y);
      } else {
        InputChecks.checkInput(archOf(w), X);
      }
    });
    double cost =
        w.training
            ? time(() -> {
                if (softmax) {
                  Losses.categoricalCrossEntropy(Z[L], Y);
                } else {
                  Losses.binaryCrossEntropy(Z[L], Y);
                }
              })
            : 0;
    double whole;
    double marginal = 0;
    if (w.training) {
      Training t = Training.gradientDescent(w.learningRate).iterations(TrainingBench.ITERATIONS);
      whole = time(() -> model.fit(X, Y, t)) / TrainingBench.ITERATIONS;
      Training t3 = t.iterations(3 * TrainingBench.ITERATIONS);
      marginal = (time(() -> model.fit(X, Y, t3)) - whole * TrainingBench.ITERATIONS)
          / (2 * TrainingBench.ITERATIONS);
    } else {
      whole = time(() -> model.forward(X));
    }
    return new double[] {check, cost, whole, marginal};
  }

  /** {@link #profileDouble} in single precision (W3, W4). */
  private double[] profileFloat(Workload w, int iterations) {
    FloatModel model = w.floatModel();
    FloatParameters params = model.parameters().copy();
    int[] n = w.sizes;
    int L = n.length - 1;
    int m = w.m;
    FloatMatrix X = w.inputs().toFloat();
    FloatMatrix Y = w.training ? w.targets().toFloat() : null;
    FloatMatrix[] Z = new FloatMatrix[L + 1];
    FloatMatrix[] A = new FloatMatrix[L + 1];
    FloatMatrix[] dZ = new FloatMatrix[L + 1];
    FloatMatrix[] dA = new FloatMatrix[L + 1];
    FloatMatrix[] dW = new FloatMatrix[L + 1];
    FloatMatrix[] db = new FloatMatrix[L + 1];
    A[0] = X;
    for (int l = 1; l <= L; l++) {
      Z[l] = new FloatMatrix(n[l], m);
      A[l] = new FloatMatrix(n[l], m);
      dZ[l] = new FloatMatrix(n[l], m);
      dA[l] = new FloatMatrix(n[l], m);
      dW[l] = new FloatMatrix(n[l], n[l - 1]);
      db[l] = new FloatMatrix(n[l], 1);
    }
    float lr = 1e-9f;
    for (int it = 0; it < iterations; it++) {
      start();
      for (int l = 1; l <= L; l++) {
        Kernels.broadcastColumns(params.b(l), Z[l]);
        tick("fwd  broadcast b" + l + " " + n[l] + "xm");
        Blas.gemm(N, N, 1.0f, params.W(l), A[l - 1], 1.0f, Z[l]);
        tick("fwd  gemm Z" + l + " += W" + l + "*A" + (l - 1));
        if (l < L) {
          Activations.relu(Z[l], A[l]);
          tick("fwd  relu A" + l);
        } else {
          Activations.softmax(Z[l], A[l]);
          tick("fwd  softmax A" + l);
        }
      }
      if (!w.training) {
        continue;
      }
      Kernels.subtract(A[L], Y, dZ[L]);
      tick("bwd  dZ" + L + " = A" + L + " - Y");
      for (int l = L; l >= 1; l--) {
        if (l < L) {
          Activations.reluBackward(Z[l], dA[l], dZ[l]);
          tick("bwd  reluBackward dZ" + l);
        }
        Blas.gemm(N, T, 1.0f / m, dZ[l], A[l - 1], 0.0f, dW[l]);
        tick("bwd  gemm dW" + l + " = dZ" + l + "*A" + (l - 1) + "^T");
        Kernels.sumColumns(1.0f / m, dZ[l], db[l]);
        tick("bwd  sumColumns db" + l);
        if (l > 1) {
          Blas.gemm(T, N, 1.0f, params.W(l), dZ[l], 0.0f, dA[l - 1]);
          tick("bwd  gemm dA" + (l - 1) + " = W" + l + "^T*dZ" + l);
        }
      }
      boolean finite = true;
      for (int l = 1; l <= L; l++) {
        finite &= firstNonFinite(dW[l].data) < 0 && firstNonFinite(db[l].data) < 0;
      }
      tick("fit  gradient check (one-thread scan of dW, db)");
      if (!finite) {
        throw new AssertionError("non-finite gradient");
      }
      for (int l = 1; l <= L; l++) {
        Kernels.axpy(-lr, dW[l], params.W(l));
        Kernels.axpy(-lr, db[l], params.b(l));
      }
      tick("upd  W -= lr dW, b -= lr db");
    }
    Architecture a = WideFloatModel.ARCHITECTURE;
    double check = time(() -> {
      if (w.training) {
        InputChecks.checkTargets(a, X, Y);
      } else {
        InputChecks.checkInput(a, X);
      }
    });
    double cost = w.training ? time(() -> Losses.categoricalCrossEntropy(Z[L], Y)) : 0;
    double whole;
    double marginal = 0;
    if (w.training) {
      Training t = Training.gradientDescent(w.learningRate).iterations(TrainingBench.ITERATIONS);
      whole = time(() -> model.fit(X, Y, t)) / TrainingBench.ITERATIONS;
      Training t3 = t.iterations(3 * TrainingBench.ITERATIONS);
      marginal = (time(() -> model.fit(X, Y, t3)) - whole * TrainingBench.ITERATIONS)
          / (2 * TrainingBench.ITERATIONS);
    } else {
      whole = time(() -> model.forward(X));
    }
    return new double[] {check, cost, whole, marginal};
  }

  private static Architecture archOf(Workload w) {
    return w == Workload.W2 ? DeepModel.ARCHITECTURE : WideModel.ARCHITECTURE;
  }

  /** The runtime's own scan is package-private; the same loop. */
  private static int firstNonFinite(double[] d) {
    for (int i = 0; i < d.length; i++) {
      if (d[i] - d[i] != 0.0) {
        return i;
      }
    }
    return -1;
  }

  private static int firstNonFinite(float[] d) {
    for (int i = 0; i < d.length; i++) {
      if (d[i] - d[i] != 0.0f) {
        return i;
      }
    }
    return -1;
  }

  /** Nanoseconds per call: the least of 3 calls after one warm-up call. */
  private static double time(Runnable call) {
    call.run();
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      call.run();
      best = Math.min(best, System.nanoTime() - start);
    }
    return best;
  }
}
