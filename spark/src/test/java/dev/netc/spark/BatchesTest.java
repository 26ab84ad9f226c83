package dev.netc.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netc.data.Batches;
import dev.netc.data.CsvException;
import dev.netc.data.CsvReader;
import dev.netc.data.DataSet;
import dev.netc.data.LabelEncoding;
import dev.netc.data.Standardizer;
import dev.netc.runtime.Parameters;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's {@link Batches}, tested here because this module has generated networks: the
 * same parameters as {@code model.fit} on the matrices, read with bounded memory.
 */
class BatchesTest {
  private final TestData data = TestData.classes(1000, 5, 3, 31);

  private Batches files(Path dir) throws IOException {
    NpyFiles.write(dir.resolve("X.npy"), data.X, false);
    NpyFiles.write(dir.resolve("Y.npy"), data.Y, false);
    return Batches.npy(dir.resolve("X.npy"), dir.resolve("Y.npy"));
  }

  private static void assertSameBits(Parameters a, Parameters b) {
    for (int l = 1; l <= a.layers(); l++) {
      assertArrayEquals(a.W(l).data, b.W(l).data, "W" + l);
      assertArrayEquals(a.b(l).data, b.b(l).data, "b" + l);
    }
  }

  @Test
  void miniBatchesFromFilesGiveTheInMemoryFitBitForBit(@TempDir Path dir) throws IOException {
    Batches source = files(dir);
    for (Training training : List.of(
        Training.adam(0.01).epochs(4).miniBatches(64).seed(9).l2(0.3).learningRateDecay(0.1),
        Training.momentum(0.1, 0.9).epochs(3).miniBatches(100).recordEvery(1))) {
      ThreeClassesModel memory = ThreeClassesModel.create(2);
      TrainingReport expected = memory.fit(data.X, data.Y, training);
      ThreeClassesModel file = ThreeClassesModel.create(2);
      TrainingReport actual = source.fit(file, training);
      assertSameBits(memory.parameters(), file.parameters());
      assertArrayEquals(expected.costs(), actual.costs(), 0.0, training.toString());
      assertEquals(expected.finalCost(), actual.finalCost(), 1e-12);
    }
  }

  @Test
  void aFullBatchReadInChunksSumsToTheInMemoryGradient(@TempDir Path dir) throws IOException {
    Training training = Training.gradientDescent(0.5).iterations(25);
    ThreeClassesModel memory = ThreeClassesModel.create(2);
    memory.fit(data.X, data.Y, training);
    ThreeClassesModel chunked = ThreeClassesModel.create(2);
    files(dir).chunk(96).fit(chunked, training);
    double d = TrainingOnSparkTest.relativeDifference(memory.parameters(), chunked.parameters());
    assertTrue(d < 1e-10 && d > 0, "relative difference " + d);
    ThreeClassesModel whole = ThreeClassesModel.create(2);
    files(dir).chunk(1000).fit(whole, training);
    assertSameBits(memory.parameters(), whole.parameters());
  }

  @Test
  void float32FilesAreReadAsTheirDoubles(@TempDir Path dir) throws IOException {
    NpyFiles.write(dir.resolve("X.npy"), data.X, true);
    NpyFiles.write(dir.resolve("Y.npy"), data.Y, true);
    DoubleMatrix X = data.X.dup();
    for (int i = 0; i < X.length; i++) {
      X.data[i] = (float) X.data[i];
    }
    Training training = Training.gradientDescent(0.5).iterations(5);
    ThreeClassesModel memory = ThreeClassesModel.create(2);
    memory.fit(X, data.Y, training);
    ThreeClassesModel file = ThreeClassesModel.create(2);
    Batches.npy(dir.resolve("X.npy"), dir.resolve("Y.npy")).fit(file, training);
    assertSameBits(memory.parameters(), file.parameters());
  }

  @Test
  void filesThatDoNotFitTheNetworkAreRefusedNamingTheShapes(@TempDir Path dir)
      throws IOException {
    Batches source = files(dir);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> source.fit(BinaryModel.create(1), Training.gradientDescent(0.1)));
    assertEquals("Binary: X must be 3xm (n[0] x m) and Y 1xm (n[L] x m), got 5x1000 and 3x1000",
        e.getMessage());
    Files.write(dir.resolve("bad.npy"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    UncheckedIOException io = assertThrows(UncheckedIOException.class,
        () -> Batches.npy(dir.resolve("bad.npy"), dir.resolve("Y.npy"))
            .fit(ThreeClassesModel.create(1), Training.gradientDescent(0.1)));
    assertTrue(io.getMessage().contains("not a NumPy .npy file"), io.getMessage());
  }

  /** The data as CSV: features f0..f4, then the class as a name; some fields quoted. */
  private Path csv(Path dir, int badLine) throws IOException {
    StringBuilder s = new StringBuilder("f0,f1,\"f2\",f3,f4,label\n");
    for (int j = 0; j < data.X.columns; j++) {
      for (int i = 0; i < 5; i++) {
        double v = data.X.get(i, j);
        s.append(j % 7 == 0 ? "\"" + v + "\"" : Double.toString(v)).append(',');
      }
      if (j + 2 == badLine) {
        s.setLength(s.length() - 1);
        s.append(",oops,");
      }
      s.append(j % 11 == 0 ? "\"" + "abc".charAt((int) data.labels[j]) + "\""
          : "abc".charAt((int) data.labels[j])).append('\n');
    }
    Path file = dir.resolve("data.csv");
    Files.writeString(file, s);
    return file;
  }

  @Test
  void aCsvFileReadInPiecesTrainsAsCsvReaderAndFitDoInMemory(@TempDir Path dir)
      throws IOException {
    Path file = csv(dir, -1);
    LabelEncoding classes = LabelEncoding.oneHot("a", "b", "c");
    DataSet read = CsvReader.of(file).label("label", classes).read();
    Standardizer standardizer = Standardizer.fit(read.X());
    Training training = Training.adam(0.01).epochs(3).miniBatches(50).seed(4);
    ThreeClassesModel memory = ThreeClassesModel.create(6);
    memory.fit(standardizer.apply(read.X()), read.Y(), training);
    ThreeClassesModel pieces = ThreeClassesModel.create(6);
    Batches.csv(file, "label", classes).standardized(standardizer).chunk(96)
        .workDirectory(dir).fit(pieces, training);
    assertSameBits(memory.parameters(), pieces.parameters());
    try (java.util.stream.Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of("data.csv"), left.map(f -> f.getFileName().toString()).toList(),
          "the converted files are deleted");
    }
  }

  @Test
  void aBadFieldDeepInALargeCsvIsReportedAtItsOwnLine(@TempDir Path dir) throws IOException {
    Path file = csv(dir, 700);
    CsvException whole = assertThrows(CsvException.class,
        () -> CsvReader.of(file).label("label", LabelEncoding.oneHot("a", "b", "c")).read());
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> Batches.csv(file, "label", LabelEncoding.oneHot("a", "b", "c")).chunk(64)
            .workDirectory(dir).fit(ThreeClassesModel.create(1), Training.gradientDescent(1)));
    CsvException pieces = (CsvException) e.getCause();
    assertEquals(whole.getMessage(), pieces.getMessage());
    assertEquals(700, pieces.line());
  }
}
