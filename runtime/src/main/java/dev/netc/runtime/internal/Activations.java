package dev.netc.runtime.internal;

import org.jblas.DoubleMatrix;

// twin: f32 inherited
/**
 * Activations {@code A = g(Z)} and their backward rules {@code dZ = dA o g'(Z)}: static, no
 * allocation, inputs first, the overwritten output last. The output may be the input itself (in
 * place). One derivative rule per activation, written in terms of the stored activation where
 * possible ({@code a(1 - a)} for sigmoid, {@code 1 - a^2} for tanh), so the backward pass needs no
 * second evaluation of {@code exp} or {@code tanh}. The element-wise kernels and softmax use two
 * cores on large matrices (see {@code Parallel}) with bit-identical results. Every function has a
 * single-precision overload on {@code FloatMatrix} with the same name, generated from this source
 * into {@code FloatActivations}, which this class extends; the float loops they run are written
 * here by hand, being float on purpose (see below).
 */
public final class Activations extends FloatActivations {

  private Activations() {}

  /**
   * {@code A = 1 / (1 + e^-Z)}; overwrites {@code A}. Within 1e-15 relative of the textbook
   * formula wherever that does not overflow, and below {@code z = -709}, where the textbook
   * formula returns 0, the true (subnormal) value. Vectorized (see {@code FastMath}).
   */
  public static void sigmoid(DoubleMatrix Z, DoubleMatrix A) {
    Kernels.same("sigmoid", "Z", Z, "A", A);
    Parallel.run(Parallel.SIGMOID, Z.data, null, A.data, 0.0, 1, A.rows * A.columns);
  }

  /**
   * {@code A = tanh(Z)}; overwrites {@code A}. Computed as {@code u / (u + 2)} with {@code u =
   * e^(2z) - 1} evaluated by vectorized code (see {@code FastMath}): within 1e-14 relative of
   * {@link Math#tanh}, which on JDK 17 is a call into C, and about 5 times as fast as the
   * {@link Math#exp}-based formula before it.
   */
  public static void tanh(DoubleMatrix Z, DoubleMatrix A) {
    Kernels.same("tanh", "Z", Z, "A", A);
    Parallel.run(Parallel.TANH, Z.data, null, A.data, 0.0, 1, A.rows * A.columns);
  }

  /** {@code A = max(0, Z)}; overwrites {@code A}. NaN stays NaN so that divergence shows. */
  public static void relu(DoubleMatrix Z, DoubleMatrix A) {
    Kernels.same("relu", "Z", Z, "A", A);
    Parallel.run(Parallel.RELU, Z.data, null, A.data, 0.0, 1, A.rows * A.columns);
  }

  /** {@code A = z} for {@code z > 0}, else {@code leak * z}; overwrites {@code A}. */
  public static void leakyRelu(DoubleMatrix Z, double leak, DoubleMatrix A) { // twin: scalar leak
    Kernels.same("leakyRelu", "Z", Z, "A", A);
    Parallel.run(Parallel.LEAKY_RELU, Z.data, null, A.data, leak, 1, A.rows * A.columns);
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
   * Z(i, j))}; overwrites {@code A} (which may be {@code Z}). Subtracting the column maximum
   * changes nothing mathematically and keeps every exponent at most 0, so nothing overflows. The
   * exponentials come from vectorized passes within 2 ulp of {@link Math#exp}.
   */
  public static void softmax(DoubleMatrix Z, DoubleMatrix A) {
    Kernels.same("softmax", "Z", Z, "A", A);
    if (A.rows > 0) {
      Parallel.run(Parallel.SOFTMAX, Z.data, null, A.data, 0.0, A.rows, A.columns);
    }
  }

  /** {@code dZ = dA o A o (1 - A)} where {@code A} is the sigmoid output; overwrites {@code dZ}. */
  public static void sigmoidBackward(DoubleMatrix A, DoubleMatrix dA, DoubleMatrix dZ) {
    Kernels.same("sigmoidBackward", "A", A, "dA", dA, "dZ", dZ);
    Parallel.run(
        Parallel.SIGMOID_BACKWARD, A.data, dA.data, dZ.data, 0.0, 1, dZ.rows * dZ.columns);
  }

  /** {@code dZ = dA o (1 - A^2)} where {@code A} is the tanh output; overwrites {@code dZ}. */
  public static void tanhBackward(DoubleMatrix A, DoubleMatrix dA, DoubleMatrix dZ) {
    Kernels.same("tanhBackward", "A", A, "dA", dA, "dZ", dZ);
    Parallel.run(Parallel.TANH_BACKWARD, A.data, dA.data, dZ.data, 0.0, 1, dZ.rows * dZ.columns);
  }

  /** {@code dZ = dA o 1[Z > 0]}; overwrites {@code dZ}. */
  public static void reluBackward(DoubleMatrix Z, DoubleMatrix dA, DoubleMatrix dZ) {
    Kernels.same("reluBackward", "Z", Z, "dA", dA, "dZ", dZ);
    Parallel.run(Parallel.RELU_BACKWARD, Z.data, dA.data, dZ.data, 0.0, 1, dZ.rows * dZ.columns);
  }

  /** {@code dZ = dA o (1[Z > 0] + leak * 1[Z <= 0])}; overwrites {@code dZ}. */
  public static void leakyReluBackward(
      DoubleMatrix Z, double leak, DoubleMatrix dA, DoubleMatrix dZ) { // twin: scalar leak
    Kernels.same("leakyReluBackward", "Z", Z, "dA", dA, "dZ", dZ);
    Parallel.run(
        Parallel.LEAKY_RELU_BACKWARD, Z.data, dA.data, dZ.data, leak, 1, dZ.rows * dZ.columns);
  }

  /** {@code dZ = dA} (a copy; the derivative of the identity is 1); overwrites {@code dZ}. */
  public static void linearBackward(DoubleMatrix dA, DoubleMatrix dZ) {
    Kernels.same("linearBackward", "dA", dA, "dZ", dZ);
    if (dA.data != dZ.data) {
      System.arraycopy(dA.data, 0, dZ.data, 0, dZ.rows * dZ.columns);
    }
  }

  // The softmax and the backward rules of sigmoid and tanh, on elements [from, to); their float
  // twins evaluate the double formula on the widened entries and round once.

  /**
   * Softmax of the whole columns in elements {@code [from, to)}, {@code rows} per column, in
   * blocks of columns: the exponents {@code z - max} of a block into scratch, their exponentials
   * in vectorized passes ({@code FastMath.exp}, 4 times as fast as {@link Math#exp}), then each
   * column's sum (in order) and quotients. {@code z} is read before {@code a} is written, block by
   * block, so {@code a} may be {@code z}. The float twin runs the same double arithmetic on the
   * widened values, each quotient rounded to float once.
   */
  static void softmax(double[] z, double[] a, int rows, int from, int to) {
    double[][] scratch = FastMath.expScratch(rows); // twin: keep
    double[] y = scratch[0]; // twin: keep
    double[] e = scratch[1]; // twin: keep
    int block = Math.max(1, FastMath.EXP_BLOCK / rows) * rows;
    for (int off = from; off < to; off += block) {
      int n = Math.min(block, to - off);
      for (int c = 0; c < n; c += rows) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows; i++) {
          max = Math.max(max, z[off + c + i]);
        }
        for (int i = 0; i < rows; i++) {
          y[c + i] = z[off + c + i] - max; // twin: as y[c + i] = (double) z[off + c + i] - max;
        }
      }
      FastMath.exp(y, e, n);
      for (int c = 0; c < n; c += rows) {
        double sum = 0.0; // twin: keep
        for (int i = 0; i < rows; i++) {
          sum += e[c + i];
        }
        double scale = 1.0 / sum; // twin: keep
        for (int i = 0; i < rows; i++) {
          // twin: as a[off + c + i] = (float) (e[c + i] * scale);
          a[off + c + i] = e[c + i] * scale;
        }
      }
    }
  }

  static void sigmoidBackward(double[] a, double[] da, double[] dz, int from, int to) {
    for (int i = from; i < to; i++) {
      double v = a[i]; // twin: keep
      dz[i] = da[i] * v * (1.0 - v); // twin: as dz[i] = (float) (da[i] * v * (1.0 - v));
    }
  }

  static void tanhBackward(double[] a, double[] da, double[] dz, int from, int to) {
    for (int i = from; i < to; i++) {
      double v = a[i]; // twin: keep
      dz[i] = da[i] * (1.0 - v * v); // twin: as dz[i] = (float) (da[i] * (1.0 - v * v));
    }
  }

  // twin: skip
  // The loops, on elements [from, to) of the data arrays; Parallel calls them from one or two
  // threads. Each element depends on its own inputs only, so any split gives the same bits.

  // The exp-based pair runs FastMath's vectorizable passes, which need z and a to be different
  // arrays; in place, the scalar functions (the same bits).

  static void sigmoid(double[] z, double[] a, int from, int to) {
    if (z != a) {
      FastMath.sigmoid(z, a, from, to);
      return;
    }
    for (int i = from; i < to; i++) {
      a[i] = FastMath.sigmoid(z[i]);
    }
  }

  static void tanh(double[] z, double[] a, int from, int to) {
    if (z != a) {
      FastMath.tanh(z, a, from, to);
      return;
    }
    for (int i = from; i < to; i++) {
      a[i] = FastMath.tanh(z[i]);
    }
  }

  // The relu family is written with bit masks instead of `z > 0 ? ... : ...`: on real
  // pre-activations the sign is random, the branch is mispredicted half the time, and the branchy
  // loop ran at about 4.7 ns per element against 0.9 for this one. The masks select exactly what
  // the comparisons did (the tests check every special value), so the bits are the same.

  /** All ones if {@code v > 0} (false for -0.0 and NaN), else 0. */
  static long positiveMask(double v) {
    // v > 0 iff its bits, as a signed long, lie in [1, bits(+infinity)]; with t = bits - 1 that
    // is 0 <= t < 0x7FF0000000000000, tested on the sign bits of ~t and t - 0x7FF0...
    long t = Double.doubleToRawLongBits(v) - 1;
    return (~t & (t - 0x7FF0000000000000L)) >> 63;
  }

  /** All ones if {@code v < 0} (false for -0.0 and NaN), else 0. */
  static long negativeMask(double v) {
    long bits = Double.doubleToRawLongBits(v);
    return positiveMask(Double.longBitsToDouble(bits & Long.MAX_VALUE)) & (bits >> 63);
  }

  static void relu(double[] z, double[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      double v = z[i];
      // v < 0 ? 0.0 : v
      a[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(v) & ~negativeMask(v));
    }
  }

  static void leakyRelu(double[] z, double leak, double[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      double v = z[i];
      long m = positiveMask(v);
      // v > 0 ? v : leak * v (both computed, one selected)
      a[i] =
          Double.longBitsToDouble(
              (Double.doubleToRawLongBits(v) & m) | (Double.doubleToRawLongBits(leak * v) & ~m));
    }
  }

  static void reluBackward(double[] z, double[] da, double[] dz, int from, int to) {
    for (int i = from; i < to; i++) {
      // z > 0 ? da : 0.0
      dz[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(da[i]) & positiveMask(z[i]));
    }
  }

  static void leakyReluBackward(
      double[] z, double leak, double[] da, double[] dz, int from, int to) {
    for (int i = from; i < to; i++) {
      double d = da[i];
      long m = positiveMask(z[i]);
      // z > 0 ? da : leak * da (both computed, one selected)
      dz[i] =
          Double.longBitsToDouble(
              (Double.doubleToRawLongBits(d) & m) | (Double.doubleToRawLongBits(leak * d) & ~m));
    }
  }

  // Single precision: the same functions on FloatMatrix. sigmoid, tanh and their backward rules
  // widen each entry to double, evaluate the double formula and round once: the double kernel's
  // value rounded to float, bit for bit. (Three float roundings would be four times as fast, since
  // JDK 17 does not vectorize float <-> double conversions, but measured 2.3e-7 relative, two ulps,
  // against the double kernel.) The relu family is exact in float but for the product with leak;
  // softmax too is the double kernel's value rounded to float. ActivationsFloatTest measures every
  // error against the double kernels.

  // The float loops, on elements [from, to); Parallel calls them from one or two threads.

  static void sigmoid(float[] z, float[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      a[i] = (float) FastMath.sigmoid(z[i]);
    }
  }

  static void tanh(float[] z, float[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      a[i] = (float) FastMath.tanh(z[i]);
    }
  }

  /** {@link #positiveMask(double)} for floats: all ones if {@code v > 0}, else 0. */
  static int positiveMask(float v) {
    int t = Float.floatToRawIntBits(v) - 1;
    return (~t & (t - 0x7F800000)) >> 31;
  }

  // Math.max and Math.min vectorize on JDK 17 (the bit masks of the double kernels do not): three
  // to nine times as fast as masks here. They differ from the masks only in the sign of a zero.

  static void relu(float[] z, float[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      a[i] = Math.max(z[i], 0.0f);
    }
  }

  static void leakyRelu(float[] z, double leak, float[] a, int from, int to) {
    float l = (float) leak;
    for (int i = from; i < to; i++) {
      float v = z[i];
      // One of the terms is exactly 0 (or NaN with v): v for v > 0, l * v for v < 0.
      a[i] = Math.max(v, 0.0f) + l * Math.min(v, 0.0f);
    }
  }

  static void reluBackward(float[] z, float[] da, float[] dz, int from, int to) {
    for (int i = from; i < to; i++) {
      // z > 0 ? da : 0.0f
      dz[i] = Float.intBitsToFloat(Float.floatToRawIntBits(da[i]) & positiveMask(z[i]));
    }
  }

  static void leakyReluBackward(float[] z, double leak, float[] da, float[] dz, int from, int to) {
    float l = (float) leak;
    for (int i = from; i < to; i++) {
      float d = da[i];
      int m = positiveMask(z[i]);
      // z > 0 ? da : l * da (both computed, one selected)
      dz[i] =
          Float.intBitsToFloat(
              (Float.floatToRawIntBits(d) & m) | (Float.floatToRawIntBits(l * d) & ~m));
    }
  }
  // twin: end
}
