package dev.netc.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jblas.DoubleMatrix;

/**
 * Saving and loading parameters as NumPy {@code .npz} files with arrays {@code W1, b1, W2, b2,
 * ...} (float64; {@code b} as shape {@code (n, 1)}), readable with {@code numpy.load}.
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

  /**
   * Reads parameters for {@code a} from {@code file}, as {@link #save} wrote them.
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

  static Parameters fromArrays(Map<String, DoubleMatrix> arrays, String source, Architecture a)
      throws IOException {
    List<String> expected = new ArrayList<>();
    for (int l = 1; l <= a.layers(); l++) {
      expected.add("W" + l);
      expected.add("b" + l);
    }
    String list = String.join(", ", expected);
    for (String name : expected) {
      if (!arrays.containsKey(name)) {
        throw new IOException(
            a.network() + ": " + source + " has no array " + name + "; expected " + list);
      }
    }
    for (String name : arrays.keySet()) {
      if (!expected.contains(name)) {
        throw new IOException(
            a.network() + ": " + source + " has an extra array " + name + "; expected " + list);
      }
    }
    Parameters p = new Parameters(a.sizes());
    for (int l = 1; l <= a.layers(); l++) {
      copy(arrays.get("W" + l), p.W(l), "W" + l, "(n[" + l + "] x n[" + (l - 1) + "])", source, a);
      copy(arrays.get("b" + l), p.b(l), "b" + l, "(n[" + l + "] x 1)", source, a);
    }
    return p;
  }

  private static void copy(
      DoubleMatrix from, DoubleMatrix to, String name, String rule, String source, Architecture a)
      throws IOException {
    if (from.rows != to.rows || from.columns != to.columns) {
      throw new IOException(
          a.network() + ": " + name + " in " + source + " must be " + Blas.shape(to) + " " + rule
              + ", got " + Blas.shape(from));
    }
    System.arraycopy(from.data, 0, to.data, 0, to.length);
  }
}
