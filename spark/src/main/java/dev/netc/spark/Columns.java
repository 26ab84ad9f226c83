package dev.netc.spark;

import dev.netc.annotations.Loss;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.jblas.DoubleMatrix;

/**
 * Spark ML rows to netc matrices: a {@code features} vector becomes one column of {@code X}, a
 * numeric {@code label} one column of {@code Y}; and outputs back to a prediction.
 */
final class Columns {

  private Columns() {}

  /**
   * Copies the features vector of {@code row} (at {@code field}) into column {@code j} of {@code
   * X}.
   *
   * @throws IllegalArgumentException if it is null or not of {@code X.rows} entries
   */
  static void features(Row row, int field, DoubleMatrix X, int j, String network) {
    Object value = row.get(field);
    if (!(value instanceof Vector v)) {
      throw new IllegalArgumentException(network + ": the features column must hold Spark ML"
          + " vectors of n[0] = " + X.rows + " entries, got " + value);
    }
    if (v.size() != X.rows) {
      throw new IllegalArgumentException(network + ": features must have n[0] = " + X.rows
          + " entries, got a vector of " + v.size());
    }
    int at = j * X.rows;
    if (v instanceof DenseVector d) {
      System.arraycopy(d.values(), 0, X.data, at, X.rows);
    } else {
      SparseVector s = (SparseVector) v;
      java.util.Arrays.fill(X.data, at, at + X.rows, 0.0);
      int[] indices = s.indices();
      double[] values = s.values();
      for (int k = 0; k < indices.length; k++) {
        X.data[at + indices[k]] = values[k];
      }
    }
  }

  /**
   * Writes the label of {@code row} (at {@code field}) into column {@code j} of {@code Y}: one-hot
   * of a class index for softmax networks, the value itself otherwise.
   *
   * @throws IllegalArgumentException if the label is null, not finite, or not what the loss needs
   */
  static void label(Row row, int field, Loss loss, String network, DoubleMatrix Y, int j) {
    Object value = row.get(field);
    if (!(value instanceof Number n)) {
      throw new IllegalArgumentException(network + ": the label column must be numeric, got "
          + value);
    }
    double y = n.doubleValue();
    if (loss == Loss.CATEGORICAL_CROSS_ENTROPY) {
      int k = (int) y;
      if (k != y || k < 0 || k >= Y.rows) {
        throw new IllegalArgumentException(network + ": label must be a class index 0.."
            + (Y.rows - 1) + " (n[L] = " + Y.rows + " softmax outputs), got " + y);
      }
      int at = j * Y.rows;
      java.util.Arrays.fill(Y.data, at, at + Y.rows, 0.0);
      Y.data[at + k] = 1.0;
    } else if (loss == Loss.BINARY_CROSS_ENTROPY) {
      if (y != 0.0 && y != 1.0) {
        throw new IllegalArgumentException(network + ": label must be 0 or 1 (binary"
            + " cross-entropy), got " + y);
      }
      Y.data[j] = y;
    } else {
      if (Double.isNaN(y) || Double.isInfinite(y)) {
        throw new IllegalArgumentException(network + ": label must be finite, got " + y);
      }
      Y.data[j] = y;
    }
  }

  /** The prediction of output column {@code j} of {@code A}: a class, 0/1, or the value. */
  static double prediction(Loss loss, DoubleMatrix A, int j) {
    if (loss == Loss.CATEGORICAL_CROSS_ENTROPY) {
      int at = j * A.rows;
      int best = 0;
      for (int k = 1; k < A.rows; k++) {
        if (A.data[at + k] > A.data[at + best]) {
          best = k;
        }
      }
      return best;
    }
    double a = A.data[j];
    return loss == Loss.BINARY_CROSS_ENTROPY ? (a > 0.5 ? 1.0 : 0.0) : a;
  }

  /** Class probabilities of output column {@code j}: {@code [1 - a, a]} for one sigmoid. */
  static double[] probability(Loss loss, DoubleMatrix A, int j) {
    if (loss == Loss.CATEGORICAL_CROSS_ENTROPY) {
      double[] p = new double[A.rows];
      System.arraycopy(A.data, j * A.rows, p, 0, A.rows);
      return p;
    }
    double a = A.data[j];
    return new double[] {1.0 - a, a};
  }
}
