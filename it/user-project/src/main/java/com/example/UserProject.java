package com.example;

import dev.netc.data.CsvReader;
import dev.netc.data.DataSet;
import dev.netc.data.LabelEncoding;
import dev.netc.plots.Plots;
import dev.netc.runtime.FloatGradients;
import dev.netc.runtime.FloatParameters;
import dev.netc.runtime.Gradients;
import dev.netc.runtime.Parameters;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingReport;
import dev.netc.runtime.internal.Blas;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/**
 * Uses every name of the model API (README, "The model API"), the data API and the plots, as a
 * user's program would; exits non-zero when a behaviour is off.
 */
public final class UserProject {
  private UserProject() {}

  /**
   * Runs the checks.
   *
   * @param args ignored
   * @throws Exception if reading, saving or plotting fails
   */
  public static void main(String[] args) throws Exception {
    DoubleMatrix X = DoubleMatrix.randn(3, 50);
    DoubleMatrix Y = X.getRow(0).gt(0);

    SpamModel model = SpamModel.create(7L);
    check(Arrays.equals(model.layerSizes(), new int[] {3, 5, 4, 1}), "layerSizes");
    check(model.forward(X).rows == 1 && model.forward(X).columns == 50, "forward shape");
    double before = model.cost(X, Y);
    Gradients gradients = model.gradients(X, Y);
    check(gradients.dW(1).rows == 5 && gradients.db(3).rows == 1, "gradients shapes");
    Parameters parameters = model.parameters();
    check(parameters.W(2).rows == 4 && parameters.W(2).columns == 5, "parameters shapes");
    TrainingReport report = model.fit(X, Y, Training.gradientDescent(0.5).iterations(300));
    check(report.finalCost() < before, "training lowers the cost");
    check(report.costs().length > 0, "costs recorded");
    DoubleMatrix predictions = model.predict(X);
    check(predictions.eq(0).or(predictions.eq(1)).min() == 1.0, "0/1 predictions");

    Path file = Files.createTempDirectory("netc-user").resolve("spam.npz");
    model.save(file);
    SpamModel loaded = SpamModel.load(file);
    check(loaded.forward(X).equals(model.forward(X)), "load gives the saved model");
    try {
      model.forward(DoubleMatrix.ones(4, 2));
      check(false, "a 4x2 X must be refused");
    } catch (IllegalArgumentException expected) {
      System.out.println("refused as expected: " + expected.getMessage());
    }
    System.out.println(model.summary());
    Path plot = file.resolveSibling("cost.png");
    Plots.costCurve(report, plot);
    check(Files.size(plot) > 0, "netc-plots writes the cost curve");
    data();
    singlePrecision(X.toFloat(), Y.toFloat(), file.resolveSibling("spam-float.npz"));
    System.out.println(Blas.backend());
    System.out.printf("user project OK: cost %.4f -> %.4f%n", before, report.finalCost());
  }

  /** The data API: a CSV text, a three-way split, predictions back to labels. */
  private static void data() throws Exception {
    StringBuilder csv = new StringBuilder("a,b,c,verdict\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i % 7).append(',').append(i % 3).append(',').append(i % 5).append(',')
          .append(i % 7 > 3 ? "spam" : "ham").append('\n');
    }
    DataSet data = CsvReader.of(new StringReader(csv.toString()), "mail.csv")
        .label("verdict", LabelEncoding.binary("ham", "spam")).read();
    DataSet.ThreeWaySplit split = data.split(0.6, 0.2, 1);
    check(split.train().examples() == 24 && split.validation().examples() == 8
        && split.test().examples() == 8, "three-way split");
    SpamModel model = SpamModel.create(3L);
    model.fit(split.train().X(), split.train().Y(), Training.adam(0.01).epochs(50)
        .validation(split.validation().X(), split.validation().Y()));
    List<String> labels = split.test().labels(model.predict(split.test().X()));
    check(labels.size() == 8 && labels.stream().allMatch(l -> l.equals("ham") || l.equals("spam")),
        "labels of the predictions");
  }

  /** The FloatModel API of a precision = FLOAT network, name for name. */
  private static void singlePrecision(FloatMatrix X, FloatMatrix Y, Path file) throws Exception {
    SpamFloatModel model = SpamFloatModel.create(7L);
    check(Arrays.equals(model.layerSizes(), new int[] {3, 5, 4, 1}), "float layerSizes");
    FloatMatrix A = model.forward(X);
    check(A.rows == 1 && A.columns == 50, "float forward shape");
    double before = model.cost(X, Y);
    FloatGradients gradients = model.gradients(X, Y);
    check(gradients.dW(1).rows == 5 && gradients.db(3).rows == 1, "float gradients shapes");
    FloatParameters parameters = model.parameters();
    check(parameters.W(2).rows == 4 && parameters.toDouble().W(2).columns == 5,
        "float parameters shapes");
    TrainingReport report = model.fit(X, Y, Training.adam(0.01).epochs(100).miniBatches(16));
    check(report.finalCost() < before, "float training lowers the cost");
    FloatMatrix predictions = model.predict(X);
    check(predictions.eq(0).or(predictions.eq(1)).min() == 1.0f, "float 0/1 predictions");
    model.save(file);
    check(SpamFloatModel.load(file).forward(X).equals(model.forward(X)),
        "float load gives the saved model");
    try {
      model.forward(FloatMatrix.ones(4, 2));
      check(false, "a 4x2 float X must be refused");
    } catch (IllegalArgumentException expected) {
      System.out.println("refused as expected: " + expected.getMessage());
    }
    System.out.println(model.summary());
    System.out.printf("float model OK: cost %.4f -> %.4f%n", before, report.finalCost());
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      System.err.println("user project FAILED: " + what);
      System.exit(1);
    }
  }
}
