package dev.netc.runtime.internal;

/**
 * {@link JavaGemm} in single precision: the same loops, blocks and order of every sum on {@code
 * float[]}, with products and sums in float as in every {@code sgemm}. A mechanical copy of
 * {@code JavaGemm} (double to float), to be generated from it at build time with the other float
 * twins.
 */
final class JavaGemmFloat {

  /** Rows of a packed block of {@code op(A)}, and the length of the vectorized loops. */
  static final int MC = 256;

  /** Inner terms of a packed block: MC x KC floats are 128 KB, within a core's L2 cache. */
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

  private JavaGemmFloat() {}

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
      boolean ta, boolean tb, int p, int q, int k, float alpha, float[] a, int lda, float[] b,
      int ldb, float beta, float[] c) {
    if (few(ta, p, q, k)) {
      few(ta, tb, p, q, k, alpha, a, lda, b, ldb, beta, c);
      return;
    }
    scale(beta, c, p * q);
    if (alpha == 0.0f || k == 0) {
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
      boolean ta, boolean tb, int p, int q, int k, float alpha, float[] a, int lda, float[] b,
      int ldb, float beta, float[] c) {
    scale(beta, c, p * q);
    if (alpha == 0.0f || k == 0) {
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
          float s = alpha * b[l * bl + j * bj];
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
      int n, float[] a, int a0, int lda, float s0, float s1, float s2, float s3, float[] c,
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
  private static float dot(int k, float[] a, int a0, float[] b, int b0, int bl) {
    float s0 = 0.0f;
    float s1 = 0.0f;
    float s2 = 0.0f;
    float s3 = 0.0f;
    int l = 0;
    for (; l + 4 <= k; l += 4) {
      int bp = b0 + l * bl;
      s0 = madd(a[a0 + l], b[bp], s0);
      s1 = madd(a[a0 + l + 1], b[bp + bl], s1);
      s2 = madd(a[a0 + l + 2], b[bp + 2 * bl], s2);
      s3 = madd(a[a0 + l + 3], b[bp + 3 * bl], s3);
    }
    float s = (s0 + s1) + (s2 + s3);
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
      boolean ta, boolean tb, int p, int q, int k, float alpha, float[] a, int lda, float[] b,
      int ldb, float[] c, int from, int to) {
    Workspace w = WORKSPACE.get();
    float[][] ap = w.packed;
    float[] t = w.column;
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
            float s = alpha * b[(l0 + l) * bl + j * bj];
            float[] al = ap[l];
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
      int h, float[] a0, float[] a1, float[] a2, float[] a3, float s0, float s1, float s2,
      float s3, float[] t) {
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
      boolean ta, float[] a, int lda, int i0, int h, int l0, int kc, float[][] ap) {
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
  private static void scale(float beta, float[] c, int n) {
    if (beta == 0.0f) {
      java.util.Arrays.fill(c, 0, n, 0.0f);
    } else if (beta != 1.0f) {
      for (int i = 0; i < n; i++) {
        c[i] *= beta;
      }
    }
  }

  /** {@code a*b + c}, fused where the hardware fuses ({@link FastMath#FMA}). */
  private static float madd(float a, float b, float c) {
    return FastMath.FMA ? Math.fma(a, b, c) : a * b + c;
  }

  /** One thread's packed block of {@code op(A)} and scratch column of C. */
  private static final class Workspace {
    final float[][] packed = new float[KC][MC];
    final float[] column = new float[MC];
  }
}
