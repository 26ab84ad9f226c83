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
    boolean ok = check(Blas.Backend.JAVA);
    ok &= checkFloat(Blas.Backend.JAVA);
    if (NativeLibraries.available()) {
      ok &= check(Blas.Backend.JBLAS);
      ok &= checkFloat(Blas.Backend.JBLAS);
    }
    if (OpenBlas.available()) {
      ok &= check(Blas.Backend.OPENBLAS);
      ok &= checkFloat(Blas.Backend.OPENBLAS);
    }
    System.exit(ok ? 0 : 1);
  }

  private static boolean check(Blas.Backend backend) {
    String name = backend.name().toLowerCase(Locale.ROOT);
    Random rng = new Random(42);
    int p = 37;
    int k = 53;
    int q = 29;
    double worst = 0.0;
    for (Blas.Op opA : Blas.Op.values()) {
      for (Blas.Op opB : Blas.Op.values()) {
        DoubleMatrix A = random(rng, opA == Blas.Op.N ? p : k, opA == Blas.Op.N ? k : p);
        DoubleMatrix B = random(rng, opB == Blas.Op.N ? k : q, opB == Blas.Op.N ? q : k);
        DoubleMatrix C = random(rng, p, q);
        DoubleMatrix expected = C.dup();
        naive(opA, opB, 0.5, A, B, -2.0, expected);
        Blas.gemm(backend, opA, opB, 0.5, A, B, -2.0, C);
        double error = 0.0;
        for (int i = 0; i < C.length; i++) {
          error = Math.max(error, Math.abs(C.data[i] - expected.data[i]));
        }
        worst = Math.max(worst, error);
        System.out.printf(
            "%s dgemm(%s, %s) %dx%d * %dx%d: max |native - Java loops| = %.3g%n",
            name, opA, opB, A.rows, A.columns, B.rows, B.columns, error);
      }
    }
    if (!(worst <= 1e-12)) {
      System.out.println("FAILED: " + name + " dgemm differs from the Java loops by " + worst);
      return false;
    }
    System.out.println("OK: " + name + " dgemm agrees with the Java loops");
    return true;
  }

  /**
   * {@code sgemm} on {@code backend} against the Java loops in double on the same float inputs;
   * single-precision accumulation over {@code k = 53} terms stays far inside 1e-4.
   */
  private static boolean checkFloat(Blas.Backend backend) {
    String name = backend.name().toLowerCase(Locale.ROOT);
    Random rng = new Random(43);
    int p = 37;
    int k = 53;
    int q = 29;
    double worst = 0.0;
    for (Blas.Op opA : Blas.Op.values()) {
      for (Blas.Op opB : Blas.Op.values()) {
        FloatMatrix A =
            random(rng, opA == Blas.Op.N ? p : k, opA == Blas.Op.N ? k : p).toFloat();
        FloatMatrix B =
            random(rng, opB == Blas.Op.N ? k : q, opB == Blas.Op.N ? q : k).toFloat();
        FloatMatrix C = random(rng, p, q).toFloat();
        DoubleMatrix expected = widen(C);
        naive(opA, opB, 0.5, widen(A), widen(B), -2.0, expected);
        Blas.gemm(backend, opA, opB, 0.5f, A, B, -2.0f, C);
        double error = 0.0;
        for (int i = 0; i < C.length; i++) {
          error = Math.max(error, Math.abs(C.data[i] - expected.data[i]));
        }
        worst = Math.max(worst, error);
        System.out.printf(
            "%s sgemm(%s, %s) %dx%d * %dx%d: max |native - Java loops| = %.3g%n",
            name, opA, opB, A.rows, A.columns, B.rows, B.columns, error);
      }
    }
    if (!(worst <= 1e-4)) {
      System.out.println("FAILED: " + name + " sgemm differs from the Java loops by " + worst);
      return false;
    }
    System.out.println("OK: " + name + " sgemm agrees with the Java loops");
    return true;
  }

  private static DoubleMatrix widen(FloatMatrix M) {
    DoubleMatrix D = new DoubleMatrix(M.rows, M.columns);
    for (int i = 0; i < M.length; i++) {
      D.data[i] = M.data[i];
    }
    return D;
  }

  private static DoubleMatrix random(Random rng, int rows, int columns) {
    DoubleMatrix M = new DoubleMatrix(rows, columns);
    for (int i = 0; i < M.length; i++) {
      M.data[i] = rng.nextGaussian();
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
