package dev.netc.samples;

import dev.netc.data.DataSet;
import dev.netc.runtime.ConfusionMatrix;
import dev.netc.runtime.Metrics;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingReport;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.jblas.FloatMatrix;

/**
 * The {@link Digits} sample in single precision: {@link DigitClassifierFloat} trained with the same
 * options on the same split, the data rounded to float once, and then compared with {@link
 * DigitClassifier} trained in double in the same run.
 *
 * <p>The split and the standardisation are done in double, as {@link DataSet} reads the file; the
 * standardised matrices are then rounded to float with jblas's {@code DoubleMatrix.toFloat()}. That
 * is all that changes for the user: the model's parameters, gradients, workspaces and Adam's
 * moments are floats and its products sgemm calls, while costs and metrics are summed in double.
 */
public final class DigitsFloat {

  private DigitsFloat() {}

  /** Loads the digits, trains {@link DigitClassifierFloat} and scores it on the test split. */
  static Digits.Result train() throws IOException {
    Digits.Data data = Digits.load();
    DataSet train = data.train();
    DataSet validation = data.validation();
    DataSet test = data.test();
    FloatMatrix X = train.X().toFloat();
    FloatMatrix Y = train.Y().toFloat();

    DigitClassifierFloatModel model = DigitClassifierFloatModel.create(Digits.SEED);
    Training training =
        Digits.training().validation(validation.X().toFloat(), validation.Y().toFloat());
    TrainingReport report = model.fit(X, Y, training);
    ConfusionMatrix confusion =
        Metrics.confusion(model.predict(test.X().toFloat()), test.Y().toFloat(), test.classes());
    return new Digits.Result(train.examples(), validation.examples(), training, report, confusion);
  }

  public static void main(String[] args) throws IOException {
    System.out.print(DigitClassifierFloatModel.create(Digits.SEED).summary());
    Digits.Result single = train();
    Digits.print(single);
    Digits.Result twin = Digits.train();
    // Both are trained once more, for the times only: the first run in a JVM also pays for
    // compiling the training loop both precisions share, which would count against float32.
    Duration singleTime = faster(single, train());
    Duration twinTime = faster(twin, Digits.train());
    System.out.println();
    System.out.print(comparison(single, singleTime, twin, twinTime));
  }

  /**
   * The two precisions side by side, one column each: test accuracy, macro F1, the final training
   * cost, epochs run and the epoch kept, training time, and the bytes of the parameters.
   */
  static String comparison(
      Digits.Result single, Duration singleTime, Digits.Result twin, Duration twinTime) {
    StringBuilder s = new StringBuilder();
    row(s, "same run", "float32", "float64");
    row(s, "test accuracy", percent(single.accuracy()), percent(twin.accuracy()));
    row(s, "macro F1", decimals(single.confusion().macroF1()),
        decimals(twin.confusion().macroF1()));
    row(s, "final training cost", String.format(Locale.ROOT, "%.6f", single.report().finalCost()),
        String.format(Locale.ROOT, "%.6f", twin.report().finalCost()));
    row(s, "epochs (kept)", epochs(single.report()), epochs(twin.report()));
    row(s, "training time (faster of 2)", seconds(singleTime), seconds(twinTime));
    row(s, "parameter bytes", Long.toString(DigitClassifierFloatModel.PARAMETER_BYTES),
        Long.toString(DigitClassifierModel.PARAMETER_BYTES));
    return s.toString();
  }

  private static void row(StringBuilder s, String name, String single, String twin) {
    s.append(String.format(Locale.ROOT, "%-28s  %9s  %9s%n", name, single, twin));
  }

  /** The shorter training time of two runs of the same training. */
  private static Duration faster(Digits.Result first, Digits.Result second) {
    Duration a = first.report().elapsed();
    Duration b = second.report().elapsed();
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String decimals(double x) {
    return String.format(Locale.ROOT, "%.4f", x);
  }

  private static String seconds(Duration time) {
    return String.format(Locale.ROOT, "%.3f s", time.toNanos() / 1e9);
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
  }

  private static String epochs(TrainingReport report) {
    return report.epochs() + " (" + report.bestEpoch() + ")";
  }
}
