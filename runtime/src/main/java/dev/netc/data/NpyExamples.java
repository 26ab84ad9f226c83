package dev.netc.data;

import dev.netc.runtime.internal.ExampleSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jblas.DoubleMatrix;

/**
 * Examples in two NumPy {@code .npy} files read with positional reads, never whole: {@code X} of
 * shape {@code (m, n[0])} and {@code Y} of shape {@code (m, k)} or {@code (m,)}, C order, little
 * endian float64 or float32. Row {@code j} of each file is example {@code j}, one column of netc's
 * {@code X} and {@code Y}.
 */
final class NpyExamples implements ExampleSource, AutoCloseable {
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** One {@code .npy} file: its shape, element size and where the data starts. */
  private record Array(Path file, FileChannel channel, long rows, int columns, int bytes,
      long offset) {
    void read(long row, int count, double[] into, int at, ByteBuffer buffer) throws IOException {
      int length = count * columns * bytes;
      buffer.clear().limit(length);
      long position = offset + row * columns * bytes;
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, position + buffer.position()) < 0) {
          throw new IOException(file + ": ends inside the data of row " + row);
        }
      }
      buffer.flip();
      if (bytes == 8) {
        buffer.asDoubleBuffer().get(into, at, count * columns);
      } else {
        for (int i = 0; i < count * columns; i++) {
          into[at + i] = buffer.getFloat(4 * i);
        }
      }
    }
  }

  private final Array X;
  private final Array Y;
  private final ByteBuffer bufferX;
  private final ByteBuffer bufferY;
  private ByteBuffer chunkX;
  private ByteBuffer chunkY;

  private NpyExamples(Array X, Array Y) {
    this.X = X;
    this.Y = Y;
    this.bufferX = ByteBuffer.allocate(X.columns() * X.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    this.bufferY = ByteBuffer.allocate(Y.columns() * Y.bytes()).order(ByteOrder.LITTLE_ENDIAN);
  }

  static NpyExamples open(Path x, Path y) throws IOException {
    Array X = array(x);
    Array Y;
    try {
      Y = array(y);
    } catch (IOException | RuntimeException e) {
      X.channel().close();
      throw e;
    }
    if (X.rows() != Y.rows() || X.rows() > Integer.MAX_VALUE || X.rows() == 0) {
      X.channel().close();
      Y.channel().close();
      throw new IllegalArgumentException(x.getFileName() + " and " + y.getFileName()
          + " must have the same number of rows (examples), between 1 and 2^31 - 1; got "
          + X.rows() + " and " + Y.rows());
    }
    return new NpyExamples(X, Y);
  }

  private static Array array(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      ByteBuffer start = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, start, 0, file);
      byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
      for (int i = 0; i < magic.length; i++) {
        if (start.get(i) != magic[i]) {
          throw new IOException(file + ": not a NumPy .npy file (no \\x93NUMPY magic)");
        }
      }
      int major = start.get(6);
      long headerLength = major == 1 ? start.getShort(8) & 0xffff : start.getInt(8) & 0xffffffffL;
      int prefix = major == 1 ? 10 : 12;
      if (headerLength > 1 << 16) {
        throw new IOException(file + ": .npy header of " + headerLength
            + " bytes; at most 65536 are read");
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLength);
      readFully(channel, header, prefix, file);
      String text = new String(header.array(), StandardCharsets.ISO_8859_1);
      String descr = find(DESCR, text, file, "descr");
      int bytes = switch (descr) {
        case "<f8" -> 8;
        case "<f4" -> 4;
        default -> throw new IOException(file + ": dtype " + descr
            + " is not read; save float64 ('<f8') or float32 ('<f4') arrays");
      };
      if (find(ORDER, text, file, "fortran_order").equals("True")) {
        throw new IOException(file + ": is in Fortran order; save it in C order (one example"
            + " per row), e.g. np.save(f, np.ascontiguousarray(a))");
      }
      String[] dims = find(SHAPE, text, file, "shape").split(",");
      long rows;
      long columns = 1;
      try {
        rows = Long.parseLong(dims[0].strip());
        if (dims.length > 1 && !dims[1].isBlank()) {
          columns = Long.parseLong(dims[1].strip());
        }
      } catch (NumberFormatException e) {
        throw new IOException(file + ": unreadable shape in header " + text.strip(), e);
      }
      if (dims.length > 2 && !dims[2].isBlank() || columns < 1 || columns > 1 << 20) {
        throw new IOException(file + ": shape (" + String.join(",", dims) + ") must be (m, n)"
            + " or (m,) with 1 <= n <= 2^20");
      }
      long offset = prefix + headerLength;
      long needed = offset + rows * columns * bytes;
      if (channel.size() < needed) {
        throw new IOException(file + ": holds " + channel.size() + " bytes but its header ("
            + rows + ", " + columns + ") needs " + needed);
      }
      return new Array(file, channel, rows, (int) columns, bytes, offset);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * A version 1.0 header of exactly 128 bytes for a C-order float64 array of {@code rows x
   * columns}: room reserved before the data, written once the number of rows is known.
   */
  static ByteBuffer header(long rows, int columns) {
    String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + columns
        + "), }";
    StringBuilder text = new StringBuilder(dict);
    while (10 + text.length() + 1 < 128) {
      text.append(' ');
    }
    text.append('\n');
    ByteBuffer b = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.putShort((short) text.length());
    b.put(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    return b.flip();
  }

  private static String find(Pattern p, String text, Path file, String key) throws IOException {
    Matcher m = p.matcher(text);
    if (!m.find()) {
      throw new IOException(file + ": .npy header has no '" + key + "': " + text.strip());
    }
    return m.group(1);
  }

  private static void readFully(FileChannel channel, ByteBuffer b, long at, Path file)
      throws IOException {
    while (b.hasRemaining()) {
      if (channel.read(b, at + b.position()) < 0) {
        throw new IOException(file + ": ends inside its .npy header");
      }
    }
  }

  @Override
  public int examples() {
    return (int) X.rows();
  }

  @Override
  public int features() {
    return X.columns();
  }

  @Override
  public int targets() {
    return Y.columns();
  }

  @Override
  public void read(int from, DoubleMatrix x, DoubleMatrix y) throws IOException {
    int c = x.columns;
    chunkX = fit(chunkX, c * X.columns() * X.bytes());
    X.read(from, c, x.data, 0, chunkX);
    chunkY = fit(chunkY, c * Y.columns() * Y.bytes());
    Y.read(from, c, y.data, 0, chunkY);
  }

  /** {@code b} if it holds {@code bytes}, else a new buffer: chunks are read into one buffer. */
  private static ByteBuffer fit(ByteBuffer b, int bytes) {
    return b != null && b.capacity() >= bytes
        ? b
        : ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public void gather(int[] order, int from, DoubleMatrix x, DoubleMatrix y) throws IOException {
    for (int j = 0; j < x.columns; j++) {
      X.read(order[from + j], 1, x.data, j * x.rows, bufferX);
      Y.read(order[from + j], 1, y.data, j * y.rows, bufferY);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      X.channel().close();
    } finally {
      Y.channel().close();
    }
  }
}
