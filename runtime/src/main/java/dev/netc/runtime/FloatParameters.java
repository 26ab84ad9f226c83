package dev.netc.runtime;

import java.util.Arrays;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/**
 * {@link Parameters} in single precision: {@code W[l]} ({@code n[l] x n[l-1]}) and {@code b[l]}
 * ({@code n[l] x 1}) of layers {@code l = 1..L} as {@link FloatMatrix}es. The matrices returned
 * are the live ones: generated code reads and updates them in place, so they are never replaced,
 * only overwritten.
 */
public final class FloatParameters {

  private final int[] sizes;
  private final FloatMatrix[] w;
  private final FloatMatrix[] b;

  /** All-zero parameters for {@code sizes = {n[0], n[1], ..., n[L]}}. */
  public FloatParameters(int[] sizes) {
    this.sizes = Parameters.checkSizes(sizes);
    int layers = sizes.length - 1;
    this.w = new FloatMatrix[layers];
    this.b = new FloatMatrix[layers];
    for (int l = 1; l <= layers; l++) {
      w[l - 1] = new FloatMatrix(sizes[l], sizes[l - 1]);
      b[l - 1] = new FloatMatrix(sizes[l], 1);
    }
  }

  /** The live {@code W[l]}, {@code n[l] x n[l-1]}. */
  public FloatMatrix W(int l) {
    return w[Parameters.checkLayer(l, layers()) - 1];
  }

  /** The live {@code b[l]}, {@code n[l] x 1}. */
  public FloatMatrix b(int l) {
    return b[Parameters.checkLayer(l, layers()) - 1];
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
  public FloatParameters copy() {
    FloatParameters copy = new FloatParameters(sizes);
    copy.copyFrom(this);
    return copy;
  }

  /**
   * Overwrites every {@code W[l]} and {@code b[l]} of this object with the values of {@code other}
   * (the matrices themselves stay the same objects).
   *
   * @throws IllegalArgumentException if the sizes differ
   */
  public void copyFrom(FloatParameters other) {
    Parameters.checkSameSizes(other.sizes, sizes);
    for (int i = 0; i < w.length; i++) {
      System.arraycopy(other.w[i].data, 0, w[i].data, 0, w[i].length);
      System.arraycopy(other.b[i].data, 0, b[i].data, 0, b[i].length);
    }
  }

  /** The same parameters in double precision, new matrices; exact (every float is a double). */
  public Parameters toDouble() {
    Parameters p = new Parameters(sizes);
    for (int l = 1; l <= layers(); l++) {
      widen(w[l - 1], p.W(l));
      widen(b[l - 1], p.b(l));
    }
    return p;
  }

  private static void widen(FloatMatrix from, DoubleMatrix to) {
    float[] f = from.data;
    double[] d = to.data;
    for (int i = 0; i < to.length; i++) {
      d[i] = f[i];
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("FloatParameters").append(Arrays.toString(sizes));
    s.append(':');
    for (int l = 1; l <= layers(); l++) {
      s.append(" W").append(l).append(' ').append(w[l - 1].rows).append('x');
      s.append(w[l - 1].columns).append(", b").append(l).append(' ').append(b[l - 1].rows);
      s.append("x1").append(l < layers() ? ";" : "");
    }
    return s.toString();
  }
}
