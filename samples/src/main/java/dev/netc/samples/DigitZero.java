package dev.netc.samples;

import dev.netc.data.DataSet;
import dev.netc.data.LabelEncoding;
import dev.netc.data.Standardizer;
import dev.netc.runtime.ConfusionMatrix;
import dev.netc.runtime.Metrics;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingReport;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The course's deep network {@code [64, 20, 7, 5, 1]} ({@link DigitZeroDetector}) on a binary
 * image task: is an 8x8 handwritten digit a zero? One digit in ten is, so accuracy alone flatters
 * (always answering "no" scores 90%); the F1 of "zero" tells more.
 *
 * <p>1797 images are split 80/20 (seeded) and the 64 pixels standardised on the training split;
 * Adam on shuffled mini-batches of 32.
 */
public final class DigitZero {
  /** Seed of the split, the initial weights and the mini-batch shuffling. */
  static final long SEED = 1;

  /** The fraction of the images used for training; the rest is the test set. */
  static final double TRAIN_FRACTION = 0.8;

  /** Adam with its usual defaults on mini-batches of 32, 50 epochs. */
  static final Training TRAINING = Training.adam(0.001).epochs(50).miniBatches(32).seed(SEED);

  /** The class names of the confusion matrix: the negative class first. */
  private static final List<String> CLASSES = List.of("other", "zero");

  private DigitZero() {}

  /**
   * The trained detector's scores on the test split.
   *
   * @param trainExamples the number of images trained on
   * @param report how training went
   * @param confusion test counts; class 1 is "zero"
   */
  record Result(int trainExamples, TrainingReport report, ConfusionMatrix confusion) {
    /** The fraction of test images classified right. */
    double accuracy() {
      return confusion.accuracy();
    }

    /** F1 of "zero". */
    double f1() {
      return confusion.f1(1);
    }
  }

  /** Loads the digits, trains {@link DigitZeroDetector} and scores it on the test split. */
  static Result train() throws IOException {
    DataSet data = SampleData.read("digits.csv", "digit", LabelEncoding.oneVsRest("0"));
    DataSet.Split split = data.split(TRAIN_FRACTION, SEED);
    Standardizer standardizer = Standardizer.fit(split.train().X());
    DataSet train = standardizer.apply(split.train());
    DataSet test = standardizer.apply(split.test());

    DigitZeroDetectorModel model = DigitZeroDetectorModel.create(SEED);
    TrainingReport report = model.fit(train.X(), train.Y(), TRAINING);
    ConfusionMatrix confusion = Metrics.confusion(model.predict(test.X()), test.Y(), CLASSES);
    return new Result(train.examples(), report, confusion);
  }

  public static void main(String[] args) throws IOException {
    System.out.print(DigitZeroDetectorModel.create(SEED).summary());
    Result result = train();
    ConfusionMatrix c = result.confusion();
    System.out.printf(
        Locale.ROOT,
        "%d images of 8x8 pixels, zero against the rest: %d to train, %d to test (seed %d)%n",
        result.trainExamples() + c.total(),
        result.trainExamples(),
        c.total(),
        SEED);
    System.out.println("Training: " + TRAINING);
    System.out.println("Trained: " + result.report());
    System.out.printf(Locale.ROOT, "Test accuracy: %.2f%%%n", 100 * result.accuracy());
    System.out.printf(
        Locale.ROOT,
        "zero: precision %.2f%%, recall %.2f%%, F1 %.4f%n",
        100 * c.precision(1),
        100 * c.recall(1),
        result.f1());
    System.out.print(c);
  }
}
