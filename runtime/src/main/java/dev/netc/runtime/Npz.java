package dev.netc.runtime;

import dev.netc.npz.NpyValues;
import dev.netc.npz.NpzException;
import dev.netc.npz.NpzReader;
import dev.netc.npz.NpzWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

// twin: f32 inherited; rename write writeFloat, read readFloat, writeDoubles writeFloats,
//     readDoubles readFloats, npyDoubles npyFloats
// twin: only
// /** The single-precision half of {@link Npz}, generated from it: see there. */
// twin: end
// twin: skip
/**
 * NumPy {@code .npz} archives of 2-D float64 or float32 arrays, as jblas matrices: a zip file with
 * one {@code .npy} entry per array, as {@code numpy.savez} writes and {@code numpy.load} reads.
 * Reading and writing are netc-npz's ({@link NpzReader}, {@link NpzWriter}), the one reader the
 * annotation processor checks {@code @Network(weights = ...)} with.
 *
 * <p>Writing stores (no compression) {@code .npy} format 1.0 entries with {@code descr '<f8'} for
 * a {@link DoubleMatrix} ({@link #write}) or {@code '<f4'} for a {@link FloatMatrix} ({@link
 * #writeFloat}), {@code fortran_order True} and shape {@code (rows, columns)}, so the column-major
 * {@code data} array is written as it is; the header is padded with spaces and ends in {@code
 * '\n'} so that the data starts at a multiple of 64 bytes. Every entry carries the same fixed
 * time, so the same arrays give the same bytes.
 *
 * <p>Reading ({@link #read} into doubles, {@link #readFloat} into floats) accepts {@code .npy}
 * versions 1.0 to 3.0, {@code '<f8'} and {@code '<f4'}, {@code fortran_order} True or False,
 * shapes {@code (n, m)} and {@code (n,)} (read as {@code n x 1}), stored or deflated entries;
 * {@code '<f4'} read into doubles is exact, {@code '<f8'} read into floats is rounded to the
 * nearest float. Anything else, and any truncated or corrupt input, is refused with an {@link
 * NpzException} naming the source and the entry; a header never makes the reader allocate more
 * than the entry actually holds. To load a network's parameters, {@link ModelFiles} compares
 * every header with the network before reading its data.
 *
 * <p>The float32 methods ({@code writeFloat}, {@code readFloat}) are generated from the float64
 * ones and say the same.
 */
// twin: end
public final class Npz extends FloatNpz {

  private Npz() {}

  /**
   * Writes {@code arrays} (in the map's iteration order; use a {@link LinkedHashMap}) as an {@code
   * .npz} archive with entries {@code name + ".npy"}, {@code '<f8'} for doubles and {@code '<f4'}
   * for floats. Finishes the archive but does not close {@code out}.
   *
   * @throws IllegalArgumentException if a name is empty or contains anything but printable ASCII
   *     other than {@code /} and {@code \}, or a matrix's data array is shorter than rows x columns
   */
  public static void write(OutputStream out, Map<String, DoubleMatrix> arrays)
      throws IOException {
    try (NpzWriter npz = new NpzWriter(out)) {
      for (Map.Entry<String, DoubleMatrix> e : arrays.entrySet()) {
        DoubleMatrix m = e.getValue();
        npz.writeDoubles(e.getKey(), m.rows, m.columns, m.data);
      }
    }
  }

  // twin: skip
  /** The bytes {@link #write(OutputStream, Map)} writes. */
  public static byte[] toBytes(Map<String, DoubleMatrix> arrays) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(out, arrays);
    } catch (IOException e) {
      throw new AssertionError("a ByteArrayOutputStream does not fail", e);
    }
    return out.toByteArray();
  }

  // twin: end
  /**
   * Reads the arrays of an {@code .npz} file, in archive order: {@code '<f4'} arrays into doubles
   * exactly, {@code '<f8'} arrays into floats rounded to the nearest float.
   */
  public static Map<String, DoubleMatrix> read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /**
   * Reads the arrays of an {@code .npz} archive from {@code in} (to its end; not closed), in
   * archive order; {@code source} names the input in messages.
   */
  public static Map<String, DoubleMatrix> read(InputStream in, String source)
      throws IOException {
    Map<String, DoubleMatrix> arrays = new LinkedHashMap<>();
    NpzArrays.visit(in, source, (name, header, data) -> {
      double[] values = new double[(int) header.count()];
      NpyValues.readDoubles(header, new ByteArrayInputStream(data), values);
      arrays.put(
          name, new DoubleMatrix(NpzArrays.rows(header), NpzArrays.columns(header), values));
    });
    return arrays;
  }

  /** Reads the arrays of an {@code .npz} archive held in {@code bytes}, in archive order. */
  public static Map<String, DoubleMatrix> read(byte[] bytes, String source) throws IOException {
    return read(new ByteArrayInputStream(bytes), source);
  }

  /**
   * The {@code .npy} format 1.0 bytes of one array: fortran order, {@code '<f8'} for doubles and
   * {@code '<f4'} for floats.
   */
  static byte[] npy(String name, DoubleMatrix a) {
    return NpzWriter.npyDoubles(name, a.rows, a.columns, a.data);
  }
}
