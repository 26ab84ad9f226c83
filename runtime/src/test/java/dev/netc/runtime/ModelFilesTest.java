package dev.netc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netc.runtime.internal.Initializers;
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
import org.jblas.FloatMatrix;
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

  // ---- single precision ----

  /** The exact double copy of {@code M}. */
  private static DoubleMatrix widen(FloatMatrix M) {
    DoubleMatrix D = new DoubleMatrix(M.rows, M.columns);
    for (int i = 0; i < M.length; i++) {
      D.data[i] = M.data[i];
    }
    return D;
  }

  /** The dtype of every array of an archive, from the {@code .npy} headers themselves. */
  private static List<String> dtypes(byte[] archive) throws IOException {
    List<String> dtypes = new java.util.ArrayList<>();
    try (java.util.zip.ZipInputStream zip =
        new java.util.zip.ZipInputStream(new ByteArrayInputStream(archive))) {
      while (zip.getNextEntry() != null) {
        String header = new String(zip.readNBytes(64), StandardCharsets.ISO_8859_1);
        int at = header.indexOf("'descr': '") + 10;
        dtypes.add(header.substring(at, at + 3));
      }
    }
    return dtypes;
  }

  @Test
  void floatSaveWritesF4AndLoadFloatGivesTheSameParameters() throws IOException {
    FloatParameters p = random(ArchitectureTest.PLANAR, 1).toFloat();
    Path file = dir.resolve("model.npz");
    ModelFiles.save(file, p);
    assertEquals(List.of("<f4", "<f4", "<f4", "<f4"), dtypes(Files.readAllBytes(file)));
    FloatParameters back = ModelFiles.loadFloat(file, ArchitectureTest.PLANAR);
    for (int l = 1; l <= 2; l++) {
      assertArrayEquals(p.W(l).data, back.W(l).data, 0.0f);
      assertArrayEquals(p.b(l).data, back.b(l).data, 0.0f);
    }
    assertEquals(List.of("model.npz"), files(), "no temporary file is left behind");
    byte[] first = Files.readAllBytes(file);
    ModelFiles.save(file, p);
    assertArrayEquals(first, Files.readAllBytes(file), "deterministic");
    FloatParameters fromStream = ModelFiles.loadFloat(
        new ByteArrayInputStream(first), "planar.npz", ArchitectureTest.PLANAR);
    assertArrayEquals(p.W(2).data, fromStream.W(2).data, 0.0f);
  }

  @Test
  void eachPrecisionLoadsTheOthersFiles() throws IOException {
    Parameters doubles = random(ArchitectureTest.PLANAR, 2);
    Path f8 = dir.resolve("f8.npz");
    ModelFiles.save(f8, doubles);
    assertEquals(List.of("<f8", "<f8", "<f8", "<f8"), dtypes(Files.readAllBytes(f8)));
    FloatParameters rounded = ModelFiles.loadFloat(f8, ArchitectureTest.PLANAR);
    FloatParameters expected = doubles.toFloat();
    for (int l = 1; l <= 2; l++) {
      assertArrayEquals(expected.W(l).data, rounded.W(l).data, 0.0f, "rounded to nearest");
      assertArrayEquals(expected.b(l).data, rounded.b(l).data, 0.0f);
    }

    Path f4 = dir.resolve("f4.npz");
    ModelFiles.save(f4, rounded);
    Parameters exact = ModelFiles.load(f4, ArchitectureTest.PLANAR);
    Parameters widened = rounded.toDouble();
    for (int l = 1; l <= 2; l++) {
      assertArrayEquals(widened.W(l).data, exact.W(l).data, 0.0, "exact");
      assertArrayEquals(widened.b(l).data, exact.b(l).data, 0.0);
    }
    Parameters fromStream = ModelFiles.load(
        new ByteArrayInputStream(Files.readAllBytes(f4)), "f4.npz", ArchitectureTest.PLANAR);
    assertArrayEquals(widened.W(1).data, fromStream.W(1).data, 0.0);
  }

  @Test
  void floatParametersThatCannotBeWrittenKeepTheOldFile() throws IOException {
    Path file = dir.resolve("model.npz");
    ModelFiles.save(file, random(ArchitectureTest.PLANAR, 1).toFloat());
    byte[] old = Files.readAllBytes(file);
    FloatParameters bad = random(ArchitectureTest.PLANAR, 2).toFloat();
    bad.W(2).data = new float[1];
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelFiles.save(file, bad));
    assertEquals("W2 is 1x4 but its data array holds 1 values", e.getMessage());
    assertArrayEquals(old, Files.readAllBytes(file));
    assertEquals(List.of("model.npz"), files());
  }

  /** The messages of load, word for word, from loadFloat, for float64 and float32 files. */
  @Test
  void loadFloatRefusesMissingExtraAndMisshapenArraysLikeLoad() throws IOException {
    Path file = dir.resolve("other.npz");
    List<Map<String, FloatMatrix>> cases = new java.util.ArrayList<>();
    Map<String, FloatMatrix> arrays = new LinkedHashMap<>();
    arrays.put("W1", new FloatMatrix(4, 2));
    arrays.put("b1", new FloatMatrix(4, 1));
    arrays.put("W2", new FloatMatrix(1, 4));
    cases.add(new LinkedHashMap<>(arrays)); // no b2
    arrays.put("b2", new FloatMatrix(1, 1));
    arrays.put("W3", new FloatMatrix(1, 1));
    cases.add(new LinkedHashMap<>(arrays)); // extra W3
    arrays.remove("W3");
    arrays.put("W2", new FloatMatrix(4, 1));
    cases.add(new LinkedHashMap<>(arrays)); // W2 transposed
    arrays.put("W2", new FloatMatrix(1, 4));
    arrays.put("b1", new FloatMatrix(3, 1));
    cases.add(new LinkedHashMap<>(arrays)); // b1 short
    List<String> expected = List.of(
        "PlanarClassifier: " + file + " has no array b2; expected W1, b1, W2, b2",
        "PlanarClassifier: " + file + " has an extra array W3; expected W1, b1, W2, b2",
        "PlanarClassifier: W2 in " + file + " must be 1x4 (n[2] x n[1]), got 4x1",
        "PlanarClassifier: b1 in " + file + " must be 4x1 (n[1] x 1), got 3x1");
    for (int k = 0; k < cases.size(); k++) {
      Map<String, DoubleMatrix> doubles = new LinkedHashMap<>();
      cases.get(k).forEach((name, m) -> doubles.put(name, widen(m)));
      for (byte[] bytes : List.of(NpzTest.floatBytes(cases.get(k)), Npz.toBytes(doubles))) {
        Files.write(file, bytes);
        assertEquals(expected.get(k), assertThrows(IOException.class,
            () -> ModelFiles.load(file, ArchitectureTest.PLANAR)).getMessage());
        assertEquals(expected.get(k), assertThrows(IOException.class,
            () -> ModelFiles.loadFloat(file, ArchitectureTest.PLANAR)).getMessage());
      }
    }
  }

  @Test
  void loadFloatRefusesCorruptAndMissingFiles() throws IOException {
    Path file = dir.resolve("broken.npz");
    Files.write(file, "not a zip".getBytes(StandardCharsets.US_ASCII));
    String message =
        assertThrows(IOException.class, () -> ModelFiles.loadFloat(file, ArchitectureTest.PLANAR))
            .getMessage();
    assertEquals(
        assertThrows(IOException.class, () -> ModelFiles.load(file, ArchitectureTest.PLANAR))
            .getMessage(),
        message);
    assertTrue(message.contains("is not an .npz archive"), message);
    assertThrows(
        java.nio.file.NoSuchFileException.class,
        () -> ModelFiles.loadFloat(dir.resolve("missing.npz"), ArchitectureTest.PLANAR));
  }
}
