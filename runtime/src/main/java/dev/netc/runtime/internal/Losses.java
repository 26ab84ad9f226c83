package dev.netc.runtime.internal;

import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

// twin: f32 inherited
/**
 * Cost functions, averaged over the {@code m = Y.columns} examples. The cross-entropies take the
 * logits {@code Z[L]} rather than the activations: computing them from {@code Z} never takes
 * {@code log(0)}, however saturated the output.
 *
 * <p>Every cost has a single-precision overload, generated into {@code FloatLosses} (which this
 * class extends): every entry is widened to double and the sums are taken in double, so each cost
 * is the double formula's value on the same data.
 */
public final class Losses extends FloatLosses {

  private Losses() {}

  // twin: skip
  /**
   * Binary cross-entropy of a sigmoid output {@code a = sigmoid(z)}, from the logits {@code Z}:
   * {@code J = (1/m) sum [max(z, 0) - z*y + log1p(e^-|z|)]} over every output unit and example,
   * which equals {@code -(1/m) sum [y log a + (1 - y) log(1 - a)]} but stays finite for any finite
   * {@code z}. The terms come from vectorized code (see {@code FastMath}), each within a few
   * ulp of the formula on {@link Math#exp} and {@link Math#log1p}, and are added in order.
   */
  public static double binaryCrossEntropy(DoubleMatrix Z, DoubleMatrix Y) {
    Kernels.same("binaryCrossEntropy", "Z", Z, "Y", Y);
    return FastMath.binaryCrossEntropySum(Z.data, Y.data, Y.rows * Y.columns) / Y.columns;
  }

  /**
   * {@link #binaryCrossEntropy(DoubleMatrix, DoubleMatrix)} of single-precision logits and
   * targets, computed in double by hand: the double kernel's vectorized terms need double arrays.
   */
  public static double binaryCrossEntropy(FloatMatrix Z, FloatMatrix Y) {
    Kernels.same("binaryCrossEntropy", "Z", Z, "Y", Y);
    float[] z = Z.data;
    float[] y = Y.data;
    int n = Y.rows * Y.columns;
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
      double v = z[i];
      sum += Math.max(v, 0.0) - v * y[i] + FastMath.log1p(Math.exp(-Math.abs(v)));
    }
    return sum / Y.columns;
  }
  // twin: end

  /**
   * Categorical cross-entropy of a softmax output, from the logits {@code Z}: per column {@code j},
   * {@code log a_k = z_k - lse_j} with {@code lse_j = max_i z_i + log sum_i e^(z_i - max_i z_i)},
   * so {@code J = (1/m) sum_j sum_k y_kj (lse_j - z_kj)}. Terms with {@code y = 0} are skipped, so
   * a logit of {@code -infinity} for a class that is not the target costs nothing.
   */
  // twin: scalar categoricalCrossEntropy
  public static double categoricalCrossEntropy(DoubleMatrix Z, DoubleMatrix Y) {
    Kernels.same("categoricalCrossEntropy", "Z", Z, "Y", Y);
    double[] z = Z.data;
    double[] y = Y.data;
    int rows = Y.rows;
    double total = 0.0; // twin: keep
    if (rows == 0) {
      return total / Y.columns;
    }
    // Blocks of columns: the exponents z - max into scratch, their exponentials in vectorized
    // passes (FastMath.exp), then per column the log-sum-exp and the terms, in column order.
    double[][] scratch = FastMath.expScratch(rows); // twin: keep
    double[] u = scratch[0]; // twin: keep
    double[] e = scratch[1]; // twin: keep
    double[] max = scratch[2]; // twin: keep
    int block = Math.max(1, FastMath.EXP_BLOCK / rows) * rows;
    for (int off = 0, end = rows * Y.columns; off < end; off += block) {
      int n = Math.min(block, end - off);
      for (int c = 0, j = 0; c < n; c += rows, j++) {
        double mx = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows; i++) {
          mx = Math.max(mx, z[off + c + i]);
        }
        max[j] = mx;
        for (int i = 0; i < rows; i++) {
          // twin: as u[c + i] = (double) z[off + c + i] - mx;
          u[c + i] = z[off + c + i] - mx;
        }
      }
      FastMath.exp(u, e, n);
      for (int c = 0, j = 0; c < n; c += rows, j++) {
        double sum = 0.0; // twin: keep
        for (int i = 0; i < rows; i++) {
          sum += e[c + i];
        }
        double lse = max[j] + Math.log(sum); // twin: keep
        for (int i = off + c; i < off + c + rows; i++) {
          if (y[i] != 0.0) {
            total += y[i] * (lse - z[i]);
          }
        }
      }
    }
    return total / Y.columns;
  }

  /** {@code J = (1/(2m)) sum (a - y)^2} over every output unit and example. */
  // twin: scalar meanSquaredError
  public static double meanSquaredError(DoubleMatrix A, DoubleMatrix Y) {
    Kernels.same("meanSquaredError", "A", A, "Y", Y);
    double[] a = A.data;
    double[] y = Y.data;
    int n = Y.rows * Y.columns;
    double sum = 0.0; // twin: keep
    for (int i = 0; i < n; i++) {
      double d = a[i] - y[i]; // twin: as double d = (double) a[i] - y[i];
      sum += d * d;
    }
    return sum / (2.0 * Y.columns); // twin: keep
  }

  /**
   * {@code dA = A - Y}; overwrites {@code dA}. The {@code 1/m} of the cost is applied later, in
   * {@code dW = (1/m) dZ A^T} and {@code db = (1/m) sum dZ}, as in the course notes.
   */
  public static void meanSquaredErrorGradient(DoubleMatrix A, DoubleMatrix Y, DoubleMatrix dA) {
    Kernels.subtract(A, Y, dA);
  }
}
