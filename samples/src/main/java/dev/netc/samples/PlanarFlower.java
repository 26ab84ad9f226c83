package dev.netc.samples;

import dev.netc.plots.Plots;
import dev.netc.runtime.Model;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingListener;
import dev.netc.runtime.TrainingProgress;
import dev.netc.runtime.TrainingReport;
import dev.netc.runtime.internal.Blas;
import dev.netc.runtime.internal.Predictions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The course's planar data classification, end to end: logistic regression cannot separate the
 * two petals of the flower; a network with one hidden layer of 4 tanh units can.
 *
 * <p>Run it alone with {@code mvn -q -DskipTests -Dsample=planar package}. It prints the
 * network's architecture, the native BLAS it runs on, the cost every 1,000 iterations as the notes
 * do, the training time and the training accuracy of both models, and writes three PNG files (see
 * {@code writePlots}) to the directory named by the system property {@value #PLOTS_PROPERTY}
 * (default {@code target/plots}, relative to the working directory).
 */
public final class PlanarFlower {
  /** Seed of the initial weights: the same seed gives the same run on every machine. */
  static final long SEED = 2;

  /** The notes' training: full-batch gradient descent, learning rate 1.2, 10,000 iterations. */
  static final Training TRAINING = Training.gradientDescent(1.2).iterations(10_000);

  /** How often the cost is printed, as in the notes. */
  static final int PRINT_EVERY = 1_000;

  /** The system property naming the directory the plots are written to. */
  public static final String PLOTS_PROPERTY = "netc.plots";

  /** The cost curve of the network's training. */
  static final String COST_PNG = "planar-cost.png";

  /** The network's decision regions over the 400 points. */
  static final String BOUNDARY_PNG = "planar-boundary.png";

  /** Logistic regression's decision regions over the 400 points: a straight line. */
  static final String LOGISTIC_BOUNDARY_PNG = "planar-logistic-boundary.png";

  private PlanarFlower() {}

  /** One trained model and how it did on the training set. */
  record Result(String name, Model model, TrainingReport report, double accuracy) {}

  public static void main(String[] args) throws IOException {
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

    Path directory = plotDirectory();
    List<Path> written = writePlots(trainedNetwork, trainedLogistic, data, directory);
    System.out.println();
    System.out.println("Plots written to " + directory.toAbsolutePath().normalize() + ":");
    for (Path png : written) {
      System.out.println("  " + png.getFileName());
    }
  }

  /** The value of {@value #PLOTS_PROPERTY}, else {@code target/plots}. */
  static Path plotDirectory() {
    return Path.of(System.getProperty(PLOTS_PROPERTY, "target/plots"));
  }

  /**
   * Writes {@value #COST_PNG} (the network's cost curve), {@value #BOUNDARY_PNG} (its decision
   * regions over the data) and {@value #LOGISTIC_BOUNDARY_PNG} (those of logistic regression) into
   * {@code directory}, creating it if needed.
   *
   * @return the files written, in that order
   * @throws IOException if a file cannot be written
   */
  static List<Path> writePlots(Result network, Result logistic, PlanarData data, Path directory)
      throws IOException {
    Path cost = directory.resolve(COST_PNG);
    Path boundary = directory.resolve(BOUNDARY_PNG);
    Path logisticBoundary = directory.resolve(LOGISTIC_BOUNDARY_PNG);
    Plots.costCurve(network.report(), cost);
    Plots.decisionBoundary(network.model(), data.X(), data.Y(), boundary);
    Plots.decisionBoundary(logistic.model(), data.X(), data.Y(), logisticBoundary);
    return List.of(cost, boundary, logisticBoundary);
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
