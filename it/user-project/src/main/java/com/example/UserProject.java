package com.example;

import dev.netc.runtime.FloatGradients;
import dev.netc.runtime.FloatParameters;
import dev.netc.runtime.Gradients;
import dev.netc.runtime.Parameters;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingReport;
import dev.netc.runtime.internal.Blas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/** Uses every name of DESIGN.md's model API; exits non-zero when a behaviour is off. */
public final class UserProject {
  private UserProject() {}

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
    singlePrecision(X.toFloat(), Y.toFloat(), file.resolveSibling("spam-float.npz"));
    System.out.println(Blas.backend());
    System.out.printf("user project OK: cost %.4f -> %.4f%n", before, report.finalCost());
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
