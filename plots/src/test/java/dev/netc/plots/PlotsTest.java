package dev.netc.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netc.runtime.Gradients;
import dev.netc.runtime.Model;
import dev.netc.runtime.Parameters;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingReport;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

  @TempDir Path dir;

  // ---------------------------------------------------------------- environment

  @Test
  void testsRunHeadless() {
    // The pom runs these tests with -Djava.awt.headless=true, as a display-less CI machine would.
    assertTrue(GraphicsEnvironment.isHeadless());
  }

  // ---------------------------------------------------------------- cost curve

  private static TrainingReport report(int points, int step) {
    double[] costs = new double[points];
    int[] iterations = new int[points];
    for (int i = 0; i < points; i++) {
      iterations[i] = i * step;
      costs[i] = 0.25 + 0.45 * Math.exp(-i / 3.0);
    }
    return new TrainingReport(0.2618, costs, iterations, new double[0], points * step,
        points * step, -1, false, Duration.ofMillis(412));
  }

  @Test
  void costCurveWithValidationDrawsBothCurves() throws IOException {
    double[] costs = {0.7, 0.5, 0.4, 0.35};
    double[] validation = {0.72, 0.55, 0.5, 0.52};
    TrainingReport report = new TrainingReport(0.3, costs, new int[] {0, 5, 10, 15}, validation,
        20, 140, 10, true, Duration.ofMillis(40));
    Path png = dir.resolve("validation.png");
    Plots.costCurve(report, png);
    BufferedImage image = ImageIO.read(png.toFile());
    int second = Plots.classColor(1, 2).getRGB() & 0xffffff;
    assertTrue(count(image, second) > 100, "pixels of the validation curve: " + count(image, second));
  }

  @Test
  void costCurveWritesAReadablePngOfTheRightSizeCreatingDirectories() throws IOException {
    Path png = dir.resolve("a/b/cost.png");
    Plots.costCurve(report(11, 100), png);

    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(Plots.COST_WIDTH, image.getWidth());
    assertEquals(Plots.COST_HEIGHT, image.getHeight());
    // The curve is drawn in the first palette colour; a blank chart would have none of it.
    int line = Plots.classColor(0, 2).getRGB() & 0xffffff;
    assertTrue(count(image, line) > 200, "pixels of the curve: " + count(image, line));
    assertEquals(List.of(png), files(png.getParent()), "no temporary file left behind");
  }

  @Test
  void costCurveOfASinglePointAndOfManyPoints() throws IOException {
    Path one = dir.resolve("one.png");
    Plots.costCurve(report(1, 100), one);
    assertEquals(Plots.COST_WIDTH, ImageIO.read(one.toFile()).getWidth());
    Path many = dir.resolve("many.png");
    Plots.costCurve(report(500, 10), many);
    assertEquals(Plots.COST_HEIGHT, ImageIO.read(many.toFile()).getHeight());
  }

  @Test
  void costCurveReplacesAnOlderFile() throws IOException {
    Path png = dir.resolve("cost.png");
    Files.writeString(png, "not a png");
    Plots.costCurve(report(11, 100), png);
    assertTrue(ImageIO.read(png.toFile()) != null);
    assertEquals(List.of(png), files(dir));
  }

  @Test
  void costCurveRefusesAReportWithoutCostsOrWithANonFiniteCost() throws IOException {
    TrainingReport empty =
        new TrainingReport(0.5, new double[0], new int[0], new double[0], 0, 0, -1, false,
            Duration.ZERO);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Plots.costCurve(empty, dir.resolve("empty.png")));
    assertEquals(
        "costCurve: the report must record at least one cost, got none; nothing to plot",
        e.getMessage());

    TrainingReport nan =
        new TrainingReport(
            0.5, new double[] {0.7, Double.NaN}, new int[] {0, 100}, new double[0], 200, 200, -1,
            false, Duration.ZERO);
    e =
        assertThrows(
            IllegalArgumentException.class, () -> Plots.costCurve(nan, dir.resolve("nan.png")));
    assertEquals(
        "costCurve: cost 1 (iteration 100) is NaN; every recorded cost must be finite",
        e.getMessage());
    assertEquals(List.of(), files(dir), "nothing written");
  }

  @Test
  void aFailedWriteNamesThePathAndLeavesNoTemporaryFile() throws IOException {
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "a file where a directory should be");
    Path png = blocker.resolve("cost.png");
    IOException e = assertThrows(IOException.class, () -> Plots.costCurve(report(3, 1), png));
    assertTrue(e.getMessage().startsWith(png + ": cannot write the PNG"), e.getMessage());

    Path directory = Files.createDirectory(dir.resolve("taken.png"));
    e = assertThrows(IOException.class, () -> Plots.costCurve(report(3, 1), directory));
    assertTrue(e.getMessage().startsWith(directory.toString()), e.getMessage());
    assertEquals(List.of(blocker, directory), files(dir));
  }

  // ---------------------------------------------------------------- decision boundary

  /** A fixed rule standing in for a trained network; counts its predict calls. */
  private static final class RuleModel implements Model {
    private final int[] sizes;
    private final UnaryOperator<DoubleMatrix> rule;
    final List<String> calls = new ArrayList<>();

    RuleModel(int[] sizes, UnaryOperator<DoubleMatrix> rule) {
      this.sizes = sizes;
      this.rule = rule;
    }

    @Override
    public int[] layerSizes() {
      return sizes.clone();
    }

    @Override
    public DoubleMatrix predict(DoubleMatrix X) {
      calls.add(X.rows + "x" + X.columns);
      return rule.apply(X);
    }

    @Override
    public DoubleMatrix forward(DoubleMatrix X) {
      throw new UnsupportedOperationException();
    }

    @Override
    public double[] forward(double[] x) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void forward(double[] x, double[] out) {
      throw new UnsupportedOperationException();
    }

    @Override
    public double[] predict(double[] x) {
      throw new UnsupportedOperationException();
    }

    @Override
    public double cost(DoubleMatrix X, DoubleMatrix Y) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Gradients gradients(DoubleMatrix X, DoubleMatrix Y) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Parameters parameters() {
      throw new UnsupportedOperationException();
    }

    @Override
    public TrainingReport fit(DoubleMatrix X, DoubleMatrix Y, Training training) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void save(Path file) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String summary() {
      throw new UnsupportedOperationException();
    }
  }

  /** 1 where row {@code row} of X is positive, else 0: a 1xm binary prediction. */
  private static RuleModel positive(int row) {
    return new RuleModel(
        new int[] {2, 3, 1},
        X -> {
          DoubleMatrix P = new DoubleMatrix(1, X.columns);
          for (int j = 0; j < X.columns; j++) {
            P.data[j] = X.get(row, j) > 0 ? 1 : 0;
          }
          return P;
        });
  }

  /** An 11x11 lattice on [-1, 1]^2 avoiding the axes, so the plotted range is symmetric about 0. */
  private static DoubleMatrix lattice() {
    DoubleMatrix X = new DoubleMatrix(2, 121);
    for (int i = 0, c = 0; i < 11; i++) {
      for (int j = 0; j < 11; j++, c++) {
        X.put(0, c, -1 + 0.2 * i + 0.01);
        X.put(1, c, -1 + 0.2 * j + 0.01);
      }
    }
    // Pin the range to exactly [-1, 1] on both axes.
    X.put(0, 0, -1);
    X.put(1, 0, -1);
    X.put(0, 120, 1);
    X.put(1, 120, 1);
    return X;
  }

  /** For each column (byColumn) or row of the image: +1 if tint a dominates, -1 if b, 0 if none. */
  private static int[] dominant(BufferedImage image, int a, int b, boolean byColumn) {
    int n = byColumn ? image.getWidth() : image.getHeight();
    int[] result = new int[n];
    for (int i = 0; i < n; i++) {
      int ca = 0;
      int cb = 0;
      int length = byColumn ? image.getHeight() : image.getWidth();
      for (int k = 0; k < length; k++) {
        int rgb = (byColumn ? image.getRGB(i, k) : image.getRGB(k, i)) & 0xffffff;
        ca += rgb == a ? 1 : 0;
        cb += rgb == b ? 1 : 0;
      }
      result[i] = ca > cb ? 1 : cb > ca ? -1 : 0;
    }
    return result;
  }

  /** Checks tint +1 fills the first half of the tinted span and tint -1 the rest. */
  private static void assertSplitInTheMiddle(int[] dominant, String what) {
    int first = -1;
    int last = -1;
    for (int i = 0; i < dominant.length; i++) {
      if (dominant[i] != 0) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    assertTrue(last - first > 300, what + ": tinted span " + first + ".." + last);
    double middle = (first + last + 1) / 2.0;
    for (int i = first; i <= last; i++) {
      if (i < middle - 3) {
        assertEquals(1, dominant[i], what + ": pixel " + i + " of " + first + ".." + last);
      } else if (i > middle + 3) {
        assertEquals(-1, dominant[i], what + ": pixel " + i + " of " + first + ".." + last);
      }
    }
  }

  @Test
  void theRegionsOfX1PositiveAreLeftClass0AndRightClass1() throws IOException {
    DoubleMatrix X = lattice();
    RuleModel model = positive(0);
    DoubleMatrix Y = positive(0).predict(X);
    Path png = dir.resolve("vertical.png");
    Plots.decisionBoundary(model, X, Y, png);

    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(Plots.BOUNDARY_WIDTH, image.getWidth());
    assertEquals(Plots.BOUNDARY_HEIGHT, image.getHeight());
    int tint0 = Plots.regionColor(0, 2).getRGB() & 0xffffff;
    int tint1 = Plots.regionColor(1, 2).getRGB() & 0xffffff;
    assertSplitInTheMiddle(dominant(image, tint0, tint1, true), "columns");
    // The examples are drawn in the full class colours on top of the tints.
    assertTrue(count(image, Plots.classColor(0, 2).getRGB() & 0xffffff) > 100);
    assertTrue(count(image, Plots.classColor(1, 2).getRGB() & 0xffffff) > 100);
    // One vectorised call: the 200x200 grid and the 121 examples together.
    assertEquals(List.of("2x" + (Plots.GRID * Plots.GRID + 121)), model.calls);
  }

  @Test
  void theRegionsOfX2PositiveAreClass1AboveAndClass0Below() throws IOException {
    DoubleMatrix X = lattice();
    Path png = dir.resolve("horizontal.png");
    Plots.decisionBoundary(positive(1), X, positive(1).predict(X), png);

    BufferedImage image = ImageIO.read(png.toFile());
    int tint0 = Plots.regionColor(0, 2).getRGB() & 0xffffff;
    int tint1 = Plots.regionColor(1, 2).getRGB() & 0xffffff;
    // Screen rows grow downwards: class 1 (x2 > 0) must be the upper half.
    assertSplitInTheMiddle(dominant(image, tint1, tint0, false), "rows");
  }

  @Test
  void aOneHotModelGetsOneRegionPerClassInArgMaxOrder() throws IOException {
    // Three vertical bands: x1 < -1/3, between, > 1/3; one-hot 3xm.
    RuleModel model =
        new RuleModel(
            new int[] {2, 3},
            X -> {
              DoubleMatrix P = new DoubleMatrix(3, X.columns);
              for (int j = 0; j < X.columns; j++) {
                double x = X.get(0, j);
                P.put(x < -1.0 / 3 ? 0 : x < 1.0 / 3 ? 1 : 2, j, 1);
              }
              return P;
            });
    DoubleMatrix X = lattice();
    Path png = dir.resolve("three.png");
    Plots.decisionBoundary(model, X, model.predict(X), png);

    BufferedImage image = ImageIO.read(png.toFile());
    int[] tints = new int[3];
    for (int c = 0; c < 3; c++) {
      tints[c] = Plots.regionColor(c, 3).getRGB() & 0xffffff;
    }
    // Along the middle row of the image, the tints appear left to right as 0, 1, 2.
    List<Integer> order = new ArrayList<>();
    int y = image.getHeight() / 2;
    for (int x = 0; x < image.getWidth(); x++) {
      int rgb = image.getRGB(x, y) & 0xffffff;
      for (int c = 0; c < 3; c++) {
        if (rgb == tints[c] && (order.isEmpty() || order.get(order.size() - 1) != c)) {
          order.add(c);
        }
      }
    }
    assertEquals(List.of(0, 1, 2), order);
  }

  @Test
  void classColoursDifferAndTintsAreLight() {
    for (int classes : new int[] {2, 10, 12}) {
      for (int c = 0; c < classes; c++) {
        for (int d = 0; d < c; d++) {
          assertNotEquals(Plots.classColor(c, classes), Plots.classColor(d, classes));
          assertNotEquals(Plots.regionColor(c, classes), Plots.regionColor(d, classes));
        }
        java.awt.Color t = Plots.regionColor(c, classes);
        assertTrue(t.getRed() + t.getGreen() + t.getBlue() > 3 * 190, "tint " + t);
      }
    }
  }

  @Test
  void badShapesAreRefusedBeforeAnythingIsWritten() throws IOException {
    DoubleMatrix X = lattice();
    DoubleMatrix Y = positive(0).predict(X);
    Path png = dir.resolve("bad.png");

    RuleModel threeInputs = new RuleModel(new int[] {3, 4, 1}, P -> P);
    assertMessage(
        "decisionBoundary: the model must take 2 inputs (n[0] = 2) to be drawn in the plane, but"
            + " its layer sizes are 3 -> 4 -> 1; plot a 2-input model or project the data first",
        () -> Plots.decisionBoundary(threeInputs, X, Y, png));
    assertMessage(
        "decisionBoundary: X must be 2xm (n[0] x m), got 3x121",
        () -> Plots.decisionBoundary(positive(0), new DoubleMatrix(3, 121), Y, png));
    assertMessage(
        "decisionBoundary: X has no columns; m must be at least 1",
        () ->
            Plots.decisionBoundary(
                positive(0), new DoubleMatrix(2, 0), new DoubleMatrix(1, 0), png));
    assertMessage(
        "decisionBoundary: Y must be 1x121 (n[L] x m), got 2x121",
        () -> Plots.decisionBoundary(positive(0), X, new DoubleMatrix(2, 121), png));
    assertMessage(
        "decisionBoundary: Y must be 1x121 (n[L] x m), got 1x120",
        () -> Plots.decisionBoundary(positive(0), X, new DoubleMatrix(1, 120), png));
    DoubleMatrix nan = X.dup();
    nan.put(1, 16, Double.NaN);
    assertMessage(
        "decisionBoundary: X(1, 16) is NaN; every entry of X must be finite",
        () -> Plots.decisionBoundary(positive(0), nan, Y, png));
    assertFalse(Files.exists(png));
  }

  @Test
  void aSinglePointStillGetsAWindow() throws IOException {
    DoubleMatrix X = new DoubleMatrix(2, 1, 0.5, 0.5);
    Path png = dir.resolve("single.png");
    Plots.decisionBoundary(positive(0), X, new DoubleMatrix(1, 1, 1.0), png);
    BufferedImage image = ImageIO.read(png.toFile());
    // The window is [-0.5, 1.5] in x1, so both classes have a region.
    assertTrue(count(image, Plots.regionColor(0, 2).getRGB() & 0xffffff) > 1000);
    assertTrue(count(image, Plots.regionColor(1, 2).getRGB() & 0xffffff) > 1000);
  }

  // ---------------------------------------------------------------- helpers

  private interface Call {
    void run() throws Exception;
  }

  private static void assertMessage(String expected, Call call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertEquals(expected, e.getMessage());
  }

  private static int count(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        n += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
      }
    }
    return n;
  }

  private static List<Path> files(Path directory) throws IOException {
    try (Stream<Path> s = Files.list(directory)) {
      return s.sorted().toList();
    }
  }

  @Test
  void theCostTitleSaysWhichEpochsParametersEarlyStoppingKept() {
    double[] costs = {0.9, 0.5, 0.4};
    int[] at = {0, 10, 20};
    TrainingReport plain = new TrainingReport(0.3512, costs, at, new double[0], 25, 25, -1, false,
        java.time.Duration.ZERO);
    assertEquals("final cost 0.351200 after 25 iterations", Plots.costTitle(plain, "iteration"));
    TrainingReport stopped = new TrainingReport(0.0532, costs, at, new double[0], 98, 980, 77,
        true, java.time.Duration.ZERO);
    assertEquals(
        "final cost 0.0532000 (epoch 77's parameters, kept by early stopping that stopped the run"
            + " after 98 epochs)",
        Plots.costTitle(stopped, "epoch"));
    TrainingReport ranOut = new TrainingReport(0.0532, costs, at, new double[0], 25, 250, 21,
        false, java.time.Duration.ZERO);
    assertEquals(
        "final cost 0.0532000 (epoch 21's parameters, kept by early stopping over all 25 epochs)",
        Plots.costTitle(ranOut, "epoch"));
  }
}
