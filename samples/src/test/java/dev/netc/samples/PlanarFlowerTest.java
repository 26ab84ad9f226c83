package dev.netc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netc.runtime.Parameters;
import dev.netc.runtime.TrainingReport;
import dev.netc.runtime.internal.Predictions;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample's claims: the hidden layer separates the petals, logistic regression cannot. */
final class PlanarFlowerTest {
  private static PlanarData data;

  @BeforeAll
  static void load() {
    data = PlanarData.load();
  }

  @Test
  void theNetworkSeparatesThePetals() {
    List<Double> printed = new ArrayList<>();
    PlanarFlower.Result network =
        PlanarFlower.train(
            "network",
            PlanarClassifierModel.create(PlanarFlower.SEED),
            data,
            progress -> printed.add(progress.cost()));

    assertTrue(network.accuracy() >= 0.85, "network accuracy " + network.accuracy());
    TrainingReport report = network.report();
    assertEquals(10_000, report.iterations());
    // The listener hears the cost at iterations 0, 1000, ..., 9000, as the notes print it.
    assertEquals(10, printed.size());
    assertCostDecreases(report, 0.30);
    assertTrue(report.finalCost() < report.costs()[5], "no progress in the second half");
  }

  @Test
  void logisticRegressionCannot() {
    PlanarFlower.Result logistic =
        PlanarFlower.train(
            "logistic regression",
            PlanarLogisticRegressionModel.create(PlanarFlower.SEED),
            data,
            null);

    assertTrue(logistic.accuracy() <= 0.65, "logistic regression accuracy " + logistic.accuracy());
    assertCostDecreases(logistic.report(), 0.68);
    // It converges within the first 1,000 iterations: to the best straight line, which is poor.
    double[] costs = logistic.report().costs();
    assertEquals(costs[costs.length - 1], logistic.report().finalCost(), 1e-9);
  }

  @Test
  void writesTheThreePlots(@TempDir Path directory) throws Exception {
    PlanarFlower.Result network =
        PlanarFlower.train(
            "network", PlanarClassifierModel.create(PlanarFlower.SEED), data, null);
    PlanarFlower.Result logistic =
        PlanarFlower.train(
            "logistic regression",
            PlanarLogisticRegressionModel.create(PlanarFlower.SEED),
            data,
            null);
    // Into a directory that does not exist yet, as target/plots on a fresh checkout.
    Path plots = directory.resolve("plots");

    List<Path> written = PlanarFlower.writePlots(network, logistic, data, plots);

    assertEquals(
        List.of(
            plots.resolve("planar-cost.png"),
            plots.resolve("planar-boundary.png"),
            plots.resolve("planar-logistic-boundary.png")),
        written);
    for (Path png : written) {
      BufferedImage image = ImageIO.read(png.toFile());
      assertNotNull(image, png + " is not an image ImageIO can read");
      assertTrue(image.getWidth() >= 400 && image.getHeight() >= 300, png + " is too small");
    }
  }

  @Test
  void plotsGoWhereThePropertySays() {
    String old = System.getProperty(PlanarFlower.PLOTS_PROPERTY);
    try {
      System.clearProperty(PlanarFlower.PLOTS_PROPERTY);
      assertEquals(Path.of("target", "plots"), PlanarFlower.plotDirectory());
      System.setProperty(PlanarFlower.PLOTS_PROPERTY, "/tmp/elsewhere");
      assertEquals(Path.of("/tmp/elsewhere"), PlanarFlower.plotDirectory());
    } finally {
      if (old == null) {
        System.clearProperty(PlanarFlower.PLOTS_PROPERTY);
      } else {
        System.setProperty(PlanarFlower.PLOTS_PROPERTY, old);
      }
    }
  }

  /**
   * With the notes' own initialisation ({@code np.random.seed(2)}, {@code W1 = randn(4, 2) *
   * 0.01}, {@code W2 = randn(1, 4) * 0.01}, zero biases) the generated model retraces the notes'
   * NumPy run: the costs below are what their {@code nn_model(X, Y, 4, 10000)} prints (NumPy
   * 2.4.6, full precision). Up to iteration 7,500 the two runs agree to a few ulps, which means
   * every forward, backward and update step computes what the reference implementation computes.
   * Between 7,500 and 7,900 the cost jumps up (a learning rate of 1.2 is at the edge of stability
   * there) and that jump amplifies last-bit differences (summation order, tanh) to about 3e-5,
   * in NumPy as much as here; so the last two costs are compared loosely.
   */
  @Test
  void retracesTheNotesNumpyRun() {
    PlanarClassifierModel model = PlanarClassifierModel.create(0);
    Parameters p = model.parameters();
    NumpyRandom random = new NumpyRandom(2);
    // numpy fills randn(rows, columns) row by row; DoubleMatrix stores columns.
    fillRowMajor(p.W(1), random, 0.01);
    p.b(1).fill(0.0);
    fillRowMajor(p.W(2), random, 0.01);
    p.b(2).fill(0.0);

    TrainingReport report =
        model.fit(data.X(), data.Y(), PlanarFlower.TRAINING.recordEvery(PlanarFlower.PRINT_EVERY));

    double[] notes = {
      0.6930480201239823, 0.28808329356901846, 0.2543854940732458, 0.23386415038952213,
      0.22679248744854014, 0.22264427549299018, 0.21973140404281324, 0.21750365405131297,
      0.21946506327465112, 0.21856040081157585
    };
    double[] costs = report.costs();
    assertEquals(notes.length, costs.length);
    for (int i = 0; i < notes.length; i++) {
      double tolerance = i <= 7 ? 1e-14 : 1e-4;
      assertEquals(notes[i], costs[i], tolerance, "cost after iteration " + 1000 * i);
    }
    // NumPy's run ends at 90.75%.
    assertEquals(0.9075, Predictions.accuracy(model.predict(data.X()), data.Y()), 0.0051);
  }

  private static void fillRowMajor(DoubleMatrix W, NumpyRandom random, double scale) {
    for (int i = 0; i < W.rows; i++) {
      for (int j = 0; j < W.columns; j++) {
        W.put(i, j, random.randn() * scale);
      }
    }
  }

  /**
   * The cost starts at ln 2 (the untrained guess, 0.5 everywhere), never rises above that and ends
   * below {@code below}.
   */
  private static void assertCostDecreases(TrainingReport report, double below) {
    double[] costs = report.costs();
    assertTrue(costs.length > 1, "costs recorded: " + costs.length);
    assertEquals(Math.log(2), costs[0], 1e-3);
    for (double cost : costs) {
      assertTrue(cost <= costs[0], "cost " + cost + " above the start " + costs[0]);
    }
    assertTrue(report.finalCost() < below, "final cost " + report.finalCost());
  }
}
