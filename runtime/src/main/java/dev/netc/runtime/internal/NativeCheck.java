package dev.netc.runtime.internal;

import java.util.Locale;
import java.util.Random;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/**
 * Prints which native BLAS libraries were loaded and checks {@link Blas#gemm} on every available
 * backend (jblas and zero-copy OpenBLAS where they load, and the Java backend always) against
 * plain Java loops, for scripts:
 * {@code java -cp <runtime class path> dev.netc.runtime.internal.NativeCheck}. Prints the backend
 * {@link Blas#gemm} selects (honouring {@code -Dnetc.blas}) and one {@code OK: <backend> dgemm} and one
 * {@code OK: <backend> sgemm} line per backend checked. Exit status 0 when every product matches,
 * 1 on a mismatch, 2 if the forced backend cannot be loaded.
 */
final class NativeCheck {

  private NativeCheck() {}

  /** Runs the check; see the class comment for the exit status. */
  public static void main(String[] args) {
    System.out.println(NativeLibraries.describe());
    System.out.println(OpenBlas.describe());
    String inUse;
    try {
      // Selection first: a forced backend that cannot load is the failure to report.
      inUse = Blas.backend();
    } catch (IllegalStateException e) {
      System.out.println("FAILED: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.out.println(
        "backend in use: " + Blas.selected().name().toLowerCase(Locale.ROOT) + " ("
            + inUse.lines().filter(l -> l.startsWith("  selected: ")).findFirst().orElse("")
                .trim() + ")");
    boolean ok = check(Blas.Backend.JAVA, false);
    ok &= check(Blas.Backend.JAVA, true);
    if (NativeLibraries.available()) {
      ok &= check(Blas.Backend.JBLAS, false);
      ok &= check(Blas.Backend.JBLAS, true);
    }
    if (OpenBlas.available()) {
      ok &= check(Blas.Backend.OPENBLAS, false);
      ok &= check(Blas.Backend.OPENBLAS, true);
    }
    System.exit(ok ? 0 : 1);
  }

  /**
   * {@code dgemm}, or {@code sgemm} if {@code single}, on {@code backend} against the Java loops
   * in double on the same inputs (for sgemm, rounded to float); single-precision accumulation
   * over {@code k = 53} terms stays far inside 1e-4.
   */
  private static boolean check(Blas.Backend backend, boolean single) {
    String name = backend.name().toLowerCase(Locale.ROOT);
    String routine = single ? "sgemm" : "dgemm";
    double tolerance = single ? 1e-4 : 1e-12;
    Random rng = new Random(single ? 43 : 42);
    int p = 37;
    int k = 53;
    int q = 29;
    double worst = 0.0;
    for (Blas.Op opA : Blas.Op.values()) {
      for (Blas.Op opB : Blas.Op.values()) {
        DoubleMatrix A = random(rng, opA == Blas.Op.N ? p : k, opA == Blas.Op.N ? k : p, single);
        DoubleMatrix B = random(rng, opB == Blas.Op.N ? k : q, opB == Blas.Op.N ? q : k, single);
        DoubleMatrix C = random(rng, p, q, single);
        DoubleMatrix expected = C.dup();
        naive(opA, opB, 0.5, A, B, -2.0, expected);
        DoubleMatrix actual = gemm(backend, single, opA, opB, A, B, C);
        double error = 0.0;
        for (int i = 0; i < C.length; i++) {
          error = Math.max(error, Math.abs(actual.data[i] - expected.data[i]));
        }
        worst = Math.max(worst, error);
        System.out.printf(
            "%s %s(%s, %s) %dx%d * %dx%d: max |native - Java loops| = %.3g%n",
            name, routine, opA, opB, A.rows, A.columns, B.rows, B.columns, error);
      }
    }
    if (!(worst <= tolerance)) {
      System.out.println(
          "FAILED: " + name + " " + routine + " differs from the Java loops by " + worst);
      return false;
    }
    System.out.println("OK: " + name + " " + routine + " agrees with the Java loops");
    return true;
  }

  /**
   * {@code C = 0.5 op(A) op(B) - 2 C} on {@code backend}, in single precision if {@code single}
   * (the inputs hold floats already: rounding them is exact), as a new double matrix.
   */
  private static DoubleMatrix gemm(
      Blas.Backend backend, boolean single, Blas.Op opA, Blas.Op opB, DoubleMatrix A,
      DoubleMatrix B, DoubleMatrix C) {
    DoubleMatrix result = C.dup();
    if (!single) {
      Blas.gemm(backend, opA, opB, 0.5, A, B, -2.0, result);
      return result;
    }
    float[] c = result.toFloat().data;
    Blas.gemm(backend, opA, opB, 0.5f, A.toFloat(), B.toFloat(), -2.0f,
        new FloatMatrix(C.rows, C.columns, c));
    for (int i = 0; i < c.length; i++) {
      result.data[i] = c[i];
    }
    return result;
  }

  /** Gaussian entries, rounded to the nearest float if {@code single}. */
  private static DoubleMatrix random(Random rng, int rows, int columns, boolean single) {
    DoubleMatrix M = new DoubleMatrix(rows, columns);
    for (int i = 0; i < M.length; i++) {
      double x = rng.nextGaussian();
      M.data[i] = single ? (double) (float) x : x;
    }
    return M;
  }

  /** {@code C = alpha*op(A)*op(B) + beta*C} by the definition. */
  static void naive(
      Blas.Op opA, Blas.Op opB, double alpha, DoubleMatrix A, DoubleMatrix B, double beta,
      DoubleMatrix C) {
    for (int i = 0; i < C.rows; i++) {
      for (int j = 0; j < C.columns; j++) {
        double sum = 0.0;
        int k = opA == Blas.Op.N ? A.columns : A.rows;
        for (int t = 0; t < k; t++) {
          double a = opA == Blas.Op.N ? A.get(i, t) : A.get(t, i);
          double b = opB == Blas.Op.N ? B.get(t, j) : B.get(j, t);
          sum += a * b;
        }
        C.put(i, j, alpha * sum + beta * C.get(i, j));
      }
    }
  }
}
