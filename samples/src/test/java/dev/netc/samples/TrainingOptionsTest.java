package dev.netc.samples;

import static dev.netc.annotations.Activation.LEAKY_RELU;
import static dev.netc.annotations.Activation.LINEAR;
import static dev.netc.annotations.Activation.RELU;
import static dev.netc.annotations.Activation.SIGMOID;
import static dev.netc.annotations.Activation.SOFTMAX;
import static dev.netc.annotations.Activation.TANH;
import static dev.netc.annotations.Loss.CATEGORICAL_CROSS_ENTROPY;
import static dev.netc.annotations.Loss.MEAN_SQUARED_ERROR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netc.annotations.Layer;
import dev.netc.annotations.Network;
import dev.netc.runtime.Gradients;
import dev.netc.runtime.Model;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingReport;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every training option on generated networks of every loss: each composes with the others, the
 * smaller last mini-batch leaves the workspaces correct, and an epoch allocates nothing.
 */
class TrainingOptionsTest {

  @Network(inputs = 2)
  @Layer(units = 5, activation = TANH)
  @Layer(units = 1, activation = SIGMOID)
  interface Binary extends Model {}

  @Network(inputs = 2, loss = CATEGORICAL_CROSS_ENTROPY)
  @Layer(units = 6, activation = RELU)
  @Layer(units = 3, activation = SOFTMAX)
  interface Softmax extends Model {}

  @Network(inputs = 2, loss = MEAN_SQUARED_ERROR)
  @Layer(units = 8, activation = LEAKY_RELU)
  @Layer(units = 4, activation = TANH)
  @Layer(units = 1, activation = LINEAR)
  interface Regression extends Model {}

  /** A network, how to create it, and data it can learn: 2 x 100 inputs. */
  private record Task(String name, LongFunction<Model> create, DoubleMatrix X, DoubleMatrix Y) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final Random RANDOM = new Random(4);
  private static final DoubleMatrix X = gaussian(2, 100);
  private static final DoubleMatrix X_VALIDATION = gaussian(2, 40);

  private static final List<Task> TASKS = List.of(
      new Task("binary", TrainingOptionsTest_BinaryModel::create, X, binary(X)),
      new Task("softmax", TrainingOptionsTest_SoftmaxModel::create, X, classes(X)),
      new Task("regression", TrainingOptionsTest_RegressionModel::create, X, regression(X)));

  private static final List<Training> OPTIMIZERS = List.of(
      Training.gradientDescent(0.5), Training.momentum(0.5, 0.9), Training.rmsProp(0.005, 0.9),
      Training.adam(0.01));

  static Stream<Arguments> everyTaskWithEveryOptimizer() {
    List<Arguments> all = new ArrayList<>();
    for (Task task : TASKS) {
      for (Training optimizer : OPTIMIZERS) {
        all.add(Arguments.of(task, optimizer));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("everyTaskWithEveryOptimizer")
  void everyOptionTogetherLowersTheCost(Task task, Training optimizer) {
    Model model = task.create().apply(11);
    double before = model.cost(task.X(), task.Y());
    DoubleMatrix yValidation = task == TASKS.get(0) ? binary(X_VALIDATION)
        : task == TASKS.get(1) ? classes(X_VALIDATION) : regression(X_VALIDATION);
    TrainingReport report = model.fit(task.X(), task.Y(), optimizer.epochs(150)
        .miniBatches(16).seed(5).l2(0.01).learningRateDecay(0.01)
        .validation(X_VALIDATION, yValidation).earlyStopping(20, 1e-6).recordEvery(10));
    assertTrue(report.finalCost() < 0.8 * before,
        "cost " + before + " -> " + report.finalCost() + ": " + report);
    assertEquals(model.cost(task.X(), task.Y()), report.finalCost(), 0.0);
    assertEquals(report.costs().length, report.validationCosts().length);
    assertEquals(7 * report.epochs(), report.iterations(), "ceil(100 / 16) updates per epoch");
    assertTrue(report.bestEpoch() >= 0 && report.bestEpoch() < report.epochs());
  }

  /** The last batch (4 of 100 columns) shrinks the workspaces; full passes must not notice. */
  @Test
  void passesAfterMiniBatchesEqualThoseOfAFreshModel() {
    for (Task task : TASKS) {
      Model trained = task.create().apply(3);
      trained.fit(task.X(), task.Y(), Training.adam(0.01).epochs(3).miniBatches(32));
      Model fresh = task.create().apply(99);
      fresh.parameters().copyFrom(trained.parameters());
      DoubleMatrix small = X.getColumns(new int[] {5, 1, 7});
      assertArrayEquals(fresh.forward(small).data, trained.forward(small).data, 0.0, task.name());
      assertArrayEquals(fresh.forward(X).data, trained.forward(X).data, 0.0, task.name());
      assertArrayEquals(fresh.predict(small).data, trained.predict(small).data, 0.0, task.name());
      assertEquals(3, trained.forward(small).columns);
      Gradients a = fresh.gradients(small, task.Y().getColumns(new int[] {5, 1, 7}));
      Gradients b = trained.gradients(small, task.Y().getColumns(new int[] {5, 1, 7}));
      for (int l = 1; l <= a.layers(); l++) {
        assertArrayEquals(a.dW(l).data, b.dW(l).data, 0.0, task.name() + " dW" + l);
        assertArrayEquals(a.db(l).data, b.db(l).data, 0.0, task.name() + " db" + l);
      }
    }
  }

  @Test
  void theSameSeedTrainsTheSameModel() {
    Training training = Training.adam(0.01).epochs(20).miniBatches(10).seed(8);
    Model a = TrainingOptionsTest_SoftmaxModel.create(1);
    Model b = TrainingOptionsTest_SoftmaxModel.create(1);
    TrainingReport ra = a.fit(X, classes(X), training);
    TrainingReport rb = b.fit(X, classes(X), training);
    assertArrayEquals(ra.costs(), rb.costs(), 0.0);
    assertArrayEquals(a.parameters().W(2).data, b.parameters().W(2).data, 0.0);
  }

  @Test
  void aMiniBatchEpochOfAGeneratedModelAllocatesNothing() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    DoubleMatrix Y = classes(X);
    Training adam = Training.adam(0.001).miniBatches(16).l2(0.1).recordEvery(1_000_000);
    TrainingOptionsTest_SoftmaxModel.create(1).fit(X, Y, adam.epochs(3000)); // JIT warm-up
    long[] bytes = new long[2];
    int[] epochs = {100, 2100};
    for (int k = 0; k < 2; k++) {
      Model model = TrainingOptionsTest_SoftmaxModel.create(1);
      long before = threads.getThreadAllocatedBytes(id);
      model.fit(X, Y, adam.epochs(epochs[k]));
      bytes[k] = threads.getThreadAllocatedBytes(id) - before;
    }
    double perEpoch = (bytes[1] - bytes[0]) / 2000.0;
    assertTrue(perEpoch < 64, perEpoch + " bytes per epoch of 7 updates");
  }

  private static DoubleMatrix gaussian(int rows, int columns) {
    DoubleMatrix M = new DoubleMatrix(rows, columns);
    for (int i = 0; i < M.length; i++) {
      M.data[i] = RANDOM.nextGaussian();
    }
    return M;
  }

  /** 1 inside the unit circle. */
  static DoubleMatrix binary(DoubleMatrix X) {
    DoubleMatrix Y = new DoubleMatrix(1, X.columns);
    for (int j = 0; j < X.columns; j++) {
      Y.put(0, j, X.get(0, j) * X.get(0, j) + X.get(1, j) * X.get(1, j) < 1 ? 1 : 0);
    }
    return Y;
  }

  /** One-hot of three sectors by angle. */
  static DoubleMatrix classes(DoubleMatrix X) {
    DoubleMatrix Y = new DoubleMatrix(3, X.columns);
    for (int j = 0; j < X.columns; j++) {
      double angle = Math.atan2(X.get(1, j), X.get(0, j)) + Math.PI;
      Y.put(Math.min(2, (int) (angle / (2 * Math.PI / 3))), j, 1);
    }
    return Y;
  }

  /** A smooth target. */
  static DoubleMatrix regression(DoubleMatrix X) {
    DoubleMatrix Y = new DoubleMatrix(1, X.columns);
    for (int j = 0; j < X.columns; j++) {
      Y.put(0, j, Math.sin(X.get(0, j)) + 0.5 * X.get(1, j));
    }
    return Y;
  }
}
