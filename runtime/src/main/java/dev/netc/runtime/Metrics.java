package dev.netc.runtime;

import dev.netc.runtime.internal.Losses;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

// twin: f32 inherited
/**
 * Scores of a model's outputs {@code A} (or its predictions) against targets {@code Y}, both {@code
 * k x m} with one example per column. Nothing is changed.
 *
 * <p>The class of a column: for {@code k = 1}, 1 if the entry is {@code > 0.5} and 0 otherwise (so
 * outputs of a sigmoid and 0/1 predictions give the same answer); for {@code k >= 2}, the row of
 * the largest entry (the first one on ties; NaN is never the largest unless the whole column is
 * NaN, then row 0), so softmax outputs and one-hot predictions give the same answer.
 *
 * <p>Every metric has an overload on {@link FloatMatrix} that scores single-precision outputs the
 * same way, summing in double.
 */
public final class Metrics extends FloatMetrics {

  private Metrics() {}

  /**
   * The fraction of columns whose class in {@code A} equals their class in {@code Y}. Allocates
   * nothing.
   *
   * @throws IllegalArgumentException if the shapes differ or there are no columns
   */
  public static double accuracy(DoubleMatrix A, DoubleMatrix Y) { // twin: scalar accuracy
    check("accuracy", A.rows, A.columns, Y.rows, Y.columns);
    int k = Y.rows;
    int m = Y.columns;
    int right = 0;
    for (int j = 0; j < m; j++) {
      if (classOf(A, k, j) == classOf(Y, k, j)) {
        right++;
      }
    }
    return (double) right / m; // twin: keep
  }

  /**
   * The confusion matrix of the classes of {@code A} (predicted) against those of {@code Y}
   * (actual), with classes named "0", "1", ... ("0" and "1" for {@code k = 1}).
   *
   * @throws IllegalArgumentException if the shapes differ or there are no columns
   */
  public static ConfusionMatrix confusion(DoubleMatrix A, DoubleMatrix Y) {
    return confusion(A, Y, classNames(Y.rows));
  }

  /** "0", "1", ... for {@code max(2, rows)} classes. */
  private static List<String> classNames(int rows) {
    int k = Math.max(2, rows);
    List<String> names = new ArrayList<>(k);
    for (int c = 0; c < k; c++) {
      names.add(Integer.toString(c));
    }
    return names;
  }

  /**
   * The confusion matrix with the given class names (two for {@code k = 1}: negative, positive;
   * else {@code k}), e.g. {@code DataSet.classes()}.
   *
   * @throws IllegalArgumentException if the shapes differ, there are no columns or the number of
   *     names is wrong
   */
  public static ConfusionMatrix confusion(DoubleMatrix A, DoubleMatrix Y, List<String> classes) {
    check("confusion", A.rows, A.columns, Y.rows, Y.columns);
    int rows = Y.rows;
    int k = checkClasses(rows, Y.columns, classes);
    int[][] counts = new int[k][k];
    for (int j = 0; j < Y.columns; j++) {
      counts[classOf(Y, rows, j)][classOf(A, rows, j)]++;
    }
    return new ConfusionMatrix(counts, classes);
  }

  /** The number of classes {@code k} of a {@code rows x m} target, if {@code classes} has them. */
  private static int checkClasses(int rows, int columns, List<String> classes) {
    int k = Math.max(2, rows);
    if (classes.size() != k) {
      throw new IllegalArgumentException(
          "confusion: Y is "
              + rows + "x" + columns
              + " so "
              + k
              + " class names are needed, got "
              + classes.size()
              + " "
              + classes);
    }
    return k;
  }

  /**
   * {@code (1/m) sum (a - y)^2} over every entry, {@code m = Y.columns}: the mean squared error per
   * example, not the cost {@code 1/(2m)} of {@code Loss.MEAN_SQUARED_ERROR}. For {@code k > 1} rows
   * it is the sum over the rows of each row's mean squared error.
   *
   * @throws IllegalArgumentException if the shapes differ or there are no columns
   */
  // twin: scalar meanSquaredError
  public static double meanSquaredError(DoubleMatrix A, DoubleMatrix Y) {
    check("meanSquaredError", A.rows, A.columns, Y.rows, Y.columns);
    // the cost (1/(2m)) sum (a - y)^2, summed in double in both precisions; doubling is exact
    return 2 * Losses.meanSquaredError(A, Y);
  }

  /**
   * The coefficient of determination, per row {@code 1 - SS_res / SS_tot} with {@code SS_res =
   * sum_j (a_j - y_j)^2} and {@code SS_tot = sum_j (y_j - mean(y))^2}, averaged over the rows. 1 is
   * a perfect fit, 0 is no better than always predicting the mean of {@code Y}, and it is negative
   * for worse. A row whose targets are all equal ({@code SS_tot = 0}) scores 1 if it is predicted
   * exactly and 0 otherwise (scikit-learn's choice), so the result stays finite.
   *
   * @throws IllegalArgumentException if the shapes differ or there are no columns
   */
  public static double r2(DoubleMatrix A, DoubleMatrix Y) { // twin: scalar r2
    check("r2", A.rows, A.columns, Y.rows, Y.columns);
    double[] a = A.data;
    double[] y = Y.data;
    return Metrics.r2(Y.rows, Y.columns, i -> a[i], i -> y[i]);
  }

  // twin: skip
  /** R^2 of {@code k x m} outputs and targets whose entries {@code i} are {@code a(i), y(i)}. */
  static double r2(int k, int m, IntToDoubleFunction a, IntToDoubleFunction y) {
    double total = 0.0;
    for (int i = 0; i < k; i++) {
      double mean = 0.0;
      for (int j = 0; j < m; j++) {
        mean += y.applyAsDouble(j * k + i);
      }
      mean /= m;
      double res = 0.0;
      double tot = 0.0;
      for (int j = 0; j < m; j++) {
        double v = y.applyAsDouble(j * k + i);
        double d = a.applyAsDouble(j * k + i) - v;
        res += d * d;
        tot += (v - mean) * (v - mean);
      }
      if (tot == 0.0) {
        total += res == 0.0 ? 1.0 : 0.0;
      } else {
        total += 1.0 - res / tot;
      }
    }
    return total / k;
  }
  // twin: end

  /** The class of column {@code j} of the {@code k x m} matrix M, as described on the class. */
  private static int classOf(DoubleMatrix M, int k, int j) {
    double[] d = M.data;
    int off = j * k;
    if (k == 1) {
      return d[off] > 0.5 ? 1 : 0;
    }
    int best = off;
    for (int i = off + 1; i < off + k; i++) {
      if (d[i] > d[best] || (d[best] != d[best] && d[i] == d[i])) {
        best = i;
      }
    }
    return best - off;
  }

  /** Takes the shapes as numbers, for both precisions; formats them only to throw. */
  private static void check(String op, int rowsA, int columnsA, int rowsY, int columnsY) {
    if (rowsA != rowsY || columnsA != columnsY) {
      throw new IllegalArgumentException(
          op + ": Y must be " + rowsA + "x" + columnsA + " like A, got " + rowsY + "x" + columnsY);
    }
    if (columnsY == 0 || rowsY == 0) {
      throw new IllegalArgumentException(
          op + ": Y is " + rowsY + "x" + columnsY + "; it needs at least one row and one column");
    }
  }
}
