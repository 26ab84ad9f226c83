package dev.netc.runtime;

import org.jblas.DoubleMatrix;

/**
 * Activations {@code A = g(Z)} and their backward rules {@code dZ = dA o g'(Z)}: static, no
 * allocation, inputs first, the overwritten output last. The output may be the input itself (in
 * place). One derivative rule per activation, written in terms of the stored activation where
 * possible ({@code a(1 - a)} for sigmoid, {@code 1 - a^2} for tanh), so the backward pass needs no
 * second evaluation of {@code exp} or {@code tanh}.
 */
public final class Activations {

  private Activations() {}

  /**
   * {@code A = 1 / (1 + e^-Z)}; overwrites {@code A}. Evaluated as {@code e^z / (1 + e^z)} for
   * negative {@code z} so that {@code e^-z} never overflows.
   */
  public static void sigmoid(DoubleMatrix Z, DoubleMatrix A) {
    Kernels.same("sigmoid", "Z", Z, "A", A);
    double[] z = Z.data;
    double[] a = A.data;
    int n = A.rows * A.columns;
    for (int i = 0; i < n; i++) {
      double v = z[i];
      if (v >= 0.0) {
        a[i] = 1.0 / (1.0 + Math.exp(-v));
      } else {
        double e = Math.exp(v);
        a[i] = e / (1.0 + e);
      }
    }
  }

  /** {@code A = tanh(Z)}; overwrites {@code A}. */
  public static void tanh(DoubleMatrix Z, DoubleMatrix A) {
    Kernels.same("tanh", "Z", Z, "A", A);
    double[] z = Z.data;
    double[] a = A.data;
    int n = A.rows * A.columns;
    for (int i = 0; i < n; i++) {
      a[i] = Math.tanh(z[i]);
    }
  }

  /** {@code A = max(0, Z)}; overwrites {@code A}. NaN stays NaN so that divergence shows. */
  public static void relu(DoubleMatrix Z, DoubleMatrix A) {
    Kernels.same("relu", "Z", Z, "A", A);
    double[] z = Z.data;
    double[] a = A.data;
    int n = A.rows * A.columns;
    for (int i = 0; i < n; i++) {
      double v = z[i];
      a[i] = v < 0.0 ? 0.0 : v;
    }
  }

  /** {@code A = z} for {@code z > 0}, else {@code leak * z}; overwrites {@code A}. */
  public static void leakyRelu(DoubleMatrix Z, double leak, DoubleMatrix A) {
    Kernels.same("leakyRelu", "Z", Z, "A", A);
    double[] z = Z.data;
    double[] a = A.data;
    int n = A.rows * A.columns;
    for (int i = 0; i < n; i++) {
      double v = z[i];
      a[i] = v > 0.0 ? v : leak * v;
    }
  }

  /** {@code A = Z} (a copy); overwrites {@code A}. */
  public static void linear(DoubleMatrix Z, DoubleMatrix A) {
    Kernels.same("linear", "Z", Z, "A", A);
    if (Z.data != A.data) {
      System.arraycopy(Z.data, 0, A.data, 0, A.rows * A.columns);
    }
  }

  /**
   * Per column {@code j}: {@code A(k, j) = e^(Z(k, j) - max_i Z(i, j)) / sum_i e^(Z(i, j) - max_i
   * Z(i, j))}; overwrites {@code A}. Subtracting the column maximum changes nothing mathematically
   * and keeps every exponent at most 0, so nothing overflows.
   */
  public static void softmax(DoubleMatrix Z, DoubleMatrix A) {
    Kernels.same("softmax", "Z", Z, "A", A);
    double[] z = Z.data;
    double[] a = A.data;
    int rows = A.rows;
    for (int j = 0, off = 0; j < A.columns; j++, off += rows) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = off; i < off + rows; i++) {
        max = Math.max(max, z[i]);
      }
      double sum = 0.0;
      for (int i = off; i < off + rows; i++) {
        double e = Math.exp(z[i] - max);
        a[i] = e;
        sum += e;
      }
      double scale = 1.0 / sum;
      for (int i = off; i < off + rows; i++) {
        a[i] *= scale;
      }
    }
  }

  /** {@code dZ = dA o A o (1 - A)} where {@code A} is the sigmoid output; overwrites {@code dZ}. */
  public static void sigmoidBackward(DoubleMatrix A, DoubleMatrix dA, DoubleMatrix dZ) {
    Kernels.same("sigmoidBackward", "A", A, "dA", dA, "dZ", dZ);
    double[] a = A.data;
    double[] da = dA.data;
    double[] dz = dZ.data;
    int n = dZ.rows * dZ.columns;
    for (int i = 0; i < n; i++) {
      double v = a[i];
      dz[i] = da[i] * v * (1.0 - v);
    }
  }

  /** {@code dZ = dA o (1 - A^2)} where {@code A} is the tanh output; overwrites {@code dZ}. */
  public static void tanhBackward(DoubleMatrix A, DoubleMatrix dA, DoubleMatrix dZ) {
    Kernels.same("tanhBackward", "A", A, "dA", dA, "dZ", dZ);
    double[] a = A.data;
    double[] da = dA.data;
    double[] dz = dZ.data;
    int n = dZ.rows * dZ.columns;
    for (int i = 0; i < n; i++) {
      double v = a[i];
      dz[i] = da[i] * (1.0 - v * v);
    }
  }

  /** {@code dZ = dA o 1[Z > 0]}; overwrites {@code dZ}. */
  public static void reluBackward(DoubleMatrix Z, DoubleMatrix dA, DoubleMatrix dZ) {
    Kernels.same("reluBackward", "Z", Z, "dA", dA, "dZ", dZ);
    double[] z = Z.data;
    double[] da = dA.data;
    double[] dz = dZ.data;
    int n = dZ.rows * dZ.columns;
    for (int i = 0; i < n; i++) {
      dz[i] = z[i] > 0.0 ? da[i] : 0.0;
    }
  }

  /** {@code dZ = dA o (1[Z > 0] + leak * 1[Z <= 0])}; overwrites {@code dZ}. */
  public static void leakyReluBackward(
      DoubleMatrix Z, double leak, DoubleMatrix dA, DoubleMatrix dZ) {
    Kernels.same("leakyReluBackward", "Z", Z, "dA", dA, "dZ", dZ);
    double[] z = Z.data;
    double[] da = dA.data;
    double[] dz = dZ.data;
    int n = dZ.rows * dZ.columns;
    for (int i = 0; i < n; i++) {
      dz[i] = z[i] > 0.0 ? da[i] : leak * da[i];
    }
  }

  /** {@code dZ = dA} (a copy; the derivative of the identity is 1); overwrites {@code dZ}. */
  public static void linearBackward(DoubleMatrix dA, DoubleMatrix dZ) {
    Kernels.same("linearBackward", "dA", dA, "dZ", dZ);
    if (dA.data != dZ.data) {
      System.arraycopy(dA.data, 0, dZ.data, 0, dZ.rows * dZ.columns);
    }
  }
}
