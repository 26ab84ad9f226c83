package dev.netc.samples;

import static dev.netc.annotations.Activation.LEAKY_RELU;
import static dev.netc.annotations.Activation.LINEAR;
import static dev.netc.annotations.Activation.RELU;
import static dev.netc.annotations.Activation.SIGMOID;
import static dev.netc.annotations.Activation.SOFTMAX;
import static dev.netc.annotations.Activation.TANH;
import static dev.netc.annotations.Loss.CATEGORICAL_CROSS_ENTROPY;
import static dev.netc.annotations.Loss.MEAN_SQUARED_ERROR;
import static dev.netc.annotations.Precision.FLOAT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netc.annotations.Layer;
import dev.netc.annotations.Network;
import dev.netc.runtime.FloatGradients;
import dev.netc.runtime.FloatModel;
import dev.netc.runtime.FloatParameters;
import dev.netc.runtime.Model;
import dev.netc.runtime.Parameters;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingProgress;
import dev.netc.runtime.TrainingReport;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every training option on generated single-precision networks of every loss, against the same
 * training of the double-precision twin declared in {@link TrainingOptionsTest}: both start from
 * the same weights on the same (float-representable) data, so the only difference is float
 * arithmetic. The schedule (epochs, updates, recorded epochs, the epoch early stopping keeps) must
 * be the same; the costs, validation costs and what listeners hear must agree to float accuracy.
 */
class FloatTrainingOptionsTest {

  @Network(inputs = 2, precision = FLOAT)
  @Layer(units = 5, activation = TANH)
  @Layer(units = 1, activation = SIGMOID)
  interface Binary extends FloatModel {}

  @Network(inputs = 2, loss = CATEGORICAL_CROSS_ENTROPY, precision = FLOAT)
  @Layer(units = 6, activation = RELU)
  @Layer(units = 3, activation = SOFTMAX)
  interface Softmax extends FloatModel {}

  @Network(inputs = 2, loss = MEAN_SQUARED_ERROR, precision = FLOAT)
  @Layer(units = 8, activation = LEAKY_RELU)
  @Layer(units = 4, activation = TANH)
  @Layer(units = 1, activation = LINEAR)
  interface Regression extends FloatModel {}

  /** A float network, its double twin, and data both can learn: 2 x 100, validation 2 x 40. */
  private record Task(
      String name,
      LongFunction<FloatModel> single,
      LongFunction<Model> twin,
      DoubleMatrix X,
      DoubleMatrix Y,
      DoubleMatrix validationX,
      DoubleMatrix validationY) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * One option, applied to a training of either precision; {@code single} says which, for the
   * options that take matrices.
   */
  @FunctionalInterface
  private interface Option {
    Training apply(Training training, Task task, boolean single);
  }

  private record NamedOption(String name, Option option) {}

  /**
   * Costs agree to this, relative: float's 6e-8 grown through up to 1050 updates. Measured: at
   * most 4.5e-6 in every case but one, full-batch RMSprop on the binary network, 3.8e-5. There one
   * entry of W1 has a gradient that hovers near zero, and RMSprop's step {@code lr * g /
   * sqrt(s)} divides it by its own size: a relative change in {@code g} becomes a like change of a
   * step of up to {@code lr}, so the two precisions part (up to 0.009 on that entry around epoch
   * 100-112, about 2 lr) as the double run would under any other perturbation.
   */
  private static final double COSTS = 1e-4;

  private static final double SMALLEST_COST = 1e-3;

  private static final Random RANDOM = new Random(6);
  private static final DoubleMatrix X = floatGaussian(2, 100);
  private static final DoubleMatrix X_VALIDATION = floatGaussian(2, 40);

  private static final List<Task> TASKS =
      List.of(
          new Task(
              "binary",
              FloatTrainingOptionsTest_BinaryModel::create,
              TrainingOptionsTest_BinaryModel::create,
              X,
              TrainingOptionsTest.binary(X),
              X_VALIDATION,
              TrainingOptionsTest.binary(X_VALIDATION)),
          new Task(
              "softmax",
              FloatTrainingOptionsTest_SoftmaxModel::create,
              TrainingOptionsTest_SoftmaxModel::create,
              X,
              TrainingOptionsTest.classes(X),
              X_VALIDATION,
              TrainingOptionsTest.classes(X_VALIDATION)),
          new Task(
              "regression",
              FloatTrainingOptionsTest_RegressionModel::create,
              TrainingOptionsTest_RegressionModel::create,
              X,
              roundToFloat(TrainingOptionsTest.regression(X)),
              X_VALIDATION,
              roundToFloat(TrainingOptionsTest.regression(X_VALIDATION))));

  static Stream<Arguments> everyTaskWithEveryOption() {
    List<Arguments> all = new ArrayList<>();
    for (Task task : TASKS) {
      for (NamedOption option : options()) {
        all.add(Arguments.of(task, option.name(), option.option()));
      }
    }
    return all.stream();
  }

  /**
   * Each option alone on full-batch descent, each other optimizer, and all of them together with
   * each optimizer as {@link TrainingOptionsTest} combines them. Full-batch descent uses 0.2: at
   * 0.5 the regression network is at the edge of stability (its cost jumps sixfold around
   * iteration 130 in double too), where float rounding grows like any other perturbation and the
   * comparison would measure that chaos rather than float arithmetic.
   */
  private static List<NamedOption> options() {
    List<NamedOption> options = new ArrayList<>();
    options.add(named("gradient descent", (t, task, single) -> t));
    options.add(named("momentum",
        (t, task, single) -> Training.momentum(0.2, 0.9).iterations(200).recordEvery(1)));
    options.add(named("RMSprop",
        (t, task, single) -> Training.rmsProp(0.005, 0.9).iterations(200).recordEvery(1)));
    options.add(named("Adam",
        (t, task, single) -> Training.adam(0.01).iterations(200).recordEvery(1)));
    options.add(named("mini-batches", (t, task, single) -> t.epochs(40).miniBatches(16).seed(5)));
    options.add(named("L2", (t, task, single) -> t.l2(0.01)));
    options.add(named("learning-rate decay", (t, task, single) -> t.learningRateDecay(0.01)));
    options.add(named("validation", FloatTrainingOptionsTest::validation));
    options.add(named("validation given in double",
        (t, task, single) -> t.validation(task.validationX(), task.validationY())));
    options.add(named("early stopping", (t, task, single) -> t.earlyStopping(10, 1e-3)));
    options.add(named("early stopping on validation",
        (t, task, single) -> validation(t, task, single).earlyStopping(10, 1e-3)));
    options.add(named("recordEvery", (t, task, single) -> t.recordEvery(7)));
    List<Training> optimizers = List.of(Training.gradientDescent(0.5), Training.momentum(0.5, 0.9),
        Training.rmsProp(0.005, 0.9), Training.adam(0.01));
    for (Training optimizer : optimizers) {
      String name = optimizer.toString();
      options.add(named("all together with " + name.substring(0, name.indexOf(':')),
          (t, task, single) -> validation(optimizer.epochs(150).miniBatches(16).seed(5).l2(0.01)
              .learningRateDecay(0.01), task, single).earlyStopping(20, 1e-6).recordEvery(10)));
    }
    return options;
  }

  private static NamedOption named(String name, Option option) {
    return new NamedOption(name, option);
  }

  /** The validation set in the model's own precision. */
  private static Training validation(Training t, Task task, boolean single) {
    return single
        ? t.validation(task.validationX().toFloat(), task.validationY().toFloat())
        : t.validation(task.validationX(), task.validationY());
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("everyTaskWithEveryOption")
  void eachOptionTrainsAFloatNetworkAsItsDoubleTwin(Task task, String name, Option option) {
    Training base = Training.gradientDescent(0.2).iterations(200).recordEvery(1);
    FloatModel single = task.single().apply(11);
    Model twin = task.twin().apply(99);
    // The float model's weights are the double ones rounded; give the twin exactly those.
    twin.parameters().copyFrom(single.parameters().toDouble());
    List<TrainingProgress> heard = new ArrayList<>();
    List<TrainingProgress> twinHeard = new ArrayList<>();
    // The parameters before the first epoch and after each one, as the listeners saw them.
    List<FloatParameters> singleAfter = new ArrayList<>(List.of(single.parameters().copy()));
    List<Parameters> twinAfter = new ArrayList<>(List.of(twin.parameters().copy()));
    FloatMatrix X = task.X().toFloat();
    FloatMatrix Y = task.Y().toFloat();

    TrainingReport s =
        single.fit(X, Y, option.apply(base, task, true).every(1, p -> {
          heard.add(p);
          singleAfter.add(single.parameters().copy());
        }));
    TrainingReport d =
        twin.fit(task.X(), task.Y(), option.apply(base, task, false).every(1, p -> {
          twinHeard.add(p);
          twinAfter.add(twin.parameters().copy());
        }));

    // The same schedule, exactly.
    assertEquals(d.epochs(), s.epochs(), "epochs");
    assertEquals(d.iterations(), s.iterations(), "iterations");
    assertEquals(d.bestEpoch(), s.bestEpoch(), "the epoch early stopping kept");
    assertEquals(d.stoppedEarly(), s.stoppedEarly(), "stopped early");
    assertArrayEquals(d.recordedEpochs(), s.recordedEpochs(), "recorded epochs");
    // The costs to float accuracy.
    assertClose(d.costs(), s.costs(), "recorded costs");
    assertClose(d.validationCosts(), s.validationCosts(), "validation costs");
    assertClose(new double[] {d.finalCost()}, new double[] {s.finalCost()}, "final cost");
    assertEquals(single.cost(X, Y), s.finalCost(), 0.0, "finalCost() is cost() of the result");
    // What listeners hear, epoch by epoch.
    assertEquals(twinHeard.size(), heard.size(), "epochs heard");
    for (int e = 0; e < heard.size(); e++) {
      TrainingProgress p = heard.get(e);
      TrainingProgress q = twinHeard.get(e);
      String epoch = "epoch " + e;
      assertEquals(q.epoch(), p.epoch(), epoch);
      assertEquals(q.epochs(), p.epochs(), epoch);
      assertEquals(q.learningRate(), p.learningRate(), 0.0, epoch + ": learning rate");
      assertClose(new double[] {q.cost(), q.validationCost()},
          new double[] {p.cost(), p.validationCost()}, epoch + ": cost, validation cost");
      if (!Double.isNaN(q.accuracy())) {
        // Accuracy jumps where a cost moves smoothly: an example near the decision boundary may
        // fall on the other side in float. How many may is measured on this backend's own double
        // run, never a count measured once on one backend (rounding differs between backends,
        // and the chaotic RMSprop case above amplifies it into different examples).
        Outputs before = outputs(task, singleAfter.get(e), twinAfter.get(e), task.X());
        Outputs after = outputs(task, singleAfter.get(e + 1), twinAfter.get(e + 1), task.X());
        before.assertDisagreeOnlyNearTheBoundary(epoch + ", start");
        after.assertDisagreeOnlyNearTheBoundary(epoch + ", end");
        // The training accuracy is measured during the epoch (before each batch's update): by
        // parameters between those at its start and its end.
        int near = before.nearTheBoundary(after);
        assertTrue(Math.abs(q.accuracy() - p.accuracy()) * X.columns <= near + 1e-9,
            epoch + ": accuracy of 100, float32 " + p.accuracy() + ", float64 " + q.accuracy()
                + ", but only " + near + " examples lie near the boundary");
        if (!Double.isNaN(q.validationAccuracy())) {
          // The validation accuracy is that of the parameters at the end of the epoch, exactly.
          Outputs validation =
              outputs(task, singleAfter.get(e + 1), twinAfter.get(e + 1), task.validationX());
          validation.assertDisagreeOnlyNearTheBoundary(epoch + ", validation");
          double gap = Math.abs(q.validationAccuracy() - p.validationAccuracy());
          assertTrue(gap * task.validationX().columns <= validation.disagreements() + 1e-9,
              epoch + ": validation accuracy of 40, float32 " + p.validationAccuracy()
                  + ", float64 " + q.validationAccuracy() + ", but they predict only "
                  + validation.disagreements() + " examples differently");
        }
      }
    }
  }

  /**
   * How far float rounding may move a classifier's output, as a margin: the gap between the
   * largest output and the decision threshold (binary: 0.5) or the runner-up (softmax). An
   * example whose margin exceeds this is on the same side in both precisions. Measured: the
   * examples predicted differently have float64 margins of at most 3.5e-3 on jblas and 2.8e-4 on
   * OpenBLAS (all in the chaotic RMSprop case of {@link #COSTS}).
   */
  private static final double MARGIN = 0.02;

  /**
   * The outputs of the float model and its double twin with the given parameters on {@code X}
   * (each example a column), and their predicted classes.
   */
  private record Outputs(DoubleMatrix single, DoubleMatrix twin) {

    /** How many examples the two models predict differently. */
    int disagreements() {
      int count = 0;
      for (int j = 0; j < twin.columns; j++) {
        count += predicted(single, j) != predicted(twin, j) ? 1 : 0;
      }
      return count;
    }

    /** Each example predicted differently lies within {@link #MARGIN} of the boundary. */
    void assertDisagreeOnlyNearTheBoundary(String what) {
      for (int j = 0; j < twin.columns; j++) {
        if (predicted(single, j) != predicted(twin, j)) {
          assertTrue(margin(twin, j) <= MARGIN, what + ": example " + j
              + " predicted differently with a float64 margin of " + margin(twin, j));
        }
      }
    }

    /**
     * How many examples lie within {@link #MARGIN} of the boundary in either precision, here or
     * in {@code other} (the same examples under other parameters).
     */
    int nearTheBoundary(Outputs other) {
      int count = 0;
      for (int j = 0; j < twin.columns; j++) {
        double closest = Math.min(Math.min(margin(twin, j), margin(single, j)),
            Math.min(margin(other.twin, j), margin(other.single, j)));
        count += closest <= MARGIN ? 1 : 0;
      }
      return count;
    }

    private static int predicted(DoubleMatrix A, int j) {
      if (A.rows == 1) {
        return A.get(0, j) > 0.5 ? 1 : 0;
      }
      return A.getColumn(j).argmax();
    }

    private static double margin(DoubleMatrix A, int j) {
      if (A.rows == 1) {
        return Math.abs(A.get(0, j) - 0.5);
      }
      double[] column = A.getColumn(j).sort().data;
      return column[column.length - 1] - column[column.length - 2];
    }
  }

  private static Outputs outputs(
      Task task, FloatParameters single, Parameters twin, DoubleMatrix X) {
    FloatModel floatProbe = task.single().apply(1);
    floatProbe.parameters().copyFrom(single);
    Model doubleProbe = task.twin().apply(1);
    doubleProbe.parameters().copyFrom(twin);
    FloatMatrix A = floatProbe.forward(X.toFloat());
    DoubleMatrix widened = new DoubleMatrix(A.rows, A.columns);
    for (int i = 0; i < A.length; i++) {
      widened.data[i] = A.data[i];
    }
    return new Outputs(widened, doubleProbe.forward(X));
  }

  /**
   * Within {@link #COSTS} relative (of at least {@link #SMALLEST_COST}, below which relative
   * comparisons of summed squares stop meaning much); NaN only where the twin has NaN.
   */
  private static void assertClose(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": entries");
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i];
      double a = actual[i];
      if (Double.isNaN(e)) {
        assertTrue(Double.isNaN(a), what + "[" + i + "]: float32 " + a + " where float64 is NaN");
        continue;
      }
      assertTrue(Math.abs(a - e) <= COSTS * Math.max(Math.abs(e), SMALLEST_COST),
          what + "[" + i + "]: float32 " + a + ", float64 " + e);
    }
  }

  /** The last batch (4 of 100 columns) shrinks the workspaces; full passes must not notice. */
  @Test
  void passesAfterMiniBatchesEqualThoseOfAFreshModel() {
    FloatMatrix X = TASKS.get(0).X().toFloat();
    FloatMatrix small = X.getColumns(new int[] {5, 1, 7});
    for (Task task : TASKS) {
      FloatMatrix Y = task.Y().toFloat();
      FloatModel trained = task.single().apply(3);
      trained.fit(X, Y, Training.adam(0.01).epochs(3).miniBatches(32));
      FloatModel fresh = task.single().apply(99);
      fresh.parameters().copyFrom(trained.parameters());
      assertArrayEquals(fresh.forward(small).data, trained.forward(small).data, task.name());
      assertArrayEquals(fresh.forward(X).data, trained.forward(X).data, task.name());
      assertArrayEquals(fresh.predict(small).data, trained.predict(small).data, task.name());
      assertEquals(3, trained.forward(small).columns);
      FloatMatrix smallY = Y.getColumns(new int[] {5, 1, 7});
      FloatGradients a = fresh.gradients(small, smallY);
      FloatGradients b = trained.gradients(small, smallY);
      for (int l = 1; l <= a.layers(); l++) {
        assertArrayEquals(a.dW(l).data, b.dW(l).data, task.name() + " dW" + l);
        assertArrayEquals(a.db(l).data, b.db(l).data, task.name() + " db" + l);
      }
    }
  }

  @Test
  void aMiniBatchEpochOfAGeneratedFloatModelAllocatesNothing() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    FloatMatrix X = TASKS.get(1).X().toFloat();
    FloatMatrix Y = TASKS.get(1).Y().toFloat();
    Training adam = Training.adam(0.001).miniBatches(16).l2(0.1).recordEvery(1_000_000);
    FloatTrainingOptionsTest_SoftmaxModel.create(1).fit(X, Y, adam.epochs(3000)); // JIT warm-up
    long[] bytes = new long[2];
    int[] epochs = {100, 2100};
    for (int k = 0; k < 2; k++) {
      FloatModel model = FloatTrainingOptionsTest_SoftmaxModel.create(1);
      long before = threads.getThreadAllocatedBytes(id);
      model.fit(X, Y, adam.epochs(epochs[k]));
      bytes[k] = threads.getThreadAllocatedBytes(id) - before;
    }
    double perEpoch = (bytes[1] - bytes[0]) / 2000.0;
    assertTrue(perEpoch < 64, perEpoch + " bytes per epoch of 7 updates");
  }

  /** Gaussians rounded to float, so that both precisions see the same numbers. */
  private static DoubleMatrix floatGaussian(int rows, int columns) {
    DoubleMatrix M = new DoubleMatrix(rows, columns);
    for (int i = 0; i < M.length; i++) {
      M.data[i] = (float) RANDOM.nextGaussian();
    }
    return M;
  }

  private static DoubleMatrix roundToFloat(DoubleMatrix M) {
    for (int i = 0; i < M.length; i++) {
      M.data[i] = (float) M.data[i];
    }
    return M;
  }
}
