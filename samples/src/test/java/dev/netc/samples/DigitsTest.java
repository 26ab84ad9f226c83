package dev.netc.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Softmax reads the ten digits; early stopping ends training; the same run every time. */
final class DigitsTest {

  @Test
  void softmaxReadsTheDigits() throws Exception {
    Digits.Result result = Digits.train();

    assertEquals(1150, result.trainExamples());
    assertEquals(288, result.validationExamples());
    assertEquals(359, result.confusion().total());
    assertEquals(10, result.confusion().size());
    // It reaches 98.61% (5 of 359 wrong); published figures for this data are 96-98%.
    assertTrue(result.accuracy() >= 0.97, "test accuracy " + result.accuracy());
    assertTrue(result.confusion().macroF1() >= 0.97, "macro F1 " + result.confusion().macroF1());
    // Early stopping watched the validation set and ended training well before 200 epochs.
    assertTrue(result.report().stoppedEarly(), "stopped early");
    assertTrue(result.report().epochs() < 200, "epochs " + result.report().epochs());
    assertEquals(result.report().epochs() - 1 - Digits.PATIENCE, result.report().bestEpoch());
  }

  @Test
  void isDeterministic() throws Exception {
    Digits.Result first = Digits.train();
    Digits.Result second = Digits.train();

    assertEquals(first.confusion(), second.confusion());
    assertArrayEquals(first.report().costs(), second.report().costs());
    assertArrayEquals(first.report().validationCosts(), second.report().validationCosts());
    assertEquals(first.report().bestEpoch(), second.report().bestEpoch());
  }
}
