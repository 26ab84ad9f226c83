package dev.netc.data;

import org.jblas.DoubleMatrix;

/**
 * Standardizes features with statistics learned from training data: for feature (row) {@code i},
 * {@code x' = (x - mean[i]) / scale[i]} where {@code mean[i]} is the mean of row {@code i} over the
 * {@code m} columns of the fitted {@code X}, {@code std[i] = sqrt((1/m) sum (x - mean[i])^2)} (the
 * population standard deviation) and {@code scale[i] = std[i]}, or 1 where {@code std[i]} is 0.
 *
 * <p>Why 1 for a constant feature: it carries no information, and dividing by its zero spread would
 * turn every value into NaN (0/0), and a different value met later in test data into infinity.
 * Dividing by 1 maps the training values to 0 and keeps later values finite (scikit-learn's
 * StandardScaler does the same).
 *
 * <p>Fit on the training set only and apply the same standardizer to the test set, so that no
 * information about the test examples leaks into training. Never changes its input.
 */
public final class Standardizer {

  private final double[] mean;
  private final double[] std;

  private Standardizer(double[] mean, double[] std) {
    this.mean = mean;
    this.std = std;
  }

  /**
   * Learns the mean and standard deviation of every row of {@code X} ({@code n x m}, one example
   * per column), computed in two passes for accuracy. {@code X} is not changed.
   *
   * @throws IllegalArgumentException if {@code X} has no columns or an entry is not finite
   */
  public static Standardizer fit(DoubleMatrix X) {
    int n = X.rows;
    int m = X.columns;
    if (m == 0) {
      throw new IllegalArgumentException("Standardizer: X has no columns; m must be at least 1");
    }
    double[] x = X.data;
    double[] mean = new double[n];
    double[] std = new double[n];
    for (int j = 0, off = 0; j < m; j++, off += n) {
      for (int i = 0; i < n; i++) {
        double v = x[off + i];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(
              "Standardizer: X("
                  + i
                  + ", "
                  + j
                  + ") is "
                  + v
                  + "; every entry of X must be finite");
        }
        mean[i] += v;
      }
    }
    for (int i = 0; i < n; i++) {
      mean[i] /= m;
    }
    for (int j = 0, off = 0; j < m; j++, off += n) {
      for (int i = 0; i < n; i++) {
        double d = x[off + i] - mean[i];
        std[i] += d * d;
      }
    }
    for (int i = 0; i < n; i++) {
      std[i] = Math.sqrt(std[i] / m);
    }
    return new Standardizer(mean, std);
  }

  /**
   * The standardizer with these statistics, as {@link #mean()} and {@link #std()} give them (a
   * model file saves them this way): {@code of(s.mean().data, s.std().data)} standardizes exactly
   * as {@code s} does. The arrays are copied.
   *
   * @throws IllegalArgumentException if the lengths differ, there is no feature, a value is not
   *     finite or a standard deviation is negative
   */
  public static Standardizer of(double[] mean, double[] std) {
    if (mean.length != std.length || mean.length == 0) {
      throw new IllegalArgumentException(
          "Standardizer: mean and std must have the same length n >= 1, got "
              + mean.length
              + " and "
              + std.length);
    }
    for (int i = 0; i < mean.length; i++) {
      if (!Double.isFinite(mean[i]) || !Double.isFinite(std[i]) || std[i] < 0) {
        throw new IllegalArgumentException(
            "Standardizer: feature "
                + i
                + " has mean "
                + mean[i]
                + " and std "
                + std[i]
                + "; both must be finite and std at least 0");
      }
    }
    return new Standardizer(mean.clone(), std.clone());
  }

  /** A new {@code n x 1} matrix of the fitted means. */
  public DoubleMatrix mean() {
    return new DoubleMatrix(mean.clone());
  }

  /** A new {@code n x 1} matrix of the fitted (population) standard deviations; 0 stays 0 here. */
  public DoubleMatrix std() {
    return new DoubleMatrix(std.clone());
  }

  /**
   * A new matrix {@code (X - mean) / scale}, row by row; {@code X} is not changed.
   *
   * @throws IllegalArgumentException if {@code X} does not have the fitted number of rows
   */
  public DoubleMatrix apply(DoubleMatrix X) {
    int n = mean.length;
    if (X.rows != n) {
      throw new IllegalArgumentException(
          "Standardizer: X must be "
              + n
              + "xm (fitted on "
              + n
              + " features), got "
              + DataSet.shape(X));
    }
    DoubleMatrix R = new DoubleMatrix(n, X.columns);
    double[] x = X.data;
    double[] r = R.data;
    double[] scale = new double[n];
    for (int i = 0; i < n; i++) {
      scale[i] = std[i] == 0.0 ? 1.0 : std[i];
    }
    for (int j = 0, off = 0; j < X.columns; j++, off += n) {
      for (int i = 0; i < n; i++) {
        r[off + i] = (x[off + i] - mean[i]) / scale[i];
      }
    }
    return R;
  }

  /**
   * A new data set with {@code X} standardized; {@code Y} and the names are shared with {@code d}.
   *
   * @throws IllegalArgumentException if {@code d} does not have the fitted number of features
   */
  public DataSet apply(DataSet d) {
    return new DataSet(apply(d.X()), d.Y(), d.features(), d.classes());
  }

  /** The number of features this standardizer was fitted on. */
  public int features() {
    return mean.length;
  }
}
