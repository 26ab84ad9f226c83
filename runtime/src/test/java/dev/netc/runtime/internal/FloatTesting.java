package dev.netc.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/** Helpers for the single-precision tests: random matrices, widening, error measures. */
final class FloatTesting {

  private FloatTesting() {}

  /** A matrix of {@code rng.nextGaussian() * scale} rounded to float. */
  static FloatMatrix random(Random rng, int rows, int columns, double scale) {
    FloatMatrix M = new FloatMatrix(rows, columns);
    for (int i = 0; i < M.length; i++) {
      M.data[i] = (float) (rng.nextGaussian() * scale);
    }
    return M;
  }

  static FloatMatrix random(Random rng, int rows, int columns) {
    return random(rng, rows, columns, 1.0);
  }

  /** The same values in double precision (exact). */
  static DoubleMatrix widen(FloatMatrix M) {
    DoubleMatrix D = new DoubleMatrix(M.rows, M.columns);
    for (int i = 0; i < M.length; i++) {
      D.data[i] = M.data[i];
    }
    return D;
  }

  /** The values rounded to float. */
  static FloatMatrix narrow(DoubleMatrix D) {
    FloatMatrix M = new FloatMatrix(D.rows, D.columns);
    for (int i = 0; i < D.length; i++) {
      M.data[i] = (float) D.data[i];
    }
    return M;
  }

  /**
   * The error of {@code actual} against {@code reference}: relative where {@code |reference| >=
   * floor}, else absolute divided by {@code floor} (so that "2e-7 relative or 2e-7 * floor
   * absolute" is one number). Equal values, both NaN, or equal infinities give 0.
   */
  static double error(double reference, double actual, double floor) {
    if (reference == actual || (reference != reference && actual != actual)) {
      return 0.0;
    }
    if (Double.isInfinite(reference) || Double.isNaN(reference) || Double.isNaN(actual)) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.abs(actual - reference) / Math.max(Math.abs(reference), floor);
  }

  /** The distance between two finite floats in units in the last place; 0 when they are equal. */
  static long ulps(float a, float b) {
    if (a == b) {
      return 0;
    }
    long ia = ordered(a);
    long ib = ordered(b);
    return Math.abs(ia - ib);
  }

  private static long ordered(float f) {
    int bits = Float.floatToRawIntBits(f);
    return bits < 0 ? -(long) (bits & Integer.MAX_VALUE) : bits;
  }

  /** Compares bit patterns (NaN equals NaN, -0.0 differs from 0.0) and prints them on failure. */
  static void assertBits(float expected, float actual, String message) {
    if (Float.floatToRawIntBits(expected) != Float.floatToRawIntBits(actual)) {
      assertEquals(
          expected + " (" + Integer.toHexString(Float.floatToRawIntBits(expected)) + ")",
          actual + " (" + Integer.toHexString(Float.floatToRawIntBits(actual)) + ")",
          message);
    }
  }

  /** Special floats every element-wise kernel must handle the same way on every path. */
  static final float[] SPECIALS = {
    0.0f, -0.0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1.0f,
    -1.0f, 0.5f, -0.5f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
    Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0xFFC00000),
    Float.intBitsToFloat(0x7F800001), Float.intBitsToFloat(0xFFFFFFFF)
  };

  /** Gaussian entries in a data array 3 longer than the shape (to catch writes past it). */
  static FloatMatrix padded(Random rng, int rows, int columns) {
    float[] data = new float[rows * columns + 3];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) rng.nextGaussian();
    }
    FloatMatrix M = new FloatMatrix(rows, columns);
    M.data = data; // jblas's constructors insist on an exact fit
    return M;
  }

  /** A copy with the whole data array (dup() copies only rows*columns values). */
  static FloatMatrix copyOf(FloatMatrix M) {
    FloatMatrix copy = new FloatMatrix(M.rows, M.columns);
    copy.data = M.data.clone();
    return copy;
  }

  /** The entries' magnitudes, for rounding bounds. */
  static DoubleMatrix abs(DoubleMatrix M) {
    DoubleMatrix R = new DoubleMatrix(M.rows, M.columns);
    for (int i = 0; i < M.length; i++) {
      R.data[i] = Math.abs(M.data[i]);
    }
    return R;
  }
}
