package dev.netc.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The breast cancer sample reaches the usual figure for logistic regression, every time. */
final class BreastCancerTest {

  @Test
  void logisticRegressionTellsMalignantTumoursApart() throws Exception {
    BreastCancer.Result result = BreastCancer.train();

    // 569 tumours, 80/20.
    assertEquals(455, result.trainExamples());
    assertEquals(114, result.confusion().total());
    // It reaches 99.12% (one malignant tumour missed) and F1 0.990; published figures are ~97%.
    assertTrue(result.accuracy() >= 0.97, "test accuracy " + result.accuracy());
    assertTrue(result.f1() >= 0.96, "F1 of malignant " + result.f1());
    assertTrue(result.report().finalCost() < 0.1, "final cost " + result.report().finalCost());
  }

  @Test
  void isDeterministic() throws Exception {
    BreastCancer.Result first = BreastCancer.train();
    BreastCancer.Result second = BreastCancer.train();

    assertEquals(first.confusion(), second.confusion());
    assertArrayEquals(first.report().costs(), second.report().costs());
    assertEquals(first.report().finalCost(), second.report().finalCost());
  }
}
