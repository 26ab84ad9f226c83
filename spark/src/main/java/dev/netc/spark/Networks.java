package dev.netc.spark;

import dev.netc.annotations.Loss;
import dev.netc.runtime.Architecture;
import dev.netc.runtime.Model;
import dev.netc.runtime.Parameters;
import org.jblas.DoubleMatrix;

/** What the estimator and the model need of a generated model: its architecture and parameters. */
final class Networks {

  private Networks() {}

  /**
   * The {@code ARCHITECTURE} constant that netc generates in every model class.
   *
   * @throws IllegalArgumentException if the class has none (it is not a generated model)
   */
  static Architecture architecture(Model model) {
    Class<?> type = model.getClass();
    try {
      Object a = type.getField("ARCHITECTURE").get(null);
      if (a instanceof Architecture architecture) {
        return architecture;
      }
    } catch (ReflectiveOperationException e) {
      // reported below
    }
    throw new IllegalArgumentException(type.getName() + " has no public static Architecture"
        + " ARCHITECTURE; netc-spark trains and scores the model classes netc generates");
  }

  /**
   * Checks that netc-spark can label the outputs: softmax with categorical cross-entropy ({@code
   * label} is a class index), one sigmoid output with binary cross-entropy ({@code label} 0 or 1),
   * one output with mean squared error ({@code label} the target).
   */
  static void checkSupported(Architecture a) {
    int outputs = a.units(a.layers());
    if (a.loss() != Loss.CATEGORICAL_CROSS_ENTROPY && outputs != 1) {
      throw new IllegalArgumentException(a.network() + ": netc-spark needs one output unit with "
          + a.loss() + " (a numeric label column), got " + outputs
          + "; declare a softmax output with CATEGORICAL_CROSS_ENTROPY for several classes");
    }
  }

  /** {@code W1, b1, W2, ...} one after the other, each in its column-major order. */
  static double[] flatten(Parameters p) {
    int total = 0;
    for (int l = 1; l <= p.layers(); l++) {
      total += p.W(l).length + p.b(l).length;
    }
    double[] flat = new double[total];
    int at = 0;
    for (int l = 1; l <= p.layers(); l++) {
      at = put(p.W(l), flat, at);
      at = put(p.b(l), flat, at);
    }
    return flat;
  }

  private static int put(DoubleMatrix M, double[] flat, int at) {
    System.arraycopy(M.data, 0, flat, at, M.length);
    return at + M.length;
  }

  /** The inverse of {@link #flatten}: overwrites the live matrices of {@code p}. */
  static void unflatten(double[] flat, Parameters p) {
    int at = 0;
    for (int l = 1; l <= p.layers(); l++) {
      at = take(flat, at, p.W(l));
      at = take(flat, at, p.b(l));
    }
    if (at != flat.length) {
      throw new IllegalArgumentException(
          "parameters: expected " + at + " values, got " + flat.length);
    }
  }

  private static int take(double[] flat, int at, DoubleMatrix M) {
    System.arraycopy(flat, at, M.data, 0, M.length);
    return at + M.length;
  }

  /** A model of {@code factory} holding the parameters {@code flat}. */
  static <M extends Model> M withParameters(NetworkFactory<M> factory, double[] flat) {
    M model = factory.create(0);
    unflatten(flat, model.parameters());
    return model;
  }
}
