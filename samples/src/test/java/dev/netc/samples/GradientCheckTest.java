package dev.netc.samples;

import static dev.netc.annotations.Activation.LEAKY_RELU;
import static dev.netc.annotations.Activation.LINEAR;
import static dev.netc.annotations.Activation.RELU;
import static dev.netc.annotations.Activation.SIGMOID;
import static dev.netc.annotations.Activation.SOFTMAX;
import static dev.netc.annotations.Activation.TANH;
import static dev.netc.annotations.Init.ZEROS;
import static dev.netc.annotations.Loss.BINARY_CROSS_ENTROPY;
import static dev.netc.annotations.Loss.CATEGORICAL_CROSS_ENTROPY;
import static dev.netc.annotations.Loss.MEAN_SQUARED_ERROR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netc.annotations.Layer;
import dev.netc.annotations.Loss;
import dev.netc.annotations.Network;
import dev.netc.runtime.Gradients;
import dev.netc.runtime.Model;
import dev.netc.runtime.Parameters;
import java.util.Random;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated backward pass against an independent oracle: central differences of the
 * generated {@code cost()}. For every parameter entry theta, {@code (J(theta + h) - J(theta - h))
 * / 2h} with {@code h = 1e-5}; over all entries the relative error {@code ||num - ana|| / (||num||
 * + ||ana||)} must stay below {@code 1e-7}.
 *
 * <p>The networks cover every activation (LEAKY_RELU with non-default leaks) and every loss: the
 * three matched output/loss pairs, whose {@code dZ[L] = A[L] - Y} is a shortcut, and the unmatched
 * MSE pairs, which go through {@code dA[L] o g'(Z[L])}. Each loss appears on a one-layer network
 * (logistic, softmax and linear regression) and on four-layer ones. The data are seeded Gaussians,
 * and the biases random, so no {@code z} sits within {@code h} of a ReLU kink.
 */
final class GradientCheckTest {
  private static final double H = 1e-5;
  private static final double TOLERANCE = 1e-7;
  private static final int EXAMPLES = 7;

  // One-layer networks: the three regressions of the notes.

  @Network(inputs = 3, loss = BINARY_CROSS_ENTROPY)
  @Layer(units = 1, activation = SIGMOID, init = ZEROS)
  interface LogisticRegression extends Model {}

  @Network(inputs = 3, loss = CATEGORICAL_CROSS_ENTROPY)
  @Layer(units = 4, activation = SOFTMAX)
  interface SoftmaxRegression extends Model {}

  @Network(inputs = 3, loss = MEAN_SQUARED_ERROR)
  @Layer(units = 2, activation = LINEAR)
  interface LinearRegression extends Model {}

  // Four-layer networks, one per hidden activation, with the matched output/loss pairs.

  @Network(inputs = 3, loss = BINARY_CROSS_ENTROPY)
  @Layer(units = 5, activation = SIGMOID)
  @Layer(units = 4, activation = SIGMOID)
  @Layer(units = 3, activation = SIGMOID)
  @Layer(units = 1, activation = SIGMOID)
  interface SigmoidNetwork extends Model {}

  @Network(inputs = 3, loss = BINARY_CROSS_ENTROPY)
  @Layer(units = 5, activation = TANH)
  @Layer(units = 4, activation = TANH)
  @Layer(units = 3, activation = TANH)
  @Layer(units = 2, activation = SIGMOID)
  interface TanhNetwork extends Model {}

  @Network(inputs = 3, loss = CATEGORICAL_CROSS_ENTROPY)
  @Layer(units = 5, activation = RELU)
  @Layer(units = 4, activation = RELU)
  @Layer(units = 3, activation = RELU)
  @Layer(units = 3, activation = SOFTMAX)
  interface ReluNetwork extends Model {}

  @Network(inputs = 3, loss = CATEGORICAL_CROSS_ENTROPY)
  @Layer(units = 5, activation = LEAKY_RELU, leak = 0.2)
  @Layer(units = 4, activation = LEAKY_RELU, leak = 0.2)
  @Layer(units = 3, activation = LEAKY_RELU, leak = 0.2)
  @Layer(units = 4, activation = SOFTMAX)
  interface LeakyReluNetwork extends Model {}

  @Network(inputs = 3, loss = MEAN_SQUARED_ERROR)
  @Layer(units = 5, activation = TANH)
  @Layer(units = 4, activation = RELU)
  @Layer(units = 3, activation = LEAKY_RELU)
  @Layer(units = 2, activation = LINEAR)
  interface LinearOutputNetwork extends Model {}

  // Four-layer networks with the unmatched pairs: mean squared error on a nonlinear output.
  // (MSE on a sigmoid draws the processor's non-convexity warning, on purpose.)

  @Network(inputs = 3, loss = MEAN_SQUARED_ERROR)
  @Layer(units = 5, activation = TANH)
  @Layer(units = 4, activation = TANH)
  @Layer(units = 3, activation = TANH)
  @Layer(units = 2, activation = SIGMOID)
  interface SigmoidMseNetwork extends Model {}

  @Network(inputs = 3, loss = MEAN_SQUARED_ERROR)
  @Layer(units = 5, activation = RELU)
  @Layer(units = 4, activation = SIGMOID)
  @Layer(units = 3, activation = RELU)
  @Layer(units = 2, activation = TANH)
  interface TanhMseNetwork extends Model {}

  @Network(inputs = 3, loss = MEAN_SQUARED_ERROR)
  @Layer(units = 5, activation = TANH)
  @Layer(units = 4, activation = LEAKY_RELU, leak = 0.05)
  @Layer(units = 3, activation = SIGMOID)
  @Layer(units = 2, activation = RELU)
  interface ReluMseNetwork extends Model {}

  @Network(inputs = 3, loss = MEAN_SQUARED_ERROR)
  @Layer(units = 5, activation = SIGMOID)
  @Layer(units = 4, activation = TANH)
  @Layer(units = 3, activation = RELU)
  @Layer(units = 2, activation = LEAKY_RELU, leak = 0.3)
  interface LeakyReluMseNetwork extends Model {}

  /** A declared network, how to create it, and the loss its targets must suit. */
  record Case(LongFunction<Model> create, Loss loss) {}

  static Stream<Arguments> networks() {
    return Stream.of(
        named("LogisticRegression (BCE, sigmoid)",
            GradientCheckTest_LogisticRegressionModel::create, BINARY_CROSS_ENTROPY),
        named("SoftmaxRegression (CCE, softmax)",
            GradientCheckTest_SoftmaxRegressionModel::create, CATEGORICAL_CROSS_ENTROPY),
        named("LinearRegression (MSE, linear)",
            GradientCheckTest_LinearRegressionModel::create, MEAN_SQUARED_ERROR),
        named("SigmoidNetwork (sigmoid x3, BCE)",
            GradientCheckTest_SigmoidNetworkModel::create, BINARY_CROSS_ENTROPY),
        named("TanhNetwork (tanh x3, BCE with 2 outputs)",
            GradientCheckTest_TanhNetworkModel::create, BINARY_CROSS_ENTROPY),
        named("ReluNetwork (relu x3, CCE)",
            GradientCheckTest_ReluNetworkModel::create, CATEGORICAL_CROSS_ENTROPY),
        named("LeakyReluNetwork (leaky relu 0.2 x3, CCE)",
            GradientCheckTest_LeakyReluNetworkModel::create, CATEGORICAL_CROSS_ENTROPY),
        named("LinearOutputNetwork (tanh, relu, leaky relu, MSE with linear)",
            GradientCheckTest_LinearOutputNetworkModel::create, MEAN_SQUARED_ERROR),
        named("SigmoidMseNetwork (MSE with sigmoid)",
            GradientCheckTest_SigmoidMseNetworkModel::create, MEAN_SQUARED_ERROR),
        named("TanhMseNetwork (MSE with tanh)",
            GradientCheckTest_TanhMseNetworkModel::create, MEAN_SQUARED_ERROR),
        named("ReluMseNetwork (MSE with relu)",
            GradientCheckTest_ReluMseNetworkModel::create, MEAN_SQUARED_ERROR),
        named("LeakyReluMseNetwork (MSE with leaky relu 0.3)",
            GradientCheckTest_LeakyReluMseNetworkModel::create, MEAN_SQUARED_ERROR));
  }

  private static Arguments named(String name, LongFunction<Model> create, Loss loss) {
    return Arguments.of(Named.of(name, new Case(create, loss)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("networks")
  void gradientsAreTheCostsDerivatives(Case network, TestReporter reporter) {
    Model model = network.create().apply(17);
    int[] n = model.layerSizes();
    Random random = new Random(23);
    DoubleMatrix X = gaussian(random, n[0], EXAMPLES);
    DoubleMatrix Y = targets(random, network.loss(), n[n.length - 1], EXAMPLES);
    Parameters p = model.parameters();
    // Biases start at zero; then a ReLU unit fed by a column of dead ReLUs has z exactly 0,
    // on the kink, where central differences see a slope of 1/2. Random biases move z off it.
    for (int l = 1; l <= p.layers(); l++) {
      DoubleMatrix b = p.b(l);
      for (int i = 0; i < b.length; i++) {
        b.data[i] = 0.5 * random.nextGaussian();
      }
    }
    Parameters before = p.copy();

    Gradients analytic = model.gradients(X, Y);
    double differenceSquared = 0;
    double numericSquared = 0;
    double analyticSquared = 0;
    for (int l = 1; l <= p.layers(); l++) {
      DoubleMatrix[] parameters = {p.W(l), p.b(l)};
      DoubleMatrix[] gradients = {analytic.dW(l), analytic.db(l)};
      for (int k = 0; k < 2; k++) {
        DoubleMatrix theta = parameters[k];
        assertEquals(theta.rows, gradients[k].rows, "rows of the gradient of layer " + l);
        assertEquals(theta.columns, gradients[k].columns, "columns of the gradient of layer " + l);
        for (int i = 0; i < theta.length; i++) {
          double saved = theta.data[i];
          theta.data[i] = saved + H;
          double plus = model.cost(X, Y);
          theta.data[i] = saved - H;
          double minus = model.cost(X, Y);
          theta.data[i] = saved;
          double numeric = (plus - minus) / (2 * H);
          double exact = gradients[k].data[i];
          differenceSquared += (numeric - exact) * (numeric - exact);
          numericSquared += numeric * numeric;
          analyticSquared += exact * exact;
        }
      }
    }

    double norms = Math.sqrt(numericSquared) + Math.sqrt(analyticSquared);
    assertTrue(norms > 0, "every gradient is zero: nothing was checked");
    double relativeError = Math.sqrt(differenceSquared) / norms;
    reporter.publishEntry("relative error", Double.toString(relativeError));
    assertTrue(
        relativeError < TOLERANCE,
        "relative error " + relativeError + " (gradient norm " + Math.sqrt(analyticSquared) + ")");
    for (int l = 1; l <= p.layers(); l++) {
      assertArrayEquals(before.W(l).data, p.W(l).data, "W" + l + " restored");
      assertArrayEquals(before.b(l).data, p.b(l).data, "b" + l + " restored");
    }
  }

  private static DoubleMatrix gaussian(Random random, int rows, int columns) {
    DoubleMatrix M = new DoubleMatrix(rows, columns);
    for (int i = 0; i < M.length; i++) {
      M.data[i] = random.nextGaussian();
    }
    return M;
  }

  /** Valid targets: 0/1 for BCE, one-hot columns for CCE, any real for MSE. */
  private static DoubleMatrix targets(Random random, Loss loss, int rows, int columns) {
    return switch (loss) {
      case BINARY_CROSS_ENTROPY -> {
        DoubleMatrix Y = new DoubleMatrix(rows, columns);
        for (int i = 0; i < Y.length; i++) {
          Y.data[i] = random.nextBoolean() ? 1.0 : 0.0;
        }
        yield Y;
      }
      case CATEGORICAL_CROSS_ENTROPY -> {
        DoubleMatrix Y = new DoubleMatrix(rows, columns);
        for (int j = 0; j < columns; j++) {
          Y.put(random.nextInt(rows), j, 1.0);
        }
        yield Y;
      }
      case MEAN_SQUARED_ERROR -> gaussian(random, rows, columns);
    };
  }
}
