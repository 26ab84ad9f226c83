package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.netc.runtime.FloatGradients;
import dev.netc.runtime.FloatModel;
import dev.netc.runtime.Gradients;
import dev.netc.runtime.Model;
import dev.netc.runtime.Training;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.tools.JavaFileObject;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One generated model shared by threads: every call of every thread gives the bits one thread
 * gets, and {@code fit} running beside predictions shows them the parameters from before it or
 * from after it, never a mix. Before netc gave each thread its own passes, 4 threads of mixed batch
 * sizes got thousands of wrong results per run, and exceptions.
 */
final class ThreadSafetyTest {
  private static final int THREADS = 4;
  private static final int[] BATCHES = {1, 3, 17, 64};
  private static final int SETS_PER_BATCH = 4;

  private static GeneratedClasses classes;
  private ExecutorService pool;

  @BeforeAll
  static void compile() {
    Compilation c =
        GeneratedClasses.compile(
            network("Deep", false, "Loss.CATEGORICAL_CROSS_ENTROPY",
                "@Layer(units = 24, activation = Activation.TANH)",
                "@Layer(units = 16, activation = Activation.RELU)",
                "@Layer(units = 3, activation = Activation.SOFTMAX)"),
            network("DeepFloat", true, "Loss.CATEGORICAL_CROSS_ENTROPY",
                "@Layer(units = 24, activation = Activation.TANH)",
                "@Layer(units = 16, activation = Activation.RELU)",
                "@Layer(units = 3, activation = Activation.SOFTMAX)"));
    assertThat(c).succeededWithoutWarnings();
    classes = GeneratedClasses.of(c);
  }

  @BeforeEach
  void startPool() {
    pool = Executors.newFixedThreadPool(THREADS + 1);
  }

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  /** What one call gave: the data of its result, for a bit-for-bit comparison. */
  private record Call(String what, double[] bits) {}

  /** One call on a shared model, with the answer one thread got for it. */
  private interface Task {
    Call run();
  }

  @Test
  void fourThreadsOfMixedBatchesGetTheSingleThreadedBits() throws Exception {
    Model model = classes.create("test.DeepModel", 7);
    List<Task> tasks = new ArrayList<>();
    Random random = new Random(3);
    for (int m : BATCHES) {
      for (int s = 0; s < SETS_PER_BATCH; s++) {
        DoubleMatrix X = gaussian(random, 10, m);
        DoubleMatrix Y = oneHot(random, 3, m);
        tasks.add(() -> new Call("forward " + m, model.forward(X).data));
        tasks.add(() -> new Call("predict " + m, model.predict(X).data));
        tasks.add(() -> new Call("cost " + m, new double[] {model.cost(X, Y)}));
        tasks.add(() -> new Call("gradients " + m, flatten(model.gradients(X, Y))));
        double[] x = X.getColumn(0).data;
        double[] out = new double[3];
        tasks.add(() -> new Call("forward(x) " + m, model.forward(x)));
        tasks.add(() -> new Call("predict(x) " + m, model.predict(x)));
        // out is this task's own: the task list gives every thread the same tasks in turn
        tasks.add(() -> {
          synchronized (out) {
            model.forward(x, out);
            return new Call("forward(x, out) " + m, out.clone());
          }
        });
      }
    }
    assertThat(mismatches(tasks, 3_000)).isEqualTo(0);
  }

  @Test
  void fourThreadsOfMixedBatchesGetTheSingleThreadedBitsInSinglePrecision() throws Exception {
    FloatModel model = classes.createFloat("test.DeepFloatModel", 7);
    List<Task> tasks = new ArrayList<>();
    Random random = new Random(4);
    for (int m : BATCHES) {
      for (int s = 0; s < SETS_PER_BATCH; s++) {
        FloatMatrix X = gaussian(random, 10, m).toFloat();
        FloatMatrix Y = oneHot(random, 3, m).toFloat();
        tasks.add(() -> new Call("forward " + m, widen(model.forward(X).data)));
        tasks.add(() -> new Call("predict " + m, widen(model.predict(X).data)));
        tasks.add(() -> new Call("cost " + m, new double[] {model.cost(X, Y)}));
        tasks.add(() -> new Call("gradients " + m, flatten(model.gradients(X, Y))));
        float[] x = X.getColumn(0).data;
        tasks.add(() -> new Call("forward(x) " + m, widen(model.forward(x))));
        tasks.add(() -> new Call("predict(x) " + m, widen(model.predict(x))));
      }
    }
    assertThat(mismatches(tasks, 3_000)).isEqualTo(0);
  }

  @Test
  void predictionsDuringFitSeeTheParametersFromBeforeOrAfterIt() throws Exception {
    Random random = new Random(5);
    DoubleMatrix X = gaussian(random, 10, 200);
    DoubleMatrix Y = oneHot(random, 3, 200);
    List<DoubleMatrix> probes = new ArrayList<>();
    for (int m : BATCHES) {
      probes.add(gaussian(random, 10, m));
    }
    Training training = Training.gradientDescent(0.1).iterations(1_500);
    Model twin = classes.create("test.DeepModel", 9);
    twin.fit(X, Y, training);
    Model model = classes.create("test.DeepModel", 9);
    List<double[]> before = new ArrayList<>();
    List<double[]> after = new ArrayList<>();
    for (DoubleMatrix probe : probes) {
      before.add(model.forward(probe).data);
      after.add(twin.forward(probe).data);
      assertThat(Arrays.equals(before.get(before.size() - 1), after.get(after.size() - 1)))
          .isFalse();
    }

    AtomicBoolean fitting = new AtomicBoolean(true);
    AtomicInteger duringFit = new AtomicInteger();
    AtomicInteger mixed = new AtomicInteger();
    AtomicInteger afterFit = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(THREADS);
    List<Future<?>> readers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      readers.add(pool.submit(() -> {
        started.countDown();
        for (int i = thread; ; i++) {
          boolean wasFitting = fitting.get();
          int p = i % probes.size();
          double[] got = model.forward(probes.get(p)).data;
          boolean isBefore = Arrays.equals(got, before.get(p));
          boolean isAfter = Arrays.equals(got, after.get(p));
          if (!isBefore && !isAfter) {
            mixed.incrementAndGet();
          }
          if (wasFitting && isBefore) {
            duringFit.incrementAndGet();
          }
          if (!wasFitting) {
            // fit returned before this call began: only the trained parameters may show
            if (!isAfter) {
              mixed.incrementAndGet();
            }
            if (afterFit.incrementAndGet() > 200 * THREADS) {
              return null;
            }
          }
        }
      }));
    }
    started.await();
    model.fit(X, Y, training);
    fitting.set(false);
    for (Future<?> reader : readers) {
      reader.get(60, TimeUnit.SECONDS);
    }
    assertThat(mixed.get()).isEqualTo(0);
    assertThat(duringFit.get()).isGreaterThan(0);
    // fit trained the live parameters as it does with no thread beside it, bit for bit
    for (int l = 1; l <= 3; l++) {
      assertThat(model.parameters().W(l).data).isEqualTo(twin.parameters().W(l).data);
      assertThat(model.parameters().b(l).data).isEqualTo(twin.parameters().b(l).data);
    }
  }

  @Test
  void aSecondFitAtOnceIsRefusedAndTheFirstGoesOn() throws Exception {
    Random random = new Random(6);
    DoubleMatrix X = gaussian(random, 10, 20);
    DoubleMatrix Y = oneHot(random, 3, 20);
    Model model = classes.create("test.DeepModel", 2);
    CountDownLatch inFit = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Training blocking =
        Training.gradientDescent(0.1).iterations(3).every(1, progress -> {
          inFit.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    Future<?> first = pool.submit(() -> model.fit(X, Y, blocking));
    assertThat(inFit.await(30, TimeUnit.SECONDS)).isTrue();
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> model.fit(X, Y, Training.gradientDescent(0.1).iterations(1)));
    assertThat(refused).hasMessageThat().startsWith("Deep: fit is already running on this model");
    release.countDown();
    first.get(30, TimeUnit.SECONDS);
    // and once the first has returned, fit may run again
    model.fit(X, Y, Training.gradientDescent(0.1).iterations(1));
  }

  @Test
  void aListenerOnTheFittingThreadSeesTheParametersAsFarAsTrained() {
    Random random = new Random(8);
    DoubleMatrix X = gaussian(random, 10, 30);
    DoubleMatrix Y = oneHot(random, 3, 30);
    Model model = classes.create("test.DeepModel", 4);
    double start = model.cost(X, Y);
    List<Double> heard = new ArrayList<>();
    model.fit(X, Y, Training.gradientDescent(0.5).iterations(50).every(49,
        progress -> heard.add(model.cost(X, Y))));
    // the copy that other threads read would give the cost before fit, every time
    assertThat(heard).isNotEmpty();
    assertThat(heard.get(heard.size() - 1)).isLessThan(start);
  }

  @Test
  void aModelItsThreadsNoLongerUseIsCollected() throws Exception {
    // The pool's threads live on; what their thread-locals hold must not keep the model alive.
    WeakReference<Model> dropped = usedOnEveryThread();
    for (int i = 0; i < 100 && dropped.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(dropped.get()).isNull();
  }

  /** A model that this thread and every thread of the pool ran a pass of, no longer referenced. */
  private WeakReference<Model> usedOnEveryThread() throws Exception {
    Model model = classes.create("test.DeepModel", 1);
    double[] x = gaussian(new Random(2), 10, 1).data;
    List<Callable<double[]>> calls = new ArrayList<>();
    for (int t = 0; t <= THREADS; t++) {
      calls.add(() -> model.forward(x));
    }
    for (Future<double[]> call : pool.invokeAll(calls)) {
      assertThat(call.get()).hasLength(3);
    }
    assertThat(model.forward(x)).hasLength(3);
    return new WeakReference<>(model);
  }

  /**
   * Runs every task once on this thread for its expected bits, then {@code rounds} tasks per
   * thread on {@link #THREADS} threads at once, each drawn at random, and counts the results that
   * differ from the expected bits (or threw).
   */
  private int mismatches(List<Task> tasks, int rounds) throws Exception {
    List<double[]> expected = new ArrayList<>();
    for (Task task : tasks) {
      expected.add(task.run().bits());
    }
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      long seed = t;
      Callable<Integer> worker = () -> {
        Random random = new Random(seed);
        start.await();
        int wrong = 0;
        for (int i = 0; i < rounds; i++) {
          int k = random.nextInt(tasks.size());
          try {
            Call call = tasks.get(k).run();
            if (!Arrays.equals(call.bits(), expected.get(k))) {
              wrong++;
            }
          } catch (RuntimeException e) {
            wrong++;
          }
        }
        return wrong;
      };
      results.add(pool.submit(worker));
    }
    int wrong = 0;
    for (Future<Integer> result : results) {
      wrong += result.get(120, TimeUnit.SECONDS);
    }
    return wrong;
  }

  private static double[] flatten(Gradients gradients) {
    List<double[]> parts = new ArrayList<>();
    for (int l = 1; l <= gradients.layers(); l++) {
      parts.add(gradients.dW(l).data);
      parts.add(gradients.db(l).data);
    }
    return concat(parts);
  }

  private static double[] flatten(FloatGradients gradients) {
    List<double[]> parts = new ArrayList<>();
    for (int l = 1; l <= gradients.layers(); l++) {
      parts.add(widen(gradients.dW(l).data));
      parts.add(widen(gradients.db(l).data));
    }
    return concat(parts);
  }

  private static double[] concat(List<double[]> parts) {
    return parts.stream().flatMapToDouble(Arrays::stream).toArray();
  }

  /** Floats as doubles: exact, so equal doubles mean equal floats. */
  private static double[] widen(float[] values) {
    double[] wide = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      wide[i] = values[i];
    }
    return wide;
  }

  static DoubleMatrix gaussian(Random random, int rows, int columns) {
    DoubleMatrix M = new DoubleMatrix(rows, columns);
    for (int i = 0; i < M.length; i++) {
      M.data[i] = random.nextGaussian();
    }
    return M;
  }

  static DoubleMatrix oneHot(Random random, int classes, int columns) {
    DoubleMatrix Y = new DoubleMatrix(classes, columns);
    for (int j = 0; j < columns; j++) {
      Y.put(random.nextInt(classes), j, 1.0);
    }
    return Y;
  }

  private static JavaFileObject network(
      String name, boolean single, String loss, String... layers) {
    List<String> lines = new ArrayList<>();
    lines.add("package test;");
    lines.add("import dev.netc.annotations.*;");
    lines.add("@Network(inputs = 10, loss = " + loss
        + (single ? ", precision = Precision.FLOAT)" : ")"));
    lines.addAll(List.of(layers));
    lines.add("public interface " + name + " extends dev.netc.runtime."
        + (single ? "FloatModel" : "Model") + " {}");
    return JavaFileObjects.forSourceLines("test." + name, lines);
  }
}
