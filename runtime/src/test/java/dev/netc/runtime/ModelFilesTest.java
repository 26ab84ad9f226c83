package dev.netc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {

  @TempDir Path dir;

  private static Parameters random(Architecture a, long seed) {
    Parameters p = new Parameters(a.sizes());
    Random rng = new Random(seed);
    for (int l = 1; l <= p.layers(); l++) {
      Initializers.gaussian(rng, 1.0, p.W(l));
      Initializers.gaussian(rng, 1.0, p.b(l));
    }
    return p;
  }

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void saveThenLoadGivesTheSameParameters() throws IOException {
    Parameters p = random(ArchitectureTest.PLANAR, 1);
    Path file = dir.resolve("model.npz");
    ModelFiles.save(file, p);
    Parameters back = ModelFiles.load(file, ArchitectureTest.PLANAR);
    for (int l = 1; l <= 2; l++) {
      assertArrayEquals(p.W(l).data, back.W(l).data, 0.0);
      assertArrayEquals(p.b(l).data, back.b(l).data, 0.0);
    }
    Map<String, DoubleMatrix> arrays = Npz.read(file);
    assertEquals(List.of("W1", "b1", "W2", "b2"), List.copyOf(arrays.keySet()));
    assertEquals(1, arrays.get("b2").columns, "b is stored as (n, 1)");
    assertEquals(List.of("model.npz"), files(), "no temporary file is left behind");
  }

  @Test
  void saveReplacesAndIsDeterministic() throws IOException {
    Path file = dir.resolve("model.npz");
    ModelFiles.save(file, random(ArchitectureTest.PLANAR, 1));
    Parameters p = random(ArchitectureTest.PLANAR, 2);
    ModelFiles.save(file, p);
    byte[] first = Files.readAllBytes(file);
    ModelFiles.save(file, p);
    assertArrayEquals(first, Files.readAllBytes(file));
    assertArrayEquals(p.W(1).data, ModelFiles.load(file, ArchitectureTest.PLANAR).W(1).data, 0.0);
  }

  @Test
  void failureInTheMiddleOfWritingKeepsTheOldFile() throws IOException {
    Path file = dir.resolve("model.npz");
    Files.write(file, "old bytes".getBytes(StandardCharsets.US_ASCII));
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.write(
                    file,
                    out -> {
                      out.write(new byte[100_000]); // past the buffer: really on disk
                      throw new IOException("disk full");
                    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("old bytes", Files.readString(file));
    assertEquals(List.of("model.npz"), files());
  }

  @Test
  void parametersThatCannotBeWrittenKeepTheOldFile() throws IOException {
    Path file = dir.resolve("model.npz");
    Parameters good = random(ArchitectureTest.PLANAR, 1);
    ModelFiles.save(file, good);
    byte[] old = Files.readAllBytes(file);
    Parameters bad = random(ArchitectureTest.PLANAR, 2);
    bad.W(2).data = new double[1]; // W1 and b1 are written before W2 fails
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelFiles.save(file, bad));
    assertEquals("W2 is 1x4 but its data array holds 1 values", e.getMessage());
    assertArrayEquals(old, Files.readAllBytes(file));
    assertEquals(List.of("model.npz"), files());
  }

  @Test
  void loadRefusesMissingExtraAndMisshapenArrays() throws IOException {
    Path file = dir.resolve("other.npz");
    Map<String, DoubleMatrix> arrays = new LinkedHashMap<>();
    arrays.put("W1", new DoubleMatrix(4, 2));
    arrays.put("b1", new DoubleMatrix(4, 1));
    arrays.put("W2", new DoubleMatrix(1, 4));
    Files.write(file, Npz.toBytes(arrays));
    assertEquals(
        "PlanarClassifier: " + file + " has no array b2; expected W1, b1, W2, b2",
        assertThrows(IOException.class, () -> ModelFiles.load(file, ArchitectureTest.PLANAR))
            .getMessage());

    arrays.put("b2", new DoubleMatrix(1, 1));
    arrays.put("W3", new DoubleMatrix(1, 1));
    Files.write(file, Npz.toBytes(arrays));
    assertEquals(
        "PlanarClassifier: " + file + " has an extra array W3; expected W1, b1, W2, b2",
        assertThrows(IOException.class, () -> ModelFiles.load(file, ArchitectureTest.PLANAR))
            .getMessage());

    arrays.remove("W3");
    arrays.put("W2", new DoubleMatrix(4, 1));
    Files.write(file, Npz.toBytes(arrays));
    assertEquals(
        "PlanarClassifier: W2 in " + file + " must be 1x4 (n[2] x n[1]), got 4x1",
        assertThrows(IOException.class, () -> ModelFiles.load(file, ArchitectureTest.PLANAR))
            .getMessage());

    arrays.put("W2", new DoubleMatrix(1, 4));
    arrays.put("b1", new DoubleMatrix(3, 1));
    Files.write(file, Npz.toBytes(arrays));
    assertEquals(
        "PlanarClassifier: b1 in " + file + " must be 4x1 (n[1] x 1), got 3x1",
        assertThrows(IOException.class, () -> ModelFiles.load(file, ArchitectureTest.PLANAR))
            .getMessage());
  }

  @Test
  void loadRefusesCorruptAndMissingFiles() throws IOException {
    Path file = dir.resolve("broken.npz");
    Files.write(file, "not a zip".getBytes(StandardCharsets.US_ASCII));
    String message =
        assertThrows(IOException.class, () -> ModelFiles.load(file, ArchitectureTest.PLANAR))
            .getMessage();
    assertTrue(message.contains("is not an .npz archive"), message);
    assertThrows(
        IOException.class,
        () -> ModelFiles.load(dir.resolve("missing.npz"), ArchitectureTest.PLANAR));
  }

  @Test
  void loadFromAStream() throws IOException {
    Parameters p = random(ArchitectureTest.PLANAR, 3);
    Path file = dir.resolve("model.npz");
    ModelFiles.save(file, p);
    Parameters back =
        ModelFiles.load(
            new ByteArrayInputStream(Files.readAllBytes(file)), "planar.npz",
            ArchitectureTest.PLANAR);
    assertArrayEquals(p.b(1).data, back.b(1).data, 0.0);
  }
}
