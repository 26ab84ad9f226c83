package dev.netc.benchmarks;

import dev.netc.runtime.Model;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingReport;
import java.util.concurrent.TimeUnit;
import org.jblas.DoubleMatrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One full-batch gradient descent iteration (forward, cost, backward, update) of W1-W3.
 *
 * <p>The generated model exposes no single step, only {@code fit}; every invocation therefore
 * runs {@value #ITERATIONS} iterations and JMH divides by them. {@code fit} also checks X and Y
 * once, evaluates the cost at iteration 0 (it is recorded) and the final cost (one more forward
 * pass): on W1 about 12% on top of the iterations themselves. That overhead is counted against
 * netc.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TrainingBench {

  /** Iterations per benchmark invocation. */
  static final int ITERATIONS = 10;

  @Param({"W1", "W2", "W3"})
  public String workload;

  private DoubleMatrix X;
  private DoubleMatrix Y;
  private Model model;
  private Training training;
  private JblasNetwork jblas;
  private GemmWork gemm;

  /** Builds only what the benchmark method being run needs. */
  @Setup
  public void setUp(BenchmarkParams params) {
    Workload w = Workload.valueOf(workload);
    String method = params.getBenchmark();
    if (method.endsWith(".gemm")) {
      gemm = new GemmWork(w);
      return;
    }
    X = w.inputs();
    Y = w.targets();
    model = w.model();
    if (method.endsWith(".jblas")) {
      jblas = new JblasNetwork(w, model.parameters());
    } else {
      training = Training.gradientDescent(w.learningRate).iterations(ITERATIONS);
    }
  }

  /** The generated model: {@code fit} for {@value #ITERATIONS} iterations. */
  @Benchmark
  @OperationsPerInvocation(ITERATIONS)
  public TrainingReport netc() {
    return model.fit(X, Y, training);
  }

  /** Baseline (a): the course's code on allocating jblas operations. */
  @Benchmark
  @OperationsPerInvocation(ITERATIONS)
  public double jblas() {
    double cost = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      cost += jblas.step(X, Y);
    }
    return cost;
  }

  /** Baseline (b): the iteration's matrix products alone. */
  @Benchmark
  @OperationsPerInvocation(ITERATIONS)
  public Object gemm() {
    for (int i = 0; i < ITERATIONS; i++) {
      gemm.run();
    }
    return gemm.result();
  }
}
