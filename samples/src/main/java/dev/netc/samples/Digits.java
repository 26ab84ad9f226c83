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
 * Softmax over the ten digits ({@link DigitClassifier}) on the 8x8 handwritten digits.
 *
 * <p>1797 images are split 80/20 into training and test (seeded), and a fifth of the training part
 * is held out again as the validation set that early stopping watches: training stops when the
 * validation cost has not improved for {@link #PATIENCE} epochs, and the best epoch's parameters
 * are kept. The pixels are standardised on the remaining training images only. Adam on shuffled
 * mini-batches of 32 with L2 regularisation.
 */
public final class Digits {
  /** Seed of both splits, the initial weights and the mini-batch shuffling. */
  static final long SEED = 1;

  /** The fraction of the images used for training and validation; the rest is the test set. */
  static final double TRAIN_FRACTION = 0.8;

  /** The fraction of that part trained on; the rest is the validation set. */
  static final double FIT_FRACTION = 0.8;

  /** Epochs without a better validation cost before training stops. */
  static final int PATIENCE = 20;

  private Digits() {}

  /**
   * The trained classifier's scores on the test split.
   *
   * @param trainExamples the number of images trained on
   * @param validationExamples the number of images early stopping watched
   * @param training how it was trained
   * @param report how training went
   * @param confusion test counts by digit
   */
  record Result(
      int trainExamples,
      int validationExamples,
      Training training,
      TrainingReport report,
      ConfusionMatrix confusion) {
    /** The fraction of test images classified right. */
    double accuracy() {
      return confusion.accuracy();
    }
  }

  /**
   * The standardised digits: the training images, the validation images early stopping watches and
   * the test images, in double precision as {@link DataSet} reads them.
   */
  record Data(DataSet train, DataSet validation, DataSet test) {}

  /**
   * Reads the digits, splits them (seeded) and standardises the pixels with statistics of the
   * training images only.
   */
  static Data load() throws IOException {
    DataSet data = SampleData.read("digits.csv", "digit", LabelEncoding.oneHot());
    DataSet.Split split = data.split(TRAIN_FRACTION, SEED);
    DataSet.Split holdOut = split.train().split(FIT_FRACTION, SEED);
    Standardizer standardizer = Standardizer.fit(holdOut.train().X());
    return new Data(
        standardizer.apply(holdOut.train()),
        standardizer.apply(holdOut.test()),
        standardizer.apply(split.test()));
  }

  /**
   * The training, without its validation set (each precision adds its own): Adam, mini-batches of
   * 32, L2 0.3, at most 200 epochs, early stopping.
   */
  static Training training() {
    return Training.adam(0.001)
        .epochs(200)
        .miniBatches(32)
        .seed(SEED)
        .l2(0.3)
        .earlyStopping(PATIENCE, 1e-4);
  }

  /** Loads the digits, trains {@link DigitClassifier} and scores it on the test split. */
  static Result train() throws IOException {
    Data data = load();
    DataSet train = data.train();
    DataSet validation = data.validation();
    DataSet test = data.test();

    DigitClassifierModel model = DigitClassifierModel.create(SEED);
    Training training = training().validation(validation.X(), validation.Y());
    TrainingReport report = model.fit(train.X(), train.Y(), training);
    ConfusionMatrix confusion =
        Metrics.confusion(model.predict(test.X()), test.Y(), test.classes());
    return new Result(train.examples(), validation.examples(), training, report, confusion);
  }

  public static void main(String[] args) throws IOException {
    System.out.print(DigitClassifierModel.create(SEED).summary());
    print(train());
  }

  /** Prints the split, the training, how it went, the test scores and the confusion matrix. */
  static void print(Result result) {
    ConfusionMatrix c = result.confusion();
    System.out.printf(
        Locale.ROOT,
        "%d images of 8x8 pixels, 10 classes: %d to train, %d to validate, %d to test (seed %d)%n",
        result.trainExamples() + result.validationExamples() + c.total(),
        result.trainExamples(),
        result.validationExamples(),
        c.total(),
        SEED);
    System.out.println("Training: " + result.training());
    System.out.println("Trained: " + result.report());
    System.out.printf(
        Locale.ROOT,
        "Test accuracy: %.2f%% (macro F1 %.4f)%n",
        100 * result.accuracy(),
        c.macroF1());
    System.out.print(c);
  }
}
