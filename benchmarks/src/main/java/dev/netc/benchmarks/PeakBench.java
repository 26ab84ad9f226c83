package dev.netc.benchmarks;

import static dev.netc.runtime.internal.Blas.Op.N;

import dev.netc.runtime.internal.Blas;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jblas.DoubleMatrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The BLAS's peak: a square {@value #SIZE}^3 dgemm through {@link Blas#gemm}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PeakBench {

  static final int SIZE = 2048;

  private DoubleMatrix A;
  private DoubleMatrix B;
  private DoubleMatrix C;

  /** Random operands. */
  @Setup
  public void setUp() {
    Random rng = new Random(4);
    A = DoubleMatrix.zeros(SIZE, SIZE);
    B = DoubleMatrix.zeros(SIZE, SIZE);
    C = DoubleMatrix.zeros(SIZE, SIZE);
    for (int i = 0; i < A.data.length; i++) {
      A.data[i] = rng.nextDouble() - 0.5;
      B.data[i] = rng.nextDouble() - 0.5;
    }
  }

  /** C = A*B. */
  @Benchmark
  public DoubleMatrix square() {
    Blas.gemm(N, N, 1.0, A, B, 0.0, C);
    return C;
  }
}
