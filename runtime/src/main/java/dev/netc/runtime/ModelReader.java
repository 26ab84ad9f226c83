package dev.netc.runtime;

import dev.netc.npz.NpyHeader;
import dev.netc.npz.NpyValues;
import dev.netc.npz.NpzException;
import dev.netc.npz.NpzReader;
import dev.netc.npz.ReservedArrays;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one network's model file: compares every array's header with the network before reading
 * its data, so that no file makes it allocate more than the network's parameters (they are
 * allocated before the file is opened), reads the parameters into them, refuses values that are
 * not finite, and reads the reserved preprocessing arrays of {@link ReservedArrays}.
 */
final class ModelReader implements NpzReader.ArrayVisitor {

  /** The parameter arrays of one precision, allocated for the network. */
  interface Arrays {
    /** Reads the data of {@code W1}, {@code b1}, ... (header already checked) into its array. */
    void read(String name, NpyHeader header, InputStream data) throws IOException;

    /** The column-major index of the first value of {@code name} that is not finite, or -1. */
    int firstNonFinite(String name);

    /** The value at column-major {@code index} of {@code name}. */
    double value(String name, int index);
  }

  private final Architecture a;
  private final String source;
  private final Arrays arrays;
  private final List<String> expected = new ArrayList<>();
  /** {@link #expected} for look-ups: a deep network has thousands of arrays. */
  private final Set<String> parameters = new HashSet<>();
  private final Set<String> seen = new HashSet<>();
  private double[] mean;
  private double[] std;
  private List<String> labels = List.of();
  /** What this visitor threw, so that it is not wrapped like a damaged file. */
  private NpzException refusal;

  private ModelReader(Architecture a, String source, Arrays arrays) {
    this.a = a;
    this.source = source;
    this.arrays = arrays;
    for (int l = 1; l <= a.layers(); l++) {
      expected.add("W" + l);
      expected.add("b" + l);
    }
    parameters.addAll(expected);
  }

  /**
   * Reads the model file in {@code in} (to its end, not closed) into {@code arrays}, returning
   * the preprocessing it holds.
   *
   * @throws IOException if the file is not a readable {@code .npz}, an array is missing, extra,
   *     of another shape or dtype, or holds a value that is not finite
   */
  static Preprocessing read(InputStream in, String source, Architecture a, Arrays arrays)
      throws IOException {
    ModelReader reader = new ModelReader(a, source, arrays);
    try {
      NpzReader.read(in, reader);
    } catch (NpzException e) {
      throw e == reader.refusal ? e : NpzArrays.from(source, e);
    }
    return reader.finish();
  }

  @Override
  public void array(String name, NpyHeader header, InputStream data) throws IOException {
    seen.add(name);
    int[] n = a.sizes();
    if (parameters.contains(name)) {
      int l = Integer.parseInt(name.substring(1));
      boolean bias = name.charAt(0) == 'b';
      int rows = n[l];
      int columns = bias ? 1 : n[l - 1];
      if (!header.fits(rows, columns, bias)) {
        throw refuse(
            a.network() + ": " + name + " in " + source + " must be " + rows + "x" + columns
                + " (n[" + l + "] x " + (bias ? "1" : "n[" + (l - 1) + "]") + "), got "
                + shown(header));
      }
      if (!header.isParameterDtype()) {
        throw refuse(
            a.network() + ": " + name + " in " + source + " has dtype '" + header.descr()
                + "'; only '<f8' (float64) and '<f4' (float32) are supported");
      }
      arrays.read(name, header, data);
    } else if (ReservedArrays.isReserved(name)) {
      String problem = ReservedArrays.problem(name, header, n[0], n[n.length - 1]);
      if (problem != null) {
        throw refuse(
            a.network() + ": " + name + " in " + source + " does not fit this network: "
                + problem);
      }
      if (name.equals(ReservedArrays.LABELS)) {
        int count = (int) (long) header.shape().get(0);
        labels =
            List.of(
                NpyValues.readStrings(
                    name, header, data, count, ReservedArrays.MAX_LABEL_CHARS));
      } else {
        double[] values = new double[n[0]];
        NpyValues.readDoubles(header, data, values);
        if (name.equals(ReservedArrays.MEAN)) {
          mean = values;
        } else {
          std = values;
        }
      }
    } else {
      throw refuse(
          a.network() + ": " + source + " has an extra array " + name + "; expected "
              + String.join(", ", expected));
    }
  }

  @Override
  public void end(String name, NpyHeader header, long dataBytes) throws IOException {
    if (parameters.contains(name)) {
      int index = arrays.firstNonFinite(name);
      if (index >= 0) {
        int rows = a.sizes()[Integer.parseInt(name.substring(1))];
        throw refuse(
            a.network() + ": " + name + " in " + source + " holds " + arrays.value(name, index)
                + " at " + NpyValues.position(rows, index)
                + "; every parameter must be finite (was the file saved after a diverged"
                + " training?)");
      }
    } else if (name.equals(ReservedArrays.MEAN) || name.equals(ReservedArrays.STD)) {
      double[] values = name.equals(ReservedArrays.MEAN) ? mean : std;
      for (int i = 0; i < values.length; i++) {
        if (!Double.isFinite(values[i]) || (values == std && values[i] < 0)) {
          throw refuse(
              a.network() + ": " + name + " in " + source + " holds " + values[i] + " at (" + i
                  + ",); " + (values == std
                      ? "a standard deviation must be finite and at least 0"
                      : "a mean must be finite"));
        }
      }
    }
  }

  private Preprocessing finish() throws IOException {
    for (String name : expected) {
      if (!seen.contains(name)) {
        throw new NpzException(
            a.network() + ": " + source + " has no array " + name + "; expected "
                + String.join(", ", expected));
      }
    }
    String pair = ReservedArrays.pairProblem(seen);
    if (pair != null) {
      throw new NpzException(a.network() + ": " + source + " " + pair);
    }
    return Preprocessing.of(
        mean == null ? null : dev.netc.data.Standardizer.of(mean, std), labels);
  }

  private NpzException refuse(String message) {
    refusal = new NpzException(message);
    return refusal;
  }

  /** {@code 4x2} for a matrix, {@code shape (4,)} for anything else. */
  private static String shown(NpyHeader header) {
    return header.shape().size() == 2 ? header.shapeText() : "shape " + header.tupleText();
  }
}
