package dev.netc.runtime.internal;

import org.jblas.DoubleMatrix;

// twin: f32 inherited
/**
 * Turning outputs into predictions and scoring them. Every method returns a new matrix. The
 * single-precision overloads are generated into {@code FloatPredictions}, which this class extends.
 */
public final class Predictions extends FloatPredictions {

  private Predictions() {}

  /** A new matrix with 1 where {@code a > t} and 0 elsewhere (NaN gives 0). */
  public static DoubleMatrix threshold(DoubleMatrix A, double t) { // twin: scalar t
    DoubleMatrix P = new DoubleMatrix(A.rows, A.columns);
    double[] a = A.data;
    double[] p = P.data;
    for (int i = 0, n = A.rows * A.columns; i < n; i++) {
      p[i] = a[i] > t ? 1.0 : 0.0;
    }
    return P;
  }

  /**
   * A new matrix, per column 1 at the row of the largest entry (the first one on ties) and 0
   * elsewhere. NaN entries are never chosen unless the whole column is NaN (then row 0).
   */
  public static DoubleMatrix oneHotArgMax(DoubleMatrix A) {
    DoubleMatrix P = new DoubleMatrix(A.rows, A.columns);
    double[] a = A.data;
    int rows = A.rows;
    if (rows == 0) {
      return P;
    }
    for (int j = 0, off = 0; j < A.columns; j++, off += rows) {
      int best = off;
      for (int i = off + 1; i < off + rows; i++) {
        if (a[i] > a[best] || (a[best] != a[best] && a[i] == a[i])) {
          best = i;
        }
      }
      P.data[best] = 1.0;
    }
    return P;
  }

  /**
   * The fraction of columns of {@code predicted} equal to the same column of {@code Y} in every
   * row (exact comparison: meant for 0/1 and one-hot predictions).
   *
   * @throws IllegalArgumentException if the shapes differ or there are no columns
   */
  public static double accuracy(DoubleMatrix predicted, DoubleMatrix Y) { // twin: scalar accuracy
    Kernels.same("accuracy", "predicted", predicted, "Y", Y);
    if (Y.columns == 0) {
      throw new IllegalArgumentException("accuracy: Y has no columns; m must be at least 1");
    }
    double[] p = predicted.data;
    double[] y = Y.data;
    int rows = Y.rows;
    int correct = 0;
    for (int j = 0, off = 0; j < Y.columns; j++, off += rows) {
      boolean equal = true;
      for (int i = off; i < off + rows && equal; i++) {
        equal = p[i] == y[i];
      }
      if (equal) {
        correct++;
      }
    }
    return (double) correct / Y.columns; // twin: keep
  }
}
