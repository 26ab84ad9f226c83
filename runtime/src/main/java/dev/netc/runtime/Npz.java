package dev.netc.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/**
 * NumPy {@code .npz} archives of 2-D float64 or float32 arrays: a zip file with one {@code .npy}
 * entry per array, as {@code numpy.savez} writes and {@code numpy.load} reads.
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
 * IOException} naming the source and the entry; a header never makes the reader allocate more
 * than the entry actually holds.
 */
public final class Npz {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  /** A fixed DOS time (no time zone involved): the output depends only on the arrays. */
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
  /** Largest header accepted; numpy itself refuses headers over 10000 bytes by default. */
  static final int MAX_HEADER_BYTES = 100_000;
  /** Largest data accepted for one array: what a Java byte array can hold. */
  private static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 8;

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
    write(out, arrays, Npz::npy);
  }

  /**
   * {@link #write(OutputStream, Map)} for single-precision arrays, stored as {@code '<f4'}.
   *
   * @throws IllegalArgumentException as {@link #write(OutputStream, Map)} does
   */
  public static void writeFloat(OutputStream out, Map<String, FloatMatrix> arrays)
      throws IOException {
    write(out, arrays, Npz::npy);
  }

  private static <M> void write(
      OutputStream out, Map<String, M> arrays, BiFunction<String, M, byte[]> npy)
      throws IOException {
    // Closing the ZipOutputStream releases its Deflater; the caller's stream stays open.
    try (ZipOutputStream zip = new ZipOutputStream(new FilterOutputStream(out) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
          }

          @Override
          public void close() throws IOException {
            out.flush();
          }
        })) {
      for (Map.Entry<String, M> e : arrays.entrySet()) {
        byte[] bytes = npy.apply(checkName(e.getKey()), e.getValue());
        ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
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
    return read(Files.readAllBytes(file), file.toString());
  }

  /**
   * Reads the arrays of an {@code .npz} archive from {@code in} (to its end; not closed), in
   * archive order; {@code source} names the input in messages.
   */
  public static Map<String, DoubleMatrix> read(InputStream in, String source) throws IOException {
    return read(in.readAllBytes(), source);
  }

  /** Reads the arrays of an {@code .npz} archive held in {@code bytes}, in archive order. */
  public static Map<String, DoubleMatrix> read(byte[] bytes, String source) throws IOException {
    return read(bytes, source, Array::toDouble);
  }

  /** {@link #read(Path)} into single precision ({@code '<f8'} arrays rounded to float). */
  public static Map<String, FloatMatrix> readFloat(Path file) throws IOException {
    return readFloat(Files.readAllBytes(file), file.toString());
  }

  /** {@link #read(InputStream, String)} into single precision. */
  public static Map<String, FloatMatrix> readFloat(InputStream in, String source)
      throws IOException {
    return readFloat(in.readAllBytes(), source);
  }

  /** {@link #read(byte[], String)} into single precision. */
  public static Map<String, FloatMatrix> readFloat(byte[] bytes, String source)
      throws IOException {
    return read(bytes, source, Array::toFloat);
  }

  private static <M> Map<String, M> read(byte[] bytes, String source, Function<Array, M> as)
      throws IOException {
    if (startsWith(bytes, MAGIC)) {
      throw new IOException(
          source + " is a single .npy array (numpy.save), not an .npz archive (numpy.savez)");
    }
    if (!startsWith(bytes, new byte[] {'P', 'K', 3, 4})
        && !startsWith(bytes, new byte[] {'P', 'K', 5, 6})) {
      throw new IOException(source + " is not an .npz archive: it does not start like a zip file");
    }
    int declared = declaredEntries(bytes, source);
    Map<String, M> arrays = new LinkedHashMap<>();
    int entries = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        entries++;
        String name = entry.getName();
        if (entry.isDirectory() || !name.endsWith(".npy") || name.length() == 4) {
          throw new IOException(
              source + ": entry " + name + " is not a .npy array (name.npy)");
        }
        String key = name.substring(0, name.length() - 4);
        if (arrays.containsKey(key)) {
          throw new IOException(source + ": array " + key + " appears twice");
        }
        arrays.put(key, as.apply(readArray(zip, entry.getSize(), source + ": " + name)));
      }
    } catch (ZipException | EOFException e) {
      String why = e.getMessage() != null ? e.getMessage() : "a zip entry ends early";
      throw new IOException(source + " is corrupt or truncated: " + why, e);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      // java.util.zip reports some malformed headers (e.g. bad name bytes) this way.
      throw new IOException(source + " is corrupt: " + e, e);
    }
    if (declared >= 0 && declared != entries) {
      throw new IOException(
          source + " is corrupt or truncated: its directory lists " + declared
              + " entries but " + entries + " could be read");
    }
    return arrays;
  }

  /** The {@code .npy} format 1.0 bytes of one array: fortran order, {@code '<f8'}. */
  static byte[] npy(String name, DoubleMatrix a) {
    ByteBuffer buf = header(name, "<f8", a.rows, a.columns, a.data.length);
    buf.asDoubleBuffer().put(a.data, 0, a.rows * a.columns);
    return buf.array();
  }

  /** The {@code .npy} format 1.0 bytes of one array: fortran order, {@code '<f4'}. */
  static byte[] npy(String name, FloatMatrix a) {
    ByteBuffer buf = header(name, "<f4", a.rows, a.columns, a.data.length);
    buf.asFloatBuffer().put(a.data, 0, a.rows * a.columns);
    return buf.array();
  }

  /**
   * A little-endian buffer that holds the {@code .npy} header of a {@code rows x columns} array of
   * {@code descr} and room for its data, positioned where the data starts.
   */
  private static ByteBuffer header(String name, String descr, int rows, int columns, int stored) {
    if (rows < 0 || columns < 0 || stored < (long) rows * columns) {
      throw new IllegalArgumentException(
          name + " is " + rows + "x" + columns + " but its data array holds " + stored
              + " values");
    }
    int itemSize = descr.equals("<f8") ? 8 : 4;
    String dict =
        "{'descr': '" + descr + "', 'fortran_order': True, 'shape': (" + rows + ", " + columns
            + "), }";
    // Pad with spaces so that magic (6) + version (2) + length (2) + header ends on a multiple of
    // 64, the header's last byte being '\n' as numpy requires.
    int unpadded = MAGIC.length + 4 + dict.length() + 1;
    int headerLength = dict.length() + 1 + (64 - unpadded % 64) % 64;
    ByteBuffer buf =
        ByteBuffer.allocate(MAGIC.length + 4 + headerLength + itemSize * rows * columns)
            .order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerLength);
    buf.put(dict.getBytes(StandardCharsets.US_ASCII));
    for (int i = dict.length(); i < headerLength - 1; i++) {
      buf.put((byte) ' ');
    }
    buf.put((byte) '\n');
    return buf;
  }

  /**
   * Reads one {@code .npy} array from {@code in}, which must end where the array ends. {@code
   * size} is the entry's size if known, else -1.
   */
  static DoubleMatrix readNpy(InputStream in, long size, String where) throws IOException {
    return readArray(in, size, where).toDouble();
  }

  /** {@link #readNpy}, the data left as it was stored. */
  private static Array readArray(InputStream in, long size, String where) throws IOException {
    byte[] start = in.readNBytes(MAGIC.length + 2);
    for (int i = 0; i < Math.min(start.length, MAGIC.length); i++) {
      if (start[i] != MAGIC[i]) {
        throw new IOException(where + " is not a .npy array: it does not start with \\x93NUMPY");
      }
    }
    if (start.length < MAGIC.length + 2) {
      throw new IOException(where + " is truncated inside the .npy header");
    }
    int major = start[6];
    int minor = start[7];
    int lengthBytes = major == 1 ? 2 : major == 2 || major == 3 ? 4 : 0;
    if (lengthBytes == 0 || minor != 0) {
      throw new IOException(
          where + " has .npy format version " + (major & 0xff) + "." + (minor & 0xff)
              + "; only 1.0, 2.0 and 3.0 are supported");
    }
    byte[] len = readExactly(in, lengthBytes, where, "the .npy header length");
    long headerLength = (len[0] & 0xff) | (len[1] & 0xff) << 8;
    if (lengthBytes == 4) {
      headerLength |= (long) (len[2] & 0xff) << 16 | (long) (len[3] & 0xff) << 24;
    }
    if (headerLength > MAX_HEADER_BYTES) {
      throw new IOException(
          where + " declares a header of " + headerLength + " bytes; at most "
              + MAX_HEADER_BYTES + " are accepted");
    }
    byte[] headerBytes = readExactly(in, (int) headerLength, where, "the .npy header");
    String header =
        new String(
            headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Header h = Header.parse(header, where);
    int itemSize;
    if (h.descr.equals("<f8")) {
      itemSize = 8;
    } else if (h.descr.equals("<f4")) {
      itemSize = 4;
    } else {
      throw new IOException(
          where + " has dtype '" + h.descr + "'; only '<f8' (float64) and '<f4' (float32) are"
              + " supported");
    }
    if (h.shape.length == 0 || h.shape.length > 2) {
      throw new IOException(
          where + " has shape " + h.shapeText() + "; only (n, m) and (n,) arrays are supported");
    }
    long rows = h.shape[0];
    long columns = h.shape.length == 2 ? h.shape[1] : 1;
    long count = rows * columns; // each at most Integer.MAX_VALUE: no long overflow
    long dataBytes = count * itemSize;
    if (dataBytes > MAX_DATA_BYTES) {
      throw new IOException(
          where + " has shape " + h.shapeText() + ", " + dataBytes + " bytes of data; at most "
              + MAX_DATA_BYTES + " are supported");
    }
    long expectedSize = MAGIC.length + 2 + lengthBytes + headerLength + dataBytes;
    if (size >= 0 && size != expectedSize) {
      throw new IOException(
          where + " has shape " + h.shapeText() + " and dtype '" + h.descr + "', which needs "
              + expectedSize + " bytes, but the entry holds " + size);
    }
    // readNBytes grows its buffer with what actually arrives: a header that lies about the
    // shape cannot make us allocate more than the entry holds.
    byte[] data = in.readNBytes((int) dataBytes);
    if (data.length != dataBytes) {
      throw new IOException(
          where + " is truncated: shape " + h.shapeText() + " needs " + dataBytes
              + " bytes of data, the entry holds " + data.length);
    }
    if (in.read() != -1) {
      throw new IOException(
          where + " has data after the " + dataBytes + " bytes that shape " + h.shapeText()
              + " needs");
    }
    return new Array((int) rows, (int) columns, h.fortranOrder, itemSize, data);
  }

  /**
   * One array as stored: {@code rows x columns} items of {@code itemSize} bytes (8 for {@code
   * '<f8'}, 4 for {@code '<f4'}), little-endian, column by column if {@code fortranOrder}.
   */
  private record Array(int rows, int columns, boolean fortranOrder, int itemSize, byte[] data) {

    /** The array as doubles, exact for both item sizes. */
    DoubleMatrix toDouble() {
      double[] values = new double[rows * columns];
      ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
      if (itemSize == 8) {
        buf.asDoubleBuffer().get(values);
      } else {
        for (int i = 0; i < values.length; i++) {
          values[i] = buf.getFloat(4 * i);
        }
      }
      if (transposed()) {
        double[] t = new double[values.length];
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < columns; j++) {
            t[j * rows + i] = values[i * columns + j];
          }
        }
        values = t;
      }
      return new DoubleMatrix(rows, columns, values);
    }

    /** The array as floats, {@code '<f8'} items rounded to the nearest float. */
    FloatMatrix toFloat() {
      float[] values = new float[rows * columns];
      ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
      if (itemSize == 4) {
        buf.asFloatBuffer().get(values);
      } else {
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) buf.getDouble(8 * i);
        }
      }
      if (transposed()) {
        float[] t = new float[values.length];
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < columns; j++) {
            t[j * rows + i] = values[i * columns + j];
          }
        }
        values = t;
      }
      return new FloatMatrix(rows, columns, values);
    }

    /** C order stores row by row; jblas wants column by column. */
    private boolean transposed() {
      return !fortranOrder && rows > 1 && columns > 1;
    }
  }

  private static byte[] readExactly(InputStream in, int n, String where, String what)
      throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new IOException(where + " is truncated inside " + what);
    }
    return b;
  }

  /**
   * The entry count of the end-of-central-directory record, or -1 when it is not stated (zip64).
   * The record sits at the very end of every complete zip file, so its absence means truncation:
   * a stream reader alone would accept a file cut between two entries.
   */
  private static int declaredEntries(byte[] b, String source) throws IOException {
    for (int i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
      if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 5 && b[i + 3] == 6) {
        int commentLength = (b[i + 20] & 0xff) | (b[i + 21] & 0xff) << 8;
        if (i + 22 + commentLength == b.length) {
          int total = (b[i + 10] & 0xff) | (b[i + 11] & 0xff) << 8;
          return total == 0xffff ? -1 : total;
        }
      }
    }
    throw new IOException(
        source + " is truncated or corrupt: the zip end-of-central-directory record is missing");
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String checkName(String name) {
    boolean ok = name != null && !name.isEmpty();
    for (int i = 0; ok && i < name.length(); i++) {
      char ch = name.charAt(i);
      ok = ch > ' ' && ch < 127 && ch != '/' && ch != '\\';
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "array name \"" + name + "\" must be non-empty printable ASCII without / or \\");
    }
    return name;
  }

  /** The header dictionary of a {@code .npy} array, parsed strictly (a Python literal). */
  private static final class Header {
    String descr;
    Boolean fortranOrder;
    long[] shape;

    private final String text;
    private final String where;
    private int pos;

    private Header(String text, String where) {
      this.text = text;
      this.where = where;
    }

    static Header parse(String text, String where) throws IOException {
      Header h = new Header(text, where);
      h.dict();
      if (h.descr == null || h.fortranOrder == null || h.shape == null) {
        throw h.error("lacks one of 'descr', 'fortran_order' and 'shape'");
      }
      return h;
    }

    String shapeText() {
      StringBuilder s = new StringBuilder("(");
      for (int i = 0; i < shape.length; i++) {
        s.append(i > 0 ? ", " : "").append(shape[i]);
      }
      return s.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private void dict() throws IOException {
      expect('{');
      while (!peek('}')) {
        String key = string();
        expect(':');
        switch (key) {
          case "descr":
            duplicate(descr, key);
            descr = string();
            break;
          case "fortran_order":
            duplicate(fortranOrder, key);
            fortranOrder = bool();
            break;
          case "shape":
            duplicate(shape, key);
            shape = tuple();
            break;
          default:
            throw error("has an unknown key '" + key + "'");
        }
        if (!peek('}')) {
          expect(',');
        }
      }
      expect('}');
      skipSpace();
      if (pos != text.length()) {
        throw error("has text after the closing }");
      }
    }

    private void duplicate(Object value, String key) throws IOException {
      if (value != null) {
        throw error("has the key '" + key + "' twice");
      }
    }

    private String string() throws IOException {
      skipSpace();
      char quote = pos < text.length() ? text.charAt(pos) : 0;
      if (quote != '\'' && quote != '"') {
        throw error("has no string at offset " + pos);
      }
      int end = text.indexOf(quote, pos + 1);
      if (end < 0) {
        throw error("has an unterminated string");
      }
      String s = text.substring(pos + 1, end);
      if (s.indexOf('\\') >= 0) {
        throw error("has an escape sequence in a string");
      }
      pos = end + 1;
      return s;
    }

    private boolean bool() throws IOException {
      skipSpace();
      if (text.startsWith("True", pos)) {
        pos += 4;
        return true;
      }
      if (text.startsWith("False", pos)) {
        pos += 5;
        return false;
      }
      throw error("has no True or False for 'fortran_order'");
    }

    private long[] tuple() throws IOException {
      expect('(');
      List<Long> dims = new ArrayList<>();
      boolean comma = false;
      while (!peek(')')) {
        skipSpace();
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos)) && pos - start < 11) {
          pos++;
        }
        if (pos == start) {
          throw error("has a shape entry that is not a non-negative integer");
        }
        long d = Long.parseLong(text.substring(start, pos));
        if (d > Integer.MAX_VALUE) {
          throw error("has a dimension of " + d + ", more than " + Integer.MAX_VALUE);
        }
        if (pos < text.length() && text.charAt(pos) == 'L') {
          pos++; // Python 2 long literal, written by old numpy versions.
        }
        dims.add(d);
        comma = peek(',');
        if (comma) {
          pos++;
        } else if (!peek(')')) {
          throw error("has a malformed shape tuple");
        }
      }
      expect(')');
      if (dims.size() == 1 && !comma) {
        throw error("has a malformed shape tuple (n) instead of (n,)");
      }
      long[] result = new long[dims.size()];
      for (int i = 0; i < result.length; i++) {
        result[i] = dims.get(i);
      }
      return result;
    }

    private boolean peek(char c) {
      skipSpace();
      return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) throws IOException {
      if (!peek(c)) {
        throw error("lacks '" + c + "' at offset " + pos);
      }
      pos++;
    }

    private void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private IOException error(String what) {
      String shown = text.strip().replaceAll("[^\\x20-\\x7e]", "?");
      if (shown.length() > 120) {
        shown = shown.substring(0, 120) + "...";
      }
      return new IOException(where + ": the .npy header " + what + ": " + shown);
    }
  }
}
