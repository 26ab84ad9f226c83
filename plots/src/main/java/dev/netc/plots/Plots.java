package dev.netc.plots;

import dev.netc.runtime.AtomicFiles;
import dev.netc.runtime.Model;
import dev.netc.runtime.TrainingReport;
import java.awt.AWTError;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.jblas.DoubleMatrix;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts of a training run ({@link #costCurve}) and of a two-input classifier's decision
 * regions ({@link #decisionBoundary}). Every method renders off-screen and writes its file
 * atomically; see the package documentation.
 */
public final class Plots {

  static final int COST_WIDTH = 800;
  static final int COST_HEIGHT = 500;
  static final int BOUNDARY_WIDTH = 800;
  static final int BOUNDARY_HEIGHT = 600;

  /** Grid points per axis for the decision regions: {@code GRID * GRID} predictions in one call. */
  static final int GRID = 200;

  /** Space added on every side of the examples' range, as a fraction of that range. */
  static final double MARGIN = 0.1;

  /** How much of the class colour a region gets; the rest is white, so the examples stand out. */
  private static final double TINT = 0.22;

  /** Tableau 10: distinguishable classes, and the colours people know from matplotlib. */
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    new Color(0xbcbd22), new Color(0x17becf)
  };

  private static final Color TRANSPARENT = new Color(0, 0, 0, 0);

  private Plots() {}

  /**
   * Draws the recorded training costs of {@code report} against their iterations (800x500), titled
   * with the final cost (and, with early stopping, the epoch whose parameters were kept), and
   * writes it to {@code png}.
   *
   * @throws IllegalArgumentException if the report records no costs or a recorded cost is not
   *     finite (nothing is written)
   * @throws IOException naming {@code png} if it cannot be written; an older file stays as it was
   */
  public static void costCurve(TrainingReport report, Path png) throws IOException {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(png, "png");
    Curve curve = trainingCurve(report);
    if (curve.y.length == 0) {
      throw new IllegalArgumentException(
          "costCurve: the report must record at least one cost, got none; nothing to plot");
    }
    for (int i = 0; i < curve.y.length; i++) {
      if (!Double.isFinite(curve.y[i])) {
        throw new IllegalArgumentException(
            "costCurve: cost " + i + " (" + curve.unit + " " + (long) curve.x[i] + ") is "
                + curve.y[i] + "; every recorded cost must be finite");
      }
      if (curve.validation.length > 0 && !Double.isFinite(curve.validation[i])) {
        throw new IllegalArgumentException(
            "costCurve: validation cost " + i + " (" + curve.unit + " " + (long) curve.x[i]
                + ") is " + curve.validation[i] + "; every recorded cost must be finite");
      }
    }
    String title = costTitle(report, curve.unit);
    XYChart chart =
        new XYChartBuilder()
            .width(COST_WIDTH)
            .height(COST_HEIGHT)
            .title(title)
            .xAxisTitle(curve.unit)
            .yAxisTitle("cost")
            .build();
    whiteStyle(chart);
    chart.getStyler().setLegendVisible(curve.validation.length > 0);
    // Iteration numbers are counts: 1200, not "1,200".
    chart.getStyler().setXAxisDecimalPattern("#");
    XYSeries series = chart.addSeries("training cost", curve.x, curve.y);
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setLineColor(PALETTE[0]);
    // A handful of points is easier to read as dots; hundreds are a line.
    series.setMarker(curve.y.length <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    series.setMarkerColor(PALETTE[0]);
    if (curve.validation.length > 0) {
      XYSeries validation = chart.addSeries("validation cost", curve.x, curve.validation);
      validation.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      validation.setLineColor(PALETTE[1]);
      validation.setMarker(curve.y.length <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
      validation.setMarkerColor(PALETTE[1]);
    }
    BufferedImage image = new BufferedImage(COST_WIDTH, COST_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(image);
    try {
      chart.paint(g, COST_WIDTH, COST_HEIGHT);
    } finally {
      g.dispose();
    }
    writePng(image, png);
  }

  /**
   * The points of a cost curve, the name of its x axis, and the validation costs at the same
   * points (empty without a validation set).
   */
  private record Curve(String unit, double[] x, double[] y, double[] validation) {}

  /**
   * The one place that knows which of the report's series the cost curve draws. Full-batch runs
   * count iterations, as the course notes do; mini-batch runs count epochs.
   */
  /**
   * The cost plot's title: the final cost (that of the parameters training left) and, with early
   * stopping, whose parameters those are: {@code final cost 0.0532 (epoch 77's parameters, kept by
   * early stopping after 98 epochs)}. Without early stopping: {@code final cost 0.251 after 10000
   * iterations}.
   */
  static String costTitle(TrainingReport report, String unit) {
    if (report.bestEpoch() < 0) {
      return String.format(
          Locale.ROOT, "final cost %.6g after %d %ss", report.finalCost(), report.epochs(), unit);
    }
    return String.format(
        Locale.ROOT,
        "final cost %.6g (%s %d's parameters, kept by early stopping %s %d %ss)",
        report.finalCost(),
        unit,
        report.bestEpoch(),
        report.stoppedEarly() ? "that stopped the run after" : "over all",
        report.epochs(),
        unit);
  }

  private static Curve trainingCurve(TrainingReport report) {
    return new Curve(
        report.iterations() == report.epochs() ? "iteration" : "epoch",
        Arrays.stream(report.recordedEpochs()).asDoubleStream().toArray(),
        report.costs(),
        report.validationCosts());
  }

  /**
   * Draws the decision regions of a two-input classifier with the examples on top (800x600) and
   * writes it to {@code png}.
   *
   * <p>The regions come from one vectorised {@code model.predict} call on a {@code 2 x (g*g + m)}
   * matrix: a {@code g x g} grid ({@code g = }{@value #GRID}) covering the range of {@code X}
   * widened by {@value #MARGIN} of it on every side, followed by the {@code m} examples (whose
   * predictions give the accuracy in the title). A prediction's class is {@code a > 0.5} for a
   * {@code 1 x m} output and the arg-max row for a {@code k x m} one-hot output; the class of an
   * example in {@code Y} the same. Regions are lightly tinted, one colour per class; examples are
   * drawn in the full colour of their class in {@code Y}, so a misclassified example shows as a
   * dot of another colour.
   *
   * @param model a model with {@code layerSizes()[0] == 2}
   * @param X {@code 2 x m}, finite
   * @param Y {@code n[L] x m}: 0/1 labels ({@code 1 x m}) or one-hot columns
   * @throws IllegalArgumentException naming the shapes if the model does not take 2 inputs or X or
   *     Y has the wrong shape, or naming the entry if X is not finite (nothing is written)
   * @throws IOException naming {@code png} if it cannot be written; an older file stays as it was
   */
  public static void decisionBoundary(Model model, DoubleMatrix X, DoubleMatrix Y, Path png)
      throws IOException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(X, "X");
    Objects.requireNonNull(Y, "Y");
    Objects.requireNonNull(png, "png");
    int[] sizes = model.layerSizes();
    String architecture =
        Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining(" -> "));
    if (sizes.length < 2 || sizes[0] != 2) {
      throw new IllegalArgumentException(
          "decisionBoundary: the model must take 2 inputs (n[0] = 2) to be drawn in the plane, "
              + "but its layer sizes are " + architecture
              + "; plot a 2-input model or project the data first");
    }
    int outputs = sizes[sizes.length - 1];
    int m = X.columns;
    if (X.rows != 2) {
      throw new IllegalArgumentException(
          "decisionBoundary: X must be 2xm (n[0] x m), got " + X.rows + "x" + X.columns);
    }
    if (m == 0) {
      throw new IllegalArgumentException(
          "decisionBoundary: X has no columns; m must be at least 1");
    }
    if (Y.rows != outputs || Y.columns != m) {
      throw new IllegalArgumentException(
          "decisionBoundary: Y must be " + outputs + "x" + m + " (n[L] x m), got " + Y.rows + "x"
              + Y.columns);
    }
    for (int i = 0; i < X.data.length; i++) {
      if (!Double.isFinite(X.data[i])) {
        throw new IllegalArgumentException(
            "decisionBoundary: X(" + (i % 2) + ", " + (i / 2) + ") is " + X.data[i]
                + "; every entry of X must be finite");
      }
    }
    int classes = outputs == 1 ? 2 : outputs;

    double[] x1 = X.getRow(0).data;
    double[] x2 = X.getRow(1).data;
    double[] r1 = widened(x1);
    double[] r2 = widened(x2);
    double dx = (r1[1] - r1[0]) / GRID;
    double dy = (r2[1] - r2[0]) / GRID;

    // Column iy * GRID + ix is the centre of image pixel (ix, iy); row iy = 0 is the top (largest
    // x2), as in the image. The examples follow the grid so that one call predicts everything.
    int cells = GRID * GRID;
    DoubleMatrix inputs = new DoubleMatrix(2, cells + m);
    for (int iy = 0, c = 0; iy < GRID; iy++) {
      double y = r2[1] - (iy + 0.5) * dy;
      for (int ix = 0; ix < GRID; ix++, c++) {
        inputs.data[2 * c] = r1[0] + (ix + 0.5) * dx;
        inputs.data[2 * c + 1] = y;
      }
    }
    System.arraycopy(X.data, 0, inputs.data, 2 * cells, 2 * m);
    DoubleMatrix predicted = model.predict(inputs);
    if (predicted.rows != outputs || predicted.columns != inputs.columns) {
      throw new IllegalStateException(
          "decisionBoundary: model.predict must return " + outputs + "x" + inputs.columns
              + " (n[L] x m) for a 2x" + inputs.columns + " input, got " + predicted.rows + "x"
              + predicted.columns);
    }

    int[] rgb = new int[cells];
    for (int c = 0; c < cells; c++) {
      rgb[c] = regionColor(classOf(predicted, c), classes).getRGB();
    }
    BufferedImage regions = new BufferedImage(GRID, GRID, BufferedImage.TYPE_INT_RGB);
    regions.setRGB(0, 0, GRID, GRID, rgb, 0, GRID);

    int correct = 0;
    int[] labels = new int[m];
    int[] counts = new int[classes];
    for (int j = 0; j < m; j++) {
      labels[j] = classOf(Y, j);
      counts[labels[j]]++;
      if (classOf(predicted, cells + j) == labels[j]) {
        correct++;
      }
    }
    String title =
        String.format(
            Locale.ROOT,
            "%s: accuracy %.2f%% on %d examples",
            architecture,
            100.0 * correct / m,
            m);

    XYChart chart =
        new XYChartBuilder()
            .width(BOUNDARY_WIDTH)
            .height(BOUNDARY_HEIGHT)
            .title(title)
            .xAxisTitle("x1")
            .yAxisTitle("x2")
            .build();
    whiteStyle(chart);
    Styler styler = chart.getStyler();
    // Transparent where the regions go: they are painted behind everything else (see Regions).
    styler.setChartBackgroundColor(TRANSPARENT);
    styler.setPlotBackgroundColor(TRANSPARENT);
    styler.setLegendBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesVisible(false);
    // The data range fills the plot exactly, so the region image and the axes share one mapping.
    chart.getStyler().setPlotContentSize(1.0);
    chart.getStyler().setXAxisMin(r1[0]).setXAxisMax(r1[1]).setYAxisMin(r2[0]).setYAxisMax(r2[1]);
    chart.getStyler().setMarkerSize(7);
    for (int k = 0; k < classes; k++) {
      if (counts[k] == 0) {
        continue; // XChart refuses an empty series; the class keeps its colour all the same
      }
      double[] px = new double[counts[k]];
      double[] py = new double[counts[k]];
      for (int j = 0, i = 0; j < m; j++) {
        if (labels[j] == k) {
          px[i] = x1[j];
          py[i++] = x2[j];
        }
      }
      XYSeries series = chart.addSeries("class " + k, px, py);
      series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      series.setMarker(SeriesMarkers.CIRCLE);
      series.setMarkerColor(classColor(k, classes));
    }
    chart.addAnnotation(new Regions(regions, r1[0], r1[1], r2[0], r2[1]));

    BufferedImage argb =
        new BufferedImage(BOUNDARY_WIDTH, BOUNDARY_HEIGHT, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = graphics(argb);
    try {
      chart.paint(g, BOUNDARY_WIDTH, BOUNDARY_HEIGHT);
    } finally {
      g.dispose();
    }
    BufferedImage image =
        new BufferedImage(BOUNDARY_WIDTH, BOUNDARY_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D h = graphics(image);
    try {
      h.setColor(Color.WHITE);
      h.fillRect(0, 0, BOUNDARY_WIDTH, BOUNDARY_HEIGHT);
      h.drawImage(argb, 0, 0, null);
    } finally {
      h.dispose();
    }
    writePng(image, png);
  }

  /**
   * The full colour of class {@code c} of {@code classes}: Tableau 10, or evenly spaced hues when
   * there are more than ten classes.
   */
  static Color classColor(int c, int classes) {
    if (classes <= PALETTE.length) {
      return PALETTE[c];
    }
    return Color.getHSBColor((float) c / classes, 0.75f, 0.85f);
  }

  /** The region tint of class {@code c}: {@link #TINT} of its colour on white. */
  static Color regionColor(int c, int classes) {
    Color k = classColor(c, classes);
    return new Color(tint(k.getRed()), tint(k.getGreen()), tint(k.getBlue()));
  }

  private static int tint(int channel) {
    return (int) Math.round(255 - TINT * (255 - channel));
  }

  /** The class of column {@code j}: {@code a > 0.5} for one row, else the first largest row. */
  private static int classOf(DoubleMatrix A, int j) {
    int rows = A.rows;
    int off = j * rows;
    if (rows == 1) {
      return A.data[off] > 0.5 ? 1 : 0;
    }
    int best = 0;
    for (int i = 1; i < rows; i++) {
      double a = A.data[off + i];
      double b = A.data[off + best];
      if (a > b || (b != b && a == a)) {
        best = i;
      }
    }
    return best;
  }

  /** {@code {min - MARGIN * range, max + MARGIN * range}}; a point gets a unit-ish window. */
  private static double[] widened(double[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    double margin = hi > lo ? MARGIN * (hi - lo) : Math.max(1.0, MARGIN * Math.abs(hi));
    return new double[] {lo - margin, hi + margin};
  }

  private static void whiteStyle(XYChart chart) {
    Styler styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setChartTitleBoxVisible(false);
    styler.setLegendBorderColor(Color.LIGHT_GRAY);
    styler.setAntiAlias(true);
  }

  /**
   * Paints the region image into the plot area behind what is already there. XChart paints
   * annotations last, on top of the series; drawing with {@link AlphaComposite#DstOver} onto the
   * transparent plot background puts the regions underneath the examples, axes and legend
   * instead, in the same pass that laid them out.
   */
  private static final class Regions extends Annotation {
    private final BufferedImage image;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;

    Regions(BufferedImage image, double xMin, double xMax, double yMin, double yMax) {
      super(false);
      this.image = image;
      this.xMin = xMin;
      this.xMax = xMax;
      this.yMin = yMin;
      this.yMax = yMax;
    }

    @Override
    public void paint(Graphics2D g) {
      int left = getXAxisScreenValue(xMin);
      int right = getXAxisScreenValue(xMax);
      int top = getYAxisScreenValue(yMax);
      int bottom = getYAxisScreenValue(yMin);
      Graphics2D h = (Graphics2D) g.create();
      try {
        h.setComposite(AlphaComposite.DstOver);
        // Bilinear: a 200x200 grid stretched over ~700 pixels would otherwise show its steps.
        h.setRenderingHint(
            RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        h.drawImage(image, left, top, right - left, bottom - top, null);
      } finally {
        h.dispose();
      }
      bounds = new Rectangle2D.Double(left, top, right - left, bottom - top);
    }
  }

  /**
   * {@code image.createGraphics()}, which starts Java's graphics environment on first use. That
   * needs no display when there is none ({@code DISPLAY} unset) or with {@code
   * -Djava.awt.headless=true}, but fails when {@code DISPLAY} names an X server that cannot be
   * reached (a stale ssh session): say so with the fix rather than surface a bare AWT error.
   */
  private static Graphics2D graphics(BufferedImage image) {
    try {
      return image.createGraphics();
    } catch (AWTError | NoClassDefFoundError e) {
      // NoClassDefFoundError: the same failure on every later call, once the class init failed.
      throw new IllegalStateException(
          "plots: Java's graphics environment cannot start (DISPLAY=" + System.getenv("DISPLAY")
              + "): " + String.valueOf(e.getMessage()).replaceAll("\\.$", "")
              + "; run the JVM with -Djava.awt.headless=true to draw without a display",
          e);
    }
  }

  /**
   * Writes {@code image} as a PNG to {@code png} through a temporary file in the same directory,
   * forced to disk and atomically moved into place, creating missing parent directories. On failure
   * the temporary file is deleted and {@code png} left as it was.
   */
  static void writePng(BufferedImage image, Path png) throws IOException {
    byte[] bytes = encodePng(image);
    Path target = png.toAbsolutePath();
    if (Files.isDirectory(target)) {
      throw new IOException(png + ": cannot write a PNG there, it is a directory");
    }
    try {
      Files.createDirectories(target.getParent());
      AtomicFiles.write(target, out -> out.write(bytes));
    } catch (IOException e) {
      throw new IOException(png + ": cannot write the PNG: " + e, e);
    }
  }

  private static byte[] encodePng(BufferedImage image) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    // An explicit memory cache: ImageIO.write(image, "png", OutputStream) may spill to a cache
    // file in java.io.tmpdir depending on a global ImageIO setting we leave alone.
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer in this Java runtime (javax.imageio)");
      }
    }
    return bytes.toByteArray();
  }
}
