package dev.netc.runtime;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Files written whole or not at all: what {@link ModelFiles#save} and the plots use, so that a
 * crash or a full disk never leaves a half-written model or image where the old one was.
 *
 * <p>The temporary file of a write to {@code dir/NAME} is {@code dir/.NAME.<hex>.tmp}, locked
 * while it is written. A process killed during a write leaves its temporary file behind; the next
 * write to the same {@code NAME} deletes every such file that nobody holds locked and that has not
 * been modified for {@link #STALE_AFTER} (a write in progress in another process holds its lock;
 * the age covers the instant between creating a temporary file and locking it). Nothing else is
 * touched: not other names' temporary files, not files of another pattern.
 */
public final class AtomicFiles {

  /** Writes a file's bytes to the stream it is given. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** How long an unlocked temporary file must have been left alone before it counts as stale. */
  static final Duration STALE_AFTER = Duration.ofSeconds(10);

  private AtomicFiles() {}

  /**
   * Writes {@code content} to {@code file} through a temporary file in the same directory, forced
   * to disk and atomically moved into place; on failure deletes the temporary file and rethrows,
   * leaving {@code file} as it was.
   */
  public static void write(Path file, Content content) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    String name = target.getFileName().toString();
    removeStale(dir, name);
    Path tmp = createTemporary(dir, name);
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
        lock(channel);
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

  /**
   * Deletes the temporary files of earlier writes to {@code name} in {@code dir} that were
   * interrupted: netc's own pattern for that name only, unlocked, older than {@link #STALE_AFTER}.
   * Best effort: a file that cannot be inspected or deleted stays, and the write goes on.
   */
  static void removeStale(Path dir, String name) {
    Pattern own = Pattern.compile("\\." + Pattern.quote(name) + "\\.[0-9a-f]{1,16}\\.tmp");
    Instant before = Instant.now().minus(STALE_AFTER);
    try (DirectoryStream<Path> candidates = Files.newDirectoryStream(dir)) {
      for (Path candidate : candidates) {
        String fileName = candidate.getFileName().toString();
        if (!own.matcher(fileName).matches() || !Files.isRegularFile(candidate, NOFOLLOW_LINKS)) {
          continue;
        }
        try {
          if (Files.getLastModifiedTime(candidate, NOFOLLOW_LINKS).toInstant().isAfter(before)) {
            continue;
          }
          try (FileChannel channel = FileChannel.open(candidate, StandardOpenOption.WRITE);
              FileLock lock = channel.tryLock()) {
            if (lock == null) {
              continue; // another process is writing it
            }
            Files.deleteIfExists(candidate);
          }
        } catch (OverlappingFileLockException e) {
          // this JVM is writing it
        } catch (IOException e) {
          // gone already, or not ours to delete: leave it
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      // an unlistable directory: the write itself will say what is wrong
    }
  }

  /**
   * Holds {@code channel}'s file locked until the channel closes, so that another process's
   * {@link #removeStale} leaves it alone. A file system without locks still gets the age rule.
   */
  private static void lock(FileChannel channel) throws IOException {
    try {
      channel.lock();
    } catch (UnsupportedOperationException | IOException e) {
      // e.g. some network file systems: the age rule alone protects the file
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
