package dev.netc.runtime;

import java.util.Arrays;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/**
 * The parameters {@code W[l]} ({@code n[l] x n[l-1]}) and {@code b[l]} ({@code n[l] x 1}) of
 * layers {@code l = 1..L}. The matrices returned are the live ones: generated code reads and
 * updates them in place, so they are never replaced, only overwritten.
 */
public final class Parameters {

  private final int[] sizes;
  private final DoubleMatrix[] w;
  private final DoubleMatrix[] b;

  /** All-zero parameters for {@code sizes = {n[0], n[1], ..., n[L]}}. */
  public Parameters(int[] sizes) {
    this.sizes = checkSizes(sizes);
    int layers = sizes.length - 1;
    this.w = new DoubleMatrix[layers];
    this.b = new DoubleMatrix[layers];
    for (int l = 1; l <= layers; l++) {
      w[l - 1] = new DoubleMatrix(sizes[l], sizes[l - 1]);
      b[l - 1] = new DoubleMatrix(sizes[l], 1);
    }
  }

  /** The live {@code W[l]}, {@code n[l] x n[l-1]}. */
  public DoubleMatrix W(int l) {
    return w[checkLayer(l, layers()) - 1];
  }

  /** The live {@code b[l]}, {@code n[l] x 1}. */
  public DoubleMatrix b(int l) {
    return b[checkLayer(l, layers()) - 1];
  }

  /** {@code L}, the number of layers with parameters. */
  public int layers() {
    return w.length;
  }

  /** {@code {n[0], ..., n[L]}}, a fresh copy. */
  public int[] sizes() {
    return sizes.clone();
  }

  /** A deep copy: new matrices with the same values. */
  public Parameters copy() {
    Parameters copy = new Parameters(sizes);
    copy.copyFrom(this);
    return copy;
  }

  /**
   * Overwrites every {@code W[l]} and {@code b[l]} of this object with the values of {@code other}
   * (the matrices themselves stay the same objects).
   *
   * @throws IllegalArgumentException if the sizes differ
   */
  public void copyFrom(Parameters other) {
    checkSameSizes(other.sizes, sizes);
    for (int i = 0; i < w.length; i++) {
      System.arraycopy(other.w[i].data, 0, w[i].data, 0, w[i].length);
      System.arraycopy(other.b[i].data, 0, b[i].data, 0, b[i].length);
    }
  }

  /**
   * The same parameters in single precision, new matrices, each entry rounded to the nearest
   * float ({@code (float) w}).
   */
  public FloatParameters toFloat() {
    FloatParameters p = new FloatParameters(sizes);
    for (int l = 1; l <= layers(); l++) {
      narrow(w[l - 1], p.W(l));
      narrow(b[l - 1], p.b(l));
    }
    return p;
  }

  private static void narrow(DoubleMatrix from, FloatMatrix to) {
    double[] d = from.data;
    float[] f = to.data;
    for (int i = 0; i < to.length; i++) {
      f[i] = (float) d[i];
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Parameters").append(Arrays.toString(sizes)).append(':');
    for (int l = 1; l <= layers(); l++) {
      s.append(" W").append(l).append(' ').append(w[l - 1].rows).append('x');
      s.append(w[l - 1].columns).append(", b").append(l).append(' ').append(b[l - 1].rows);
      s.append("x1").append(l < layers() ? ";" : "");
    }
    return s.toString();
  }

  static int[] checkSizes(int[] sizes) {
    if (sizes == null || sizes.length < 2) {
      throw new IllegalArgumentException(
          "sizes must be {n[0], n[1], ..., n[L]} with at least one layer, got "
              + Arrays.toString(sizes));
    }
    for (int l = 0; l < sizes.length; l++) {
      if (sizes[l] < 1) {
        throw new IllegalArgumentException(
            "n[" + l + "] is " + sizes[l] + " in " + Arrays.toString(sizes)
                + "; every size must be at least 1");
      }
    }
    return sizes.clone();
  }

  /** Refuses to copy parameters of sizes {@code from} into parameters of sizes {@code to}. */
  static void checkSameSizes(int[] from, int[] to) {
    if (!Arrays.equals(to, from)) {
      throw new IllegalArgumentException(
          "cannot copy parameters of sizes "
              + Arrays.toString(from)
              + " into parameters of sizes "
              + Arrays.toString(to));
    }
  }

  static int checkLayer(int l, int layers) {
    if (l < 1 || l > layers) {
      throw new IllegalArgumentException(
          "layer " + l + " does not exist; layers are 1.." + layers);
    }
    return l;
  }
}
