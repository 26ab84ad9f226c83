package dev.netc.data;

import java.util.ArrayList;
import java.util.Collections;
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

  /** A training, a validation and a test set that together hold every example once. */
  public record ThreeWaySplit(DataSet train, DataSet validation, DataSet test) {
    public ThreeWaySplit {
      Objects.requireNonNull(train, "train");
      Objects.requireNonNull(validation, "validation");
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
    int[] order = shuffled(seed);
    return new Split(take(order, 0, (int) train), take(order, (int) train, m));
  }

  /**
   * Shuffles the examples and splits them in three: the training set gets {@code round(m *
   * trainFraction)} examples, the validation set {@code round(m * validationFraction)}, the test
   * set the rest ({@code split(0.6, 0.2, seed)}: 60%, 20%, 20%). The shuffle is that of {@link
   * #split(double, long)} with the same seed, so the training set is the one {@code
   * split(trainFraction, seed)} gives and the other two split its test set. All three hold new
   * matrices; this one is not changed.
   *
   * @throws IllegalArgumentException if a fraction is not strictly between 0 and 1, they add up to
   *     1 or more, or a set would be empty
   */
  public ThreeWaySplit split(double trainFraction, double validationFraction, long seed) {
    if (!(trainFraction > 0.0 && trainFraction < 1.0)
        || !(validationFraction > 0.0 && validationFraction < 1.0)
        || !(trainFraction + validationFraction < 1.0)) {
      throw new IllegalArgumentException(
          "split: trainFraction and validationFraction must lie strictly between 0 and 1 and add"
              + " up to less than 1 (the test set gets the rest) but are "
              + trainFraction
              + " and "
              + validationFraction);
    }
    int m = examples();
    long train = Math.round(m * trainFraction);
    long validation = Math.round(m * validationFraction);
    long test = m - train - validation;
    if (train < 1 || validation < 1 || test < 1) {
      throw new IllegalArgumentException(
          "split: "
              + trainFraction
              + " and "
              + validationFraction
              + " of m = "
              + m
              + " examples give "
              + train
              + " to training, "
              + validation
              + " to validation and "
              + test
              + " to testing; each set needs at least one example");
    }
    int[] order = shuffled(seed);
    int a = (int) train;
    int b = (int) (train + validation);
    return new ThreeWaySplit(take(order, 0, a), take(order, a, b), take(order, b, m));
  }

  /**
   * The class of each example of {@code predictions} ({@code k x m}, as {@code Y}): for {@code k >=
   * 2} the row of its largest entry (the first one on ties: a one-hot prediction or probabilities);
   * for {@code k = 1} 1 where the entry exceeds 0.5, else 0 (0/1 predictions or sigmoid outputs).
   * The index names a class of {@link #classes()} where there are names.
   *
   * @throws IllegalArgumentException if {@code predictions} does not have the rows of {@code Y}, or
   *     holds NaN
   * @throws IllegalStateException for a regression data set (1 x m without class names)
   */
  public int[] classIndices(DoubleMatrix predictions) {
    Objects.requireNonNull(predictions, "predictions");
    if (Y.rows == 1 && classes.isEmpty()) {
      throw new IllegalStateException(
          "classIndices: this data set is a regression (Y is 1xm without class names); its"
              + " predictions are values, not classes");
    }
    if (predictions.rows != Y.rows) {
      throw new IllegalArgumentException(
          "classIndices: predictions must be "
              + Y.rows
              + "xm like Y ("
              + shape(Y)
              + "), got "
              + shape(predictions));
    }
    int k = predictions.rows;
    int[] indices = new int[predictions.columns];
    for (int j = 0; j < indices.length; j++) {
      int best = 0;
      for (int i = 0; i < k; i++) {
        double v = predictions.data[j * k + i];
        if (Double.isNaN(v)) {
          throw new IllegalArgumentException(
              "classIndices: predictions(" + i + ", " + j + ") is NaN; no class can be read");
        }
        if (v > predictions.data[j * k + best]) {
          best = i;
        }
      }
      indices[j] = k == 1 ? (predictions.data[j] > 0.5 ? 1 : 0) : best;
    }
    return indices;
  }

  /**
   * The class name of each example of {@code predictions}: {@code classes().get(i)} for the index
   * {@link #classIndices} gives, e.g. {@code ["setosa", "virginica", ...]}.
   *
   * @throws IllegalArgumentException as {@link #classIndices}
   * @throws IllegalStateException if this data set has no class names
   */
  public List<String> labels(DoubleMatrix predictions) {
    if (classes.isEmpty()) {
      throw new IllegalStateException(
          "labels: this data set has no class names (Y is "
              + shape(Y)
              + "); use classIndices, or a LabelEncoding that names the classes");
    }
    int[] indices = classIndices(predictions);
    List<String> labels = new ArrayList<>(indices.length);
    for (int index : indices) {
      labels.add(classes.get(index));
    }
    return Collections.unmodifiableList(labels);
  }

  private int[] shuffled(long seed) {
    int m = examples();
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
    return order;
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
