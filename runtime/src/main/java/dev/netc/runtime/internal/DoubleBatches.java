package dev.netc.runtime.internal;

import org.jblas.DoubleMatrix;

// twin: f32
/** Mini-batches of examples in memory, of the precision of their matrices. */
final class DoubleBatches extends MiniBatches {
  private final DoubleMatrix X;
  private final DoubleMatrix Y;
  private final DoubleMatrix batchX;
  private final DoubleMatrix batchY;

  /** Batches of {@code size} (0 for full-batch) of {@code (X, Y)}. */
  DoubleBatches(DoubleMatrix X, DoubleMatrix Y, int size, long seed) {
    super(X.columns, size, seed);
    this.X = X;
    this.Y = Y;
    this.batchX = copies() ? new DoubleMatrix(X.rows, size) : X;
    this.batchY = copies() ? new DoubleMatrix(Y.rows, size) : Y;
  }

  DoubleMatrix X() {
    return batchX;
  }

  DoubleMatrix Y() {
    return batchY;
  }

  @Override
  void gather(int[] order, int from, int columns) {
    gather(X, order, from, columns, batchX);
    gather(Y, order, from, columns, batchY);
  }

  private static void gather(
      DoubleMatrix M, int[] order, int from, int columns, DoubleMatrix batch) {
    int rows = M.rows;
    Workspaces.resize(batch, rows, columns);
    for (int j = 0; j < columns; j++) {
      System.arraycopy(M.data, order[from + j] * rows, batch.data, j * rows, rows);
    }
  }
}
