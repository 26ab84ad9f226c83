package dev.netc.runtime;

import static dev.netc.runtime.Blas.Op.N;
import static dev.netc.runtime.Blas.Op.T;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

class TrainingTest {

  @Test
  void defaultsAndImmutability() {
    Training t = Training.gradientDescent(0.5);
    assertEquals(0.5, t.learningRate());
    assertEquals(1000, t.iterations());
    assertEquals(100, t.recordEvery());
    Training longer = t.iterations(20).recordEvery(3);
    assertNotSame(t, longer);
    assertEquals(1000, t.iterations());
    assertEquals(20, longer.iterations());
    assertEquals(3, longer.recordEvery());
    assertEquals(
        "gradient descent: learning rate 0.5, 20 iterations, cost recorded every 3",
        longer.toString());
  }

  @Test
  void validation() {
    for (double bad : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertEquals(
          "learning rate must be positive and finite, got " + bad,
          assertThrows(IllegalArgumentException.class, () -> Training.gradientDescent(bad))
              .getMessage());
    }
    Training t = Training.gradientDescent(1);
    assertEquals(
        "iterations must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> t.iterations(0)).getMessage());
    assertEquals(
        "recordEvery must be at least 1, got -1",
        assertThrows(IllegalArgumentException.class, () -> t.recordEvery(-1)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> t.every(0, (i, c) -> {}));
    assertThrows(NullPointerException.class, () -> t.every(1, null));
  }

  @Test
  void runRecordsCostsAndTellsListeners() {
    List<String> heard = new ArrayList<>();
    List<Double> rates = new ArrayList<>();
    double[] cost = {10};
    Training t =
        Training.gradientDescent(0.25)
            .iterations(7)
            .recordEvery(3)
            .every(2, (i, c) -> heard.add("a" + i + "=" + c))
            .every(5, (i, c) -> heard.add("b" + i));
    TrainingReport report =
        t.run(
            rate -> {
              rates.add(rate);
              return cost[0]--;
            },
            () -> cost[0]);
    assertEquals(7, rates.size());
    assertTrue(rates.stream().allMatch(r -> r == 0.25));
    assertEquals(7, report.iterations());
    assertArrayEquals(new int[] {0, 3, 6}, report.recordedIterations());
    assertArrayEquals(new double[] {10, 7, 4}, report.costs(), 0.0);
    assertEquals(3, report.finalCost(), 0.0);
    assertEquals(
        List.of("a0=10.0", "b0", "a2=8.0", "a4=6.0", "b5", "a6=4.0"), heard);
    assertTrue(!report.elapsed().isNegative());
    report.costs()[0] = 99;
    assertEquals(10, report.costs()[0], 0.0, "costs() is a copy");
  }

  @Test
  void divergenceNamesTheIteration() {
    int[] calls = {0};
    ArithmeticException e =
        assertThrows(
            ArithmeticException.class,
            () ->
                Training.gradientDescent(1)
                    .iterations(5000)
                    .run(rate -> calls[0]++ == 1234 ? Double.NaN : 1.0, () -> 0.0));
    assertEquals(
        "training diverged at iteration 1234: cost is NaN; lower the learning rate",
        e.getMessage());
    assertEquals(1235, calls[0], "training stops at once");
    ArithmeticException atEnd =
        assertThrows(
            ArithmeticException.class,
            () ->
                Training.gradientDescent(1)
                    .iterations(3)
                    .run(rate -> 1.0, () -> Double.POSITIVE_INFINITY));
    assertEquals(
        "training diverged at iteration 3: cost is Infinity; lower the learning rate",
        atEnd.getMessage());
  }

  @Test
  void reportToString() {
    TrainingReport r =
        new TrainingReport(0.25, new double[] {0.693147, 0.3}, new int[] {0, 100}, 200,
            Duration.ofMillis(1500));
    assertEquals(
        "200 iterations in 1.500 s; cost 0.693147 (iteration 0) -> 0.250000", r.toString());
    assertThrows(
        IllegalArgumentException.class,
        () -> new TrainingReport(0, new double[1], new int[2], 1, Duration.ZERO));
  }

  /**
   * Logistic regression written the way generated code is (gemm, kernels, losses), trained with
   * {@link Training#run}: the cost must fall and the separable data be learned.
   */
  @Test
  void trainsLogisticRegressionEndToEnd() {
    Random rng = new Random(5);
    int m = 200;
    DoubleMatrix X = BlasTest.random(rng, 2, m);
    DoubleMatrix Y = new DoubleMatrix(1, m);
    for (int j = 0; j < m; j++) {
      Y.put(0, j, X.get(0, j) + 2 * X.get(1, j) > 0 ? 1 : 0);
    }
    Parameters p = new Parameters(new int[] {2, 1});
    DoubleMatrix Z = new DoubleMatrix(1, m);
    DoubleMatrix A = new DoubleMatrix(1, m);
    DoubleMatrix dZ = new DoubleMatrix(1, m);
    Gradients g = new Gradients(new int[] {2, 1});
    Training.Step step =
        rate -> {
          Kernels.broadcastColumns(p.b(1), Z);
          Blas.gemm(N, N, 1.0, p.W(1), X, 1.0, Z);
          Activations.sigmoid(Z, A);
          double cost = Losses.binaryCrossEntropy(Z, Y);
          Kernels.subtract(A, Y, dZ);
          Blas.gemm(N, T, 1.0 / m, dZ, X, 0.0, g.dW(1));
          Kernels.sumColumns(1.0 / m, dZ, g.db(1));
          Kernels.axpy(-rate, g.dW(1), p.W(1));
          Kernels.axpy(-rate, g.db(1), p.b(1));
          return cost;
        };
    TrainingReport report =
        Training.gradientDescent(1.0)
            .iterations(500)
            .run(
                step,
                () -> {
                  Kernels.broadcastColumns(p.b(1), Z);
                  Blas.gemm(N, N, 1.0, p.W(1), X, 1.0, Z);
                  return Losses.binaryCrossEntropy(Z, Y);
                });
    assertEquals(Math.log(2), report.costs()[0], 1e-12, "zero weights predict 0.5");
    assertTrue(report.finalCost() < 0.1, report.toString());
    Activations.sigmoid(Z, A);
    assertTrue(Predictions.accuracy(Predictions.threshold(A, 0.5), Y) > 0.97);
  }
}
