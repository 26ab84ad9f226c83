package dev.netc.runtime;

import java.util.Arrays;
import org.jblas.DoubleMatrix;

// twin: f32
/**
 * The gradients {@code dW[l]} ({@code n[l] x n[l-1]}) and {@code db[l]} ({@code n[l] x 1}) of the
 * cost for layers {@code l = 1..L}; same shapes as {@link Parameters}.
 */
public final class Gradients {

  private final int[] sizes;
  private final DoubleMatrix[] dw;
  private final DoubleMatrix[] db;

  /** All-zero gradients for {@code sizes = {n[0], n[1], ..., n[L]}}. */
  public Gradients(int[] sizes) {
    this.sizes = Sizes.check(sizes);
    int layers = sizes.length - 1;
    this.dw = new DoubleMatrix[layers];
    this.db = new DoubleMatrix[layers];
    for (int l = 1; l <= layers; l++) {
      dw[l - 1] = new DoubleMatrix(sizes[l], sizes[l - 1]);
      db[l - 1] = new DoubleMatrix(sizes[l], 1);
    }
  }

  /** The live {@code dW[l]}, {@code n[l] x n[l-1]}. */
  public DoubleMatrix dW(int l) {
    return dw[Sizes.checkLayer(l, layers()) - 1];
  }

  /** The live {@code db[l]}, {@code n[l] x 1}. */
  public DoubleMatrix db(int l) {
    return db[Sizes.checkLayer(l, layers()) - 1];
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
  public Gradients copy() {
    Gradients copy = new Gradients(sizes);
    for (int i = 0; i < dw.length; i++) {
      System.arraycopy(dw[i].data, 0, copy.dw[i].data, 0, dw[i].length);
      System.arraycopy(db[i].data, 0, copy.db[i].data, 0, db[i].length);
    }
    return copy;
  }

  @Override
  public String toString() {
    return "Gradients" + Arrays.toString(sizes);
  }
}
