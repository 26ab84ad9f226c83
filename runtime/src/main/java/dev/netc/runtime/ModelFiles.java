package dev.netc.runtime;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jblas.DoubleMatrix;

/**
 * Saving and loading parameters as NumPy {@code .npz} files with arrays {@code W1, b1, W2, b2,
 * ...} (float64; {@code b} as shape {@code (n, 1)}), readable with {@code numpy.load}.
 */
public final class ModelFiles {

  /** Writes the archive to the stream it is given; for {@link #writeAtomically}. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

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
    writeAtomically(file, out -> Npz.write(out, arrays));
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

  /**
   * Writes {@code content} to {@code file} through a temporary file in the same directory, forced
   * to disk and atomically moved into place; on failure deletes the temporary file and rethrows,
   * leaving {@code file} as it was.
   */
  static void writeAtomically(Path file, Content content) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Path tmp = createTemporary(dir, target.getFileName().toString());
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException d) {
        e.addSuppressed(d);
      }
      throw e;
    }
    // Make the rename itself durable. Not every platform can open a directory (Windows cannot);
    // there the file's own data is on disk already and the rename is as durable as the OS makes it.
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // best effort, see above
    }
  }

  private static Path createTemporary(Path dir, String name) throws IOException {
    // Not Files.createTempFile: its owner-only permissions would end up on the saved file.
    for (int attempt = 0; ; attempt++) {
      Path tmp =
          dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
              + ".tmp");
      try {
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 10) {
          throw e;
        }
      }
    }
  }
}
