package dev.netc.runtime;

import java.util.Random;
import org.jblas.DoubleMatrix;

/**
 * The batches of one training run. Full-batch descent hands out {@code X} and {@code Y}
 * themselves; mini-batches copy the columns of a seeded permutation into two buffers allocated
 * once, so that an epoch allocates nothing.
 */
final class MiniBatches {

  private final DoubleMatrix X;
  private final DoubleMatrix Y;
  private final int size;
  private final int[] order;
  private final Random random;
  private final DoubleMatrix batchX;
  private final DoubleMatrix batchY;

  /** The whole of {@code (X, Y)} as one batch, never shuffled. */
  static MiniBatches fullBatch(DoubleMatrix X, DoubleMatrix Y) {
    return new MiniBatches(X, Y);
  }

  private MiniBatches(DoubleMatrix X, DoubleMatrix Y) {
    this.X = X;
    this.Y = Y;
    this.size = X.columns;
    this.order = null;
    this.random = null;
    this.batchX = X;
    this.batchY = Y;
  }

  /** Batches of {@code size < m} examples, shuffled with {@code new Random(seed)}. */
  MiniBatches(DoubleMatrix X, DoubleMatrix Y, int size, long seed) {
    this.X = X;
    this.Y = Y;
    this.size = size;
    this.order = new int[X.columns];
    for (int j = 0; j < order.length; j++) {
      order[j] = j;
    }
    this.random = new Random(seed);
    this.batchX = new DoubleMatrix(X.rows, size);
    this.batchY = new DoubleMatrix(Y.rows, size);
  }

  /** Number of batches per epoch: {@code ceil(m / size)}. */
  int count() {
    return (X.columns + size - 1) / size;
  }

  /** A new permutation of the examples (Fisher-Yates); nothing for full-batch descent. */
  void shuffle() {
    if (order == null) {
      return;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  /** Makes batch number {@code k} (from 0) the one {@link #X()} and {@link #Y()} return. */
  void select(int k) {
    if (order == null) {
      return;
    }
    int from = k * size;
    int columns = Math.min(size, X.columns - from);
    gather(X, from, columns, batchX);
    gather(Y, from, columns, batchY);
  }

  DoubleMatrix X() {
    return batchX;
  }

  DoubleMatrix Y() {
    return batchY;
  }

  /** Copies the columns {@code order[from ..]} of {@code M} into {@code batch}, reshaped. */
  private void gather(DoubleMatrix M, int from, int columns, DoubleMatrix batch) {
    int rows = M.rows;
    Workspaces.resize(batch, rows, columns);
    for (int j = 0; j < columns; j++) {
      System.arraycopy(M.data, order[from + j] * rows, batch.data, j * rows, rows);
    }
  }
}
