package dev.netc.npz;

import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an {@code .npz} archive as {@code numpy.savez} does and {@code numpy.load} reads: one
 * stored (uncompressed) {@code NAME.npy} entry per array, {@code .npy} format 1.0, the header
 * padded with spaces and ended by {@code '\n'} so that the data starts at a multiple of 64 bytes.
 * Every entry carries the same fixed time, so the same arrays give the same bytes.
 *
 * <p>{@link #close()} finishes the archive but does not close the caller's stream.
 */
public final class NpzWriter implements Closeable {

  /** A fixed DOS time (no time zone involved): the output depends only on the arrays. */
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

  private final ZipOutputStream zip;

  /** An archive written to {@code out}, which stays open. */
  public NpzWriter(OutputStream out) {
    this.zip =
        new ZipOutputStream(
            new FilterOutputStream(out) {
              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
              }

              @Override
              public void close() throws IOException {
                out.flush();
              }
            });
  }

  /**
   * Writes a float64 {@code rows x columns} matrix whose values are {@code data[0 .. rows *
   * columns)} column-major, as {@code fortran_order: True, descr: '<f8'}.
   *
   * @throws IllegalArgumentException for a bad name ({@link #checkName}) or short {@code data}
   */
  public void writeDoubles(String name, int rows, int columns, double[] data) throws IOException {
    writeNpy(name, npyDoubles(name, rows, columns, data));
  }

  /** {@link #writeDoubles} for float32 values, as {@code '<f4'}. */
  public void writeFloats(String name, int rows, int columns, float[] data) throws IOException {
    writeNpy(name, npyFloats(name, rows, columns, data));
  }

  /** The {@code .npy} bytes {@link #writeDoubles} writes as entry {@code name.npy}. */
  public static byte[] npyDoubles(String name, int rows, int columns, double[] data) {
    int count = count(name, rows, columns, data.length);
    ByteBuffer buffer = ByteBuffer.allocate(8 * count).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asDoubleBuffer().put(data, 0, count);
    return npy(new NpyHeader("<f8", true, List.of((long) rows, (long) columns)), buffer.array());
  }

  /** The {@code .npy} bytes {@link #writeFloats} writes as entry {@code name.npy}. */
  public static byte[] npyFloats(String name, int rows, int columns, float[] data) {
    int count = count(name, rows, columns, data.length);
    ByteBuffer buffer = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(data, 0, count);
    return npy(new NpyHeader("<f4", true, List.of((long) rows, (long) columns)), buffer.array());
  }

  /** A float64 vector {@code (n,)}, as NumPy writes a one-dimensional array. */
  public void writeVector(String name, double[] values) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asDoubleBuffer().put(values);
    write(name, NpyHeader.of("<f8", values.length), buffer.array());
  }

  /**
   * A vector of strings as NumPy's {@code str} dtype {@code '<U'k}, {@code k} the longest string's
   * length in code points: UTF-32LE, each string padded with NULs ({@code numpy.load} strips them).
   *
   * @throws IllegalArgumentException if a string ends with NUL (NumPy would drop it)
   */
  public void writeStrings(String name, List<String> strings) throws IOException {
    int chars = 1;
    for (String s : strings) {
      if (s.endsWith("\0")) {
        throw new IllegalArgumentException(name + ": a string may not end with NUL: " + s);
      }
      chars = Math.max(chars, s.codePointCount(0, s.length()));
    }
    ByteBuffer buffer =
        ByteBuffer.allocate(Math.multiplyExact(4 * chars, strings.size()))
            .order(ByteOrder.LITTLE_ENDIAN);
    for (String s : strings) {
      int start = buffer.position();
      s.codePoints().forEach(buffer::putInt);
      buffer.position(start + 4 * chars);
    }
    write(name, NpyHeader.of("<U" + chars, strings.size()), buffer.array());
  }

  /** Writes entry {@code name + ".npy"}: {@code header} and exactly its data bytes. */
  public void write(String name, NpyHeader header, byte[] data) throws IOException {
    writeNpy(name, npy(header, data));
  }

  private void writeNpy(String name, byte[] npy) throws IOException {
    checkName(name);
    CRC32 crc = new CRC32();
    crc.update(npy);
    ZipEntry entry = new ZipEntry(name + ".npy");
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(npy.length);
    entry.setCompressedSize(npy.length);
    entry.setCrc(crc.getValue());
    entry.setTimeLocal(ENTRY_TIME);
    zip.putNextEntry(entry);
    zip.write(npy);
    zip.closeEntry();
  }

  /** A whole {@code .npy} array: {@link #npyHeader} and then {@code data}. */
  public static byte[] npy(NpyHeader header, byte[] data) {
    byte[] head = npyHeader(header);
    byte[] npy = new byte[head.length + data.length];
    System.arraycopy(head, 0, npy, 0, head.length);
    System.arraycopy(data, 0, npy, head.length, data.length);
    return npy;
  }

  /** Finishes the archive (its directory and end record); the caller's stream stays open. */
  @Override
  public void close() throws IOException {
    zip.close();
  }

  /**
   * The {@code .npy} format 1.0 header of {@code header}: magic, version, length, dict, spaces,
   * {@code '\n'}, its length a multiple of 64.
   */
  public static byte[] npyHeader(NpyHeader header) {
    String dict =
        "{'descr': '" + header.descr() + "', 'fortran_order': "
            + (header.fortranOrder() ? "True" : "False") + ", 'shape': " + header.tupleText()
            + ", }";
    int prefix = NpyHeaders.MAGIC.length + 4;
    // Pad with spaces so that magic (6) + version (2) + length (2) + header ends on a multiple of
    // 64, the header's last byte being '\n' as numpy requires.
    int unpadded = prefix + dict.length() + 1;
    int headerLength = dict.length() + 1 + (64 - unpadded % 64) % 64;
    ByteBuffer buffer =
        ByteBuffer.allocate(prefix + headerLength).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(NpyHeaders.MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerLength);
    buffer.put(dict.getBytes(StandardCharsets.US_ASCII));
    while (buffer.position() < buffer.capacity() - 1) {
      buffer.put((byte) ' ');
    }
    buffer.put((byte) '\n');
    return buffer.array();
  }

  /**
   * Refuses an array name that is empty or holds anything but printable ASCII other than {@code
   * /} and {@code \}: it becomes a zip entry name and a key of {@code numpy.load}'s result.
   */
  public static String checkName(String name) {
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

  private static int count(String name, int rows, int columns, int stored) {
    checkName(name);
    if (rows < 0 || columns < 0 || stored < (long) rows * columns) {
      throw new IllegalArgumentException(
          name + " is " + rows + "x" + columns + " but its data array holds " + stored
              + " values");
    }
    return rows * columns;
  }
}
