package dev.netc.benchmarks;

import static dev.netc.runtime.internal.Blas.Op.N;

import dev.netc.runtime.FloatModel;
import dev.netc.runtime.Model;
import dev.netc.runtime.internal.Blas;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Serving (issue 11): the forward pass of one example and of small batches on one shared model,
 * for the planar 2-4-1 network and 784-256-128-10 (relu, softmax), in float64 and float32.
 *
 * <ul>
 *   <li>{@code latency}: one example, {@link Mode#SampleTime} (JMH prints p50, p90, p99, ...).
 *   <li>{@code batch16} and {@code gemm16}: a batch of 16 against that batch's three matrix
 *       products alone on preallocated operands (the gemm rate: efficiency = gemm16 / batch16).
 *   <li>{@code one1}/{@code two1} and {@code one64}/{@code two64}: throughput at batch 1 and 64
 *       with one thread and with two threads on the same model instance.
 * </ul>
 *
 * <p>Every call goes through the matrix API with an {@code n[0] x m} X (for batch 1 a one-column
 * X, which takes the same products as the one-example API), and returns the model's copy of
 * A[L]: allocation per call is that copy (JMH's {@code -prof gc}, {@code gc.alloc.rate.norm}).
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ServingBench {

  @Param({"wide", "planar"})
  public String network;

  @Param({"double", "float"})
  public String precision;

  private Model model;
  private FloatModel floatModel;
  private DoubleMatrix x1;
  private DoubleMatrix x16;
  private DoubleMatrix x64;
  private FloatMatrix f1;
  private FloatMatrix f16;
  private FloatMatrix f64;
  private int[] sizes;
  private DoubleMatrix[] w;
  private DoubleMatrix[] z;
  private FloatMatrix[] wf;
  private FloatMatrix[] zf;

  @Setup
  public void setUp() {
    boolean wide = network.equals("wide");
    sizes = wide ? new int[] {784, 256, 128, 10} : new int[] {2, 4, 1};
    if (precision.equals("double")) {
      model = wide ? WideModel.create(42L) : PlanarModel.create(42L);
    } else {
      floatModel = wide ? WideFloatModel.create(42L) : PlanarFloatModel.create(42L);
    }
    x1 = inputs(1);
    x16 = inputs(16);
    x64 = inputs(64);
    f1 = x1.toFloat();
    f16 = x16.toFloat();
    f64 = x64.toFloat();
    int layers = sizes.length - 1;
    w = new DoubleMatrix[layers + 1];
    z = new DoubleMatrix[layers + 1];
    wf = new FloatMatrix[layers + 1];
    zf = new FloatMatrix[layers + 1];
    z[0] = x16;
    zf[0] = f16;
    for (int l = 1; l <= layers; l++) {
      w[l] = DoubleMatrix.randn(sizes[l], sizes[l - 1]);
      z[l] = new DoubleMatrix(sizes[l], 16);
      wf[l] = w[l].toFloat();
      zf[l] = new FloatMatrix(sizes[l], 16);
    }
  }

  private DoubleMatrix inputs(int m) {
    Random rng = new Random(7);
    DoubleMatrix X = new DoubleMatrix(sizes[0], m);
    for (int i = 0; i < X.length; i++) {
      X.data[i] = sizes[0] == 2 ? rng.nextGaussian() : rng.nextDouble();
    }
    return X;
  }

  private Object forward(DoubleMatrix X, FloatMatrix F) {
    return model != null ? model.forward(X) : floatModel.forward(F);
  }

  /** One example's forward pass: its latency distribution. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  public Object latency() {
    return forward(x1, f1);
  }

  /** A batch of 16. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public Object batch16() {
    return forward(x16, f16);
  }

  /** The three (or two) products of a batch of 16 alone, through the same gemm. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public Object gemm16() {
    for (int l = 1; l < sizes.length; l++) {
      if (model != null) {
        Blas.gemm(N, N, 1.0, w[l], z[l - 1], 0.0, z[l]);
      } else {
        Blas.gemm(N, N, 1.0f, wf[l], zf[l - 1], 0.0f, zf[l]);
      }
    }
    return model != null ? z[sizes.length - 1] : zf[sizes.length - 1];
  }

  /** Batch 1, one thread: calls per microsecond. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @Threads(1)
  public Object one1() {
    return forward(x1, f1);
  }

  /** Batch 1, two threads on the same model. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @Threads(2)
  public Object two1() {
    return forward(x1, f1);
  }

  /** Batch 64, one thread. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @Threads(1)
  public Object one64() {
    return forward(x64, f64);
  }

  /** Batch 64, two threads on the same model. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @Threads(2)
  public Object two64() {
    return forward(x64, f64);
  }
}
