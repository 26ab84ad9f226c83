package dev.netc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netc.runtime.internal.Kernels;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Training} on a single-precision model: every option against the same training of the
 * double-precision {@link LogisticRegression} on the same (float-representable) data, which must
 * give the same costs to float accuracy, the same schedule, and the same messages.
 */
class FloatTrainingTest {

  private static final FloatMatrix X;
  private static final FloatMatrix Y;
  /** X and Y exactly, in double: the two models see the same numbers. */
  private static final DoubleMatrix XD;
  private static final DoubleMatrix YD;

  static {
    DoubleMatrix[] data = LogisticRegression.separable(new Random(5), 200);
    X = data[0].toFloat();
    Y = data[1].toFloat();
    XD = FloatLogisticRegression.toDouble(X);
    YD = FloatLogisticRegression.toDouble(Y);
  }

  @TempDir Path dir;

  /** Costs of float training match double training to this (absolute; costs are below 1). */
  private static final double COSTS = 2e-5;

  private record Pair(LogisticRegression d, FloatLogisticRegression f, TrainingReport dr,
      TrainingReport fr, List<TrainingProgress> dp, List<TrainingProgress> fp) {}

  /** Trains both models with {@code t}, listening to every epoch. */
  private static Pair both(Training t) {
    List<TrainingProgress> dp = new ArrayList<>();
    List<TrainingProgress> fp = new ArrayList<>();
    LogisticRegression d = new LogisticRegression();
    TrainingReport dr = d.fit(XD, YD, t.every(1, dp::add));
    FloatLogisticRegression f = new FloatLogisticRegression();
    TrainingReport fr = f.fit(X, Y, t.every(1, fp::add));
    return new Pair(d, f, dr, fr, dp, fp);
  }

  /** Same schedule exactly, costs and parameters to float accuracy. */
  private static void assertSameTraining(Pair p, String what) {
    assertEquals(p.dr().epochs(), p.fr().epochs(), what);
    assertEquals(p.dr().iterations(), p.fr().iterations(), what);
    assertEquals(p.dr().bestEpoch(), p.fr().bestEpoch(), what);
    assertEquals(p.dr().stoppedEarly(), p.fr().stoppedEarly(), what);
    assertArrayEquals(p.dr().recordedEpochs(), p.fr().recordedEpochs(), what);
    assertArrayEquals(p.dr().costs(), p.fr().costs(), COSTS, what);
    assertArrayEquals(p.dr().validationCosts(), p.fr().validationCosts(), COSTS, what);
    assertEquals(p.dr().finalCost(), p.fr().finalCost(), COSTS, what);
    assertEquals(p.dp().size(), p.fp().size(), what);
    for (int e = 0; e < p.dp().size(); e++) {
      TrainingProgress d = p.dp().get(e);
      TrainingProgress f = p.fp().get(e);
      assertEquals(d.epoch(), f.epoch(), what);
      assertEquals(d.epochs(), f.epochs(), what);
      assertEquals(d.learningRate(), f.learningRate(), 0.0, what);
      assertEquals(d.cost(), f.cost(), COSTS, what + " epoch " + e);
      assertEquals(d.validationCost(), f.validationCost(), COSTS, what + " epoch " + e);
      // an example right at the 0.5 threshold could flip; none does on this data
      assertEquals(d.accuracy(), f.accuracy(), 0.0, what + " epoch " + e);
      assertEquals(d.validationAccuracy(), f.validationAccuracy(), 0.0, what + " epoch " + e);
    }
    double[] w = p.d().parameters.W(1).data;
    float[] v = p.f().parameters.W(1).data;
    for (int i = 0; i < w.length; i++) {
      assertEquals(w[i], v[i], 1e-4 * Math.max(1, Math.abs(w[i])), what + " W1[" + i + "]");
    }
    assertEquals(p.d().parameters.b(1).data[0], p.f().parameters.b(1).data[0], 1e-4, what);
  }

  @Test
  void fullBatchDescentIsTheCourseLoopInFloat() {
    FloatLogisticRegression byHand = new FloatLogisticRegression();
    double[] costs = new double[50];
    for (int i = 0; i < 50; i++) {
      byHand.forward(X);
      costs[i] = byHand.costOfLastForward(Y);
      byHand.backward(X, Y);
      Kernels.axpy(-1.5f, byHand.gradients.dW(1), byHand.parameters.W(1));
      Kernels.axpy(-1.5f, byHand.gradients.db(1), byHand.parameters.b(1));
    }
    FloatLogisticRegression trained = new FloatLogisticRegression();
    TrainingReport report =
        trained.fit(X, Y, Training.gradientDescent(1.5).iterations(50).recordEvery(7));
    assertArrayEquals(byHand.parameters.W(1).data, trained.parameters.W(1).data, 0.0f);
    assertArrayEquals(byHand.parameters.b(1).data, trained.parameters.b(1).data, 0.0f);
    assertArrayEquals(new int[] {0, 7, 14, 21, 28, 35, 42, 49}, report.recordedEpochs());
    for (int k = 0; k < report.costs().length; k++) {
      assertEquals(costs[7 * k], report.costs()[k], 0.0);
    }
    assertEquals(Math.log(2), report.costs()[0], 1e-12, "zero weights predict 0.5");
    assertEquals(byHand.cost(X, Y), report.finalCost(), 0.0);
    assertEquals(50, report.iterations());
    assertTrue(trained.forwardColumns.stream().allMatch(c -> c == 200), "no copies of X");
  }

  @Test
  void fullBatchDescentMatchesDouble() {
    assertSameTraining(both(Training.gradientDescent(1.5).iterations(50).recordEvery(7)),
        "gradient descent");
  }

  @Test
  void everyOptimizerWithEveryOptionMatchesDouble() {
    for (Training t : List.of(
        Training.gradientDescent(1.0), Training.momentum(1.0, 0.9),
        Training.rmsProp(0.01, 0.9), Training.adam(0.05))) {
      Training all = t.epochs(30).miniBatches(32).seed(3).l2(0.3).learningRateDecay(0.1)
          .recordEvery(4);
      Pair p = both(all);
      assertSameTraining(p, all.toString());
      assertTrue(p.fr().finalCost() < 0.5, all + ": " + p.fr());
    }
  }

  @Test
  void theCostIsComputedOnlyWhenRecordedOrListenedTo() {
    FloatLogisticRegression model = new FloatLogisticRegression();
    model.fit(X, Y, Training.gradientDescent(1.0).iterations(30).recordEvery(10)
        .every(15, p -> {}));
    assertEquals(5, model.costCalls, "epochs 0, 10, 15, 20, final");
    assertEquals(30, model.backwardCalls);
  }

  /** The one MiniBatches permutation: the same seed visits the examples in the same order. */
  @Test
  void miniBatchesAreTheSameBatchesAsInDouble() {
    FloatMatrix indexed = X.dup();
    for (int j = 0; j < indexed.columns; j++) {
      indexed.put(0, j, j);
    }
    FloatLogisticRegression f = new FloatLogisticRegression();
    f.recordRows = true;
    TrainingReport report =
        f.fit(indexed, Y, Training.gradientDescent(0.01).epochs(3).miniBatches(64).seed(11));
    LogisticRegression d = new LogisticRegression();
    d.recordRows = true;
    d.fit(FloatLogisticRegression.toDouble(indexed), YD,
        Training.gradientDescent(0.01).epochs(3).miniBatches(64).seed(11));
    assertEquals(12, report.iterations());
    assertEquals(List.of(64, 64, 64, 8, 64, 64, 64, 8, 64, 64, 64, 8, 200), f.forwardColumns);
    assertEquals(d.forwardColumns, f.forwardColumns);
    for (int k = 0; k < d.firstRows.size(); k++) {
      assertArrayEquals(d.firstRows.get(k), f.firstRows.get(k), 0.0, "batch " + k);
    }
  }

  @Test
  void aBatchAsLargeAsTheDataIsFullBatchDescent() {
    FloatLogisticRegression full = new FloatLogisticRegression();
    full.fit(X, Y, Training.gradientDescent(0.3).iterations(20));
    FloatLogisticRegression big = new FloatLogisticRegression();
    big.fit(X, Y, Training.gradientDescent(0.3).iterations(20).miniBatches(500));
    assertArrayEquals(full.parameters.W(1).data, big.parameters.W(1).data, 0.0f);
  }

  /** One update from zero state in float, computed from the formulas with the first gradient. */
  @Test
  void firstUpdatesFollowTheFormulasInFloat() {
    FloatLogisticRegression probe = new FloatLogisticRegression();
    probe.forward(X);
    probe.backward(X, Y);
    float[] g = probe.gradients.dW(1).data.clone();
    float alpha = 0.01f;
    FloatLogisticRegression plain = new FloatLogisticRegression();
    plain.fit(X, Y, Training.gradientDescent(0.01).iterations(1));
    FloatLogisticRegression momentum = new FloatLogisticRegression();
    momentum.fit(X, Y, Training.momentum(0.01, 0.9).iterations(1));
    FloatLogisticRegression rms = new FloatLogisticRegression();
    rms.fit(X, Y, Training.rmsProp(0.01, 0.9).iterations(1));
    FloatLogisticRegression adam = new FloatLogisticRegression();
    adam.fit(X, Y, Training.adam(0.01).iterations(1));
    for (int i = 0; i < g.length; i++) {
      assertEquals(-alpha * g[i], plain.parameters.W(1).data[i], 0.0f);
      float v = 0.1f * g[i];
      assertEquals(-alpha * v, momentum.parameters.W(1).data[i], 0.0f);
      float s = 0.1f * g[i] * g[i];
      assertEquals(-alpha * g[i] / ((float) Math.sqrt(s) + 1e-8f), rms.parameters.W(1).data[i],
          0.0f);
      // bias correction makes Adam's first step alpha * g / (|g| + eps), to float rounding
      assertEquals(-alpha * g[i] / (Math.abs(g[i]) + 1e-8f), adam.parameters.W(1).data[i],
          Math.ulp(alpha) * 4);
    }
  }

  @Test
  void l2AddsItsTermToTheCostAndItsGradientInFloat() {
    FloatLogisticRegression model = new FloatLogisticRegression();
    model.parameters.W(1).put(0, 0, 0.5f);
    model.parameters.W(1).put(0, 1, -2.0f);
    double lambda = 0.3;
    double data = model.cost(X, Y);
    model.backward(X, Y);
    float[] expected = model.gradients.dW(1).data.clone();
    float[] w = model.parameters.W(1).data.clone();
    for (int i = 0; i < expected.length; i++) {
      float dw = expected[i] + (float) (lambda / 200) * w[i];
      expected[i] = w[i] - 0.1f * dw;
    }
    List<Double> costs = new ArrayList<>();
    TrainingReport report = model.fit(X, Y,
        Training.gradientDescent(0.1).iterations(1).l2(lambda).every(1, p -> costs.add(p.cost())));
    assertEquals(data + lambda / 400 * (0.25 + 4.0), costs.get(0), 1e-15);
    assertArrayEquals(expected, model.parameters.W(1).data, 0.0f);
    assertEquals(model.cost(X, Y), report.finalCost(), 0.0, "the data cost, no L2 term");
  }

  @Test
  void learningRateDecaysPerEpoch() {
    List<Double> rates = new ArrayList<>();
    new FloatLogisticRegression().fit(X, Y, Training.gradientDescent(0.6).iterations(4)
        .learningRateDecay(0.5).every(1, p -> rates.add(p.learningRate())));
    assertEquals(List.of(0.6, 0.6 / 1.5, 0.6 / 2.0, 0.6 / 2.5), rates);
  }

  @Test
  void validationInFloatMatchesDouble() {
    DoubleMatrix[] held = LogisticRegression.separable(new Random(9), 50);
    FloatMatrix heldX = held[0].toFloat();
    FloatMatrix heldY = held[1].toFloat();
    List<TrainingProgress> dp = new ArrayList<>();
    List<TrainingProgress> fp = new ArrayList<>();
    Training t = Training.gradientDescent(1.0).iterations(30).recordEvery(10);
    LogisticRegression d = new LogisticRegression();
    TrainingReport dr = d.fit(XD, YD, t.validation(FloatLogisticRegression.toDouble(heldX),
        FloatLogisticRegression.toDouble(heldY)).every(1, dp::add));
    FloatLogisticRegression f = new FloatLogisticRegression();
    TrainingReport fr = f.fit(X, Y, t.validation(heldX, heldY).every(1, fp::add));
    assertSameTraining(new Pair(d, f, dr, fr, dp, fp), "validation");
    assertEquals(3, fr.validationCosts().length);
    TrainingProgress last = fp.get(fp.size() - 1);
    assertEquals(f.cost(heldX, heldY), last.validationCost(), 0.0, "after the last update");
    assertEquals(Metrics.accuracy(f.forward(heldX), heldY), last.validationAccuracy());
  }

  /** A validation set of the other precision is converted for the run. */
  @Test
  void aValidationSetOfTheOtherPrecisionIsConverted() {
    DoubleMatrix[] held = LogisticRegression.separable(new Random(9), 50);
    FloatMatrix heldX = held[0].toFloat();
    FloatMatrix heldY = held[1].toFloat();
    DoubleMatrix heldXD = FloatLogisticRegression.toDouble(heldX);
    DoubleMatrix heldYD = FloatLogisticRegression.toDouble(heldY);
    Training t = Training.gradientDescent(1.0).iterations(30).recordEvery(10);

    TrainingReport floatGivenDouble =
        new FloatLogisticRegression().fit(X, Y, t.validation(heldXD, heldYD));
    TrainingReport floatGivenFloat =
        new FloatLogisticRegression().fit(X, Y, t.validation(heldX, heldY));
    assertArrayEquals(floatGivenFloat.validationCosts(), floatGivenDouble.validationCosts(), 0.0);

    TrainingReport doubleGivenFloat =
        new LogisticRegression().fit(XD, YD, t.validation(heldX, heldY));
    TrainingReport doubleGivenDouble =
        new LogisticRegression().fit(XD, YD, t.validation(heldXD, heldYD));
    assertArrayEquals(
        doubleGivenDouble.validationCosts(), doubleGivenFloat.validationCosts(), 0.0);
    assertEquals("gradient descent: learning rate 1.0, 30 iterations, validation on 50 examples,"
        + " cost recorded every 10", t.validation(heldX, heldY).toString());
  }

  @Test
  void aValidationSetOfTheWrongShapeIsRefusedBeforeTraining() {
    FloatLogisticRegression model = new FloatLogisticRegression();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.fit(X, Y, Training.gradientDescent(1).validation(new FloatMatrix(3, 10),
            new FloatMatrix(1, 10))));
    assertEquals("validation set: Logistic: X must be 2xm (n[0] x m), got 3x10", e.getMessage());
    FloatMatrix badY = new FloatMatrix(1, 10);
    badY.put(0, 3, 0.1f - 1);
    e = assertThrows(IllegalArgumentException.class,
        () -> model.fit(X, Y, Training.gradientDescent(1).validation(new FloatMatrix(2, 10),
            badY)));
    assertEquals("validation set: Logistic: Y(0, 3) is -0.9; binary cross-entropy targets must"
        + " lie in [0, 1]", e.getMessage());
    // a double validation set is checked as given, for a float model too
    e = assertThrows(IllegalArgumentException.class,
        () -> model.fit(X, Y, Training.gradientDescent(1).validation(new DoubleMatrix(3, 10),
            new DoubleMatrix(1, 10))));
    assertEquals("validation set: Logistic: X must be 2xm (n[0] x m), got 3x10", e.getMessage());
    assertEquals(0, model.backwardCalls, "nothing trained");
    assertThrows(NullPointerException.class,
        () -> Training.gradientDescent(1).validation((FloatMatrix) null, Y));
  }

  /** Validation labels opposite to the training labels: the best epoch is the first one. */
  @Test
  void earlyStoppingKeepsTheBestParameters() {
    FloatMatrix flipped = Y.rsub(1.0f);
    FloatLogisticRegression oneEpoch = new FloatLogisticRegression();
    oneEpoch.fit(X, Y, Training.gradientDescent(1.0).iterations(1));
    FloatLogisticRegression model = new FloatLogisticRegression();
    TrainingReport report = model.fit(X, Y, Training.gradientDescent(1.0).iterations(100)
        .validation(X, flipped).earlyStopping(5, 0.0));
    assertTrue(report.stoppedEarly());
    assertEquals(0, report.bestEpoch());
    assertEquals(6, report.epochs(), "the best epoch, then 5 without improvement");
    assertArrayEquals(oneEpoch.parameters.W(1).data, model.parameters.W(1).data, 0.0f);
    assertEquals(model.cost(X, Y), report.finalCost(), 0.0);
  }

  @Test
  void earlyStoppingMatchesDouble() {
    assertSameTraining(both(Training.gradientDescent(1.0).iterations(5000)
        .earlyStopping(3, 1e-3).recordEvery(50)), "early stopping on the training cost");
    assertSameTraining(both(Training.adam(0.05).epochs(200).miniBatches(50).validation(X, Y)
        .earlyStopping(4, 1e-3)), "early stopping on a validation set");
  }

  @Test
  void listenersHearTheSameEpochs() {
    List<String> heard = new ArrayList<>();
    new FloatLogisticRegression().fit(X, Y,
        Training.gradientDescent(0.5).iterations(7)
            .every(3, p -> heard.add("a" + p.epoch()))
            .every(5, p -> heard.add("b" + p.epoch())));
    assertEquals(List.of("a0", "b0", "a3", "b5", "a6"), heard);
  }

  @Test
  void divergenceNamesTheUpdateAndKeepsTheLastFiniteParameters() {
    FloatLogisticRegression reference = new FloatLogisticRegression();
    reference.fit(X, Y, Training.gradientDescent(0.1).epochs(2).miniBatches(64));
    FloatLogisticRegression model = new FloatLogisticRegression();
    model.nanAtBackward = 8;
    ArithmeticException e = assertThrows(ArithmeticException.class,
        () -> model.fit(X, Y, Training.gradientDescent(0.1).epochs(10).miniBatches(64)));
    assertEquals("Logistic: training diverged at epoch 2, mini-batch 1 of 4 (update 9): dW1(0, 1)"
        + " is NaN; the parameters are those of the last finite update; lower the learning rate"
        + " (0.1)", e.getMessage());
    assertArrayEquals(reference.parameters.W(1).data, model.parameters.W(1).data, 0.0f,
        "the 8 updates of epochs 0 and 1, not the 9th");
  }

  /**
   * The float twin of the double test: the first update makes {@code W} about 1e30, still finite,
   * and the next forward pass overflows.
   */
  @Test
  void anOverflowStopsFullBatchTrainingAtItsIteration() {
    FloatMatrix huge = X.mul(1e20f);
    FloatLogisticRegression model = new FloatLogisticRegression();
    ArithmeticException e = assertThrows(ArithmeticException.class,
        () -> model.fit(huge, Y, Training.gradientDescent(1e10).iterations(100).recordEvery(1)));
    assertTrue(e.getMessage().startsWith("Logistic: training diverged at iteration "),
        e.getMessage());
    for (float w : model.parameters.W(1).data) {
      assertTrue(Float.isFinite(w), "parameters stay finite: " + w);
    }
  }

  /**
   * Learning rates that are finite in double but infinite in float (1e39 is above Float.MAX_VALUE,
   * and so is 1e300): every gradient is finite, but the first update makes the parameters infinite
   * or NaN. The update is undone and refused, so that the message's "the parameters are those of
   * the last finite update" is true: here, the starting parameters.
   */
  @Test
  void anUpdateThatOverflowsTheParametersIsUndoneAndNamed() {
    List<Training> trainings =
        List.of(
            Training.gradientDescent(1e39),
            Training.momentum(1e39, 0.9),
            Training.adam(1e300),
            Training.rmsProp(1e300, 0.9),
            Training.adam(1e300).miniBatches(64));
    for (Training t : trainings) {
      FloatLogisticRegression model = new FloatLogisticRegression();
      model.parameters.W(1).put(0, 0.25f);
      FloatParameters before = model.parameters.copy();
      ArithmeticException e =
          assertThrows(
              ArithmeticException.class, () -> model.fit(X, Y, t.iterations(5)), t.toString());
      String first =
          t.miniBatchSize() == 0 ? "iteration 0" : "epoch 0, mini-batch 1 of 4 (update 1)";
      assertTrue(
          e.getMessage()
              .startsWith(
                  "Logistic: training diverged at "
                      + first
                      + ": after the update ("
                      + t.updateRule()
                      + "), "),
          e.getMessage());
      assertTrue(
          e.getMessage()
              .endsWith(
                  "; the parameters are those of the last finite update; lower the"
                      + " learning rate ("
                      + t.learningRate()
                      + ")"),
          e.getMessage());
      assertArrayEquals(before.W(1).data, model.parameters.W(1).data, 0.0f, t.toString());
      assertArrayEquals(before.b(1).data, model.parameters.b(1).data, 0.0f, t.toString());
    }
  }

  @Test
  void anEpochAllocatesNothing() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    Training adam = Training.adam(0.01).miniBatches(32).l2(0.1).recordEvery(1_000_000);
    FloatLogisticRegression model = new FloatLogisticRegression();
    model.recordColumns = false;
    model.fit(X, Y, adam.epochs(2000)); // warm up the JIT
    long[] bytes = new long[2];
    int[] epochs = {100, 2100};
    for (int k = 0; k < 2; k++) {
      FloatLogisticRegression fresh = new FloatLogisticRegression();
      fresh.recordColumns = false;
      long before = threads.getThreadAllocatedBytes(id);
      fresh.fit(X, Y, adam.epochs(epochs[k]));
      bytes[k] = threads.getThreadAllocatedBytes(id) - before;
    }
    double perEpoch = (bytes[1] - bytes[0]) / 2000.0;
    assertTrue(perEpoch < 64, "allocated " + perEpoch + " bytes per epoch of 7 updates");
  }

  /** The test model as a FloatModel: what generated code and users call. */
  @Test
  void aFloatModelTrainsSavesAndLoads() throws IOException {
    FloatModel model = new FloatLogisticRegression().model();
    assertArrayEquals(new int[] {2, 1}, model.layerSizes());
    assertEquals(Math.log(2), model.cost(X, Y), 1e-7);
    FloatGradients g = model.gradients(X, Y);
    TrainingReport report = model.fit(X, Y, Training.gradientDescent(1.0).iterations(300));
    assertTrue(report.finalCost() < 0.15, report.toString());
    assertFalse(g.dW(1).get(0) == model.gradients(X, Y).dW(1).get(0), "gradients() copies");
    assertTrue(Metrics.accuracy(model.predict(X), Y) > 0.97);
    assertEquals(200, model.forward(X).length);
    Path file = dir.resolve("logistic.npz");
    model.save(file);
    FloatParameters back = ModelFiles.loadFloat(file, FloatLogisticRegression.ARCHITECTURE);
    assertArrayEquals(model.parameters().W(1).data, back.W(1).data, 0.0f);
    assertTrue(model.summary().startsWith("Logistic: 2 -> 1 (sigmoid)"));
  }
}
