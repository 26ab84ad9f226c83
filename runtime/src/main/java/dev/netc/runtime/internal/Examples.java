package dev.netc.runtime.internal;

import dev.netc.runtime.Architecture;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/**
 * The one-example methods of generated models ({@code forward(double[] x, double[] out)} and its
 * kin); for generated code only, no compatibility promise. One example {@code x} runs through the
 * same forward pass as a one-column {@code X}: a one-column matrix whose array is {@code x} itself,
 * so that the results are the matrix API's, bit for bit, and nothing is copied or allocated.
 */
public final class Examples {
  private Examples() {}

  /**
   * Checks that {@code x} holds {@code n[0]} finite values and {@code out} has room for {@code
   * n[L]}, with the messages of the matrix API's checks.
   *
   * @throws IllegalArgumentException e.g. {@code Planar: x must have 2 values (n[0]), got 3}
   */
  public static void check(Architecture architecture, double[] x, double[] out) {
    checkLength(architecture, x == null ? -1 : x.length, out == null ? -1 : out.length);
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw nonFinite(architecture, i, Double.toString(x[i]));
      }
    }
  }

  /** {@link #check(Architecture, double[], double[])} in single precision. */
  public static void check(Architecture architecture, float[] x, float[] out) {
    checkLength(architecture, x == null ? -1 : x.length, out == null ? -1 : out.length);
    for (int i = 0; i < x.length; i++) {
      if (!Float.isFinite(x[i])) {
        throw nonFinite(architecture, i, Float.toString(x[i]));
      }
    }
  }

  /** {@code column} (an {@code n[0] x 1} workspace) made to hold {@code x}: its array is x. */
  public static DoubleMatrix column(DoubleMatrix column, double[] x) {
    column.data = x;
    return column;
  }

  /** {@link #column(DoubleMatrix, double[])} in single precision. */
  public static FloatMatrix column(FloatMatrix column, float[] x) {
    column.data = x;
    return column;
  }

  /**
   * Copies the one column of {@code A} ({@code n[L] x 1}) into {@code out}, and lets {@code
   * column} drop the caller's array again (a workspace must not keep it alive).
   */
  public static void output(DoubleMatrix A, DoubleMatrix column, double[] out) {
    System.arraycopy(A.data, 0, out, 0, A.rows);
    column.data = EMPTY_DOUBLES;
  }

  /** {@link #output(DoubleMatrix, DoubleMatrix, double[])} in single precision. */
  public static void output(FloatMatrix A, FloatMatrix column, float[] out) {
    System.arraycopy(A.data, 0, out, 0, A.rows);
    column.data = EMPTY_FLOATS;
  }

  private static final double[] EMPTY_DOUBLES = new double[0];
  private static final float[] EMPTY_FLOATS = new float[0];

  private static void checkLength(Architecture architecture, int x, int out) {
    String network = architecture.network();
    int inputs = architecture.units(0);
    int layers = architecture.layers();
    int outputs = architecture.units(layers);
    if (x < 0) {
      throw new IllegalArgumentException(
          network + ": x is null; it must have " + values(inputs) + " (n[0])");
    }
    if (x != inputs) {
      throw new IllegalArgumentException(
          network + ": x must have " + values(inputs) + " (n[0]), got " + x);
    }
    if (out < 0) {
      throw new IllegalArgumentException(
          network + ": out is null; it must have " + values(outputs) + " (n[" + layers + "])");
    }
    if (out != outputs) {
      throw new IllegalArgumentException(
          network + ": out must have " + values(outputs) + " (n[" + layers + "]), got " + out);
    }
  }

  private static IllegalArgumentException nonFinite(
      Architecture architecture, int i, String value) {
    return new IllegalArgumentException(
        architecture.network() + ": x[" + i + "] is " + value + "; every entry of x must be"
            + " finite");
  }

  private static String values(int n) {
    return n == 1 ? "1 value" : n + " values";
  }
}
