package dev.netc.samples;

import dev.netc.data.DataSet;
import dev.netc.data.LabelEncoding;
import dev.netc.data.Standardizer;
import dev.netc.runtime.ConfusionMatrix;
import dev.netc.runtime.Metrics;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingReport;
import java.io.IOException;
import java.util.Locale;

/**
 * Logistic regression ({@link BreastCancerClassifier}) on the Breast Cancer Wisconsin (Diagnostic)
 * data: is a tumour malignant, from 30 measurements of its cell nuclei?
 *
 * <p>569 tumours are split 80/20 (seeded); the features are standardised with the mean and
 * standard deviation of the training split only, so nothing of the test split leaks into
 * training. Full-batch gradient descent, as in the course. Prints the test accuracy, precision,
 * recall and F1 of "malignant" and the confusion matrix.
 */
public final class BreastCancer {
  /** Seed of the train/test split and of the initial weights. */
  static final long SEED = 1;

  /** The fraction of the tumours used for training; the rest is the test set. */
  static final double TRAIN_FRACTION = 0.8;

  /** Full-batch gradient descent: the cost is convex, so plain descent converges. */
  static final Training TRAINING = Training.gradientDescent(0.1).iterations(1_000);

  private BreastCancer() {}

  /**
   * The trained classifier's scores on the test split.
   *
   * @param trainExamples the number of tumours trained on
   * @param report how training went
   * @param confusion test counts; class 1 is "malignant"
   */
  record Result(int trainExamples, TrainingReport report, ConfusionMatrix confusion) {
    /** The fraction of test tumours classified right. */
    double accuracy() {
      return confusion.accuracy();
    }

    /** F1 of "malignant". */
    double f1() {
      return confusion.f1(1);
    }
  }

  /** Loads the data, trains {@link BreastCancerClassifier} and scores it on the test split. */
  static Result train() throws IOException {
    DataSet data =
        SampleData.read(
            "breast_cancer.csv", "diagnosis", LabelEncoding.binary("benign", "malignant"));
    DataSet.Split split = data.split(TRAIN_FRACTION, SEED);
    Standardizer standardizer = Standardizer.fit(split.train().X());
    DataSet train = standardizer.apply(split.train());
    DataSet test = standardizer.apply(split.test());

    BreastCancerClassifierModel model = BreastCancerClassifierModel.create(SEED);
    TrainingReport report = model.fit(train.X(), train.Y(), TRAINING);
    ConfusionMatrix confusion =
        Metrics.confusion(model.predict(test.X()), test.Y(), test.classes());
    return new Result(train.examples(), report, confusion);
  }

  public static void main(String[] args) throws IOException {
    System.out.print(BreastCancerClassifierModel.create(SEED).summary());
    Result result = train();
    ConfusionMatrix c = result.confusion();
    System.out.printf(
        Locale.ROOT,
        "%d tumours, 30 features: %d to train, %d to test (%.0f/%.0f split, seed %d),"
            + " standardised on the training split%n",
        result.trainExamples() + c.total(),
        result.trainExamples(),
        c.total(),
        100 * TRAIN_FRACTION,
        100 * (1 - TRAIN_FRACTION),
        SEED);
    System.out.println("Training: " + TRAINING);
    System.out.println("Trained: " + result.report());
    System.out.printf(Locale.ROOT, "Test accuracy: %.2f%%%n", 100 * result.accuracy());
    System.out.printf(
        Locale.ROOT,
        "malignant: precision %.2f%%, recall %.2f%%, F1 %.4f%n",
        100 * c.precision(1),
        100 * c.recall(1),
        result.f1());
    System.out.print(c);
  }
}
