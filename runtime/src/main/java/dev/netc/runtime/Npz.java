package dev.netc.runtime;

import dev.netc.npz.NpyHeader;
import dev.netc.npz.NpyValues;
import dev.netc.npz.NpzException;
import dev.netc.npz.NpzLimits;
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
import java.util.List;
import java.util.Map;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

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
 */
public final class Npz {

  private Npz() {}

  /**
   * Writes {@code arrays} (in the map's iteration order; use a {@link LinkedHashMap}) as an {@code
   * .npz} archive with entries {@code name + ".npy"}. Finishes the archive but does not close
   * {@code out}.
   *
   * @throws IllegalArgumentException if a name is empty or contains anything but printable ASCII
   *     other than {@code /} and {@code \}, or a matrix's data array is shorter than rows x columns
   */
  public static void write(OutputStream out, Map<String, DoubleMatrix> arrays) throws IOException {
    try (NpzWriter npz = new NpzWriter(out)) {
      for (Map.Entry<String, DoubleMatrix> e : arrays.entrySet()) {
        DoubleMatrix m = e.getValue();
        npz.writeDoubles(e.getKey(), m.rows, m.columns, m.data);
      }
    }
  }

  /**
   * {@link #write(OutputStream, Map)} for single-precision arrays, stored as {@code '<f4'}.
   *
   * @throws IllegalArgumentException as {@link #write(OutputStream, Map)} does
   */
  public static void writeFloat(OutputStream out, Map<String, FloatMatrix> arrays)
      throws IOException {
    try (NpzWriter npz = new NpzWriter(out)) {
      for (Map.Entry<String, FloatMatrix> e : arrays.entrySet()) {
        FloatMatrix m = e.getValue();
        npz.writeFloats(e.getKey(), m.rows, m.columns, m.data);
      }
    }
  }

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

  /** Reads the arrays of an {@code .npz} file, in archive order. */
  public static Map<String, DoubleMatrix> read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /**
   * Reads the arrays of an {@code .npz} archive from {@code in} (to its end; not closed), in
   * archive order; {@code source} names the input in messages.
   */
  public static Map<String, DoubleMatrix> read(InputStream in, String source) throws IOException {
    Map<String, DoubleMatrix> arrays = new LinkedHashMap<>();
    read(in, source, (name, header, data) -> {
      double[] values = new double[(int) header.count()];
      NpyValues.readDoubles(header, new ByteArrayInputStream(data), values);
      arrays.put(name, new DoubleMatrix(rows(header), columns(header), values));
    });
    return arrays;
  }

  /** Reads the arrays of an {@code .npz} archive held in {@code bytes}, in archive order. */
  public static Map<String, DoubleMatrix> read(byte[] bytes, String source) throws IOException {
    return read(new ByteArrayInputStream(bytes), source);
  }

  /** {@link #read(Path)} into single precision ({@code '<f8'} arrays rounded to float). */
  public static Map<String, FloatMatrix> readFloat(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return readFloat(in, file.toString());
    }
  }

  /** {@link #read(InputStream, String)} into single precision. */
  public static Map<String, FloatMatrix> readFloat(InputStream in, String source)
      throws IOException {
    Map<String, FloatMatrix> arrays = new LinkedHashMap<>();
    read(in, source, (name, header, data) -> {
      float[] values = new float[(int) header.count()];
      NpyValues.readFloats(header, new ByteArrayInputStream(data), values);
      arrays.put(name, new FloatMatrix(rows(header), columns(header), values));
    });
    return arrays;
  }

  /** {@link #read(byte[], String)} into single precision. */
  public static Map<String, FloatMatrix> readFloat(byte[] bytes, String source)
      throws IOException {
    return readFloat(new ByteArrayInputStream(bytes), source);
  }

  /** Receives one array whose entry was read whole and checked. */
  @FunctionalInterface
  private interface Complete {
    void array(String name, NpyHeader header, byte[] data) throws IOException;
  }

  /**
   * Reads every array whose dtype and shape this class supports, keeping each entry's data as the
   * bytes that actually arrived (a header claiming more cannot make it allocate more), and hands
   * it over once the reader has checked the entry's size and CRC.
   */
  private static void read(InputStream in, String source, Complete complete) throws IOException {
    Map<String, byte[]> pending = new LinkedHashMap<>();
    try {
      NpzReader.read(in, new NpzReader.ArrayVisitor() {
        @Override
        public void array(String name, NpyHeader header, InputStream data) throws IOException {
          String where = name + ".npy";
          if (!header.isParameterDtype()) {
            throw new NpzException(
                where + " has dtype '" + header.descr() + "'; only '<f8' (float64) and '<f4'"
                    + " (float32) are supported");
          }
          List<Long> shape = header.shape();
          if (shape.isEmpty() || shape.size() > 2) {
            throw new NpzException(
                where + " has shape " + header.tupleText()
                    + "; only (n, m) and (n,) arrays are supported");
          }
          long dataBytes = header.dataBytes().getAsLong();
          if (dataBytes > NpzLimits.MAX_ARRAY_BYTES) {
            throw new NpzException(
                where + " has shape " + header.tupleText() + ", " + dataBytes
                    + " bytes of data; at most " + NpzLimits.MAX_ARRAY_BYTES + " are supported");
          }
          // readNBytes grows its buffer with what actually arrives.
          pending.put(name, data.readNBytes((int) dataBytes));
        }

        @Override
        public void end(String name, NpyHeader header, long dataBytes) throws IOException {
          complete.array(name, header, pending.remove(name));
        }
      });
    } catch (NpzException e) {
      throw from(source, e);
    }
  }

  /** {@code e} with {@code source} in front: {@code model.npz: W1.npy: ...}. */
  static NpzException from(String source, NpzException e) {
    return new NpzException(
        (e.notAnArchive() ? source + " is not an .npz archive: " : source + ": ")
            + e.getMessage(),
        e);
  }

  private static int rows(NpyHeader header) {
    return (int) (long) header.shape().get(0);
  }

  private static int columns(NpyHeader header) {
    return header.shape().size() == 2 ? (int) (long) header.shape().get(1) : 1;
  }

  /** The {@code .npy} format 1.0 bytes of one array: fortran order, {@code '<f8'}. */
  static byte[] npy(String name, DoubleMatrix a) {
    return NpzWriter.npyDoubles(name, a.rows, a.columns, a.data);
  }

  /** The {@code .npy} format 1.0 bytes of one array: fortran order, {@code '<f4'}. */
  static byte[] npy(String name, FloatMatrix a) {
    return NpzWriter.npyFloats(name, a.rows, a.columns, a.data);
  }
}
