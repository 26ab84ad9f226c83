package dev.netc.runtime;

import java.util.Arrays;
import org.jblas.FloatMatrix;

/**
 * {@link Gradients} in single precision: {@code dW[l]} ({@code n[l] x n[l-1]}) and {@code db[l]}
 * ({@code n[l] x 1}) of the cost for layers {@code l = 1..L}; same shapes as {@link
 * FloatParameters}.
 */
public final class FloatGradients {

  private final int[] sizes;
  private final FloatMatrix[] dw;
  private final FloatMatrix[] db;

  /** All-zero gradients for {@code sizes = {n[0], n[1], ..., n[L]}}. */
  public FloatGradients(int[] sizes) {
    this.sizes = Parameters.checkSizes(sizes);
    int layers = sizes.length - 1;
    this.dw = new FloatMatrix[layers];
    this.db = new FloatMatrix[layers];
    for (int l = 1; l <= layers; l++) {
      dw[l - 1] = new FloatMatrix(sizes[l], sizes[l - 1]);
      db[l - 1] = new FloatMatrix(sizes[l], 1);
    }
  }

  /** The live {@code dW[l]}, {@code n[l] x n[l-1]}. */
  public FloatMatrix dW(int l) {
    return dw[Parameters.checkLayer(l, layers()) - 1];
  }

  /** The live {@code db[l]}, {@code n[l] x 1}. */
  public FloatMatrix db(int l) {
    return db[Parameters.checkLayer(l, layers()) - 1];
  }

  /** {@code L}. */
  public int layers() {
    return dw.length;
  }

  /** {@code {n[0], ..., n[L]}}, a fresh copy. */
  public int[] sizes() {
    return sizes.clone();
  }

  /** A deep copy. */
  public FloatGradients copy() {
    FloatGradients copy = new FloatGradients(sizes);
    for (int i = 0; i < dw.length; i++) {
      System.arraycopy(dw[i].data, 0, copy.dw[i].data, 0, dw[i].length);
      System.arraycopy(db[i].data, 0, copy.db[i].data, 0, db[i].length);
    }
    return copy;
  }

  @Override
  public String toString() {
    return "FloatGradients" + Arrays.toString(sizes);
  }
}
