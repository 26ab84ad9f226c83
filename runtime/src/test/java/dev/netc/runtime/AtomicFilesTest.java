package dev.netc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.netc.runtime.internal.Initializers;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The temporary files of interrupted saves (kill -9) are removed by the next save. */
class AtomicFilesTest {

  @TempDir Path dir;

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  /** A temporary file as a killed save leaves it: half written, {@code age} old. */
  private Path leftOver(String name, java.time.Duration age) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, new byte[1000]);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    return file;
  }

  @Test
  void aSaveRemovesStaleTemporaryFilesOfItsOwnTargetOnly() throws IOException {
    java.time.Duration old = java.time.Duration.ofMinutes(5);
    leftOver(".model.npz.1f2e3d4c5b6a7988.tmp", old);
    leftOver(".model.npz.0.tmp", old);
    leftOver(".model.npz.deadbeef.tmp", java.time.Duration.ofHours(30));
    // Not ours: another target's, another pattern, a user's file; and one just created.
    leftOver(".other.npz.1f2e3d4c5b6a7988.tmp", old);
    leftOver(".model.npz.notHex.tmp", old);
    leftOver("model.npz.tmp", old);
    leftOver(".model.npz.abc.tmp.bak", old);
    leftOver(".model.npz.abcdef.tmp", java.time.Duration.ZERO);

    Parameters p = new Parameters(ArchitectureTest.PLANAR.sizes());
    Initializers.gaussian(new Random(3), 1.0, p.W(1));
    Path model = dir.resolve("model.npz");
    ModelFiles.save(model, p);

    assertEquals(
        List.of(
            ".model.npz.abc.tmp.bak",
            ".model.npz.abcdef.tmp",
            ".model.npz.notHex.tmp",
            ".other.npz.1f2e3d4c5b6a7988.tmp",
            "model.npz",
            "model.npz.tmp"),
        files());
    assertArrayEquals(p.W(1).data, ModelFiles.load(model, ArchitectureTest.PLANAR).W(1).data, 0.0);
  }

  /** A temporary file someone holds locked is being written: it stays, however old. */
  @Test
  void aLockedTemporaryFileIsLeftAlone() throws IOException {
    Path writing = leftOver(".plot.png.42.tmp", java.time.Duration.ofMinutes(5));
    Path stale = leftOver(".plot.png.43.tmp", java.time.Duration.ofMinutes(5));
    try (FileChannel channel = FileChannel.open(writing, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      AtomicFiles.write(dir.resolve("plot.png"), out -> out.write(new byte[] {1, 2, 3}));
    }
    assertEquals(List.of(".plot.png.42.tmp", "plot.png"), files());
    assertFalse(Files.exists(stale));
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dir.resolve("plot.png")));
  }

  /** After many interrupted saves, one good save leaves the directory clean. */
  @Test
  void manyInterruptedSavesLeaveNothingAfterTheNextSave() throws IOException {
    Random rng = new Random(5);
    for (int i = 0; i < 150; i++) {
      leftOver(".model.npz." + Long.toHexString(rng.nextLong()) + ".tmp",
          java.time.Duration.ofSeconds(11 + i));
    }
    ModelFiles.save(dir.resolve("model.npz"), new Parameters(ArchitectureTest.PLANAR.sizes()));
    assertEquals(List.of("model.npz"), files());
  }
}
