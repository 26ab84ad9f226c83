package dev.netc.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/**
 * Saving and loading parameters as NumPy {@code .npz} files with arrays {@code W1, b1, W2, b2,
 * ...} ({@code b} as shape {@code (n, 1)}), readable with {@code numpy.load}: float64 for {@link
 * Parameters}, float32 for {@link FloatParameters}. Either precision loads either file: a float32
 * file into doubles exactly, a float64 file into floats rounded to the nearest float.
 */
public final class ModelFiles {

  private ModelFiles() {}

  /**
   * Writes {@code p} to {@code file} atomically: the archive is written to a temporary file in the
   * same directory, forced to disk, then moved over {@code file} with {@code ATOMIC_MOVE} and
   * {@code REPLACE_EXISTING}. Readers see the old file or the new one, never a partial one; on any
   * failure the old file is untouched and the temporary file deleted.
   */
  public static void save(Path file, Parameters p) throws IOException {
    Map<String, DoubleMatrix> arrays = new LinkedHashMap<>();
    for (int l = 1; l <= p.layers(); l++) {
      arrays.put("W" + l, p.W(l));
      arrays.put("b" + l, p.b(l));
    }
    AtomicFiles.write(file, out -> Npz.write(out, arrays));
  }

  /** {@link #save(Path, Parameters)} for single-precision parameters, written as float32. */
  public static void save(Path file, FloatParameters p) throws IOException {
    Map<String, FloatMatrix> arrays = new LinkedHashMap<>();
    for (int l = 1; l <= p.layers(); l++) {
      arrays.put("W" + l, p.W(l));
      arrays.put("b" + l, p.b(l));
    }
    AtomicFiles.write(file, out -> Npz.writeFloat(out, arrays));
  }

  /**
   * Reads parameters for {@code a} from {@code file}, as {@link #save} wrote them (float32 arrays
   * are read exactly).
   *
   * @throws IOException if the file is missing, corrupt or not an {@code .npz} archive, or an array
   *     is missing, extra or of the wrong shape (naming the array, both shapes and the network)
   */
  public static Parameters load(Path file, Architecture a) throws IOException {
    return fromArrays(Npz.read(file), file.toString(), a);
  }

  /**
   * Reads parameters for {@code a} from an {@code .npz} archive in {@code in} (read to its end,
   * not closed), e.g. a class-path resource; {@code source} names it in messages.
   */
  public static Parameters load(InputStream in, String source, Architecture a)
      throws IOException {
    return fromArrays(Npz.read(in, source), source, a);
  }

  /**
   * Reads single-precision parameters for {@code a} from {@code file}, float32 arrays as they are
   * and float64 arrays rounded to the nearest float.
   *
   * @throws IOException as {@link #load(Path, Architecture)} does, with the same messages
   */
  public static FloatParameters loadFloat(Path file, Architecture a) throws IOException {
    return fromFloatArrays(Npz.readFloat(file), file.toString(), a);
  }

  /** {@link #load(InputStream, String, Architecture)} into single precision. */
  public static FloatParameters loadFloat(InputStream in, String source, Architecture a)
      throws IOException {
    return fromFloatArrays(Npz.readFloat(in, source), source, a);
  }

  static Parameters fromArrays(Map<String, DoubleMatrix> arrays, String source, Architecture a)
      throws IOException {
    checkNames(arrays.keySet(), source, a);
    Parameters p = new Parameters(a.sizes());
    for (int l = 1; l <= a.layers(); l++) {
      DoubleMatrix W = arrays.get("W" + l);
      DoubleMatrix b = arrays.get("b" + l);
      checkShape("W" + l, W.rows, W.columns, weightRule(l), p.W(l).rows, p.W(l).columns, source,
          a);
      checkShape("b" + l, b.rows, b.columns, biasRule(l), p.b(l).rows, 1, source, a);
      System.arraycopy(W.data, 0, p.W(l).data, 0, W.length);
      System.arraycopy(b.data, 0, p.b(l).data, 0, b.length);
    }
    return p;
  }

  static FloatParameters fromFloatArrays(
      Map<String, FloatMatrix> arrays, String source, Architecture a) throws IOException {
    checkNames(arrays.keySet(), source, a);
    FloatParameters p = new FloatParameters(a.sizes());
    for (int l = 1; l <= a.layers(); l++) {
      FloatMatrix W = arrays.get("W" + l);
      FloatMatrix b = arrays.get("b" + l);
      checkShape("W" + l, W.rows, W.columns, weightRule(l), p.W(l).rows, p.W(l).columns, source,
          a);
      checkShape("b" + l, b.rows, b.columns, biasRule(l), p.b(l).rows, 1, source, a);
      System.arraycopy(W.data, 0, p.W(l).data, 0, W.length);
      System.arraycopy(b.data, 0, p.b(l).data, 0, b.length);
    }
    return p;
  }

  /** Refuses a missing or an extra array, naming the first. */
  private static void checkNames(Set<String> names, String source, Architecture a)
      throws IOException {
    List<String> expected = new ArrayList<>();
    for (int l = 1; l <= a.layers(); l++) {
      expected.add("W" + l);
      expected.add("b" + l);
    }
    String list = String.join(", ", expected);
    for (String name : expected) {
      if (!names.contains(name)) {
        throw new IOException(
            a.network() + ": " + source + " has no array " + name + "; expected " + list);
      }
    }
    for (String name : names) {
      if (!expected.contains(name)) {
        throw new IOException(
            a.network() + ": " + source + " has an extra array " + name + "; expected " + list);
      }
    }
  }

  private static String weightRule(int l) {
    return "(n[" + l + "] x n[" + (l - 1) + "])";
  }

  private static String biasRule(int l) {
    return "(n[" + l + "] x 1)";
  }

  /**
   * Refuses array {@code name} of {@code rows x columns} where the network has another shape,
   * stating the {@code rule} that gives it.
   */
  private static void checkShape(String name, int rows, int columns, String rule,
      int expectedRows, int expectedColumns, String source, Architecture a) throws IOException {
    if (rows != expectedRows || columns != expectedColumns) {
      throw new IOException(
          a.network() + ": " + name + " in " + source + " must be " + expectedRows + "x"
              + expectedColumns + " " + rule + ", got " + rows + "x" + columns);
    }
  }
}
