package dev.netc.benchmarks;

import dev.netc.runtime.FloatModel;
import dev.netc.runtime.Training;
import java.util.concurrent.TimeUnit;
import org.jblas.FloatMatrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * W3 and W4 in single precision ({@code @Network(precision = FLOAT)}, {@link WideFloat}): one
 * training iteration of W3 and one forward pass of W4, measured as {@link TrainingBench} and
 * {@link InferenceBench} measure float64, with the same data rounded to float. The table sets
 * them beside the float64 rows of the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FloatBench {

  private FloatMatrix trainX;
  private FloatMatrix trainY;
  private FloatMatrix inferX;
  private FloatModel model;
  private Training training;
  private GemmWork gemm;

  /** Builds only what the benchmark method being run needs (W4's X is 314 MB in float). */
  @Setup
  public void setUp(BenchmarkParams params) {
    String method = params.getBenchmark();
    if (method.endsWith("Gemm")) {
      gemm = GemmWork.inFloat(method.endsWith("trainingGemm") ? Workload.W3 : Workload.W4);
      return;
    }
    model = Workload.W3.floatModel();
    if (method.endsWith(".training")) {
      trainX = Workload.W3.inputs().toFloat();
      trainY = Workload.W3.targets().toFloat();
      training =
          Training.gradientDescent(Workload.W3.learningRate).iterations(TrainingBench.ITERATIONS);
    } else {
      inferX = Workload.W4.inputs().toFloat();
    }
  }

  /** W3 in float: {@code fit} for {@value TrainingBench#ITERATIONS} iterations. */
  @Benchmark
  @OperationsPerInvocation(TrainingBench.ITERATIONS)
  public Object training() {
    return model.fit(trainX, trainY, training);
  }

  /** W4 in float: the forward pass. */
  @Benchmark
  public FloatMatrix inference() {
    return model.forward(inferX);
  }

  /** The bound of W3 in float: the iteration's products alone, on sgemm. */
  @Benchmark
  @OperationsPerInvocation(TrainingBench.ITERATIONS)
  public Object trainingGemm() {
    for (int i = 0; i < TrainingBench.ITERATIONS; i++) {
      gemm.run();
    }
    return gemm.result();
  }

  /** The bound of W4 in float: the forward pass's products alone, on sgemm. */
  @Benchmark
  public Object inferenceGemm() {
    gemm.run();
    return gemm.result();
  }
}
