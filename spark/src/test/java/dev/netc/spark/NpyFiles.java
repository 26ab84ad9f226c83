package dev.netc.spark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jblas.DoubleMatrix;

/** Writes {@code .npy} files as {@code np.save} does, one example (column of M) per row. */
final class NpyFiles {
  private NpyFiles() {}

  /** The header of a C-order array of {@code rows x columns} of {@code descr}, padded to 64. */
  static ByteBuffer header(String descr, long rows, int columns) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + rows + ", "
        + columns + "), }";
    int length = 10 + dict.length() + 1;
    int padded = (length + 63) / 64 * 64;
    StringBuilder text = new StringBuilder(dict);
    while (10 + text.length() + 1 < padded) {
      text.append(' ');
    }
    text.append('\n');
    ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.putShort((short) text.length());
    b.put(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    return b.flip();
  }

  /** The columns of {@code M} as the rows of a float64 ({@code "<f8"}) or float32 array. */
  static void write(Path file, DoubleMatrix M, boolean float32) throws IOException {
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      out.write(header(float32 ? "<f4" : "<f8", M.columns, M.rows));
      ByteBuffer data = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < M.length; i++) {
        if (float32) {
          data.putFloat((float) M.data[i]);
        } else {
          data.putDouble(M.data[i]);
        }
        if (!data.hasRemaining() || i == M.length - 1) {
          data.flip();
          while (data.hasRemaining()) {
            out.write(data);
          }
          data.clear();
        }
      }
    }
  }
}
