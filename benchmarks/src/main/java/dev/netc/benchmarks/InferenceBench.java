package dev.netc.benchmarks;

import dev.netc.runtime.Model;
import java.util.concurrent.TimeUnit;
import org.jblas.DoubleMatrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * W4: one forward pass of W3's network on m = 100,000 examples. netc's {@code forward} returns a
 * copy of A[3] (10 x m, 8 MB) by contract, so it allocates that much per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class InferenceBench {

  private DoubleMatrix X;
  private Model model;
  private JblasNetwork jblas;
  private GemmWork gemm;

  /** Builds only what the benchmark method being run needs (X alone is 627 MB). */
  @Setup
  public void setUp(BenchmarkParams params) {
    Workload w = Workload.W4;
    String method = params.getBenchmark();
    if (method.endsWith(".gemm")) {
      gemm = new GemmWork(w);
      return;
    }
    X = w.inputs();
    model = w.model();
    if (method.endsWith(".jblas")) {
      jblas = new JblasNetwork(w, model.parameters());
    }
  }

  /** The generated model's forward pass. */
  @Benchmark
  public DoubleMatrix netc() {
    return model.forward(X);
  }

  /** Baseline (a): the forward pass on allocating jblas operations. */
  @Benchmark
  public DoubleMatrix[] jblas() {
    return jblas.forward(X);
  }

  /** Baseline (b): the forward pass's matrix products alone. */
  @Benchmark
  public Object gemm() {
    gemm.run();
    return gemm.result();
  }
}
