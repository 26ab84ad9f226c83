package dev.netc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netc.runtime.internal.Kernels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

class TrainingTest {

  private static final DoubleMatrix[] DATA = LogisticRegression.separable(new Random(5), 200);
  private static final DoubleMatrix X = DATA[0];
  private static final DoubleMatrix Y = DATA[1];

  @Test
  void defaultsAndImmutability() {
    Training t = Training.gradientDescent(0.5);
    assertEquals(0.5, t.learningRate());
    assertEquals(1000, t.iterations());
    assertEquals(1000, t.epochs());
    assertEquals(0, t.miniBatchSize());
    assertEquals(100, t.recordEvery());
    Training longer = t.iterations(20).recordEvery(3);
    assertNotSame(t, longer);
    assertEquals(1000, t.iterations());
    assertEquals(20, longer.iterations());
    assertEquals(3, longer.recordEvery());
    assertEquals(
        "gradient descent: learning rate 0.5, 20 iterations, cost recorded every 3",
        longer.toString());
    assertEquals(
        "Adam (beta1 0.9, beta2 0.999, epsilon 1.0E-8): learning rate 0.01 / (1 + 0.5 * epoch),"
            + " 30 epochs of mini-batches of 64 (seed 7), L2 lambda 0.1, validation on 200"
            + " examples, early stopping (patience 3, tolerance 0.001), cost recorded every 100",
        Training.adam(0.01).epochs(30).miniBatches(64).seed(7).l2(0.1).learningRateDecay(0.5)
            .validation(X, Y).earlyStopping(3, 1e-3).toString());
  }

  @Test
  void badOptionsAreRefusedWithTheValueThatCame() {
    for (double bad : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertEquals(
          "learning rate must be positive and finite, got " + bad,
          assertThrows(IllegalArgumentException.class, () -> Training.gradientDescent(bad))
              .getMessage());
    }
    Training t = Training.gradientDescent(1);
    assertMessage("iterations must be at least 1, got 0", () -> t.iterations(0));
    assertMessage("epochs must be at least 1, got -2", () -> t.epochs(-2));
    assertMessage("recordEvery must be at least 1, got -1", () -> t.recordEvery(-1));
    assertMessage("mini-batch size must be at least 1, got 0", () -> t.miniBatches(0));
    assertMessage("lambda must be non-negative and finite, got -1.0", () -> t.l2(-1));
    assertMessage("decay rate must be non-negative and finite, got NaN",
        () -> t.learningRateDecay(Double.NaN));
    assertMessage("patience must be at least 1, got 0", () -> t.earlyStopping(0, 0));
    assertMessage("tolerance must be non-negative and finite, got -0.1",
        () -> t.earlyStopping(1, -0.1));
    assertMessage("beta must lie in [0, 1), got 1.0", () -> Training.momentum(0.1, 1));
    assertMessage("beta must lie in [0, 1), got -0.5", () -> Training.rmsProp(0.1, -0.5));
    assertMessage("beta2 must lie in [0, 1), got 1.5", () -> Training.adam(0.1, 0.9, 1.5, 1e-8));
    assertMessage("epsilon must be positive and finite, got 0.0",
        () -> Training.adam(0.1, 0.9, 0.99, 0));
    assertMessage("every must be at least 1, got 0", () -> t.every(0, p -> {}));
    assertThrows(NullPointerException.class, () -> t.every(1, null));
    assertThrows(NullPointerException.class, () -> t.validation(null, Y));
  }

  private static void assertMessage(String expected, Runnable call) {
    assertEquals(expected,
        assertThrows(IllegalArgumentException.class, call::run).getMessage());
  }

  /** Full-batch gradient descent by hand, the course's loop, against Training. */
  @Test
  void fullBatchDescentIsTheCourseLoop() {
    LogisticRegression byHand = new LogisticRegression();
    double[] costs = new double[50];
    for (int i = 0; i < 50; i++) {
      byHand.forward(X);
      costs[i] = byHand.costOfLastForward(Y);
      byHand.backward(X, Y);
      Kernels.axpy(-1.5, byHand.gradients.dW(1), byHand.parameters.W(1));
      Kernels.axpy(-1.5, byHand.gradients.db(1), byHand.parameters.b(1));
    }
    LogisticRegression trained = new LogisticRegression();
    TrainingReport report =
        trained.fit(X, Y, Training.gradientDescent(1.5).iterations(50).recordEvery(7));
    assertArrayEquals(byHand.parameters.W(1).data, trained.parameters.W(1).data, 0.0);
    assertArrayEquals(byHand.parameters.b(1).data, trained.parameters.b(1).data, 0.0);
    assertArrayEquals(new int[] {0, 7, 14, 21, 28, 35, 42, 49}, report.recordedEpochs());
    for (int k = 0; k < report.costs().length; k++) {
      assertEquals(costs[7 * k], report.costs()[k], 0.0);
    }
    assertEquals(Math.log(2), report.costs()[0], 1e-12, "zero weights predict 0.5");
    assertEquals(byHand.cost(X, Y), report.finalCost(), 0.0);
    assertEquals(50, report.epochs());
    assertEquals(50, report.iterations());
    assertEquals(-1, report.bestEpoch());
    assertFalse(report.stoppedEarly());
    assertEquals(0, report.validationCosts().length);
    assertTrue(trained.forwardColumns.stream().allMatch(c -> c == 200), "no copies of X");
  }

  @Test
  void theCostIsComputedOnlyWhenRecordedOrListenedTo() {
    LogisticRegression model = new LogisticRegression();
    model.fit(X, Y, Training.gradientDescent(1.0).iterations(30).recordEvery(10)
        .every(15, p -> {}));
    assertEquals(List.of(0, 10, 15, 20).size() + 1, model.costCalls, "epochs 0, 10, 15, 20, final");
    assertEquals(30, model.backwardCalls);
  }

  @Test
  void trainsLogisticRegressionToHighAccuracy() {
    LogisticRegression model = new LogisticRegression();
    TrainingReport report = model.fit(X, Y, Training.gradientDescent(1.0).iterations(500));
    assertTrue(report.finalCost() < 0.1, report.toString());
    assertTrue(Metrics.accuracy(model.forward(X), Y) > 0.97);
  }

  @Test
  void listenersHearEveryKthEpoch() {
    List<String> heard = new ArrayList<>();
    List<TrainingProgress> progress = new ArrayList<>();
    LogisticRegression model = new LogisticRegression();
    model.fit(X, Y,
        Training.gradientDescent(0.5).iterations(7)
            .every(3, p -> heard.add("a" + p.epoch()))
            .every(5, p -> {
              heard.add("b" + p.epoch());
              progress.add(p);
            }));
    assertEquals(List.of("a0", "b0", "a3", "b5", "a6"), heard);
    TrainingProgress first = progress.get(0);
    assertEquals(0, first.epoch());
    assertEquals(7, first.epochs());
    assertEquals(0.5, first.learningRate());
    assertEquals(Math.log(2), first.cost(), 1e-12);
    // zero weights give A = 0.5 everywhere, which is never > 0.5: accuracy = share of zeros
    double zeros = 1 - Arrays.stream(Y.data).sum() / Y.columns;
    assertEquals(zeros, first.accuracy(), 1e-12);
    assertTrue(Double.isNaN(first.validationCost()));
    assertTrue(Double.isNaN(first.validationAccuracy()));
  }

  @Test
  void miniBatchesVisitEveryExampleOncePerEpochInASeededOrder() {
    DoubleMatrix indexed = X.dup();
    for (int j = 0; j < indexed.columns; j++) {
      indexed.put(0, j, j);
    }
    LogisticRegression model = new LogisticRegression();
    model.recordRows = true;
    TrainingReport report =
        model.fit(indexed, Y, Training.gradientDescent(0.01).epochs(3).miniBatches(64).seed(11));
    assertEquals(3, report.epochs());
    assertEquals(12, report.iterations(), "ceil(200 / 64) = 4 updates per epoch");
    // each epoch: batches of 64, 64, 64, 8, then the final cost on all 200
    assertEquals(List.of(64, 64, 64, 8, 64, 64, 64, 8, 64, 64, 64, 8, 200),
        model.forwardColumns);
    List<double[]> epochs = new ArrayList<>();
    for (int e = 0; e < 3; e++) {
      double[] seen = new double[200];
      int at = 0;
      for (int b = 0; b < 4; b++) {
        double[] row = model.firstRows.get(4 * e + b);
        System.arraycopy(row, 0, seen, at, row.length);
        at += row.length;
      }
      epochs.add(seen.clone());
      Arrays.sort(seen);
      for (int j = 0; j < 200; j++) {
        assertEquals(j, seen[j], 0.0, "epoch " + e + " is a permutation");
      }
    }
    assertFalse(Arrays.equals(epochs.get(0), epochs.get(1)), "reshuffled every epoch");
    LogisticRegression again = new LogisticRegression();
    again.fit(X, Y, Training.gradientDescent(0.01).epochs(3).miniBatches(64).seed(11));
    LogisticRegression same = new LogisticRegression();
    same.fit(X, Y, Training.gradientDescent(0.01).epochs(3).miniBatches(64).seed(11));
    LogisticRegression other = new LogisticRegression();
    other.fit(X, Y, Training.gradientDescent(0.01).epochs(3).miniBatches(64).seed(12));
    assertArrayEquals(again.parameters.W(1).data, same.parameters.W(1).data, 0.0);
    assertNotEquals(again.parameters.W(1).get(0), other.parameters.W(1).get(0));
  }

  @Test
  void aBatchAsLargeAsTheDataIsFullBatchDescent() {
    LogisticRegression full = new LogisticRegression();
    full.fit(X, Y, Training.gradientDescent(0.3).iterations(20));
    LogisticRegression big = new LogisticRegression();
    big.fit(X, Y, Training.gradientDescent(0.3).iterations(20).miniBatches(500));
    assertArrayEquals(full.parameters.W(1).data, big.parameters.W(1).data, 0.0);
  }

  @Test
  void momentumWithBetaZeroIsGradientDescent() {
    LogisticRegression plain = new LogisticRegression();
    plain.fit(X, Y, Training.gradientDescent(0.7).iterations(30));
    LogisticRegression momentum = new LogisticRegression();
    momentum.fit(X, Y, Training.momentum(0.7, 0.0).iterations(30));
    assertArrayEquals(plain.parameters.W(1).data, momentum.parameters.W(1).data, 1e-15);
  }

  /** One update from zero state, computed from the formulas with the first gradient. */
  @Test
  void firstUpdatesFollowTheFormulas() {
    LogisticRegression probe = new LogisticRegression();
    probe.forward(X);
    probe.backward(X, Y);
    double[] g = probe.gradients.dW(1).data.clone();
    double alpha = 0.01;

    LogisticRegression momentum = new LogisticRegression();
    momentum.fit(X, Y, Training.momentum(alpha, 0.9).iterations(1));
    LogisticRegression rms = new LogisticRegression();
    rms.fit(X, Y, Training.rmsProp(alpha, 0.9).iterations(1));
    LogisticRegression adam = new LogisticRegression();
    adam.fit(X, Y, Training.adam(alpha).iterations(1));
    for (int i = 0; i < g.length; i++) {
      assertEquals(-alpha * 0.1 * g[i], momentum.parameters.W(1).data[i], 1e-18);
      assertEquals(-alpha * g[i] / (Math.sqrt(0.1 * g[i] * g[i]) + 1e-8),
          rms.parameters.W(1).data[i], 1e-15);
      // bias correction makes Adam's first step alpha * g / (|g| + eps)
      assertEquals(-alpha * g[i] / (Math.abs(g[i]) + 1e-8), adam.parameters.W(1).data[i], 1e-15);
    }
  }

  @Test
  void everyOptimizerLearnsTheData() {
    for (Training t : List.of(
        Training.gradientDescent(1.0), Training.momentum(1.0, 0.9),
        Training.rmsProp(0.01, 0.9), Training.adam(0.05))) {
      LogisticRegression model = new LogisticRegression();
      TrainingReport report = model.fit(X, Y, t.epochs(40).miniBatches(32).seed(3));
      assertTrue(Metrics.accuracy(model.forward(X), Y) > 0.95, t + ": " + report);
    }
  }

  @Test
  void l2AddsItsTermToTheCostAndItsGradient() {
    LogisticRegression model = new LogisticRegression();
    model.parameters.W(1).put(0, 0, 0.5);
    model.parameters.W(1).put(0, 1, -2.0);
    double lambda = 0.3;
    double data = model.cost(X, Y);
    model.backward(X, Y);
    double[] expected = model.gradients.dW(1).data.clone();
    double[] w = model.parameters.W(1).data.clone();
    for (int i = 0; i < expected.length; i++) {
      expected[i] = w[i] - 0.1 * (expected[i] + lambda / 200 * w[i]);
    }
    List<Double> costs = new ArrayList<>();
    TrainingReport report = model.fit(X, Y,
        Training.gradientDescent(0.1).iterations(1).l2(lambda).every(1, p -> costs.add(p.cost())));
    assertEquals(data + lambda / 400 * (0.25 + 4.0), costs.get(0), 1e-15);
    assertArrayEquals(expected, model.parameters.W(1).data, 1e-15);
    assertEquals(model.cost(X, Y), report.finalCost(), 0.0, "the data cost, no L2 term");
  }

  @Test
  void learningRateDecaysPerEpoch() {
    List<Double> rates = new ArrayList<>();
    new LogisticRegression().fit(X, Y, Training.gradientDescent(0.6).iterations(4)
        .learningRateDecay(0.5).every(1, p -> rates.add(p.learningRate())));
    assertEquals(List.of(0.6, 0.6 / 1.5, 0.6 / 2.0, 0.6 / 2.5), rates);
  }

  @Test
  void validationCostsAreRecordedBesideTheTrainingCosts() {
    DoubleMatrix[] held = LogisticRegression.separable(new Random(9), 50);
    List<TrainingProgress> heard = new ArrayList<>();
    LogisticRegression model = new LogisticRegression();
    TrainingReport report = model.fit(X, Y, Training.gradientDescent(1.0).iterations(30)
        .recordEvery(10).validation(held[0], held[1]).every(29, heard::add));
    assertEquals(3, report.validationCosts().length);
    assertTrue(report.validationCosts()[2] < report.validationCosts()[0]);
    TrainingProgress last = heard.get(heard.size() - 1);
    assertEquals(model.cost(held[0], held[1]), last.validationCost(), 0.0,
        "after the last epoch's update");
    assertEquals(Metrics.accuracy(model.forward(held[0]), held[1]), last.validationAccuracy());
  }

  @Test
  void aValidationSetOfTheWrongShapeIsRefusedBeforeTraining() {
    LogisticRegression model = new LogisticRegression();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.fit(X, Y, Training.gradientDescent(1).validation(new DoubleMatrix(3, 10),
            new DoubleMatrix(1, 10))));
    assertEquals("validation set: Logistic: X must be 2xm (n[0] x m), got 3x10", e.getMessage());
    assertEquals(0, model.backwardCalls, "nothing trained");
  }

  /** Validation labels opposite to the training labels: the best epoch is the first one. */
  @Test
  void earlyStoppingKeepsTheBestParameters() {
    DoubleMatrix flipped = Y.rsub(1.0);
    LogisticRegression oneEpoch = new LogisticRegression();
    oneEpoch.fit(X, Y, Training.gradientDescent(1.0).iterations(1));
    LogisticRegression model = new LogisticRegression();
    TrainingReport report = model.fit(X, Y, Training.gradientDescent(1.0).iterations(100)
        .validation(X, flipped).earlyStopping(5, 0.0));
    assertTrue(report.stoppedEarly());
    assertEquals(0, report.bestEpoch());
    assertEquals(6, report.epochs(), "the best epoch, then 5 without improvement");
    assertArrayEquals(oneEpoch.parameters.W(1).data, model.parameters.W(1).data, 0.0);
    assertEquals(model.cost(X, Y), report.finalCost(), 0.0);
    assertTrue(report.toString().endsWith("; stopped early, kept epoch 0"), report.toString());
  }

  @Test
  void earlyStoppingWithoutValidationWatchesTheTrainingCost() {
    LogisticRegression model = new LogisticRegression();
    TrainingReport report = model.fit(X, Y, Training.gradientDescent(1.0).iterations(5000)
        .earlyStopping(3, 1e-3));
    assertTrue(report.stoppedEarly(), report.toString());
    assertTrue(report.epochs() < 5000);
    assertEquals(report.epochs() - 4, report.bestEpoch());
  }

  /**
   * Inputs near 1e300 and gradient descent at 1e10: the gradients of the first iteration are
   * finite (about 1e299), but {@code W - alpha dW} overflows. That update is undone and refused,
   * naming it, so that the parameters are those of the last finite update, as the message says:
   * here the starting ones.
   */
  @Test
  void anUpdateThatOverflowsTheParametersIsUndoneAndNamed() {
    DoubleMatrix huge = X.mul(1e300);
    LogisticRegression model = new LogisticRegression();
    model.parameters.b(1).put(0, 0.5);
    Parameters before = model.parameters.copy();
    ArithmeticException e =
        assertThrows(
            ArithmeticException.class,
            () -> model.fit(huge, Y, Training.gradientDescent(1e10).iterations(5)));
    assertTrue(
        e.getMessage()
            .matches(
                "Logistic: training diverged at iteration 0: after the update \\(gradient"
                    + " descent\\), W1\\(0, [01]\\) is -?Infinity; the parameters are those of the"
                    + " last finite update; lower the learning rate \\(1\\.0E10\\)"),
        e.getMessage());
    assertArrayEquals(before.W(1).data, model.parameters.W(1).data, 0.0);
    assertArrayEquals(before.b(1).data, model.parameters.b(1).data, 0.0);
  }

  @Test
  void divergenceNamesTheUpdateAndKeepsTheLastFiniteParameters() {
    LogisticRegression reference = new LogisticRegression();
    reference.fit(X, Y, Training.gradientDescent(0.1).epochs(2).miniBatches(64));
    LogisticRegression model = new LogisticRegression();
    model.nanAtBackward = 8;
    ArithmeticException e = assertThrows(ArithmeticException.class,
        () -> model.fit(X, Y, Training.gradientDescent(0.1).epochs(10).miniBatches(64)));
    assertEquals("Logistic: training diverged at epoch 2, mini-batch 1 of 4 (update 9): dW1(0, 1)"
        + " is NaN; the parameters are those of the last finite update; lower the learning rate"
        + " (0.1)", e.getMessage());
    assertArrayEquals(reference.parameters.W(1).data, model.parameters.W(1).data, 0.0,
        "the 8 updates of epochs 0 and 1, not the 9th");
  }

  @Test
  void aNonFiniteCostStopsFullBatchTrainingAtItsIteration() {
    DoubleMatrix huge = X.mul(1e150);
    LogisticRegression model = new LogisticRegression();
    ArithmeticException e = assertThrows(ArithmeticException.class,
        () -> model.fit(huge, Y, Training.gradientDescent(1e10).iterations(100).recordEvery(1)));
    assertTrue(e.getMessage().startsWith("Logistic: training diverged at iteration "),
        e.getMessage());
    for (double w : model.parameters.W(1).data) {
      assertTrue(Double.isFinite(w), "parameters stay finite: " + w);
    }
  }

  @Test
  void anEpochAllocatesNothing() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    Training adam = Training.adam(0.01).miniBatches(32).l2(0.1).recordEvery(1_000_000);
    LogisticRegression model = new LogisticRegression();
    model.recordColumns = false;
    model.fit(X, Y, adam.epochs(2000)); // warm up the JIT
    long[] bytes = new long[2];
    int[] epochs = {100, 2100};
    for (int k = 0; k < 2; k++) {
      LogisticRegression fresh = new LogisticRegression();
      fresh.recordColumns = false;
      long before = threads.getThreadAllocatedBytes(id);
      fresh.fit(X, Y, adam.epochs(epochs[k]));
      bytes[k] = threads.getThreadAllocatedBytes(id) - before;
    }
    double perEpoch = (bytes[1] - bytes[0]) / 2000.0;
    assertTrue(perEpoch < 64, "allocated " + perEpoch + " bytes per epoch of 7 updates");
  }

  @Test
  void progressBarPrintsATenthAtATimeOffATerminal() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new LogisticRegression().fit(X, Y, Training.gradientDescent(1.0).iterations(50)
        .progress(new PrintStream(out, true, StandardCharsets.UTF_8), false));
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(11, lines.length, "the first epoch, then each tenth: " + Arrays.toString(lines));
    assertTrue(lines[0].startsWith("epoch 1/50 [>  "), lines[0]);
    assertTrue(lines[1].startsWith("epoch 5/50 [===>  "), lines[1]);
    assertTrue(lines[10].matches("epoch 50/50 \\[=+\\] 100% cost 0\\.\\d{4} acc \\d+\\.\\d% 0:00"),
        lines[10]);
  }

  @Test
  void progressBarRedrawsOneLineOnATerminal() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new LogisticRegression().fit(X, Y, Training.gradientDescent(1.0).iterations(50)
        .progress(new PrintStream(out, true, StandardCharsets.UTF_8), true));
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\repoch 1/50 ["), text);
    assertTrue(text.endsWith("\n") && text.indexOf('\n') == text.length() - 1, text);
    assertTrue(text.contains("\repoch 50/50 ["), text);
  }

  @Test
  void reportToString() {
    TrainingReport r =
        new TrainingReport(0.25, new double[] {0.693147, 0.3}, new int[] {0, 100}, new double[0],
            200, 200, -1, false, Duration.ofMillis(1500));
    assertEquals("200 iterations in 1.500 s; cost 0.693147 (epoch 0) -> 0.250000", r.toString());
    TrainingReport batches =
        new TrainingReport(0.25, new double[] {0.693147}, new int[] {0}, new double[] {0.7},
            50, 350, 31, true, Duration.ofMillis(20));
    assertEquals("50 epochs (350 iterations) in 0.020 s; cost 0.693147 (epoch 0) -> 0.250000;"
        + " stopped early, kept epoch 31", batches.toString());
    assertThrows(IllegalArgumentException.class, () -> new TrainingReport(
        0, new double[1], new int[2], new double[0], 1, 1, -1, false, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new TrainingReport(
        0, new double[1], new int[1], new double[2], 1, 1, -1, false, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new TrainingReport(
        0, new double[1], new int[1], new double[0], 2, 1, -1, false, Duration.ZERO));
  }
}
