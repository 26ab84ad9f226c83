package dev.netc.npz;

import java.util.Collection;

/**
 * The arrays a model file may hold beside its parameters {@code W1, b1, ...}: the preprocessing a
 * model was trained with, under names no parameter has, so that {@code numpy.load} still reads the
 * file and a loaded model predicts from raw rows as the training program did.
 *
 * <ul>
 *   <li>{@value #MEAN} and {@value #STD}: float64 vectors {@code (n[0],)} of the standardizer's
 *       feature means and (population) standard deviations, both or neither, every value finite
 *       and every standard deviation non-negative;
 *   <li>{@value #LABELS}: NumPy strings ({@code '<U'k}, {@code k} at most {@value
 *       #MAX_LABEL_CHARS}) {@code (n[L],)}, one name per output unit, or {@code (2,)} for a
 *       one-unit output (the names of 0 and 1).
 * </ul>
 *
 * <p>The compile-time check of {@code @Network(weights = ...)} and every run-time loader apply
 * these rules through {@link #problem}.
 */
public final class ReservedArrays {

  /** The standardizer's means, {@code (n[0],)} float64. */
  public static final String MEAN = "netc_standardizer_mean";

  /** The standardizer's standard deviations, {@code (n[0],)} float64, each at least 0. */
  public static final String STD = "netc_standardizer_std";

  /** The names of the output units (or of the classes 0 and 1 of a one-unit output). */
  public static final String LABELS = "netc_labels";

  /** The longest label read, in code points. */
  public static final int MAX_LABEL_CHARS = 256;

  private ReservedArrays() {}

  /** True for the three reserved names. */
  public static boolean isReserved(String name) {
    return name.equals(MEAN) || name.equals(STD) || name.equals(LABELS);
  }

  /**
   * Why the header of reserved array {@code name} does not fit a network of {@code inputs} inputs
   * and {@code outputs} output units, or null when it fits; an unknown size (0 or less) is not
   * compared. A hint follows a semicolon.
   */
  public static String problem(String name, NpyHeader header, int inputs, int outputs) {
    if (name.equals(LABELS)) {
      int chars = header.unicodeLength();
      if (chars < 1 || header.shape().size() != 1) {
        return "it must be a vector of strings ('<U'), found " + header.descr() + " of shape "
            + header.tupleText() + "; save numpy.array(labels, dtype=str)";
      }
      if (chars > MAX_LABEL_CHARS) {
        return "its strings have " + chars + " characters, more than the " + MAX_LABEL_CHARS
            + " netc reads";
      }
      long count = header.shape().get(0);
      if (outputs > 0 && count != outputs && !(outputs == 1 && count == 2)) {
        return "it holds " + count + " labels but the network has " + outputs + " output "
            + (outputs == 1 ? "unit; save 1 or 2 labels" : "units; save one label per unit");
      }
      return null;
    }
    if (!header.isParameterDtype()) {
      return "it has dtype '" + header.descr() + "'; save it as float64 ('<f8')";
    }
    if (header.shape().size() != 1 && header.shape().size() != 2
        || inputs > 0 && !header.fits(inputs, 1, true)) {
      return "it has shape " + header.tupleText() + " but the network has " + inputs
          + " inputs; save a vector of shape (" + (inputs > 0 ? inputs : "n[0]") + ",)";
    }
    return null;
  }

  /**
   * Why the reserved arrays among {@code names} do not go together ({@code holds X without Y;
   * ...}), or null when they do.
   */
  public static String pairProblem(Collection<String> names) {
    if (names.contains(MEAN) != names.contains(STD)) {
      return "holds " + (names.contains(MEAN) ? MEAN + " without " + STD : STD + " without "
          + MEAN) + "; a standardizer needs both";
    }
    return null;
  }
}
