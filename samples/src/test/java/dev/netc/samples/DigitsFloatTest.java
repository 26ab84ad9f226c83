package dev.netc.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netc.data.DataSet;
import dev.netc.runtime.ConfusionMatrix;
import dev.netc.runtime.Metrics;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingReport;
import java.util.Arrays;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.Test;

/**
 * The digits network trained in float32 reads the digits as well as in float64: the same split,
 * options and seed give the same test scores to within a point and the same early stopping.
 */
final class DigitsFloatTest {

  @Test
  void singlePrecisionReadsTheDigits() throws Exception {
    Digits.Result result = DigitsFloat.train();

    assertEquals(1150, result.trainExamples());
    assertEquals(288, result.validationExamples());
    assertEquals(359, result.confusion().total());
    assertEquals(10, result.confusion().size());
    // It reaches 98.61% (5 of 359 wrong) and macro F1 0.9862, as the float64 model does.
    assertTrue(result.accuracy() >= 0.97, "test accuracy " + result.accuracy());
    assertTrue(result.confusion().macroF1() >= 0.97, "macro F1 " + result.confusion().macroF1());
    assertTrue(result.report().stoppedEarly(), "stopped early");
    assertTrue(result.report().epochs() < 200, "epochs " + result.report().epochs());
    assertEquals(result.report().epochs() - 1 - Digits.PATIENCE, result.report().bestEpoch());
  }

  /**
   * Both precisions trained side by side, the cost recorded after every epoch: the float32 run
   * follows the float64 one epoch by epoch, stops at the same point and classifies the test images
   * alike.
   */
  @Test
  void agreesWithTheDoublePrecisionModel() throws Exception {
    Digits.Data data = Digits.load();
    DataSet train = data.train();
    DataSet validation = data.validation();
    DataSet test = data.test();
    Training training = Digits.training().recordEvery(1);

    DigitClassifierFloatModel single = DigitClassifierFloatModel.create(Digits.SEED);
    TrainingReport s =
        single.fit(
            train.X().toFloat(),
            train.Y().toFloat(),
            training.validation(validation.X().toFloat(), validation.Y().toFloat()));
    DigitClassifierModel twin = DigitClassifierModel.create(Digits.SEED);
    TrainingReport d =
        twin.fit(train.X(), train.Y(), training.validation(validation.X(), validation.Y()));

    // Early stopping: both stop, and keep the same epoch (77 of 98 here). Rounding could tip one
    // borderline "improved by more than 1e-4" decision, which would move the stop by a few epochs.
    assertTrue(s.stoppedEarly() && d.stoppedEarly(), "both stop early: " + s + " / " + d);
    assertTrue(
        Math.abs(s.bestEpoch() - d.bestEpoch()) <= 5,
        "kept epochs " + s.bestEpoch() + " (float32) and " + d.bestEpoch() + " (float64)");
    // The curves, epoch by epoch: measured at most 7.4e-5 (training) and 1.1e-3 (validation)
    // relative, the drift of some 3500 Adam steps in float.
    int epochs = Math.min(s.epochs(), d.epochs());
    assertEquals(epochs, Math.min(s.costs().length, d.costs().length), "a cost per epoch");
    assertRelativelyClose(d.costs(), s.costs(), epochs, 1e-3, "training cost");
    assertRelativelyClose(
        d.validationCosts(), s.validationCosts(), epochs, 1e-2, "validation cost");
    assertEquals(d.finalCost(), s.finalCost(), 1e-3 * d.finalCost(), "final training cost");

    // The test images: no prediction differs here; at most 3 of 359 may (under 1 point).
    DoubleMatrix expected = twin.predict(test.X());
    FloatMatrix actual = single.predict(test.X().toFloat());
    int differ = 0;
    for (int j = 0; j < expected.columns; j++) {
      if (!Arrays.equals(expected.getColumn(j).toFloat().data, actual.getColumn(j).data)) {
        differ++;
      }
    }
    assertTrue(differ <= 3, differ + " of " + expected.columns + " test predictions differ");
    ConfusionMatrix cs = Metrics.confusion(actual, test.Y().toFloat(), test.classes());
    ConfusionMatrix cd = Metrics.confusion(expected, test.Y(), test.classes());
    assertEquals(cd.accuracy(), cs.accuracy(), 0.01, "test accuracy");
    assertEquals(cd.macroF1(), cs.macroF1(), 0.01, "macro F1");
    assertEquals(
        DigitClassifierModel.PARAMETER_BYTES,
        2 * DigitClassifierFloatModel.PARAMETER_BYTES,
        "a float parameter takes half the bytes");
  }

  private static void assertRelativelyClose(
      double[] expected, double[] actual, int n, double tolerance, String what) {
    for (int i = 0; i < n; i++) {
      double e = expected[i];
      assertTrue(
          Math.abs(actual[i] - e) <= tolerance * Math.abs(e),
          what + " after epoch " + i + ": float32 " + actual[i] + ", float64 " + e);
    }
  }

  @Test
  void isDeterministic() throws Exception {
    Digits.Result first = DigitsFloat.train();
    Digits.Result second = DigitsFloat.train();

    assertEquals(first.confusion(), second.confusion());
    assertArrayEquals(first.report().costs(), second.report().costs());
    assertArrayEquals(first.report().validationCosts(), second.report().validationCosts());
    assertEquals(first.report().bestEpoch(), second.report().bestEpoch());
  }
}
