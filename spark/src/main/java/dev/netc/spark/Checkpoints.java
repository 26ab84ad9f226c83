package dev.netc.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checkpoint files: {@code epoch-000120.npz} holds the parameters after 120 epochs, written
 * atomically by {@code ModelFiles.save}, so that a directory never holds a partial one.
 */
final class Checkpoints {
  private static final Pattern NAME = Pattern.compile("epoch-(\\d{6,})\\.npz");

  private Checkpoints() {}

  static String name(int epoch) {
    return String.format("epoch-%06d.npz", epoch);
  }

  /** The epoch of the latest checkpoint in {@code directory}, if it holds one. */
  static OptionalInt latest(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return OptionalInt.empty();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(f -> NAME.matcher(f.getFileName().toString()))
          .filter(Matcher::matches)
          .mapToInt(m -> Integer.parseInt(m.group(1)))
          .max();
    }
  }
}
