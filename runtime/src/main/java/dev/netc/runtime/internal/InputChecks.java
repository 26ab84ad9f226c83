package dev.netc.runtime.internal;

import dev.netc.runtime.Architecture;
import org.jblas.DoubleMatrix;

// twin: f32 inherited
/**
 * The run-time checks of {@code X} and {@code Y} against an {@link Architecture}, with the messages
 * every generated model words the same way. Generated models call them before every pass that takes
 * user data; the training loop calls them on the validation set.
 */
public final class InputChecks extends FloatInputChecks {

  private InputChecks() {}

  /**
   * Checks that {@code X} is {@code n[0] x m} with {@code m >= 1} and only finite entries.
   *
   * @throws IllegalArgumentException e.g. {@code PlanarClassifier: X must be 2xm (n[0] x m), got
   *     3x400}
   */
  public static void checkInput(Architecture a, DoubleMatrix X) {
    InputChecks.checkInput(a, X == null ? null : new DoubleEntries(X));
  }

  /**
   * Checks {@code X} as {@link #checkInput(Architecture, DoubleMatrix)} does, then that {@code Y}
   * is {@code n[L] x m} with finite entries that suit the loss: binary cross-entropy targets lie in
   * {@code [0, 1]}; categorical cross-entropy target columns are non-negative and sum to 1: one-hot,
   * or soft labels (a distribution over the classes per example), trained on as they are.
   *
   * @throws IllegalArgumentException e.g. {@code PlanarClassifier: Y must be 1x400 (n[2] x m), got
   *     2x400}, naming the first bad entry or column
   */
  public static void checkTargets(Architecture a, DoubleMatrix X, DoubleMatrix Y) {
    InputChecks.checkTargets(
        a, X == null ? null : new DoubleEntries(X), Y == null ? null : new DoubleEntries(Y));
  }

  /**
   * The checks of {@link #checkInput(Architecture, DoubleMatrix)} that read no entry of {@code X}:
   * not null, {@code n[0] x m} with {@code m >= 1}, a data array that holds it. Generated models
   * whose first layer is narrower than their input ({@code n[1] < n[0]}) call it before their
   * forward pass and check the entries after it, through {@link #checkInputEntries(Architecture,
   * DoubleMatrix, DoubleMatrix)}, which reads {@code n[1]/n[0]} as much memory as a scan of {@code
   * X}.
   *
   * @throws IllegalArgumentException as {@link #checkInput(Architecture, DoubleMatrix)} does for
   *     these checks
   */
  public static void checkInputShape(Architecture a, DoubleMatrix X) {
    InputChecks.checkShape(a, X == null ? null : new DoubleEntries(X));
  }

  /**
   * {@link #checkTargets(Architecture, DoubleMatrix, DoubleMatrix)} but for the entries of {@code
   * X}, which {@link #checkInputEntries(Architecture, DoubleMatrix, DoubleMatrix)} checks after the
   * first layer's product (see {@link #checkInputShape(Architecture, DoubleMatrix)}). When {@code
   * Y} is refused, the entries of {@code X} are checked first, so that every {@code (X, Y)} gets
   * the exception {@code checkTargets} gives it.
   *
   * @throws IllegalArgumentException as {@link #checkTargets(Architecture, DoubleMatrix,
   *     DoubleMatrix)} does, except for a NaN or an infinity in an {@code X} that passes the other
   *     checks with {@code Y}
   */
  public static void checkTargetsAndInputShape(Architecture a, DoubleMatrix X, DoubleMatrix Y) {
    InputChecks.checkTargetsAndShape(
        a, X == null ? null : new DoubleEntries(X), Y == null ? null : new DoubleEntries(Y));
  }

  /**
   * Completes the check of {@code X} that {@link #checkInputShape(Architecture, DoubleMatrix)} or
   * {@link #checkTargetsAndInputShape(Architecture, DoubleMatrix, DoubleMatrix)} began, once the
   * first layer has computed {@code Z1 = W1*X + b1} from it: throws what {@link
   * #checkInput(Architecture, DoubleMatrix)} throws for a NaN or an infinity in {@code X}. A NaN or
   * an infinity in column {@code j} of {@code X} makes every entry of column {@code j} of {@code
   * Z1} NaN or infinite: {@code w*inf} is infinite or (for {@code w = 0}) NaN, {@code w*NaN} is
   * NaN, and a sum with a NaN or an infinity in it is NaN or infinite; netc's products (both BLAS
   * backends, and the Java loops for small ones) compute every term, none is skipped. So where
   * {@code Z1} is finite, {@code X} is, and only {@code Z1} ({@code n[1] x m}) is read. Otherwise
   * {@code X} is scanned as {@code checkInput} scans it; it may well be finite (non-finite
   * parameters, or an overflow), and then nothing is thrown.
   *
   * @throws IllegalArgumentException e.g. {@code Classifier: X(3, 16) is NaN; every entry of X must
   *     be finite}
   */
  public static void checkInputEntries(Architecture a, DoubleMatrix X, DoubleMatrix Z1) {
    if (Kernels.firstNonFinite(Z1) >= 0) {
      InputChecks.checkFinite(a, new DoubleEntries(X), "X");
    }
  }

  // twin: skip
  static void checkShape(Architecture a, Entries X) {
    String network = a.network();
    int inputs = a.units(0);
    if (X == null) {
      throw new IllegalArgumentException(network + ": X is null; it must be " + inputs + "xm");
    }
    if (X.rows() != inputs) {
      throw new IllegalArgumentException(
          network + ": X must be " + inputs + "xm (n[0] x m), got " + X.rows() + "x" + X.columns());
    }
    if (X.columns() < 1) {
      throw new IllegalArgumentException(network + ": X has no columns; m must be at least 1");
    }
    checkStorage(a, X, "X");
  }

  static void checkTargetsAndShape(Architecture a, Entries X, Entries Y) {
    checkShape(a, X);
    try {
      checkY(a, X, Y);
    } catch (IllegalArgumentException e) {
      checkFinite(a, X, "X"); // checkTargets reports a bad X before a bad Y
      throw e;
    }
  }

  static void checkInput(Architecture a, Entries X) {
    checkShape(a, X);
    checkFinite(a, X, "X");
  }

  static void checkTargets(Architecture a, Entries X, Entries Y) {
    checkInput(a, X);
    checkY(a, X, Y);
  }

  /** The checks of {@code Y} against an {@code X} of the right shape. */
  static void checkY(Architecture a, Entries X, Entries Y) {
    String network = a.network();
    int out = a.units(a.layers());
    String expected = out + "x" + X.columns() + " (n[" + a.layers() + "] x m)";
    if (Y == null) {
      throw new IllegalArgumentException(network + ": Y is null; it must be " + expected);
    }
    if (Y.rows() != out || Y.columns() != X.columns()) {
      throw new IllegalArgumentException(
          network + ": Y must be " + expected + ", got " + Y.rows() + "x" + Y.columns());
    }
    checkStorage(a, Y, "Y");
    checkFinite(a, Y, "Y");
    int rows = Y.rows();
    switch (a.loss()) {
      case BINARY_CROSS_ENTROPY:
        for (int i = 0; i < rows * Y.columns(); i++) {
          double v = Y.get(i);
          if (v < 0.0 || v > 1.0) {
            throw new IllegalArgumentException(
                network
                    + ": Y("
                    + (i % rows)
                    + ", "
                    + (i / rows)
                    + ") is "
                    + Y.show(i)
                    + "; binary cross-entropy targets must lie in [0, 1]");
          }
        }
        break;
      case CATEGORICAL_CROSS_ENTROPY:
        for (int j = 0; j < Y.columns(); j++) {
          double sum = 0.0;
          for (int i = 0; i < rows; i++) {
            double v = Y.get(j * rows + i);
            if (v < 0.0) {
              throw new IllegalArgumentException(
                  network
                      + ": Y("
                      + i
                      + ", "
                      + j
                      + ") is "
                      + Y.show(j * rows + i)
                      + "; categorical cross-entropy targets must be non-negative and every"
                      + " column must sum to 1 (one-hot)");
            }
            sum += v;
          }
          // A tolerance, not ==: soft labels (label smoothing, averaged annotations) are
          // accepted as well as one-hot columns, and computed ones rarely sum to exactly 1.
          if (Math.abs(sum - 1.0) > 1e-6) {
            throw new IllegalArgumentException(
                network
                    + ": column "
                    + j
                    + " of Y sums to "
                    + sum
                    + "; categorical cross-entropy target columns must sum to 1 (one-hot)");
          }
        }
        break;
      default:
        break;
    }
  }

  static void checkStorage(Architecture a, Entries M, String what) {
    if (M.stored() < M.rows() * M.columns()) {
      throw new IllegalArgumentException(
          a.network()
              + ": "
              + what
              + " is "
              + M.rows()
              + "x"
              + M.columns()
              + " but its data array holds "
              + (M.stored() < 0 ? "nothing" : M.stored() + " values"));
    }
  }

  static void checkFinite(Architecture a, Entries M, String what) {
    int i = M.firstNonFinite();
    if (i >= 0) {
      throw new IllegalArgumentException(
          a.network()
              + ": "
              + what
              + "("
              + (i % M.rows())
              + ", "
              + (i / M.rows())
              + ") is "
              + M.show(i)
              + "; every entry of "
              + what
              + " must be finite");
    }
  }

  /**
   * A matrix of either precision as the checks read it, so that one check serves both without
   * copying floats into doubles.
   */
  interface Entries {
    int rows();

    int columns();

    /** The length of the data array, -1 when there is none. */
    int stored();

    /** See {@link Kernels#firstNonFinite(DoubleMatrix)}. */
    int firstNonFinite();

    /** Entry {@code i} of the data array. */
    double get(int i);

    /** Entry {@code i} as a message shows it: a float as the float it is ({@code 0.1}). */
    String show(int i);
  }
  // twin: end
}
