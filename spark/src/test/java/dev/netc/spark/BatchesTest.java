package dev.netc.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netc.data.Batches;
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
}
