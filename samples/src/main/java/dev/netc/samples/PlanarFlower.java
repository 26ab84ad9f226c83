package dev.netc.samples;

import dev.netc.runtime.Blas;
import dev.netc.runtime.Model;
import dev.netc.runtime.Predictions;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingListener;
import dev.netc.runtime.TrainingProgress;
import dev.netc.runtime.TrainingReport;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The course's planar data classification, end to end: logistic regression cannot separate the
 * two petals of the flower; a network with one hidden layer of 4 tanh units can.
 *
 * <p>Run it with {@code mvn -pl samples exec:java}. It prints the network's architecture, the
 * native BLAS it runs on, the cost every 1,000 iterations as the notes do, the training time and
 * the training accuracy of both models.
 */
public final class PlanarFlower {
  /** Seed of the initial weights: the same seed gives the same run on every machine. */
  static final long SEED = 2;

  /** The notes' training: full-batch gradient descent, learning rate 1.2, 10,000 iterations. */
  static final Training TRAINING = Training.gradientDescent(1.2).iterations(10_000);

  /** How often the cost is printed, as in the notes. */
  static final int PRINT_EVERY = 1_000;

  private PlanarFlower() {}

  /** One trained model and how it did on the training set. */
  record Result(String name, Model model, TrainingReport report, double accuracy) {}

  public static void main(String[] args) {
    PlanarData data = PlanarData.load();
    System.out.println("The planar flower: " + data.examples() + " points, 2 classes");
    // Which native library the generated gemm calls run on, and where it was loaded from.
    System.out.println(Blas.backend());
    System.out.println();

    PlanarClassifierModel network = PlanarClassifierModel.create(SEED);
    System.out.print(network.summary());
    Result trainedNetwork = train("network", network, data, PlanarFlower::printCost);
    report(trainedNetwork);

    PlanarLogisticRegressionModel logistic = PlanarLogisticRegressionModel.create(SEED);
    System.out.print(logistic.summary());
    Result trainedLogistic = train("logistic regression", logistic, data, PlanarFlower::printCost);
    report(trainedLogistic);

    printComparison(trainedLogistic, trainedNetwork);
  }

  /**
   * Trains {@code model} on the planar data with {@link #TRAINING}, telling {@code progress} (if
   * not null) the cost every {@link #PRINT_EVERY} iterations, and measures its training accuracy.
   */
  static Result train(String name, Model model, PlanarData data, TrainingListener progress) {
    Training training = progress == null ? TRAINING : TRAINING.every(PRINT_EVERY, progress);
    TrainingReport report = model.fit(data.X(), data.Y(), training);
    double accuracy = Predictions.accuracy(model.predict(data.X()), data.Y());
    return new Result(name, model, report, accuracy);
  }

  private static void printCost(TrainingProgress progress) {
    System.out.printf(
        Locale.ROOT, "Cost after iteration %d: %f%n", progress.epoch(), progress.cost());
  }

  private static void report(Result result) {
    System.out.printf(
        Locale.ROOT,
        "Trained in %.3f s (%d iterations); final cost %f%n",
        result.report().elapsed().toNanos() / 1e9,
        result.report().iterations(),
        result.report().finalCost());
    System.out.printf(
        Locale.ROOT, "Accuracy: %.2f%% (%s)%n%n", 100 * result.accuracy(), result.name());
  }

  /** The notes' closing comparison: what the hidden layer buys. */
  private static void printComparison(Result... results) {
    String format = "%-20s  %-8s  %10s  %10s  %8s%n";
    System.out.printf(
        Locale.ROOT, format, "model", "layers", "parameters", "final cost", "accuracy");
    for (Result r : results) {
      int[] n = r.model().layerSizes();
      System.out.printf(
          Locale.ROOT,
          format,
          r.name(),
          Arrays.stream(n).mapToObj(Integer::toString).collect(Collectors.joining("-")),
          parameterCount(n),
          String.format(Locale.ROOT, "%.6f", r.report().finalCost()),
          String.format(Locale.ROOT, "%.2f%%", 100 * r.accuracy()));
    }
  }

  /** {@code sum over l of n[l] * n[l-1] + n[l]}: the entries of every W[l] and b[l]. */
  private static long parameterCount(int[] n) {
    long count = 0;
    for (int l = 1; l < n.length; l++) {
      count += (long) n[l] * n[l - 1] + n[l];
    }
    return count;
  }
}
