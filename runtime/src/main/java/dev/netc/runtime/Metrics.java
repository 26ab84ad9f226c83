package dev.netc.runtime;

import org.jblas.DoubleMatrix;

/** TEMPORARY: replaced by the data helper's Metrics at merge. */
public final class Metrics {
  private Metrics() {}

  public static double accuracy(DoubleMatrix A, DoubleMatrix Y) {
    int rows = Y.rows;
    int correct = 0;
    for (int j = 0, off = 0; j < Y.columns; j++, off += rows) {
      if (rows == 1) {
        correct += (A.data[off] > 0.5) == (Y.data[off] > 0.5) ? 1 : 0;
      } else {
        int a = off;
        int y = off;
        for (int i = off + 1; i < off + rows; i++) {
          a = A.data[i] > A.data[a] ? i : a;
          y = Y.data[i] > Y.data[y] ? i : y;
        }
        correct += a == y ? 1 : 0;
      }
    }
    return (double) correct / Y.columns;
  }
}
