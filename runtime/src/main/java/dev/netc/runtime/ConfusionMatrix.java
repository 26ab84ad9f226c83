package dev.netc.runtime;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Counts of examples by actual class (row) and predicted class (column): {@code counts[a][p]} is
 * the number of examples of class {@code a} predicted as {@code p}. For a binary {@code 1 x m}
 * output the classes are 0 (negative) and 1 (positive), so {@code precision(1)} and {@code
 * recall(1)} are the usual binary scores.
 *
 * <p>Where a score divides by zero (precision of a class never predicted, recall of a class that
 * never occurs, F1 when both are 0) it is 0.0, as scikit-learn's {@code zero_division=0}: a class
 * the model never gets right scores nothing, and the macro average stays finite.
 *
 * @param counts {@code k x k}, non-negative; copied in and out
 * @param classes the {@code k} class names, in row order
 */
public record ConfusionMatrix(int[][] counts, List<String> classes) {

  /**
   * @throws IllegalArgumentException if {@code counts} is not square with {@code k >= 2} rows, a
   *     count is negative, or there are not {@code k} class names
   */
  public ConfusionMatrix {
    Objects.requireNonNull(counts, "counts");
    classes = List.copyOf(classes);
    int k = counts.length;
    if (k < 2) {
      throw new IllegalArgumentException("ConfusionMatrix: needs at least 2 classes, got " + k);
    }
    int[][] copy = new int[k][];
    for (int a = 0; a < k; a++) {
      if (counts[a].length != k) {
        throw new IllegalArgumentException(
            "ConfusionMatrix: counts must be "
                + k
                + "x"
                + k
                + " but row "
                + a
                + " has "
                + counts[a].length
                + " entries");
      }
      copy[a] = counts[a].clone();
      for (int p = 0; p < k; p++) {
        if (copy[a][p] < 0) {
          throw new IllegalArgumentException(
              "ConfusionMatrix: counts["
                  + a
                  + "]["
                  + p
                  + "] is "
                  + copy[a][p]
                  + "; counts must be non-negative");
        }
      }
    }
    if (classes.size() != k) {
      throw new IllegalArgumentException(
          "ConfusionMatrix: counts are "
              + k
              + "x"
              + k
              + " but "
              + classes.size()
              + " class names are given; there must be one per class");
    }
    counts = copy;
  }

  /** A copy of the counts, {@code [actual][predicted]}. */
  @Override
  public int[][] counts() {
    int[][] copy = new int[counts.length][];
    for (int a = 0; a < counts.length; a++) {
      copy[a] = counts[a].clone();
    }
    return copy;
  }

  /** {@code counts[actual][predicted]} without copying. */
  public int count(int actual, int predicted) {
    return counts[check(actual)][check(predicted)];
  }

  /** The number of classes {@code k}. */
  public int size() {
    return counts.length;
  }

  /** The number of examples counted. */
  public int total() {
    int total = 0;
    for (int[] row : counts) {
      for (int c : row) {
        total += c;
      }
    }
    return total;
  }

  /** {@code sum_c counts[c][c] / total}; 0.0 when nothing was counted. */
  public double accuracy() {
    int right = 0;
    for (int c = 0; c < counts.length; c++) {
      right += counts[c][c];
    }
    return ratio(right, total());
  }

  /**
   * {@code TP / (TP + FP) = counts[c][c] / sum_a counts[a][c]}: of the examples predicted as {@code
   * c}, the fraction that are {@code c}; 0.0 if none was predicted as {@code c}.
   */
  public double precision(int c) {
    check(c);
    int predicted = 0;
    for (int[] row : counts) {
      predicted += row[c];
    }
    return ratio(counts[c][c], predicted);
  }

  /**
   * {@code TP / (TP + FN) = counts[c][c] / sum_p counts[c][p]}: of the examples of class {@code c},
   * the fraction predicted as {@code c}; 0.0 if there is none.
   */
  public double recall(int c) {
    check(c);
    int actual = 0;
    for (int n : counts[c]) {
      actual += n;
    }
    return ratio(counts[c][c], actual);
  }

  /** {@code 2 * precision * recall / (precision + recall)}; 0.0 when both are 0. */
  public double f1(int c) {
    double p = precision(c);
    double r = recall(c);
    return p + r == 0.0 ? 0.0 : 2.0 * p * r / (p + r);
  }

  /** The unweighted mean of {@link #f1} over all classes. */
  public double macroF1() {
    double sum = 0.0;
    for (int c = 0; c < counts.length; c++) {
      sum += f1(c);
    }
    return sum / counts.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfusionMatrix
        && Arrays.deepEquals(counts, ((ConfusionMatrix) o).counts)
        && classes.equals(((ConfusionMatrix) o).classes);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(counts) * 31 + classes.hashCode();
  }

  /**
   * An aligned text table, one row per actual class and one column per predicted class, e.g.
   *
   * <pre>
   * actual \ predicted  benign  malignant
   * benign                  50          3
   * malignant                2         45
   * </pre>
   */
  @Override
  public String toString() {
    String corner = "actual \\ predicted";
    int k = counts.length;
    int first = corner.length();
    for (String name : classes) {
      first = Math.max(first, name.length());
    }
    int[] width = new int[k];
    for (int p = 0; p < k; p++) {
      width[p] = classes.get(p).length();
      for (int[] row : counts) {
        width[p] = Math.max(width[p], Integer.toString(row[p]).length());
      }
    }
    StringBuilder s = new StringBuilder();
    s.append(pad(corner, first, false));
    for (int p = 0; p < k; p++) {
      s.append("  ").append(pad(classes.get(p), width[p], true));
    }
    s.append('\n');
    for (int a = 0; a < k; a++) {
      s.append(pad(classes.get(a), first, false));
      for (int p = 0; p < k; p++) {
        s.append("  ").append(pad(Integer.toString(counts[a][p]), width[p], true));
      }
      s.append('\n');
    }
    return s.toString();
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(width - s.length());
    return right ? fill + s : s + fill;
  }

  private int check(int c) {
    if (c < 0 || c >= counts.length) {
      throw new IllegalArgumentException(
          "class " + c + " does not exist; classes are 0.." + (counts.length - 1));
    }
    return c;
  }

  private static double ratio(int numerator, int denominator) {
    return denominator == 0 ? 0.0 : (double) numerator / denominator;
  }
}
