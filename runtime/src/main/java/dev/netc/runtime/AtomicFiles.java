package dev.netc.runtime;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files written whole or not at all: what {@link ModelFiles#save} and the plots use, so that a
 * crash or a full disk never leaves a half-written model or image where the old one was.
 */
public final class AtomicFiles {

  /** Writes a file's bytes to the stream it is given. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Writes {@code content} to {@code file} through a temporary file in the same directory, forced
   * to disk and atomically moved into place; on failure deletes the temporary file and rethrows,
   * leaving {@code file} as it was.
   */
  public static void write(Path file, Content content) throws IOException {
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
    // Not Files.createTempFile: its owner-only permissions would end up on the written file.
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
