package dev.netc.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The regression sample explains about half the variance of disease progression. */
final class DiabetesTest {

  @Test
  void theRegressorExplainsAboutHalfTheVariance() throws Exception {
    Diabetes.Result result = Diabetes.train();

    assertEquals(283, result.trainExamples());
    assertEquals(71, result.validationExamples());
    assertEquals(88, result.testExamples());
    // It reaches R^2 0.487 and RMSE 54.4; published figures for this data are R^2 0.4-0.5. The
    // target's standard deviation is about 77, so predicting the mean would give RMSE ~77.
    assertTrue(result.r2() >= 0.45, "test R^2 " + result.r2());
    assertTrue(result.rootMeanSquaredError() <= 57, "RMSE " + result.rootMeanSquaredError());
    assertTrue(result.report().stoppedEarly(), "stopped early");
  }

  @Test
  void isDeterministic() throws Exception {
    Diabetes.Result first = Diabetes.train();
    Diabetes.Result second = Diabetes.train();

    assertEquals(first.r2(), second.r2());
    assertEquals(first.rootMeanSquaredError(), second.rootMeanSquaredError());
    assertArrayEquals(first.report().costs(), second.report().costs());
    assertArrayEquals(first.report().validationCosts(), second.report().validationCosts());
  }
}
