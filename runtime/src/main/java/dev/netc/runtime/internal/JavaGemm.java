package dev.netc.runtime.internal;

/**
 * {@code C = alpha*op(A)*op(B) + beta*C} in plain Java, on the column-major arrays and the same
 * arguments the native backends take: the {@code java} backend of {@link Blas} (where no native
 * library loads), and the few-columns products of every backend but OpenBLAS.
 *
 * <p>Two forms, chosen by shape:
 *
 * <ul>
 *   <li>few columns of C ({@link #few}: one example, a small batch) or a small inner size (a
 *       rank-k update): scalar loops straight on the arrays, no packing, no threads. With {@code
 *       op(A) = A} each pass adds four columns of A, scaled by entries of {@code op(B)}, into a
 *       column of C (the axpy form); with {@code op(A) = A^T} each entry of C is a dot product of
 *       two contiguous columns in four independent sums.
 *   <li>everything else: blocked. A block of {@code op(A)} ({@value #MC} rows by {@value #KC}
 *       inner terms) is packed into one array per column, which also undoes a transpose; each
 *       column of C is gathered into a scratch array, gets {@code KC} axpy terms, and goes back.
 *       Column blocks of C are shared by the two cores ({@link Parallel}) when the product is
 *       large.
 * </ul>
 *
 * <p>Why the packing into separate arrays: HotSpot's C2 (JDK 17, and 25 still) vectorizes {@code
 * t[i] = fma(s, a[i], t[i])} (AVX-512: 0.10 ns per element on the development machine) but not
 * {@code t[i] = fma(s, a[off + i], t[i])} with a variable {@code off} (0.47 ns, the scalar
 * speed): it only packs array accesses whose offsets it can relate. The axpy loop on a packed
 * block runs at about 21 GFLOP/s per core, the same loop on the column-major arrays at 9.5.
 * That is also why {@link #few} is scalar: packing a 256x784 weight for one column costs more
 * than the product.
 *
 * <p>Multiply-adds are fused where the hardware fuses ({@link FastMath#FMA}). The order of every
 * sum is fixed by the shape alone, never by the thread that computes it, so results are
 * bit-identical from call to call and between one and two cores. Semantics as in the reference
 * BLAS: {@code alpha = 0} or {@code k = 0} only scales C by {@code beta}; {@code beta = 0} never
 * reads C.
 */
final class JavaGemm {

  /** Rows of a packed block of {@code op(A)}, and the length of the vectorized loops. */
  static final int MC = 256;

  /** Inner terms of a packed block: MC x KC doubles are 256 KB, within a core's L2 cache. */
  static final int KC = 128;

  /** Columns of C per unit of work shared between the cores. */
  static final int NC = 16;

  /**
   * Most columns of C (or most inner terms, for {@code op(A) = A}) that {@link #few} computes:
   * the blocked form's packing pays off from there.
   */
  static final int FEW = 4;

  /** Fewest multiply-adds worth sharing between the two cores. */
  static final long PARALLEL_WORK = 1L << 21;

  /** Each thread's packed block and scratch column, kept between calls. */
  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  private JavaGemm() {}

  /** Whether {@link #few} computes this product rather than the blocked form. */
  static boolean few(boolean ta, int p, int q, int k) {
    return q <= FEW || (!ta && k <= FEW);
  }

  /**
   * {@code C = alpha*op(A)*op(B) + beta*C} where {@code op(A)} is {@code p x k}, {@code op(B)} is
   * {@code k x q}, and {@code C} is {@code p x q} with leading dimension {@code p}; {@code lda}
   * and {@code ldb} are the row counts of A and B as stored. Shapes are trusted (checked by
   * {@link Blas}).
   */
  static void gemm(
      boolean ta, boolean tb, int p, int q, int k, double alpha, double[] a, int lda, double[] b,
      int ldb, double beta, double[] c) {
    if (few(ta, p, q, k)) {
      few(ta, tb, p, q, k, alpha, a, lda, b, ldb, beta, c);
      return;
    }
    scale(beta, c, p * q);
    if (alpha == 0.0 || k == 0) {
      return;
    }
    int blocks = (q + NC - 1) / NC;
    if ((long) p * q * k >= PARALLEL_WORK && blocks >= 2) {
      Parallel.run((from, to) -> columns(ta, tb, p, q, k, alpha, a, lda, b, ldb, c, from, to),
          blocks);
    } else {
      columns(ta, tb, p, q, k, alpha, a, lda, b, ldb, c, 0, blocks);
    }
  }

  /**
   * The few-columns form: scalar loops on the arrays as stored. Semantics and arguments as
   * {@link #gemm}.
   */
  static void few(
      boolean ta, boolean tb, int p, int q, int k, double alpha, double[] a, int lda, double[] b,
      int ldb, double beta, double[] c) {
    scale(beta, c, p * q);
    if (alpha == 0.0 || k == 0) {
      return;
    }
    // op(B)(l, j) = b[l*bl + j*bj].
    int bl = tb ? ldb : 1;
    int bj = tb ? 1 : ldb;
    if (!ta) {
      for (int j = 0; j < q; j++) {
        int cj = j * p;
        int l = 0;
        for (; l + 4 <= k; l += 4) {
          int bp = l * bl + j * bj;
          axpy4(p, a, l * lda, lda, alpha * b[bp], alpha * b[bp + bl], alpha * b[bp + 2 * bl],
              alpha * b[bp + 3 * bl], c, cj);
        }
        for (; l < k; l++) {
          double s = alpha * b[l * bl + j * bj];
          for (int i = 0, ai = l * lda; i < p; i++, ai++) {
            c[cj + i] = madd(s, a[ai], c[cj + i]);
          }
        }
      }
      return;
    }
    for (int j = 0; j < q; j++) {
      for (int i = 0; i < p; i++) {
        c[i + j * p] += alpha * dot(k, a, i * lda, b, j * bj, bl);
      }
    }
  }

  /** {@code c[c0 + i] += s0*a[a0 + i] + s1*a[a0 + lda + i] + ...} for {@code i < n}. */
  private static void axpy4(
      int n, double[] a, int a0, int lda, double s0, double s1, double s2, double s3, double[] c,
      int c0) {
    int a1 = a0 + lda;
    int a2 = a1 + lda;
    int a3 = a2 + lda;
    for (int i = 0; i < n; i++) {
      c[c0 + i] =
          madd(s3, a[a3 + i], madd(s2, a[a2 + i], madd(s1, a[a1 + i], madd(s0, a[a0 + i],
              c[c0 + i]))));
    }
  }

  /**
   * {@code sum over l < k of a[a0 + l] * b[b0 + l*bl]}, in four sums of every fourth term (four
   * independent chains) added as {@code (s0 + s1) + (s2 + s3)}, then the remaining terms.
   */
  private static double dot(int k, double[] a, int a0, double[] b, int b0, int bl) {
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int l = 0;
    for (; l + 4 <= k; l += 4) {
      int bp = b0 + l * bl;
      s0 = madd(a[a0 + l], b[bp], s0);
      s1 = madd(a[a0 + l + 1], b[bp + bl], s1);
      s2 = madd(a[a0 + l + 2], b[bp + 2 * bl], s2);
      s3 = madd(a[a0 + l + 3], b[bp + 3 * bl], s3);
    }
    double s = (s0 + s1) + (s2 + s3);
    for (; l < k; l++) {
      s = madd(a[a0 + l], b[b0 + l * bl], s);
    }
    return s;
  }

  /**
   * Column blocks {@code [from, to)} of {@value #NC} columns of C, which already holds {@code
   * beta*C}: for each block of inner terms and of rows, pack {@code op(A)} and add its terms into
   * every column of the block.
   */
  private static void columns(
      boolean ta, boolean tb, int p, int q, int k, double alpha, double[] a, int lda, double[] b,
      int ldb, double[] c, int from, int to) {
    Workspace w = WORKSPACE.get();
    double[][] ap = w.packed;
    double[] t = w.column;
    int bl = tb ? ldb : 1;
    int bj = tb ? 1 : ldb;
    int j0 = from * NC;
    int j1 = Math.min(q, to * NC);
    for (int l0 = 0; l0 < k; l0 += KC) {
      int kc = Math.min(KC, k - l0);
      for (int i0 = 0; i0 < p; i0 += MC) {
        int h = Math.min(MC, p - i0);
        pack(ta, a, lda, i0, h, l0, kc, ap);
        for (int j = j0; j < j1; j++) {
          int cj = i0 + j * p;
          System.arraycopy(c, cj, t, 0, h);
          int l = 0;
          for (; l + 4 <= kc; l += 4) {
            int bp = (l0 + l) * bl + j * bj;
            kernel(h, ap[l], ap[l + 1], ap[l + 2], ap[l + 3], alpha * b[bp],
                alpha * b[bp + bl], alpha * b[bp + 2 * bl], alpha * b[bp + 3 * bl], t);
          }
          for (; l < kc; l++) {
            double s = alpha * b[(l0 + l) * bl + j * bj];
            double[] al = ap[l];
            for (int i = 0; i < h; i++) {
              t[i] = madd(s, al[i], t[i]);
            }
          }
          System.arraycopy(t, 0, c, cj, h);
        }
      }
    }
  }

  /**
   * {@code t[i] += s0*a0[i] + s1*a1[i] + s2*a2[i] + s3*a3[i]} for {@code i < h}: every access at
   * index {@code i} of its own array, the form C2 vectorizes.
   */
  private static void kernel(
      int h, double[] a0, double[] a1, double[] a2, double[] a3, double s0, double s1, double s2,
      double s3, double[] t) {
    if (FastMath.FMA) {
      for (int i = 0; i < h; i++) {
        t[i] = Math.fma(s3, a3[i], Math.fma(s2, a2[i], Math.fma(s1, a1[i], Math.fma(s0, a0[i],
            t[i]))));
      }
    } else {
      for (int i = 0; i < h; i++) {
        t[i] = s3 * a3[i] + (s2 * a2[i] + (s1 * a1[i] + (s0 * a0[i] + t[i])));
      }
    }
  }

  /** {@code ap[l][i] = op(A)(i0 + i, l0 + l)} for {@code i < h}, {@code l < kc}. */
  private static void pack(
      boolean ta, double[] a, int lda, int i0, int h, int l0, int kc, double[][] ap) {
    if (!ta) {
      for (int l = 0; l < kc; l++) {
        System.arraycopy(a, i0 + (l0 + l) * lda, ap[l], 0, h);
      }
      return;
    }
    // op(A)(i, l) = a[l + i*lda]: walk each stored column (a row of op(A)) once.
    for (int i = 0; i < h; i++) {
      int ai = l0 + (i0 + i) * lda;
      for (int l = 0; l < kc; l++) {
        ap[l][i] = a[ai + l];
      }
    }
  }

  /** {@code c = beta * c} on the first {@code n} entries; {@code beta = 0} writes zeros. */
  private static void scale(double beta, double[] c, int n) {
    if (beta == 0.0) {
      java.util.Arrays.fill(c, 0, n, 0.0);
    } else if (beta != 1.0) {
      for (int i = 0; i < n; i++) {
        c[i] *= beta;
      }
    }
  }

  /** {@code a*b + c}, fused where the hardware fuses ({@link FastMath#FMA}). */
  private static double madd(double a, double b, double c) {
    return FastMath.FMA ? Math.fma(a, b, c) : a * b + c;
  }

  /** One thread's packed block of {@code op(A)} and scratch column of C. */
  private static final class Workspace {
    final double[][] packed = new double[KC][MC];
    final double[] column = new double[MC];
  }
}
