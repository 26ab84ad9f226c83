package dev.netc.runtime.internal;

import java.util.Arrays;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

// twin: f32 inherited
/**
 * Element-wise kernels for generated code: plain loops over the column-major {@code data} arrays,
 * no allocation. Inputs first, the overwritten output last. Shapes are checked (a few integer
 * comparisons) and a mismatch throws {@link IllegalArgumentException} naming them. {@code
 * subtract} and {@code axpy} use two cores on large matrices (see {@code Parallel}) with
 * bit-identical results. Every kernel has a single-precision overload on {@link FloatMatrix} with
 * the same name, checks and messages, generated from this source into {@code FloatKernels} (which
 * this class extends, so that generated code calls {@code Kernels} in either precision).
 */
public final class Kernels extends FloatKernels {

  private Kernels() {}

  /**
   * Every column of {@code Z} := {@code b}; overwrites {@code Z}. {@code b} is {@code n x 1},
   * {@code Z} is {@code n x m}. Used before {@code Z = W*A + 1.0*Z}. On two cores when {@code Z}
   * is large: a single core wrote W3's 256 x 10,000 at about 11 GB/s.
   */
  public static void broadcastColumns(DoubleMatrix b, DoubleMatrix Z) {
    checkBroadcast(b.rows, b.columns, Z.rows, Z.columns);
    if (Z.rows > 0 && Z.columns > 0) {
      Parallel.run(Parallel.BROADCAST, b.data, null, Z.data, 0.0, Z.rows, Z.columns);
    }
  }

  /** Columns at least this long are copied one by one from {@code b}; shorter ones in blocks. */
  private static final int LONG_COLUMN = 64;

  /** Values per arraycopy in {@link #broadcastColumns}: 16 KiB, copies from a source in L1. */
  private static final int BLOCK = 16 * 1024 / Double.BYTES;

  /** Fills the whole columns in elements {@code [from, to)} of {@code z} with {@code b[0, n)}. */
  static void broadcastColumns(double[] b, double[] z, int n, int from, int to) {
    if (n == 1) { // an output unit: one arraycopy call per element would cost more than the copy
      Arrays.fill(z, from, to, b[0]);
      return;
    }
    if (n >= LONG_COLUMN) {
      for (int off = from; off < to; off += n) {
        System.arraycopy(b, 0, z, off, n);
      }
      return;
    }
    // Copy the first column, then blocks of the columns already filled, doubling up to BLOCK
    // values: one arraycopy call per short column cost more than the copy (1.3 us for 4x400).
    System.arraycopy(b, 0, z, from, n);
    int total = to - from;
    int block = Math.max(n, BLOCK / n * n);
    for (int filled = n; filled < total; ) {
      int length = Math.min(Math.min(filled, block), total - filled);
      System.arraycopy(z, from, z, from + filled, length);
      filled += length;
    }
  }

  /** {@code C = A - B}; overwrites {@code C} (which may be {@code A} or {@code B}). */
  public static void subtract(DoubleMatrix A, DoubleMatrix B, DoubleMatrix C) {
    same("subtract", "A", A, "B", B, "C", C);
    Parallel.run(Parallel.SUBTRACT, A.data, B.data, C.data, 0.0, 1, C.rows * C.columns);
  }

  /** {@code Y += alpha * X}; overwrites {@code Y}. Used as {@code W -= lr * dW}. */
  public static void axpy(double alpha, DoubleMatrix X, DoubleMatrix Y) { // twin: scalar alpha
    same("axpy", "X", X, "Y", Y);
    Parallel.run(Parallel.AXPY, X.data, null, Y.data, alpha, 1, Y.rows * Y.columns);
  }

  /**
   * {@code db = alpha * (sum over the columns of dZ)}; overwrites {@code db}. {@code dZ} is
   * {@code n x m}, {@code db} is {@code n x 1}. Used as {@code db[l] = (1/m) sum dZ[l]}. Each row
   * is summed in column order; from 8 rows and {@code 2^15} entries on, in four parts of the
   * columns, shared between two cores when the worker is free, then added (the split depends on
   * the shape alone, not on the threads; see {@code splits}). {@code db} is written only after
   * {@code dZ} is read, so {@code db} may be {@code dZ} itself when {@code m == 1}.
   *
   * <p>Both precisions sum in double and round to float once, the float kernel's result being
   * the double kernel's on the same data, rounded to float, bit for bit. (A float accumulator over
   * {@code m = 10,000} columns can be off by thousands of ulps of its partial sums, and {@code
   * db}, a mean of terms of both signs, is often far smaller than they are.)
   */
  public static void sumColumns(double alpha, DoubleMatrix dZ, DoubleMatrix db) { // twin: scalar alpha
    checkSumColumns(dZ.rows, dZ.columns, db.rows, db.columns);
    double[] z = dZ.data;
    double[] s = db.data;
    int n = dZ.rows;
    int m = dZ.columns;
    if (m == 0) {
      Arrays.fill(s, 0, n, 0.0);
      return;
    }
    if (n == 1) { // one accumulator in a register; the same additions in the same order
      double sum = z[0]; // twin: keep
      for (int j = 1; j < m; j++) {
        sum += z[j];
      }
      s[0] = alpha * sum; // twin: round
      return;
    }
    if (n <= 4) { // every row's sum in a register; the same additions in the same order
      sumFewRows(alpha, z, s, n, m);
      return;
    }
    // Otherwise walk column by column: dZ is read once, in order, and the n running sums live in
    // double[]s kept per thread (no allocation per call). Walking along the rows instead, eight
    // sums in registers, fetched every cache line of dZ several times: 2.2 ms on W3's 256 x
    // 10,000 from memory, 0.8 this way (one core, float).
    double[][] p = Kernels.rowSums(n); // twin: keep
    if (Kernels.splits(n, m)) {
      Parallel.sumColumnParts(z, p, n, m);
      for (int i = 0; i < n; i++) {
        // twin: round
        s[i] = alpha * ((p[0][i] + p[1][i]) + (p[2][i] + p[3][i]));
      }
      return;
    }
    sumColumnRange(z, p[0], n, 0, m);
    for (int i = 0; i < n; i++) {
      s[i] = alpha * p[0][i]; // twin: round
    }
  }

  /**
   * {@code s[i] = alpha * sum over j < m of z[i + j*n]} for {@code 2 <= n <= 4}. Keeping the sums
   * in an array instead, with 4 rows each addition waited for the store of the one before (1.3
   * us for 4x400, 0.3 here).
   */
  // twin: scalar alpha
  private static void sumFewRows(double alpha, double[] z, double[] s, int n, int m) {
    double s0 = z[0]; // twin: keep
    double s1 = z[1]; // twin: keep
    switch (n) {
      case 2 -> {
        for (int off = 2; off < 2 * m; off += 2) {
          s0 += z[off];
          s1 += z[off + 1];
        }
      }
      case 3 -> {
        double s2 = z[2]; // twin: keep
        for (int off = 3; off < 3 * m; off += 3) {
          s0 += z[off];
          s1 += z[off + 1];
          s2 += z[off + 2];
        }
        s[2] = alpha * s2; // twin: round
      }
      default -> {
        double s2 = z[2]; // twin: keep
        double s3 = z[3]; // twin: keep
        for (int off = 4; off < 4 * m; off += 4) {
          s0 += z[off];
          s1 += z[off + 1];
          s2 += z[off + 2];
          s3 += z[off + 3];
        }
        s[2] = alpha * s2; // twin: round
        s[3] = alpha * s3; // twin: round
      }
    }
    s[0] = alpha * s0; // twin: round
    s[1] = alpha * s1; // twin: round
  }

  // twin: skip
  /**
   * Whether {@code sumColumns} sums four parts of the columns of an {@code n x m} {@code dZ}
   * separately (shared between two cores when it can) and then adds them, {@code (s0 + s1) + (s2
   * + s3)}, rather than in one pass: for {@code n >= 8} rows (below that the sums stay in
   * registers) and at least {@code 2^15} entries. The rule depends on the shape alone, the same
   * in both precisions, so the float kernel stays the double kernel rounded to float, and
   * neither depends on the threads available. Four parts rather than two, so that a worker that
   * wakes late still takes a share.
   */
  static boolean splits(int n, int m) {
    return n >= 8 && m >= PARTS && (long) n * m >= Parallel.THRESHOLD_CHEAP;
  }

  /** Parts of the columns in a split {@code sumColumns}, see {@link #splits}. */
  private static final int PARTS = 4;

  /** Each thread's running sums for {@code sumColumns}: one array per part of the columns. */
  private static final ThreadLocal<double[][]> ROW_SUMS = new ThreadLocal<>();

  /** This thread's {@link #PARTS} arrays of running sums, each at least {@code n} long. */
  static double[][] rowSums(int n) {
    double[][] sums = ROW_SUMS.get();
    if (sums == null || sums[0].length < n) {
      sums = new double[PARTS][Math.max(n, 64)];
      ROW_SUMS.set(sums);
    }
    return sums;
  }

  // twin: end

  /**
   * Columns {@code [from, to)} of {@code z} ({@code n} rows) summed into {@code acc[0, n)}, in
   * double in both precisions. One column per pass: two per pass (half the loads and stores of
   * acc) ran as fast from cache but twice as slow from memory.
   */
  // twin: as static void sumColumnRange(float[] z, double[] acc, int n, int from, int to) {
  static void sumColumnRange(double[] z, double[] acc, int n, int from, int to) {
    int off = from * n;
    for (int i = 0; i < n; i++) {
      acc[i] = z[off + i];
    }
    for (off += n; off < to * n; off += n) {
      for (int i = 0; i < n; i++) {
        acc[i] += z[off + i];
      }
    }
  }
  // The loops, on elements [from, to); Parallel calls them from one or two threads.

  static void subtract(double[] a, double[] b, double[] c, int from, int to) {
    for (int i = from; i < to; i++) {
      c[i] = a[i] - b[i];
    }
  }

  static void axpy(double alpha, double[] x, double[] y, int from, int to) {
    for (int i = from; i < to; i++) {
      y[i] += alpha * x[i];
    }
  }

  /**
   * The index in {@code M.data} of the first NaN or infinite entry, or -1 when all are finite; on
   * two cores when {@code M} is large.
   */
  static int firstNonFinite(DoubleMatrix M) {
    return Parallel.firstNonFinite(M.data, M.rows * M.columns);
  }

  /** The index of the first NaN or infinite value in {@code d[from, to)}, or -1. */
  static int firstNonFinite(double[] d, int from, int to) {
    for (int i = from; i < to; i++) {
      // v - v is 0 for finite v and NaN for NaN and both infinities: one test per entry.
      if (d[i] - d[i] != 0.0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The sum of the squares of {@code d[from, to)}: it bounds every entry ({@code |d[i]| <=
   * sqrt(sum)}), and is NaN or infinite when an entry is (or the sum overflows): the scan for
   * NaN and infinities that never stops early, too. Four sums that never stop early run faster
   * than a loop that tests every entry (1.9 ms against 2.75 on 7.8 million floats).
   */
  static double sumOfSquares(double[] d, int from, int to) {
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int i = from;
    for (; i + 4 <= to; i += 4) {
      s0 += d[i] * d[i];
      s1 += d[i + 1] * d[i + 1];
      s2 += d[i + 2] * d[i + 2];
      s3 += d[i + 3] * d[i + 3];
    }
    for (; i < to; i++) {
      s0 += d[i] * d[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  // The shape checks, shared by both precisions so that their messages cannot drift apart.

  static void checkBroadcast(int bRows, int bColumns, int zRows, int zColumns) {
    if (bColumns != 1 || bRows != zRows) {
      throw new IllegalArgumentException(
          "broadcastColumns: b must be " + zRows + "x1 to fill Z (" + zRows + "x" + zColumns
              + "), got " + bRows + "x" + bColumns);
    }
  }

  static void checkSumColumns(int zRows, int zColumns, int dbRows, int dbColumns) {
    if (dbColumns != 1 || dbRows != zRows) {
      throw new IllegalArgumentException(
          "sumColumns: db must be " + zRows + "x1 to hold the sums of dZ (" + zRows + "x"
              + zColumns + "), got " + dbRows + "x" + dbColumns);
    }
  }

  static void same(String op, String n1, DoubleMatrix m1, String n2, DoubleMatrix m2) {
    if (m1.rows != m2.rows || m1.columns != m2.columns) {
      throw notSame(op, n1, Blas.shape(m1), n2, Blas.shape(m2));
    }
  }

  private static IllegalArgumentException notSame(
      String op, String n1, String shape1, String n2, String shape2) {
    return new IllegalArgumentException(
        op + ": " + n1 + " is " + shape1 + " and " + n2 + " is " + shape2
            + "; both must have the same shape");
  }

  static void same(
      String op,
      String n1,
      DoubleMatrix m1,
      String n2,
      DoubleMatrix m2,
      String n3,
      DoubleMatrix m3) {
    if (m1.rows != m2.rows
        || m1.columns != m2.columns
        || m1.rows != m3.rows
        || m1.columns != m3.columns) {
      throw notSame(op, n1, Blas.shape(m1), n2, Blas.shape(m2), n3, Blas.shape(m3));
    }
  }

  private static IllegalArgumentException notSame(
      String op, String n1, String shape1, String n2, String shape2, String n3, String shape3) {
    return new IllegalArgumentException(
        op + ": " + n1 + " is " + shape1 + ", " + n2 + " is " + shape2 + " and " + n3 + " is "
            + shape3 + "; all three must have the same shape");
  }
}
