package dev.netc.benchmarks;

import dev.netc.runtime.internal.Activations;
import dev.netc.runtime.internal.Kernels;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jblas.DoubleMatrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The element-wise kernels alone, not part of the table. {@code n} = 1,600 is W1's hidden layer
 * (4 x 400, one core), 2,560,000 is W3's first hidden layer (256 x 10,000, two cores unless the
 * {@code ...OneCore} variant, forked with {@code -Dnetc.threads=1}). {@code mathTanh} is the loop
 * the runtime had before: {@code Math.tanh} per element. Run with
 * {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main KernelBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class KernelBench {

  @Param({"1600", "2560000"})
  public int n;

  private DoubleMatrix Z;
  private DoubleMatrix A;
  private DoubleMatrix dA;

  /** Gaussian pre-activations with standard deviation 2, the range tanh layers see. */
  @Setup
  public void setUp() {
    Random rng = new Random(9);
    Z = new DoubleMatrix(1, n);
    A = new DoubleMatrix(1, n);
    dA = new DoubleMatrix(1, n);
    for (int i = 0; i < n; i++) {
      Z.data[i] = 2 * rng.nextGaussian();
      dA.data[i] = rng.nextGaussian();
    }
  }

  /** The old kernel: {@code Math.tanh}, a call into C's fdlibm on JDK 17. */
  @Benchmark
  public DoubleMatrix mathTanh() {
    double[] z = Z.data;
    double[] a = A.data;
    for (int i = 0; i < z.length; i++) {
      a[i] = Math.tanh(z[i]);
    }
    return A;
  }

  @Benchmark
  public DoubleMatrix tanh() {
    Activations.tanh(Z, A);
    return A;
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dnetc.threads=1"})
  public DoubleMatrix tanhOneCore() {
    Activations.tanh(Z, A);
    return A;
  }

  @Benchmark
  public DoubleMatrix sigmoid() {
    Activations.sigmoid(Z, A);
    return A;
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dnetc.threads=1"})
  public DoubleMatrix sigmoidOneCore() {
    Activations.sigmoid(Z, A);
    return A;
  }

  @Benchmark
  public DoubleMatrix reluBackward() {
    Activations.reluBackward(Z, dA, A);
    return A;
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dnetc.threads=1"})
  public DoubleMatrix reluBackwardOneCore() {
    Activations.reluBackward(Z, dA, A);
    return A;
  }

  @Benchmark
  public DoubleMatrix axpy() {
    Kernels.axpy(-1e-9, dA, A);
    return A;
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dnetc.threads=1"})
  public DoubleMatrix axpyOneCore() {
    Kernels.axpy(-1e-9, dA, A);
    return A;
  }
}
