package dev.netc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netc.data.Standardizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessingTest {

  @TempDir Path dir;

  @Test
  void labelsOfOneUnitAndOfSeveralUnits() {
    Preprocessing binary = Preprocessing.of(null, List.of("benign", "malignant"));
    assertEquals(
        List.of("benign", "malignant", "benign"),
        binary.labelsOf(new DoubleMatrix(1, 3, 0, 1, 0.5)));
    Preprocessing three = Preprocessing.of(null, List.of("a", "b", "c"));
    // one-hot predictions and raw softmax outputs alike: the largest unit, the first of equals
    assertEquals(
        List.of("c", "a", "b"),
        three.labelsOf(new DoubleMatrix(3, 3, 0, 0, 1, 0.4, 0.4, 0.2, 0.1, 0.8, 0.1)));
    assertEquals(
        "A must be 3xm for 3 labels, got 2x1",
        assertThrows(IllegalArgumentException.class,
                () -> three.labelsOf(new DoubleMatrix(2, 1)))
            .getMessage());
    assertThrows(
        IllegalStateException.class, () -> Preprocessing.none().labelsOf(new DoubleMatrix(1, 1)));
  }

  @Test
  void prepareIsTheStandardizersApplyOrTheInputItself() {
    DoubleMatrix X = new DoubleMatrix(2, 3, 1, 10, 2, 20, 3, 30);
    Standardizer s = Standardizer.fit(X);
    assertArrayEquals(s.apply(X).data, Preprocessing.of(s, List.of()).prepare(X).data, 0.0);
    assertTrue(Preprocessing.none().prepare(X) == X);
    assertTrue(Preprocessing.of(null, List.of()) == Preprocessing.none());
  }

  @Test
  void saveRefusesPreprocessingThatLoadWouldRefuseAndKeepsTheOldFile() throws IOException {
    Path file = dir.resolve("model.npz");
    Files.writeString(file, "old bytes");
    Parameters p = new Parameters(ArchitectureTest.PLANAR.sizes());
    Standardizer three = Standardizer.of(new double[3], new double[] {1, 1, 1});
    assertEquals(
        "the standardizer has 3 features but the network has n[0] = 2 inputs",
        assertThrows(IllegalArgumentException.class,
                () -> ModelFiles.save(file, p, Preprocessing.of(three, List.of())))
            .getMessage());
    assertEquals(
        "labels [a, b, c]: it holds 3 labels but the network has 1 output unit; save 1 or 2"
            + " labels",
        assertThrows(IllegalArgumentException.class,
                () -> ModelFiles.save(file, p, Preprocessing.of(null, List.of("a", "b", "c"))))
            .getMessage());
    assertEquals("old bytes", Files.readString(file));
  }

  @Test
  void bundlesRoundTripInBothPrecisions() throws IOException {
    Path file = dir.resolve("model.npz");
    Parameters p = new Parameters(ArchitectureTest.PLANAR.sizes());
    p.W(1).put(3, 1, 0.25);
    Standardizer s = Standardizer.of(new double[] {1.5, -2}, new double[] {0.5, 0});
    ModelFiles.save(file, p, Preprocessing.of(s, List.of("no", "yes")));
    ModelBundle<Parameters> bundle = ModelFiles.loadBundle(file, ArchitectureTest.PLANAR);
    assertArrayEquals(p.W(1).data, bundle.parameters().W(1).data, 0.0);
    assertEquals(List.of("no", "yes"), bundle.preprocessing().labels());
    assertArrayEquals(s.mean().data, bundle.preprocessing().standardizer().get().mean().data, 0.0);
    assertArrayEquals(s.std().data, bundle.preprocessing().standardizer().get().std().data, 0.0);
    ModelBundle<FloatParameters> floats =
        ModelFiles.loadFloatBundle(file, ArchitectureTest.PLANAR);
    assertEquals(0.25f, floats.parameters().W(1).get(3, 1));
    assertEquals(List.of("no", "yes"), floats.preprocessing().labels());
    // load() checks the preprocessing arrays and ignores them
    assertArrayEquals(p.W(1).data, ModelFiles.load(file, ArchitectureTest.PLANAR).W(1).data, 0.0);
    // a file without preprocessing gives none
    ModelFiles.save(file, p);
    assertTrue(ModelFiles.loadBundle(file, ArchitectureTest.PLANAR).preprocessing()
        == Preprocessing.none());
  }

  @Test
  void preprocessingArraysThatDoNotFitAreRefusedAtLoad() throws IOException {
    Path file = dir.resolve("model.npz");
    Parameters p = new Parameters(ArchitectureTest.PLANAR.sizes());
    ModelFiles.save(file, p, Preprocessing.of(
        Standardizer.of(new double[] {1, 2}, new double[] {1, 1}), List.of()));
    java.util.Map<String, DoubleMatrix> arrays = Npz.read(file);
    arrays.put("netc_standardizer_std", new DoubleMatrix(2, 1, 1, -1));
    Files.write(file, Npz.toBytes(arrays));
    assertEquals(
        "PlanarClassifier: netc_standardizer_std in " + file + " holds -1.0 at (1,); a standard"
            + " deviation must be finite and at least 0",
        assertThrows(IOException.class, () -> ModelFiles.loadBundle(file, ArchitectureTest.PLANAR))
            .getMessage());
    arrays.remove("netc_standardizer_std");
    Files.write(file, Npz.toBytes(arrays));
    assertEquals(
        "PlanarClassifier: " + file + " holds netc_standardizer_mean without"
            + " netc_standardizer_std; a standardizer needs both",
        assertThrows(IOException.class, () -> ModelFiles.load(file, ArchitectureTest.PLANAR))
            .getMessage());
    arrays.put("netc_standardizer_std", new DoubleMatrix(3, 1, 1, 1, 1));
    Files.write(file, Npz.toBytes(arrays));
    assertEquals(
        "PlanarClassifier: netc_standardizer_std in " + file + " does not fit this network: it"
            + " has shape (3, 1) but the network has 2 inputs; save a vector of shape (2,)",
        assertThrows(IOException.class, () -> ModelFiles.load(file, ArchitectureTest.PLANAR))
            .getMessage());
  }
}
