package dev.netc.data;

import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.jblas.DoubleMatrix;

/**
 * Examples for a model: {@code X} is {@code n x m} (one example per column, a row per feature),
 * {@code Y} is {@code k x m}. The matrices are held, not copied.
 *
 * @param X the inputs, {@code n x m}, {@code n = features.size()}
 * @param Y the targets, {@code k x m}
 * @param features the names of the rows of {@code X}
 * @param classes the class names: for {@code k = 1} either two (negative, positive) or none
 *     (regression); for {@code k >= 2} either {@code k} (row {@code i} is {@code classes[i]}) or
 *     none
 */
public record DataSet(DoubleMatrix X, DoubleMatrix Y, List<String> features, List<String> classes) {

  /**
   * @throws IllegalArgumentException if the shapes disagree with each other or with the names, or
   *     there are no examples
   */
  public DataSet {
    Objects.requireNonNull(X, "X");
    Objects.requireNonNull(Y, "Y");
    features = List.copyOf(features);
    classes = List.copyOf(classes);
    if (X.columns == 0) {
      throw new IllegalArgumentException("DataSet: X has no columns; m must be at least 1");
    }
    if (Y.columns != X.columns) {
      throw new IllegalArgumentException(
          "DataSet: Y must have one column per example like X (" + shape(X) + "), got " + shape(Y));
    }
    if (features.size() != X.rows) {
      throw new IllegalArgumentException(
          "DataSet: X has "
              + X.rows
              + " rows but "
              + features.size()
              + " feature names are given; there must be one name per row");
    }
    int k = Y.rows;
    boolean fits = classes.isEmpty() || (k == 1 ? classes.size() == 2 : classes.size() == k);
    if (k == 0 || !fits) {
      throw new IllegalArgumentException(
          "DataSet: Y is "
              + shape(Y)
              + " but "
              + classes.size()
              + " class names are given; "
              + "1xm needs 2 (negative, positive) or none, kxm needs k or none");
    }
  }

  /** The number of examples {@code m}, the columns of {@code X} and {@code Y}. */
  public int examples() {
    return X.columns;
  }

  /** A training set and a test set that together hold every example once. */
  public record Split(DataSet train, DataSet test) {
    public Split {
      Objects.requireNonNull(train, "train");
      Objects.requireNonNull(test, "test");
    }
  }

  /**
   * Shuffles the examples and splits them: the training set gets {@code round(m * trainFraction)}
   * examples, the test set the rest. The shuffle is a Fisher-Yates permutation drawn from {@code
   * new java.util.Random(seed)}, so the same seed gives the same split on every JVM. Both sets hold
   * new matrices; this one is not changed.
   *
   * @throws IllegalArgumentException if {@code trainFraction} is not strictly between 0 and 1, or
   *     either set would be empty
   */
  public Split split(double trainFraction, long seed) {
    if (!(trainFraction > 0.0 && trainFraction < 1.0)) {
      throw new IllegalArgumentException(
          "split: trainFraction must lie strictly between 0 and 1 but is " + trainFraction);
    }
    int m = examples();
    long train = Math.round(m * trainFraction);
    if (train < 1 || train > m - 1) {
      throw new IllegalArgumentException(
          "split: "
              + trainFraction
              + " of m = "
              + m
              + " examples gives "
              + train
              + " to training and "
              + (m - train)
              + " to testing; both sets need at least one example");
    }
    int[] order = new int[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Random rng = new Random(seed);
    for (int i = m - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return new Split(take(order, 0, (int) train), take(order, (int) train, m));
  }

  private DataSet take(int[] order, int from, int to) {
    return new DataSet(columns(X, order, from, to), columns(Y, order, from, to), features, classes);
  }

  private static DoubleMatrix columns(DoubleMatrix M, int[] order, int from, int to) {
    int rows = M.rows;
    DoubleMatrix R = new DoubleMatrix(rows, to - from);
    for (int j = from; j < to; j++) {
      System.arraycopy(M.data, order[j] * rows, R.data, (j - from) * rows, rows);
    }
    return R;
  }

  static String shape(DoubleMatrix M) {
    return M.rows + "x" + M.columns;
  }
}
