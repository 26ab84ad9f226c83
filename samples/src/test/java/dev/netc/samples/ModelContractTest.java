package dev.netc.samples;

import static dev.netc.annotations.Activation.LINEAR;
import static dev.netc.annotations.Activation.RELU;
import static dev.netc.annotations.Activation.SIGMOID;
import static dev.netc.annotations.Activation.SOFTMAX;
import static dev.netc.annotations.Activation.TANH;
import static dev.netc.annotations.Loss.CATEGORICAL_CROSS_ENTROPY;
import static dev.netc.annotations.Loss.MEAN_SQUARED_ERROR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netc.annotations.Layer;
import dev.netc.annotations.Network;
import dev.netc.runtime.Architecture;
import dev.netc.runtime.Model;
import dev.netc.runtime.Parameters;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime contract (the README's "The model API", docs/architecture.md) as a user meets it:
 * through generated models. Bad input is refused with a message naming the expected and the
 * actual shape (or the first bad entry) and changes nothing; files round-trip bit for bit, are
 * written atomically and are checked when read; seeds make runs repeatable; forward, predict and
 * fit mean what the contract says.
 */
final class ModelContractTest {

  /** The planar classifier with one more hidden unit: same layers, other shapes. */
  @Network(inputs = 2)
  @Layer(units = 5, activation = TANH)
  @Layer(units = 1, activation = SIGMOID)
  interface WiderClassifier extends Model {}

  /** Big enough (W1 alone is 100 KiB) that a save failing at W2 has written part of the file. */
  @Network(inputs = 200)
  @Layer(units = 64, activation = TANH)
  @Layer(units = 1, activation = SIGMOID)
  interface BigClassifier extends Model {}

  @Network(inputs = 2, loss = CATEGORICAL_CROSS_ENTROPY)
  @Layer(units = 4, activation = RELU)
  @Layer(units = 3, activation = SOFTMAX)
  interface ThreeClasses extends Model {}

  @Network(inputs = 2, loss = MEAN_SQUARED_ERROR)
  @Layer(units = 3, activation = TANH)
  @Layer(units = 1, activation = LINEAR)
  interface Regression extends Model {}

  /** Mean squared error on a tanh output: unmatched, so the backward pass allocates dA[3]. */
  @Network(inputs = 2, loss = MEAN_SQUARED_ERROR)
  @Layer(units = 3, activation = RELU)
  @Layer(units = 4, activation = RELU)
  @Layer(units = 2, activation = TANH)
  interface DeepRegression extends Model {}

  private static DoubleMatrix X;
  private static DoubleMatrix Y;

  @TempDir Path dir;

  @BeforeAll
  static void load() {
    PlanarData data = PlanarData.load();
    X = data.X();
    Y = data.Y();
  }

  /** A planar classifier trained a little, so that no parameter is at its initial value. */
  private static PlanarClassifierModel trained(long seed) {
    PlanarClassifierModel model = PlanarClassifierModel.create(seed);
    model.fit(X, Y, Training.gradientDescent(1.2).iterations(50));
    return model;
  }

  // ---- shapes

  @Test
  void inputsOfTheWrongShapeAreRefusedAndChangeNothing() {
    PlanarClassifierModel model = trained(1);
    DoubleMatrix wrongX = new DoubleMatrix(3, 400);
    for (Executable call : callsWith(model, wrongX, Y)) {
      assertRefused(model, call, "X must be 2xm", "got 3x400");
    }
  }

  @Test
  void targetsOfTheWrongShapeAreRefusedAndChangeNothing() {
    PlanarClassifierModel model = trained(1);
    for (DoubleMatrix wrongY : List.of(new DoubleMatrix(2, 400), new DoubleMatrix(1, 399))) {
      String got = "got " + wrongY.rows + "x" + wrongY.columns;
      for (Executable call : targetCallsWith(model, X, wrongY)) {
        assertRefused(model, call, "Y must be 1x400", got);
      }
    }
  }

  @Test
  void anEmptyBatchIsRefused() {
    PlanarClassifierModel model = trained(1);
    for (Executable call : callsWith(model, new DoubleMatrix(2, 0), new DoubleMatrix(1, 0))) {
      assertRefused(model, call, "X has no columns");
    }
  }

  // ---- entries

  @Test
  void nonFiniteInputsAreRefusedNamingTheFirstBadEntry() {
    PlanarClassifierModel model = trained(1);
    DoubleMatrix badX = X.dup();
    badX.put(0, 20, Double.POSITIVE_INFINITY);
    badX.put(1, 16, Double.NaN); // column-major: (1, 16) comes before (0, 20)
    for (Executable call : callsWith(model, badX, Y)) {
      assertRefused(model, call, "X(1, 16) is NaN");
    }
  }

  @Test
  void nonFiniteTargetsAreRefusedNamingTheFirstBadEntry() {
    PlanarClassifierModel model = trained(1);
    DoubleMatrix badY = Y.dup();
    badY.put(0, 5, Double.NEGATIVE_INFINITY);
    badY.put(0, 9, Double.NaN);
    for (Executable call : targetCallsWith(model, X, badY)) {
      assertRefused(model, call, "Y(0, 5) is -Infinity");
    }
  }

  @Test
  void targetsOutsideTheLossDomainAreRefused() {
    PlanarClassifierModel model = trained(1);
    DoubleMatrix badY = Y.dup();
    badY.put(0, 7, 2.0);
    for (Executable call : targetCallsWith(model, X, badY)) {
      assertRefused(model, call, "Y(0, 7) is 2.0", "[0, 1]");
    }

    ModelContractTest_ThreeClassesModel classes = ModelContractTest_ThreeClassesModel.create(3);
    DoubleMatrix notOneHot = oneHot(new Random(5), 3, 400);
    notOneHot.put(1, 3, notOneHot.get(1, 3) + 0.5);
    for (Executable call : targetCallsWith(classes, X, notOneHot)) {
      assertRefused(classes, call, "column 3");
    }
  }

  // ---- files

  @Test
  void saveAndLoadRoundTripBitForBit() throws IOException {
    PlanarClassifierModel model = trained(1);
    Path file = dir.resolve("planar.npz");
    model.save(file);

    PlanarClassifierModel loaded = PlanarClassifierModel.load(file);
    assertArrayEquals(bits(model), bits(loaded));
    assertArrayEquals(model.layerSizes(), loaded.layerSizes());
    assertEquals(model.cost(X, Y), loaded.cost(X, Y));
  }

  @Test
  void aFailedSaveLeavesTheOldFileIntact() throws IOException {
    Path file = dir.resolve("big.npz");
    ModelContractTest_BigClassifierModel good = ModelContractTest_BigClassifierModel.create(1);
    good.save(file);
    long[] saved = bits(good);

    // ModelFiles has no public hook to fail a write, so make the archive writer fail itself: W2's
    // storage is too short for its shape, which the writer notices only after W1 and b1 (100 KiB,
    // more than its buffer) have gone to the temporary file.
    ModelContractTest_BigClassifierModel broken = ModelContractTest_BigClassifierModel.create(2);
    DoubleMatrix W2 = broken.parameters().W(2);
    double[] storage = W2.data;
    W2.data = new double[1];
    try {
      assertThrows(RuntimeException.class, () -> broken.save(file));
    } finally {
      W2.data = storage;
    }

    assertArrayEquals(saved, bits(ModelContractTest_BigClassifierModel.load(file)));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "the temporary file is deleted");
    }
  }

  @Test
  void anotherNetworksFileIsRefusedNamingTheArrayAndShapes() throws IOException {
    Path wider = dir.resolve("wider.npz");
    ModelContractTest_WiderClassifierModel.create(1).save(wider);
    IOException shape =
        assertThrows(IOException.class, () -> PlanarClassifierModel.load(wider));
    assertContains(shape.getMessage(), "PlanarClassifier", "W1", "4x2", "5x2");

    Path logistic = dir.resolve("logistic.npz");
    PlanarLogisticRegressionModel.create(1).save(logistic);
    IOException missing =
        assertThrows(IOException.class, () -> PlanarClassifierModel.load(logistic));
    // Each header is compared with the network before its data is read: W1 is refused first.
    assertContains(missing.getMessage(), "PlanarClassifier", "W1", "4x2", "1x2");

    Path planar = dir.resolve("planar.npz");
    trained(1).save(planar);
    IOException extra =
        assertThrows(IOException.class, () -> PlanarLogisticRegressionModel.load(planar));
    assertContains(extra.getMessage(), "PlanarLogisticRegression", "W1", "1x2", "4x2");
  }

  @Test
  void corruptFilesAreRefusedWithAnIoException() throws IOException {
    Path good = dir.resolve("good.npz");
    trained(1).save(good);
    byte[] bytes = Files.readAllBytes(good);

    byte[] noise = new byte[bytes.length];
    new Random(9).nextBytes(noise);
    Path random = Files.write(dir.resolve("random.npz"), noise);
    Path truncated =
        Files.write(dir.resolve("truncated.npz"), Arrays.copyOf(bytes, bytes.length / 2));
    Path headOnly = Files.write(dir.resolve("head.npz"), Arrays.copyOf(bytes, 40));
    Path empty = Files.write(dir.resolve("empty.npz"), new byte[0]);
    byte[] flipped = bytes.clone();
    flipped[flipped.length / 3] ^= 0x5a; // inside W1's data: the zip CRC no longer matches
    Path damaged = Files.write(dir.resolve("damaged.npz"), flipped);
    Path missing = dir.resolve("missing.npz");

    for (Path file : List.of(random, truncated, headOnly, empty, damaged, missing)) {
      assertThrows(IOException.class, () -> PlanarClassifierModel.load(file), file.toString());
    }
  }

  // ---- seeds

  @Test
  void theSameSeedGivesTheSameModelAndTheSameTraining() {
    PlanarClassifierModel a = PlanarClassifierModel.create(5);
    PlanarClassifierModel b = PlanarClassifierModel.create(5);
    assertArrayEquals(bits(a), bits(b));

    Training training = Training.gradientDescent(1.2).iterations(300).recordEvery(10);
    TrainingReport ra = a.fit(X, Y, training);
    TrainingReport rb = b.fit(X, Y, training);
    assertArrayEquals(bits(a), bits(b));
    assertArrayEquals(ra.costs(), rb.costs());
    assertEquals(ra.finalCost(), rb.finalCost());
  }

  @Test
  void anotherSeedGivesAnotherModel() {
    assertFalse(
        Arrays.equals(
            bits(PlanarClassifierModel.create(5)), bits(PlanarClassifierModel.create(6))));
  }

  // ---- what the methods mean

  @Test
  void layerSizesAreTheDeclaredOnesInAFreshArray() {
    PlanarClassifierModel model = PlanarClassifierModel.create(1);
    int[] sizes = model.layerSizes();
    assertArrayEquals(new int[] {2, 4, 1}, sizes);
    sizes[1] = 99;
    assertArrayEquals(new int[] {2, 4, 1}, model.layerSizes());
    assertArrayEquals(new int[] {2, 1}, PlanarLogisticRegressionModel.create(1).layerSizes());
  }

  @Test
  void summaryShowsLayersShapesAndCounts() {
    assertContains(
        PlanarClassifierModel.create(1).summary(),
        "PlanarClassifier",
        "2 -> 4 (tanh) -> 1 (sigmoid)",
        "hidden",
        "output",
        "4x2",
        "4x1",
        "1x4",
        "17",
        "binary cross-entropy");
    assertContains(
        PlanarLogisticRegressionModel.create(1).summary(),
        "PlanarLogisticRegression",
        "2 -> 1 (sigmoid)",
        "1x2");
  }

  @Test
  void summaryShowsTheFiguresOfTheConstants() {
    assertEquals(17, PlanarClassifierModel.PARAMETER_COUNT);
    assertEquals(136, PlanarClassifierModel.PARAMETER_BYTES);
    assertEquals(12, PlanarClassifierModel.FORWARD_MULTIPLY_ADDS_PER_EXAMPLE);
    assertEquals(16, PlanarClassifierModel.BACKWARD_MULTIPLY_ADDS_PER_EXAMPLE);
    assertEquals(152, PlanarClassifierModel.WORKSPACE_BYTES_PER_EXAMPLE);
    assertContains(
        PlanarClassifierModel.create(1).summary(),
        "parameters: 17 doubles, 136 bytes",
        "per example: 12 multiply-adds forward, 16 backward, 152 bytes of workspace");
    // 2 -> 3 -> 4 -> 2: W 3x2, 4x3, 2x4; dA1, dA2 and (unmatched) dA3 besides Z, A, dZ.
    assertEquals(35, ModelContractTest_DeepRegressionModel.PARAMETER_COUNT);
    assertEquals(
        6 + 12 + 8, ModelContractTest_DeepRegressionModel.FORWARD_MULTIPLY_ADDS_PER_EXAMPLE);
    assertEquals(
        6 + 24 + 16, ModelContractTest_DeepRegressionModel.BACKWARD_MULTIPLY_ADDS_PER_EXAMPLE);
    assertEquals(8 * 4 * 9, ModelContractTest_DeepRegressionModel.WORKSPACE_BYTES_PER_EXAMPLE);
    assertContains(
        ModelContractTest_DeepRegressionModel.create(1).summary(),
        "per example: 26 multiply-adds forward, 46 backward, 288 bytes of workspace");
  }

  /** The processor's constants and the runtime's figures (what summary() prints) agree. */
  @Test
  void figureConstantsAgreeWithTheRuntime() {
    assertFigures(
        PlanarClassifierModel.ARCHITECTURE,
        PlanarClassifierModel.PARAMETER_COUNT,
        PlanarClassifierModel.PARAMETER_BYTES,
        PlanarClassifierModel.FORWARD_MULTIPLY_ADDS_PER_EXAMPLE,
        PlanarClassifierModel.BACKWARD_MULTIPLY_ADDS_PER_EXAMPLE,
        PlanarClassifierModel.WORKSPACE_BYTES_PER_EXAMPLE);
    assertFigures(
        PlanarLogisticRegressionModel.ARCHITECTURE,
        PlanarLogisticRegressionModel.PARAMETER_COUNT,
        PlanarLogisticRegressionModel.PARAMETER_BYTES,
        PlanarLogisticRegressionModel.FORWARD_MULTIPLY_ADDS_PER_EXAMPLE,
        PlanarLogisticRegressionModel.BACKWARD_MULTIPLY_ADDS_PER_EXAMPLE,
        PlanarLogisticRegressionModel.WORKSPACE_BYTES_PER_EXAMPLE);
    assertFigures(
        ModelContractTest_BigClassifierModel.ARCHITECTURE,
        ModelContractTest_BigClassifierModel.PARAMETER_COUNT,
        ModelContractTest_BigClassifierModel.PARAMETER_BYTES,
        ModelContractTest_BigClassifierModel.FORWARD_MULTIPLY_ADDS_PER_EXAMPLE,
        ModelContractTest_BigClassifierModel.BACKWARD_MULTIPLY_ADDS_PER_EXAMPLE,
        ModelContractTest_BigClassifierModel.WORKSPACE_BYTES_PER_EXAMPLE);
    assertFigures(
        ModelContractTest_ThreeClassesModel.ARCHITECTURE,
        ModelContractTest_ThreeClassesModel.PARAMETER_COUNT,
        ModelContractTest_ThreeClassesModel.PARAMETER_BYTES,
        ModelContractTest_ThreeClassesModel.FORWARD_MULTIPLY_ADDS_PER_EXAMPLE,
        ModelContractTest_ThreeClassesModel.BACKWARD_MULTIPLY_ADDS_PER_EXAMPLE,
        ModelContractTest_ThreeClassesModel.WORKSPACE_BYTES_PER_EXAMPLE);
    assertFigures(
        ModelContractTest_RegressionModel.ARCHITECTURE,
        ModelContractTest_RegressionModel.PARAMETER_COUNT,
        ModelContractTest_RegressionModel.PARAMETER_BYTES,
        ModelContractTest_RegressionModel.FORWARD_MULTIPLY_ADDS_PER_EXAMPLE,
        ModelContractTest_RegressionModel.BACKWARD_MULTIPLY_ADDS_PER_EXAMPLE,
        ModelContractTest_RegressionModel.WORKSPACE_BYTES_PER_EXAMPLE);
    assertFigures(
        ModelContractTest_DeepRegressionModel.ARCHITECTURE,
        ModelContractTest_DeepRegressionModel.PARAMETER_COUNT,
        ModelContractTest_DeepRegressionModel.PARAMETER_BYTES,
        ModelContractTest_DeepRegressionModel.FORWARD_MULTIPLY_ADDS_PER_EXAMPLE,
        ModelContractTest_DeepRegressionModel.BACKWARD_MULTIPLY_ADDS_PER_EXAMPLE,
        ModelContractTest_DeepRegressionModel.WORKSPACE_BYTES_PER_EXAMPLE);
  }

  private static void assertFigures(
      Architecture a,
      long parameterCount,
      long parameterBytes,
      long forward,
      long backward,
      long workspace) {
    assertEquals(a.parameterCount(), parameterCount, a.network());
    assertEquals(a.parameterBytes(), parameterBytes, a.network());
    assertEquals(a.forwardMultiplyAddsPerExample(), forward, a.network());
    assertEquals(a.backwardMultiplyAddsPerExample(), backward, a.network());
    assertEquals(a.workspaceBytesPerExample(), workspace, a.network());
  }

  @Test
  void binaryPredictionsThresholdTheOutputAtOneHalf() {
    PlanarClassifierModel model = trained(1);
    DoubleMatrix A = model.forward(X);
    DoubleMatrix P = model.predict(X);
    assertEquals(1, P.rows);
    assertEquals(400, P.columns);
    for (int j = 0; j < 400; j++) {
      assertEquals(A.get(0, j) > 0.5 ? 1.0 : 0.0, P.get(0, j), "column " + j);
    }
  }

  @Test
  void categoricalPredictionsAreTheOneHotArgMax() {
    ModelContractTest_ThreeClassesModel model = ModelContractTest_ThreeClassesModel.create(3);
    model.fit(X, oneHot(new Random(4), 3, 400), Training.gradientDescent(0.5).iterations(20));
    DoubleMatrix A = model.forward(X);
    DoubleMatrix P = model.predict(X);
    for (int j = 0; j < 400; j++) {
      assertEquals(1.0, A.getColumn(j).sum(), 1e-12, "softmax column " + j + " sums to 1");
      int argMax = A.getColumn(j).argmax();
      for (int i = 0; i < 3; i++) {
        assertEquals(i == argMax ? 1.0 : 0.0, P.get(i, j), "P(" + i + ", " + j + ")");
      }
    }
  }

  @Test
  void regressionPredictionsAreTheOutputItself() {
    ModelContractTest_RegressionModel model = ModelContractTest_RegressionModel.create(3);
    assertArrayEquals(bits(model.forward(X)), bits(model.predict(X)));
  }

  @Test
  void forwardReturnsACopyTheModelNeverWritesInto() {
    PlanarClassifierModel model = trained(1);
    DoubleMatrix first = model.forward(X);
    DoubleMatrix expected = first.dup();
    DoubleMatrix second = model.forward(X);
    assertNotSame(first, second);
    assertArrayEquals(bits(expected), bits(second));

    first.fill(42.0);
    assertArrayEquals(bits(expected), bits(model.forward(X)), "the model does not read it back");

    DoubleMatrix otherX = X.mul(-1.0);
    model.forward(otherX);
    model.predict(otherX);
    model.cost(X, Y);
    model.gradients(X, Y);
    model.fit(X, Y, Training.gradientDescent(1.2).iterations(5));
    assertArrayEquals(bits(expected), bits(second), "later calls do not write into it");
  }

  @Test
  void fitReportsTheRecordedCostsAndTheFinalCost() {
    PlanarClassifierModel model = PlanarClassifierModel.create(1);
    double before = model.cost(X, Y);

    TrainingReport report =
        model.fit(X, Y, Training.gradientDescent(1.2).iterations(250).recordEvery(50));

    assertEquals(250, report.iterations());
    assertArrayEquals(new int[] {0, 50, 100, 150, 200}, report.recordedEpochs());
    double[] costs = report.costs();
    assertEquals(5, costs.length);
    assertEquals(before, costs[0], "the first cost is that of the untrained model");
    assertEquals(model.cost(X, Y), report.finalCost(), "finalCost is the trained model's cost");
    assertTrue(report.finalCost() < costs[costs.length - 1], "still falling at the end");
    assertTrue(costs[4] < costs[0], Arrays.toString(costs));
    assertFalse(report.elapsed().isNegative());
  }

  // ---- helpers

  /** Every call that takes X (and, where it takes them, Y). */
  private static List<Executable> callsWith(Model model, DoubleMatrix X, DoubleMatrix Y) {
    return List.of(
        () -> model.forward(X),
        () -> model.predict(X),
        () -> model.cost(X, Y),
        () -> model.gradients(X, Y),
        () -> model.fit(X, Y, Training.gradientDescent(1.2).iterations(3)));
  }

  /** Every call that takes Y. */
  private static List<Executable> targetCallsWith(Model model, DoubleMatrix X, DoubleMatrix Y) {
    return List.of(
        () -> model.cost(X, Y),
        () -> model.gradients(X, Y),
        () -> model.fit(X, Y, Training.gradientDescent(1.2).iterations(3)));
  }

  /**
   * {@code call} throws IllegalArgumentException with every fragment in its message, and leaves
   * the parameters, bit for bit, and the model's behaviour as they were.
   */
  private static void assertRefused(Model model, Executable call, String... fragments) {
    long[] before = bits(model);
    double cost = goodCost(model);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertContains(e.getMessage(), fragments);
    assertArrayEquals(before, bits(model), "parameters changed by a refused call");
    assertEquals(cost, goodCost(model), "behaviour changed by a refused call");
  }

  private static double goodCost(Model model) {
    int outputs = model.layerSizes()[model.layerSizes().length - 1];
    return model.cost(X, outputs == 1 ? Y : oneHot(new Random(1), outputs, X.columns));
  }

  private static void assertContains(String message, String... fragments) {
    for (String fragment : fragments) {
      assertTrue(message.contains(fragment), "\"" + fragment + "\" not in: " + message);
    }
  }

  /** Every W[l] then b[l], l = 1..L, as raw bits: equality means bit-for-bit equality. */
  private static long[] bits(Model model) {
    Parameters p = model.parameters();
    DoubleMatrix[] all = new DoubleMatrix[2 * p.layers()];
    for (int l = 1; l <= p.layers(); l++) {
      all[2 * l - 2] = p.W(l);
      all[2 * l - 1] = p.b(l);
    }
    return bits(all);
  }

  private static long[] bits(DoubleMatrix... matrices) {
    return Arrays.stream(matrices)
        .flatMapToDouble(M -> Arrays.stream(M.data, 0, M.length))
        .mapToLong(Double::doubleToRawLongBits)
        .toArray();
  }

  private static DoubleMatrix oneHot(Random random, int classes, int m) {
    DoubleMatrix Y = new DoubleMatrix(classes, m);
    for (int j = 0; j < m; j++) {
      Y.put(random.nextInt(classes), j, 1.0);
    }
    return Y;
  }
}
