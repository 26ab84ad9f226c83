package dev.netc.samples;

import dev.netc.data.DataSet;
import dev.netc.data.LabelEncoding;
import dev.netc.data.Standardizer;
import dev.netc.runtime.Metrics;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingReport;
import java.io.IOException;
import java.util.Locale;
import org.jblas.DoubleMatrix;

/**
 * Regression ({@link DiabetesRegressor}) on the diabetes data of Efron et al.: disease progression
 * one year after baseline from age, sex, body mass index, blood pressure and six blood serum
 * measurements.
 *
 * <p>442 patients are split 80/20 into training and test (seeded), a fifth of the training part
 * held out again for early stopping. Both the features and the target are standardised on the
 * remaining training patients: a target around 152 +- 77 would make the initial squared errors,
 * and so the first gradients, thousands of times larger than those of the scaled problem. The
 * predictions are scaled back, so R^2 and the root mean squared error are in the original units.
 */
public final class Diabetes {
  /** Seed of both splits, the initial weights and the mini-batch shuffling. */
  static final long SEED = 1;

  /** The fraction of the patients used for training and validation; the rest is the test set. */
  static final double TRAIN_FRACTION = 0.8;

  /** The fraction of that part trained on; the rest is the validation set. */
  static final double FIT_FRACTION = 0.8;

  private Diabetes() {}

  /**
   * The trained regressor's scores on the test split, in the target's own units.
   *
   * @param trainExamples the number of patients trained on
   * @param validationExamples the number of patients early stopping watched
   * @param testExamples the number of patients scored
   * @param training how it was trained
   * @param report how training went (costs of the standardised target)
   * @param r2 the coefficient of determination on the test split
   * @param rootMeanSquaredError {@code sqrt((1/m) sum (a - y)^2)} on the test split
   */
  record Result(
      int trainExamples,
      int validationExamples,
      int testExamples,
      Training training,
      TrainingReport report,
      double r2,
      double rootMeanSquaredError) {}

  /** The training: Adam, mini-batches of 32, L2 1, at most 300 epochs, early stopping. */
  static Training training(DoubleMatrix Xval, DoubleMatrix Yval) {
    return Training.adam(0.001)
        .epochs(300)
        .miniBatches(32)
        .seed(SEED)
        .l2(1.0)
        .validation(Xval, Yval)
        .earlyStopping(20, 1e-4);
  }

  /** Loads the data, trains {@link DiabetesRegressor} and scores it on the test split. */
  static Result train() throws IOException {
    DataSet data = SampleData.read("diabetes.csv", "progression", LabelEncoding.numeric());
    DataSet.Split split = data.split(TRAIN_FRACTION, SEED);
    DataSet.Split holdOut = split.train().split(FIT_FRACTION, SEED);
    DataSet train = holdOut.train();
    DataSet validation = holdOut.test();
    DataSet test = split.test();
    Standardizer x = Standardizer.fit(train.X());
    Standardizer y = Standardizer.fit(train.Y());

    DiabetesRegressorModel model = DiabetesRegressorModel.create(SEED);
    Training training = training(x.apply(validation.X()), y.apply(validation.Y()));
    TrainingReport report = model.fit(x.apply(train.X()), y.apply(train.Y()), training);

    // Back to the original units: a * std + mean.
    DoubleMatrix predicted =
        model.predict(x.apply(test.X())).muli(y.std().get(0)).addi(y.mean().get(0));
    double r2 = Metrics.r2(predicted, test.Y());
    double rmse = Math.sqrt(Metrics.meanSquaredError(predicted, test.Y()));
    return new Result(
        train.examples(),
        validation.examples(),
        test.examples(),
        training,
        report,
        r2,
        rmse);
  }

  public static void main(String[] args) throws IOException {
    System.out.print(DiabetesRegressorModel.create(SEED).summary());
    Result result = train();
    System.out.printf(
        Locale.ROOT,
        "%d patients, 10 features: %d to train, %d to validate, %d to test (seed %d);"
            + " X and y standardised on the training patients%n",
        result.trainExamples() + result.validationExamples() + result.testExamples(),
        result.trainExamples(),
        result.validationExamples(),
        result.testExamples(),
        SEED);
    System.out.println("Training: " + result.training());
    System.out.println("Trained: " + result.report());
    System.out.printf(
        Locale.ROOT,
        "Test R^2: %.4f; root mean squared error: %.2f (progression ranges 25..346)%n",
        result.r2(),
        result.rootMeanSquaredError());
  }
}
