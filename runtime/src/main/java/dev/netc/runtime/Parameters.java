package dev.netc.runtime;

import java.util.Arrays;
import org.jblas.DoubleMatrix;

// twin: f32
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
    this.sizes = Sizes.check(sizes);
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
    return w[Sizes.checkLayer(l, layers()) - 1];
  }

  /** The live {@code b[l]}, {@code n[l] x 1}. */
  public DoubleMatrix b(int l) {
    return b[Sizes.checkLayer(l, layers()) - 1];
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
    Sizes.checkSame(other.sizes, sizes);
    for (int i = 0; i < w.length; i++) {
      System.arraycopy(other.w[i].data, 0, w[i].data, 0, w[i].length);
      System.arraycopy(other.b[i].data, 0, b[i].data, 0, b[i].length);
    }
  }

  // twin: skip
  /**
   * The same parameters in single precision, new matrices, each entry rounded to the nearest
   * float ({@code (float) w}).
   */
  public FloatParameters toFloat() {
    FloatParameters p = new FloatParameters(sizes);
    for (int l = 1; l <= layers(); l++) {
      p.W(l).copy(w[l - 1].toFloat()); // jblas rounds each entry: (float) w
      p.b(l).copy(b[l - 1].toFloat());
    }
    return p;
  }
  // twin: end
  // twin: only
  // /** The same parameters in double precision, new matrices; exact (every float is a double). */
  // public Parameters toDouble() {
  //   Parameters p = new Parameters(sizes);
  //   for (int l = 1; l <= layers(); l++) {
  //     widen(w[l - 1], p.W(l));
  //     widen(b[l - 1], p.b(l));
  //   }
  //   return p;
  // }
  //
  // private static void widen(FloatMatrix from, DoubleMatrix to) {
  //   float[] f = from.data;
  //   double[] d = to.data;
  //   for (int i = 0; i < to.length; i++) {
  //     d[i] = f[i];
  //   }
  // }
  // twin: end

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
}
