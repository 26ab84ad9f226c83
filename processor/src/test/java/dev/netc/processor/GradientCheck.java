package dev.netc.processor;

import dev.netc.annotations.Activation;
import dev.netc.annotations.Loss;
import dev.netc.runtime.FloatGradients;
import dev.netc.runtime.FloatModel;
import dev.netc.runtime.FloatParameters;
import dev.netc.runtime.Gradients;
import dev.netc.runtime.Model;
import dev.netc.runtime.Parameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/**
 * Checks a loaded generated model against oracles written here, independently of the processor: a
 * reference forward pass and cost in plain Java loops (the formulas of docs/architecture.md,
 * "Generated code"), and central differences of the model's own {@code cost()} for its {@code
 * gradients()}. A single-precision model is compared with its double-precision twin, itself checked
 * so: see {@link #runFloat}.
 *
 * <p>The biases are set to seeded Gaussians (with zero biases a ReLU unit fed by dead ReLUs sits
 * exactly on its kink), and data are drawn again until no pre-activation of a ReLU or leaky ReLU
 * layer lies within {@link #KINK_MARGIN} of 0: a central difference across a kink measures the
 * mean of two slopes, not a derivative, and would blame a correct backward pass.
 */
final class GradientCheck {
  /** Step of the central differences. */
  static final double H = 1e-5;

  /** How far from a kink every ReLU pre-activation must be: well above what a step moves it. */
  static final double KINK_MARGIN = 2e-4;

  private static final int ATTEMPTS = 50;

  /**
   * What the test knows about the declared network.
   *
   * @param activations {@code g[1..L]} as {@code activations[0..L-1]}
   * @param leaks the leak of each layer (only read for LEAKY_RELU)
   */
  record Network(Activation[] activations, double[] leaks, Loss loss) {
    int layers() {
      return activations.length;
    }
  }

  /**
   * What was measured.
   *
   * @param relativeError {@code ||num - ana|| / (||num|| + ||ana||)} over the checked entries
   * @param absoluteError {@code ||num - ana||}
   * @param entries how many parameter entries were checked
   * @param forwardError largest {@code |forward - reference|} entry of {@code A[L]}
   * @param costError {@code |cost - reference cost|}
   * @param cost the reference cost
   * @param attempts how many draws of data it took to stay clear of every kink
   */
  record Result(
      double relativeError,
      double absoluteError,
      int entries,
      double forwardError,
      double costError,
      double cost,
      int attempts) {

    /**
     * Whether the gradients agree: a relative error below {@code tolerance}, or, for gradients so
     * small that central differences cannot resolve them (a leak of 1e-9 on the output, say), an
     * absolute error below the rounding of the differences themselves: each numeric derivative
     * carries about {@code eps * J / h = 2e-11 * J}; the bound allows fifty times that.
     */
    boolean agrees(double tolerance) {
      double rounding = 1e-9 * (1 + Math.abs(cost)) * Math.sqrt(entries);
      return relativeError < tolerance || absoluteError <= rounding;
    }
  }

  private GradientCheck() {}

  /**
   * Sets random biases, draws {@code examples} columns of data with valid targets for the loss,
   * and checks {@code model} on them. Checks every entry of each {@code W[l]} and {@code b[l]}, or
   * a seeded sample of {@code maxEntriesPerMatrix} of them when there are more. Restores each
   * perturbed entry; leaves the biases random.
   *
   * @throws AssertionError when a shape disagrees or no kink-free data was found
   */
  static Result run(
      Model model, Network network, long seed, int examples, int maxEntriesPerMatrix) {
    Random random = new Random(seed);
    Trial trial = prepare(model, network, random, examples, false);
    return measure(model, network, trial, random, maxEntriesPerMatrix);
  }

  /** The data of one check and the reference pre-activations {@code Z[1..L]} on it. */
  private record Trial(DoubleMatrix X, DoubleMatrix Y, List<double[][]> z, int attempts) {}

  /**
   * Sets the biases of {@code model} and draws data until every ReLU pre-activation is clear of
   * its kink. With {@code floats}, every bias and every entry of X and Y is a float (rounded from
   * its draw), so that a single-precision model can be given exactly the same numbers.
   */
  private static Trial prepare(
      Model model, Network network, Random random, int examples, boolean floats) {
    int[] n = model.layerSizes();
    if (n.length != network.layers() + 1) {
      throw new AssertionError(
          "layerSizes() has " + n.length + " entries for " + network.layers() + " layers");
    }
    Parameters p = model.parameters();
    int attempt = 0;
    while (true) {
      if (++attempt > ATTEMPTS) {
        throw new AssertionError("no data clear of the ReLU kinks in " + ATTEMPTS + " draws");
      }
      for (int l = 1; l <= network.layers(); l++) {
        double[] b = p.b(l).data;
        for (int i = 0; i < b.length; i++) {
          b[i] = 0.5 * random.nextGaussian();
        }
        roundToFloat(p.b(l), floats);
      }
      DoubleMatrix X = roundToFloat(gaussian(random, n[0], examples), floats);
      DoubleMatrix Y =
          roundToFloat(targets(random, network.loss(), n[n.length - 1], examples), floats);
      List<double[][]> z = forward(p, network, X);
      if (clearOfKinks(z, network)) {
        return new Trial(X, Y, z, attempt);
      }
    }
  }

  /** The forward pass and cost against the reference, the gradients against central differences. */
  private static Result measure(
      Model model, Network network, Trial trial, Random random, int maxEntriesPerMatrix) {
    Parameters p = model.parameters();
    DoubleMatrix X = trial.X();
    DoubleMatrix Y = trial.Y();
    int examples = X.columns;
    double[][] zL = trial.z().get(network.layers() - 1);
    double[][] aL = activate(zL, network.activations()[network.layers() - 1],
        network.leaks()[network.layers() - 1]);
    DoubleMatrix forward = model.forward(X);
    double forwardError = 0;
    for (int i = 0; i < aL.length; i++) {
      for (int j = 0; j < examples; j++) {
        forwardError = Math.max(forwardError, Math.abs(forward.get(i, j) - aL[i][j]));
      }
    }
    double referenceCost = cost(network.loss(), zL, aL, Y);
    double costError = Math.abs(model.cost(X, Y) - referenceCost);

    Gradients analytic = model.gradients(X, Y);
    double difference = 0;
    double numericNorm = 0;
    double analyticNorm = 0;
    int entries = 0;
    for (int l = 1; l <= network.layers(); l++) {
      DoubleMatrix[] thetas = {p.W(l), p.b(l)};
      DoubleMatrix[] grads = {analytic.dW(l), analytic.db(l)};
      for (int k = 0; k < 2; k++) {
        DoubleMatrix theta = thetas[k];
        DoubleMatrix grad = grads[k];
        if (theta.rows != grad.rows || theta.columns != grad.columns) {
          throw new AssertionError(
              (k == 0 ? "dW" : "db") + l + " is " + grad.rows + "x" + grad.columns + " but "
                  + (k == 0 ? "W" : "b") + l + " is " + theta.rows + "x" + theta.columns);
        }
        for (int i : sample(random, theta.length, maxEntriesPerMatrix)) {
          double saved = theta.data[i];
          theta.data[i] = saved + H;
          double plus = model.cost(X, Y);
          theta.data[i] = saved - H;
          double minus = model.cost(X, Y);
          theta.data[i] = saved;
          double numeric = (plus - minus) / (2 * H);
          double a = grad.data[i];
          difference += (numeric - a) * (numeric - a);
          numericNorm += numeric * numeric;
          analyticNorm += a * a;
          entries++;
        }
      }
    }
    double denominator = Math.sqrt(numericNorm) + Math.sqrt(analyticNorm);
    double relative = denominator == 0 ? 0 : Math.sqrt(difference) / denominator;
    return new Result(
        relative, Math.sqrt(difference), entries, forwardError, costError, referenceCost,
        trial.attempts());
  }

  // ---------------------------------------------------------------- single precision

  /**
   * How far a single-precision model is from its double-precision twin (the same declaration with
   * {@code precision = DOUBLE}) on the same parameters and data, every one a float.
   *
   * @param twin the twin's own check: reference forward pass and cost, central differences
   * @param forwardError largest {@code |A_float - A_double|} entry of {@code A[L]}, divided by
   *     {@code 1 + max |A_double|}
   * @param costError {@code |J_float - J_double| / (1 + |J_double|)}
   * @param gradientError {@code ||g_float - g_double|| / (||g_float|| + ||g_double||)} over every
   *     entry of every {@code dW[l]} and {@code db[l]}
   * @param entries how many gradient entries were compared
   */
  record FloatResult(
      Result twin, double forwardError, double costError, double gradientError, int entries) {

    /**
     * Whether the float model computes what its twin computes, to float accuracy, and the twin
     * passes its own check. The tolerances are float's: see {@link #FLOAT_TOLERANCE}.
     */
    boolean agrees(double twinTolerance) {
      return twin.agrees(twinTolerance)
          && forwardError <= FLOAT_TOLERANCE
          && costError <= FLOAT_TOLERANCE
          && gradientError <= FLOAT_TOLERANCE;
    }
  }

  /**
   * How far single precision may stray from double, relative (see {@link FloatResult}).
   *
   * <p>Why a twin and not central differences of the float cost: float's unit roundoff is {@code
   * u = 2^-24 = 6e-8}, so the float cost carries a rounding noise of about {@code u J}, and a
   * central difference of step {@code h} carries {@code u J / h} on top of its {@code h^2}
   * truncation; the best step leaves an error near {@code u^(2/3) = 1.5e-5} per entry before any
   * accumulation in the passes, i.e. a check that must allow percent-level relative errors and
   * would let a slightly wrong float pass (a lost {@code 1/m} scale on one layer of many, say)
   * through. The double twin is generated from the same declaration and checked by central
   * differences in the same run ({@link #run}); every float entry point mirrors a double one, so
   * the float model must compute the twin's numbers up to rounding: a much sharper oracle.
   *
   * <p>Why {@code 1e-4}: each float gemm of {@code k} terms is off by about {@code sqrt(k) u}
   * relative in practice ({@code k u} at worst), each activation by a few {@code u}, and the
   * errors of {@code L} layers compound forward and again backward; {@code 1e-4} is about {@code
   * 1700 u}, room for the 10000-input and the 50-layer networks of ScaleTest (measured: gradients
   * 1.6e-6 off for 10000 inputs, 3e-8 over 50 layers, at most 2e-7 in a fuzz run). A wrong
   * formula, a wrong overload or a dropped term is off by orders of magnitude more. The errors are
   * norm-wise over all entries, so one entry that cancels to nearly zero does not decide.
   */
  static final double FLOAT_TOLERANCE = 1e-4;

  /**
   * Checks {@code twin} as {@link #run} does, on parameters and data that are all floats, and
   * compares {@code model}'s forward pass, cost and every gradient entry with the twin's on the
   * same numbers. The weights are {@code model}'s own (its initialisation, float by
   * construction), copied into the twin; the biases and the data are drawn as in {@link #run},
   * rounded to float, and copied into {@code model}.
   */
  static FloatResult runFloat(
      FloatModel model, Model twin, Network network, long seed, int examples,
      int maxEntriesPerMatrix) {
    if (!Arrays.equals(model.layerSizes(), twin.layerSizes())) {
      throw new AssertionError(
          "layerSizes() " + Arrays.toString(model.layerSizes()) + " but the twin has "
              + Arrays.toString(twin.layerSizes()));
    }
    FloatParameters fp = model.parameters();
    Parameters dp = twin.parameters();
    for (int l = 1; l <= network.layers(); l++) {
      copy(fp.W(l), dp.W(l));
    }
    Random random = new Random(seed);
    Trial trial = prepare(twin, network, random, examples, true);
    for (int l = 1; l <= network.layers(); l++) {
      copy(dp.b(l), fp.b(l));
    }
    Result checked = measure(twin, network, trial, random, maxEntriesPerMatrix);

    FloatMatrix X = toFloat(trial.X());
    FloatMatrix Y = toFloat(trial.Y());
    DoubleMatrix expected = twin.forward(trial.X());
    FloatMatrix actual = model.forward(X);
    double forwardError = 0;
    double forwardScale = 0;
    for (int i = 0; i < expected.length; i++) {
      forwardError = Math.max(forwardError, Math.abs(actual.data[i] - expected.data[i]));
      forwardScale = Math.max(forwardScale, Math.abs(expected.data[i]));
    }
    double J = twin.cost(trial.X(), trial.Y());
    double costError = Math.abs(model.cost(X, Y) - J) / (1 + Math.abs(J));

    Gradients g = twin.gradients(trial.X(), trial.Y());
    FloatGradients gf = model.gradients(X, Y);
    double difference = 0;
    double norm = 0;
    double floatNorm = 0;
    int entries = 0;
    for (int l = 1; l <= network.layers(); l++) {
      DoubleMatrix[] doubles = {g.dW(l), g.db(l)};
      FloatMatrix[] floats = {gf.dW(l), gf.db(l)};
      for (int k = 0; k < 2; k++) {
        if (doubles[k].rows != floats[k].rows || doubles[k].columns != floats[k].columns) {
          throw new AssertionError(
              (k == 0 ? "dW" : "db") + l + " is " + floats[k].rows + "x" + floats[k].columns
                  + " in float but " + doubles[k].rows + "x" + doubles[k].columns
                  + " in double");
        }
        for (int i = 0; i < doubles[k].length; i++) {
          double d = doubles[k].data[i];
          double f = floats[k].data[i];
          difference += (f - d) * (f - d);
          norm += d * d;
          floatNorm += f * f;
          entries++;
        }
      }
    }
    double denominator = Math.sqrt(norm) + Math.sqrt(floatNorm);
    return new FloatResult(
        checked,
        forwardError / (1 + forwardScale),
        costError,
        denominator == 0 ? 0 : Math.sqrt(difference) / denominator,
        entries);
  }

  /** Rounds every entry to the nearest float when {@code floats} is set; returns {@code m}. */
  private static DoubleMatrix roundToFloat(DoubleMatrix m, boolean floats) {
    if (floats) {
      for (int i = 0; i < m.data.length; i++) {
        m.data[i] = (float) m.data[i];
      }
    }
    return m;
  }

  private static FloatMatrix toFloat(DoubleMatrix m) {
    FloatMatrix f = new FloatMatrix(m.rows, m.columns);
    for (int i = 0; i < m.data.length; i++) {
      f.data[i] = (float) m.data[i];
    }
    return f;
  }

  /** Exactly: every float is a double. */
  private static void copy(FloatMatrix from, DoubleMatrix to) {
    for (int i = 0; i < from.data.length; i++) {
      to.data[i] = from.data[i];
    }
  }

  /** Exactly, for entries that are floats already (see {@link #roundToFloat}). */
  private static void copy(DoubleMatrix from, FloatMatrix to) {
    for (int i = 0; i < from.data.length; i++) {
      to.data[i] = (float) from.data[i];
    }
  }

  /** {@code rows x columns} standard Gaussians. */
  static DoubleMatrix gaussian(Random random, int rows, int columns) {
    DoubleMatrix m = new DoubleMatrix(rows, columns);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = random.nextGaussian();
    }
    return m;
  }

  /**
   * Targets the loss accepts: BCE in [0, 1] (half of them exactly 0 or 1), CCE one-hot columns,
   * MSE any real.
   */
  static DoubleMatrix targets(Random random, Loss loss, int rows, int columns) {
    DoubleMatrix y = new DoubleMatrix(rows, columns);
    for (int j = 0; j < columns; j++) {
      if (loss == Loss.CATEGORICAL_CROSS_ENTROPY) {
        y.put(random.nextInt(rows), j, 1.0);
        continue;
      }
      for (int i = 0; i < rows; i++) {
        double v;
        if (loss == Loss.BINARY_CROSS_ENTROPY) {
          v = random.nextBoolean() ? random.nextInt(2) : random.nextDouble();
        } else {
          v = random.nextGaussian();
        }
        y.put(i, j, v);
      }
    }
    return y;
  }

  /** {@code Z[1..L]} as {@code [l-1][row][column]}, by {@code Z = W*A + b; A = g(Z)} in loops. */
  static List<double[][]> forward(Parameters p, Network network, DoubleMatrix X) {
    int m = X.columns;
    double[][] a = new double[X.rows][m];
    for (int i = 0; i < X.rows; i++) {
      for (int j = 0; j < m; j++) {
        a[i][j] = X.get(i, j);
      }
    }
    List<double[][]> zs = new ArrayList<>();
    for (int l = 1; l <= network.layers(); l++) {
      DoubleMatrix w = p.W(l);
      DoubleMatrix b = p.b(l);
      double[][] z = new double[w.rows][m];
      for (int i = 0; i < w.rows; i++) {
        for (int j = 0; j < m; j++) {
          double s = b.get(i, 0);
          for (int k = 0; k < w.columns; k++) {
            s += w.get(i, k) * a[k][j];
          }
          z[i][j] = s;
        }
      }
      zs.add(z);
      a = activate(z, network.activations()[l - 1], network.leaks()[l - 1]);
    }
    return zs;
  }

  private static boolean clearOfKinks(List<double[][]> zs, Network network) {
    for (int l = 0; l < zs.size(); l++) {
      Activation g = network.activations()[l];
      if (g != Activation.RELU && g != Activation.LEAKY_RELU) {
        continue;
      }
      for (double[] row : zs.get(l)) {
        for (double z : row) {
          if (Math.abs(z) < KINK_MARGIN) {
            return false;
          }
        }
      }
    }
    return true;
  }

  static double[][] activate(double[][] z, Activation g, double leak) {
    int rows = z.length;
    int m = rows == 0 ? 0 : z[0].length;
    double[][] a = new double[rows][m];
    for (int j = 0; j < m; j++) {
      double max = Double.NEGATIVE_INFINITY;
      double sum = 0;
      if (g == Activation.SOFTMAX) {
        for (int i = 0; i < rows; i++) {
          max = Math.max(max, z[i][j]);
        }
        for (int i = 0; i < rows; i++) {
          sum += Math.exp(z[i][j] - max);
        }
      }
      for (int i = 0; i < rows; i++) {
        double x = z[i][j];
        a[i][j] =
            switch (g) {
              case SIGMOID -> 1 / (1 + Math.exp(-x));
              case TANH -> Math.tanh(x);
              case RELU -> x > 0 ? x : 0;
              case LEAKY_RELU -> x > 0 ? x : leak * x;
              case LINEAR -> x;
              case SOFTMAX -> Math.exp(x - max) / sum;
            };
      }
    }
    return a;
  }

  /** The cost J of the loss, the logs taken from the logits where the output saturates. */
  static double cost(Loss loss, double[][] z, double[][] a, DoubleMatrix y) {
    int m = y.columns;
    double sum = 0;
    for (int j = 0; j < m; j++) {
      double max = Double.NEGATIVE_INFINITY;
      double logSum = 0;
      if (loss == Loss.CATEGORICAL_CROSS_ENTROPY) {
        for (double[] row : z) {
          max = Math.max(max, row[j]);
        }
        for (double[] row : z) {
          logSum += Math.exp(row[j] - max);
        }
        logSum = Math.log(logSum);
      }
      for (int i = 0; i < a.length; i++) {
        double t = y.get(i, j);
        switch (loss) {
          // log a = -softplus(-z), log(1 - a) = -softplus(z)
          case BINARY_CROSS_ENTROPY ->
              sum += t * softplus(-z[i][j]) + (1 - t) * softplus(z[i][j]);
          case CATEGORICAL_CROSS_ENTROPY -> sum -= t * (z[i][j] - max - logSum);
          case MEAN_SQUARED_ERROR -> sum += 0.5 * (a[i][j] - t) * (a[i][j] - t);
        }
      }
    }
    return sum / m;
  }

  private static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  /** Every index below {@code length}, or {@code max} distinct ones drawn at random. */
  private static int[] sample(Random random, int length, int max) {
    if (length <= max) {
      int[] all = new int[length];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int[] chosen = random.ints(0, length).distinct().limit(max).toArray();
    Arrays.sort(chosen);
    return chosen;
  }
}
