package dev.netc.npz;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The data of one {@code .npy} array, read from an {@link NpzReader.ArrayVisitor}'s stream into
 * arrays the caller sized (so that the caller, who knows the shape it expects, decides what is
 * allocated), and the checks every reader shares.
 *
 * <p>Matrices are delivered column-major ({@code value(i, j)} at {@code i + j * rows}), as jblas
 * stores them, whatever the file's order; a vector {@code (n,)} is an {@code n x 1} column.
 */
public final class NpyValues {

  private static final int CHUNK = 8192;

  private NpyValues() {}

  /**
   * Reads a {@code '<f8'} or {@code '<f4'} array into {@code out} (float32 items exactly), column
   * major. Stops early, leaving zeros, if the data ends early: the reader refuses that entry.
   *
   * @throws IllegalArgumentException unless {@code header} has a parameter dtype and 1 or 2
   *     dimensions holding exactly {@code out.length} values
   */
  public static void readDoubles(NpyHeader header, InputStream data, double[] out)
      throws IOException {
    int rows = check(header, out.length);
    boolean f8 = header.descr().equals("<f8");
    int itemSize = f8 ? 8 : 4;
    // Column-major already (what netc writes, and every vector): whole chunks at once.
    boolean direct = header.fortranOrder() || header.shape().size() == 1 || rows <= 1
        || header.shape().get(1) <= 1;
    int columns = header.shape().size() == 2 ? (int) (long) header.shape().get(1) : 1;
    byte[] chunk = new byte[CHUNK];
    ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    int index = 0;
    while (index < out.length) {
      int want = Math.min(CHUNK / itemSize, out.length - index) * itemSize;
      int n = data.readNBytes(chunk, 0, want);
      int items = n / itemSize;
      if (direct && f8) {
        buffer.clear();
        buffer.asDoubleBuffer().get(out, index, items);
      } else {
        for (int k = 0; k < items; k++) {
          double value = f8 ? buffer.getDouble(8 * k) : buffer.getFloat(4 * k);
          int at = index + k;
          // C order: item at = i * columns + j goes to i + j * rows.
          out[direct ? at : at / columns + (at % columns) * rows] = value;
        }
      }
      index += items;
      if (n < want) {
        return;
      }
    }
  }

  /**
   * Reads a {@code '<f8'} or {@code '<f4'} array into {@code out}, float64 items rounded to the
   * nearest float, column-major; as {@link #readDoubles} otherwise (through a double array of
   * {@code out}'s size: float32 items are exact in double, float64 ones round once).
   */
  public static void readFloats(NpyHeader header, InputStream data, float[] out)
      throws IOException {
    check(header, out.length);
    double[] values = new double[out.length];
    readDoubles(header, data, values);
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values[i];
    }
  }

  /**
   * Reads a one-dimensional {@code '<U'} (NumPy {@code str}) array of {@code count} strings, each
   * without its trailing NUL padding, as {@code numpy.str_} gives them.
   *
   * Code points a Java string cannot hold (above U+10FFFF, lone surrogates) read as U+FFFD.
   *
   * @throws NpzException naming {@code name} if the array is not {@code '<U'}, one-dimensional, of
   *     {@code count} strings of at most {@code maxChars} characters
   */
  public static String[] readStrings(
      String name, NpyHeader header, InputStream data, int count, int maxChars)
      throws IOException {
    int chars = header.unicodeLength();
    if (chars < 0 || header.shape().size() != 1) {
      throw new NpzException(
          name + " must be a vector of strings ('<U'), found " + header.descr() + " of shape "
              + header.tupleText());
    }
    if (header.shape().get(0) != count) {
      throw new NpzException(
          name + " must hold " + count + " strings, found shape " + header.tupleText());
    }
    if (chars > maxChars) {
      throw new NpzException(
          name + " holds strings of " + chars + " characters; at most " + maxChars
              + " are read");
    }
    String[] strings = new String[count];
    byte[] item = new byte[4 * chars];
    for (int s = 0; s < count; s++) {
      int n = data.readNBytes(item, 0, item.length);
      if (n < item.length) {
        strings[s] = "";
        continue; // the reader refuses the short entry
      }
      ByteBuffer buffer = ByteBuffer.wrap(item).order(ByteOrder.LITTLE_ENDIAN);
      StringBuilder text = new StringBuilder();
      int length = chars;
      while (length > 0 && buffer.getInt(4 * (length - 1)) == 0) {
        length--;
      }
      for (int c = 0; c < length; c++) {
        int codePoint = buffer.getInt(4 * c);
        // Python strings may hold lone surrogates, a damaged file anything: never refuse a label
        // for its text (the compile-time check does not read it), show U+FFFD instead.
        boolean valid =
            Character.isValidCodePoint(codePoint) && (codePoint < 0xD800 || codePoint > 0xDFFF);
        text.appendCodePoint(valid ? codePoint : 0xFFFD);
      }
      strings[s] = text.toString();
    }
    return strings;
  }

  /**
   * One value of an array and its index in file order.
   *
   * @param index counted in the order the file stores the values
   * @param value the value, widened to double
   */
  public record Found(long index, double value) {}

  /** Receives the values of an array one by one. */
  @FunctionalInterface
  public interface ValueVisitor {
    /** The value at {@code index} (file order), widened to double. */
    void value(long index, double value);
  }

  /**
   * Hands every value of a float64 or float32 array of either byte order to {@code visitor}, in
   * file order, reading {@code data} to the end of the array's values; returns false, reading
   * nothing, for any other dtype. Allocates a fixed buffer only, whatever the header claims.
   */
  public static boolean forEach(NpyHeader header, InputStream data, ValueVisitor visitor)
      throws IOException {
    String descr = header.descr();
    boolean f8 = descr.equals("<f8") || descr.equals(">f8");
    boolean f4 = descr.equals("<f4") || descr.equals(">f4");
    if (!f8 && !f4) {
      return false;
    }
    ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    read(header, data, f8 ? 8 : 4, order, (buffer, at, index) ->
        visitor.value(index, f8 ? buffer.getDouble(at) : buffer.getFloat(at)));
    return true;
  }

  /**
   * Where the value at {@code index} of {@code header}'s array sits, as NumPy indexes it: {@code
   * (1, 0)} for a matrix, {@code (3,)} for a vector. {@code index} counts in the order the file
   * stores the values ({@code fortranOrder} column by column, else row by row).
   */
  public static String position(NpyHeader header, long index) {
    if (header.shape().size() != 2) {
      return header.shape().size() == 1 ? "(" + index + ",)" : "()";
    }
    long rows = header.shape().get(0);
    long columns = header.shape().get(1);
    long i = header.fortranOrder() ? index % rows : index / columns;
    long j = header.fortranOrder() ? index / rows : index % columns;
    return "(" + i + ", " + j + ")";
  }

  /** {@code (i, j)} of the column-major {@code index} of a {@code rows}-row matrix. */
  public static String position(int rows, int index) {
    return "(" + index % rows + ", " + index / rows + ")";
  }

  @FunctionalInterface
  private interface Item {
    void accept(ByteBuffer buffer, int at, long index);
  }

  /** Hands each whole item to {@code item}, chunk by chunk; stops at the end of the data. */
  private static void read(
      NpyHeader header, InputStream data, int itemSize, ByteOrder order, Item item)
      throws IOException {
    long count = header.count();
    byte[] chunk = new byte[CHUNK];
    ByteBuffer buffer = ByteBuffer.wrap(chunk).order(order);
    long index = 0;
    while (index < count) {
      int want = (int) Math.min(CHUNK / itemSize, count - index) * itemSize;
      int n = data.readNBytes(chunk, 0, want);
      for (int at = 0; at + itemSize <= n; at += itemSize) {
        item.accept(buffer, at, index++);
      }
      if (n < want) {
        return;
      }
    }
  }

  /** The rows of the column-major result; refuses what the loaders never ask for. */
  private static int check(NpyHeader header, int length) {
    if (!header.isParameterDtype()
        || header.shape().isEmpty()
        || header.shape().size() > 2
        || header.count() != length) {
      throw new IllegalArgumentException(
          "a " + header.descr() + " array of shape " + header.tupleText() + " does not read into "
              + length + " values");
    }
    return (int) (long) header.shape().get(0);
  }

}
