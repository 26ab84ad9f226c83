package dev.netc.runtime;

import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/**
 * Cost functions, averaged over the {@code m = Y.columns} examples. The cross-entropies take the
 * logits {@code Z[L]} rather than the activations: computing them from {@code Z} never takes
 * {@code log(0)}, however saturated the output.
 */
public final class Losses {

  private Losses() {}

  /**
   * Binary cross-entropy of a sigmoid output {@code a = sigmoid(z)}, from the logits {@code Z}:
   * {@code J = (1/m) sum [max(z, 0) - z*y + log1p(e^-|z|)]} over every output unit and example,
   * which equals {@code -(1/m) sum [y log a + (1 - y) log(1 - a)]} but stays finite for any finite
   * {@code z}. {@code log1p} is computed from the intrinsic {@code Math.log}, within a few ulp of
   * {@link Math#log1p}.
   */
  public static double binaryCrossEntropy(DoubleMatrix Z, DoubleMatrix Y) {
    Kernels.same("binaryCrossEntropy", "Z", Z, "Y", Y);
    double[] z = Z.data;
    double[] y = Y.data;
    int n = Y.rows * Y.columns;
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
      double v = z[i];
      sum += Math.max(v, 0.0) - v * y[i] + FastMath.log1p(Math.exp(-Math.abs(v)));
    }
    return sum / Y.columns;
  }

  /**
   * Categorical cross-entropy of a softmax output, from the logits {@code Z}: per column {@code j},
   * {@code log a_k = z_k - lse_j} with {@code lse_j = max_i z_i + log sum_i e^(z_i - max_i z_i)},
   * so {@code J = (1/m) sum_j sum_k y_kj (lse_j - z_kj)}. Terms with {@code y = 0} are skipped, so
   * a logit of {@code -infinity} for a class that is not the target costs nothing.
   */
  public static double categoricalCrossEntropy(DoubleMatrix Z, DoubleMatrix Y) {
    Kernels.same("categoricalCrossEntropy", "Z", Z, "Y", Y);
    double[] z = Z.data;
    double[] y = Y.data;
    int rows = Y.rows;
    double total = 0.0;
    for (int j = 0, off = 0; j < Y.columns; j++, off += rows) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = off; i < off + rows; i++) {
        max = Math.max(max, z[i]);
      }
      double sum = 0.0;
      for (int i = off; i < off + rows; i++) {
        sum += Math.exp(z[i] - max);
      }
      double lse = max + Math.log(sum);
      for (int i = off; i < off + rows; i++) {
        if (y[i] != 0.0) {
          total += y[i] * (lse - z[i]);
        }
      }
    }
    return total / Y.columns;
  }

  /** {@code J = (1/(2m)) sum (a - y)^2} over every output unit and example. */
  public static double meanSquaredError(DoubleMatrix A, DoubleMatrix Y) {
    Kernels.same("meanSquaredError", "A", A, "Y", Y);
    double[] a = A.data;
    double[] y = Y.data;
    int n = Y.rows * Y.columns;
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
      double d = a[i] - y[i];
      sum += d * d;
    }
    return sum / (2.0 * Y.columns);
  }

  /**
   * {@code dA = A - Y}; overwrites {@code dA}. The {@code 1/m} of the cost is applied later, in
   * {@code dW = (1/m) dZ A^T} and {@code db = (1/m) sum dZ}, as in the course notes.
   */
  public static void meanSquaredErrorGradient(DoubleMatrix A, DoubleMatrix Y, DoubleMatrix dA) {
    Kernels.subtract(A, Y, dA);
  }

  // Single precision: every entry is widened to double and the sums are taken in double, so each
  // cost is the double formula's value on the same data.

  /**
   * {@link #binaryCrossEntropy(DoubleMatrix, DoubleMatrix)} of single-precision logits and
   * targets, computed in double.
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

  /**
   * {@link #categoricalCrossEntropy(DoubleMatrix, DoubleMatrix)} of single-precision logits and
   * targets, computed in double.
   */
  public static double categoricalCrossEntropy(FloatMatrix Z, FloatMatrix Y) {
    Kernels.same("categoricalCrossEntropy", "Z", Z, "Y", Y);
    float[] z = Z.data;
    float[] y = Y.data;
    int rows = Y.rows;
    double total = 0.0;
    for (int j = 0, off = 0; j < Y.columns; j++, off += rows) {
      float max = Float.NEGATIVE_INFINITY;
      for (int i = off; i < off + rows; i++) {
        max = Math.max(max, z[i]);
      }
      double sum = 0.0;
      for (int i = off; i < off + rows; i++) {
        // + 0.0f: see Activations.softmax(float[], ...); about 15% faster on JDK 17.
        sum += Math.exp((double) (z[i] + 0.0f) - max);
      }
      double lse = max + Math.log(sum);
      for (int i = off; i < off + rows; i++) {
        if (y[i] != 0.0f) {
          total += y[i] * (lse - z[i]);
        }
      }
    }
    return total / Y.columns;
  }

  /** {@code J = (1/(2m)) sum (a - y)^2} of single-precision matrices, computed in double. */
  public static double meanSquaredError(FloatMatrix A, FloatMatrix Y) {
    Kernels.same("meanSquaredError", "A", A, "Y", Y);
    float[] a = A.data;
    float[] y = Y.data;
    int n = Y.rows * Y.columns;
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
      double d = (double) a[i] - y[i];
      sum += d * d;
    }
    return sum / (2.0 * Y.columns);
  }

  /** {@code dA = A - Y} in single precision; overwrites {@code dA}. */
  public static void meanSquaredErrorGradient(FloatMatrix A, FloatMatrix Y, FloatMatrix dA) {
    Kernels.subtract(A, Y, dA);
  }
}
