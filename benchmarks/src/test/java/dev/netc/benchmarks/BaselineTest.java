package dev.netc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netc.runtime.Model;
import dev.netc.runtime.Training;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/** The baselines compute what netc computes, so the table compares like with like. */
final class BaselineTest {

  @Test
  void handWrittenJblasFollowsTheGeneratedModel() {
    for (Workload w : new Workload[] {Workload.W1, Workload.W2}) {
      DoubleMatrix X = w.inputs();
      DoubleMatrix Y = w.targets();
      Model model = w.model();
      JblasNetwork jblas = new JblasNetwork(w, model.parameters());
      double[] costs =
          model.fit(X, Y, Training.gradientDescent(w.learningRate).iterations(3).recordEvery(1))
              .costs();
      for (int i = 0; i < 3; i++) {
        double expected = costs[i];
        assertEquals(expected, jblas.step(X, Y), 1e-9 * Math.abs(expected), w + " iteration " + i);
      }
    }
  }

  @Test
  void minimalFlopsFollowTheNotes() {
    // forward 2*400*(4*2 + 1*4) = 9600; backward adds dW1, dW2 and dA1: 2*400*(8 + 4 + 4)
    assertEquals(9600, Workload.W1.forwardFlops());
    assertEquals(9600 + 12800, Workload.W1.flops());
    assertEquals(Workload.W4.forwardFlops(), Workload.W4.flops());
  }
}
