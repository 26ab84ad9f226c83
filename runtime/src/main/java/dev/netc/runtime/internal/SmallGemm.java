package dev.netc.runtime.internal;

// twin: f32
/**
 * The Java loops behind {@link Blas#gemm} for products with a tiny left operand: {@code C =
 * alpha*op(A)*op(B) + beta*C} on the column-major arrays, for the same arguments the native
 * backends take. BLAS kernels are blocked for large operands; on {@code (4x2)(2x400)}, the first
 * layer of the planar network, OpenBLAS spends about 8 ns per column of C, where these loops,
 * which keep the few coefficients of {@code op(A)} in registers and walk C once or twice, spend
 * about 1.5. Multiply-adds are fused where the hardware fuses ({@code FastMath.FMA}). Results
 * agree with BLAS to rounding (the terms are added in another order), as the tests check against
 * both backends.
 *
 * <p>Semantics as in the reference BLAS: {@code alpha = 0} or {@code k = 0} only scales {@code C}
 * by {@code beta} (reading neither {@code A} nor {@code B}); {@code beta = 0} never reads {@code
 * C}, so NaN in it does not propagate.
 *
 * <p>Its single-precision twin, generated from this source at build time, runs the same loops, in
 * the same order of every sum, for the same shapes.
 */
final class SmallGemm {

  /** Most multiply-adds ({@code p*q*k}) a product may take here: beyond, BLAS's two threads win. */
  static final long MAX_WORK = 1 << 18;

  private SmallGemm() {}

  /**
   * Whether {@link Blas#gemm} computes a product here: when {@code op(A)} is at most 4x4 (the
   * weights of a layer of at most 4 units on at most 4 inputs, or their transpose) and the product
   * takes at most {@link #MAX_WORK} multiply-adds. Measured against the OpenBLAS backend (OpenBLAS
   * 0.3.31, 2-core Zen 4, 400 columns): {@code (4x2)(2x400)} takes 3.2 us there and 0.6 here,
   * {@code (1x4)(4x400)} 3.2 and 0.43, {@code (4x1)^T(1x400)} 1.3 and 0.44; with 8 rows, or a
   * transposed {@code op(A)} with 4 columns, BLAS is as fast or faster, and with 100,000 columns
   * its second thread wins.
   */
  static boolean small(int p, int q, int k) {
    return p <= 4 && k <= 4 && (long) p * q * k <= MAX_WORK;
  }

  /**
   * {@code C = alpha*op(A)*op(B) + beta*C} where {@code op(A)} is {@code p x k}, {@code op(B)} is
   * {@code k x q}, and {@code C} is {@code p x q} with leading dimension {@code p}; {@code lda}
   * and {@code ldb} are the row counts of {@code A} and {@code B} as stored. Shapes are trusted
   * (checked by {@link Blas}).
   */
  static void gemm(
      boolean ta, boolean tb, int p, int q, int k, double alpha, double[] a, int lda, double[] b,
      int ldb, double beta, double[] c) {
    if (alpha == 0.0 || k == 0) {
      scale(beta, c, p * q);
      return;
    }
    // op(A)(i, l) = a[i*ai + l*al] and op(B)(l, j) = b[l*bl + j*bj].
    int ai = ta ? lda : 1;
    int al = ta ? 1 : lda;
    int bl = tb ? ldb : 1;
    int bj = tb ? 1 : ldb;
    if (p == 1) {
      // One row: c[j] = sum over l of (alpha*op(A)(0, l)) * op(B)(l, j), four terms per pass.
      for (int l = 0; l < k; l += 4) {
        row(Math.min(4, k - l), alpha, a, l * al, al, b, l * bl, bl, bj, q, l == 0 ? beta : 1.0,
            c);
      }
      return;
    }
    // Rank-one or rank-two updates C += alpha*op(A)(:, l..)*op(B)(l.., :), a rank-one update
    // first unless beta = 1 (it applies beta), each walking C column by column, four rows at a
    // time, with their coefficients in registers. (Row by row, with a stride of p through C, was
    // half as fast: the JIT cannot hoist the bounds checks of a variable stride.)
    for (int l = 0; l < k; ) {
      double scale = l == 0 ? beta : 1.0;
      int terms = scale != 1.0 || l == k - 1 ? 1 : 2;
      for (int i = 0; i < p; i += 4) {
        int h = Math.min(4, p - i);
        int u0 = i * ai + l * al;
        if (terms == 1) {
          rankOne(h, alpha, a, u0, ai, b, l * bl, bj, q, scale, c, i, p);
        } else {
          rankTwo(h, alpha, a, u0, ai, al, b, l * bl, bl, bj, q, c, i, p);
        }
      }
      l += terms;
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

  /**
   * Rows {@code c0 .. c0 + h - 1} ({@code h <= 4}) of a rank-one update: for {@code j < q} and
   * {@code i < h}, {@code c[c0 + i + j*cs] = x_i * v[v0 + j*vs] + beta*old} with {@code x_i =
   * alpha * u[u0 + i*us]}; {@code beta = 0} does not read the old value. One loop per {@code h},
   * so that the coefficients live in registers and the row offsets are constants.
   */
  private static void rankOne(
      int h, double alpha, double[] u, int u0, int us, double[] v, int v0, int vs, int q,
      double beta, double[] c, int c0, int cs) {
    double x0 = alpha * u[u0];
    double x1 = h > 1 ? alpha * u[u0 + us] : 0.0;
    double x2 = h > 2 ? alpha * u[u0 + 2 * us] : 0.0;
    double x3 = h > 3 ? alpha * u[u0 + 3 * us] : 0.0;
    if (beta == 0.0) {
      switch (h) {
        case 1 -> {
          for (int j = 0, vj = v0, cj = c0; j < q; j++, vj += vs, cj += cs) {
            c[cj] = x0 * v[vj];
          }
        }
        case 2 -> {
          for (int j = 0, vj = v0, cj = c0; j < q; j++, vj += vs, cj += cs) {
            double w = v[vj];
            c[cj] = x0 * w;
            c[cj + 1] = x1 * w;
          }
        }
        case 3 -> {
          for (int j = 0, vj = v0, cj = c0; j < q; j++, vj += vs, cj += cs) {
            double w = v[vj];
            c[cj] = x0 * w;
            c[cj + 1] = x1 * w;
            c[cj + 2] = x2 * w;
          }
        }
        default -> {
          for (int j = 0, vj = v0, cj = c0; j < q; j++, vj += vs, cj += cs) {
            double w = v[vj];
            c[cj] = x0 * w;
            c[cj + 1] = x1 * w;
            c[cj + 2] = x2 * w;
            c[cj + 3] = x3 * w;
          }
        }
      }
      return;
    }
    switch (h) {
      case 1 -> {
        for (int j = 0, vj = v0, cj = c0; j < q; j++, vj += vs, cj += cs) {
          c[cj] = madd(x0, v[vj], beta * c[cj]);
        }
      }
      case 2 -> {
        for (int j = 0, vj = v0, cj = c0; j < q; j++, vj += vs, cj += cs) {
          double w = v[vj];
          c[cj] = madd(x0, w, beta * c[cj]);
          c[cj + 1] = madd(x1, w, beta * c[cj + 1]);
        }
      }
      case 3 -> {
        for (int j = 0, vj = v0, cj = c0; j < q; j++, vj += vs, cj += cs) {
          double w = v[vj];
          c[cj] = madd(x0, w, beta * c[cj]);
          c[cj + 1] = madd(x1, w, beta * c[cj + 1]);
          c[cj + 2] = madd(x2, w, beta * c[cj + 2]);
        }
      }
      default -> {
        for (int j = 0, vj = v0, cj = c0; j < q; j++, vj += vs, cj += cs) {
          double w = v[vj];
          c[cj] = madd(x0, w, beta * c[cj]);
          c[cj + 1] = madd(x1, w, beta * c[cj + 1]);
          c[cj + 2] = madd(x2, w, beta * c[cj + 2]);
          c[cj + 3] = madd(x3, w, beta * c[cj + 3]);
        }
      }
    }
  }

  /**
   * Terms {@code l .. l + n - 1} ({@code n <= 4}) of a one-row product: for {@code j < q}, {@code
   * c[j] = sum over m < n of x_m * v[v0 + m*vl + j*vs] + beta*old} with {@code x_m = alpha *
   * u[u0 + m*ul]}; {@code beta = 0} does not read the old value.
   */
  private static void row(
      int n, double alpha, double[] u, int u0, int ul, double[] v, int v0, int vl, int vs, int q,
      double beta, double[] c) {
    boolean overwrite = beta == 0.0;
    double x0 = alpha * u[u0];
    double x1 = n > 1 ? alpha * u[u0 + ul] : 0.0;
    double x2 = n > 2 ? alpha * u[u0 + 2 * ul] : 0.0;
    double x3 = n > 3 ? alpha * u[u0 + 3 * ul] : 0.0;
    switch (n) {
      case 1 -> {
        for (int j = 0, vj = v0; j < q; j++, vj += vs) {
          double s = x0 * v[vj];
          c[j] = overwrite ? s : madd(beta, c[j], s);
        }
      }
      case 2 -> {
        for (int j = 0, vj = v0; j < q; j++, vj += vs) {
          double s = madd(x0, v[vj], x1 * v[vj + vl]);
          c[j] = overwrite ? s : madd(beta, c[j], s);
        }
      }
      case 3 -> {
        for (int j = 0, vj = v0; j < q; j++, vj += vs) {
          double s = madd(x0, v[vj], madd(x1, v[vj + vl], x2 * v[vj + 2 * vl]));
          c[j] = overwrite ? s : madd(beta, c[j], s);
        }
      }
      default -> {
        for (int j = 0, vj = v0; j < q; j++, vj += vs) {
          double s =
              madd(x0, v[vj], madd(x1, v[vj + vl], madd(x2, v[vj + 2 * vl], x3 * v[vj + 3 * vl])));
          c[j] = overwrite ? s : madd(beta, c[j], s);
        }
      }
    }
  }

  /**
   * Rows {@code c0 .. c0 + h - 1} ({@code h <= 4}) of a rank-two update, adding: {@code c[c0 + i
   * + j*cs] += x_i * v[v0 + j*vs] + y_i * v[v0 + vl + j*vs]} with {@code x_i = alpha * u[u0 +
   * i*us]}, {@code y_i = alpha * u[u0 + ul + i*us]}.
   */
  private static void rankTwo(
      int h, double alpha, double[] u, int u0, int us, int ul, double[] v, int v0, int vl, int vs,
      int q, double[] c, int c0, int cs) {
    double x0 = alpha * u[u0];
    double y0 = alpha * u[u0 + ul];
    double x1 = h > 1 ? alpha * u[u0 + us] : 0.0;
    double y1 = h > 1 ? alpha * u[u0 + ul + us] : 0.0;
    double x2 = h > 2 ? alpha * u[u0 + 2 * us] : 0.0;
    double y2 = h > 2 ? alpha * u[u0 + ul + 2 * us] : 0.0;
    double x3 = h > 3 ? alpha * u[u0 + 3 * us] : 0.0;
    double y3 = h > 3 ? alpha * u[u0 + ul + 3 * us] : 0.0;
    switch (h) {
      case 1 -> {
        for (int j = 0, vj = v0, cj = c0; j < q; j++, vj += vs, cj += cs) {
          c[cj] = madd(x0, v[vj], madd(y0, v[vj + vl], c[cj]));
        }
      }
      case 2 -> {
        for (int j = 0, vj = v0, cj = c0; j < q; j++, vj += vs, cj += cs) {
          double w = v[vj];
          double z = v[vj + vl];
          c[cj] = madd(x0, w, madd(y0, z, c[cj]));
          c[cj + 1] = madd(x1, w, madd(y1, z, c[cj + 1]));
        }
      }
      case 3 -> {
        for (int j = 0, vj = v0, cj = c0; j < q; j++, vj += vs, cj += cs) {
          double w = v[vj];
          double z = v[vj + vl];
          c[cj] = madd(x0, w, madd(y0, z, c[cj]));
          c[cj + 1] = madd(x1, w, madd(y1, z, c[cj + 1]));
          c[cj + 2] = madd(x2, w, madd(y2, z, c[cj + 2]));
        }
      }
      default -> {
        for (int j = 0, vj = v0, cj = c0; j < q; j++, vj += vs, cj += cs) {
          double w = v[vj];
          double z = v[vj + vl];
          c[cj] = madd(x0, w, madd(y0, z, c[cj]));
          c[cj + 1] = madd(x1, w, madd(y1, z, c[cj + 1]));
          c[cj + 2] = madd(x2, w, madd(y2, z, c[cj + 2]));
          c[cj + 3] = madd(x3, w, madd(y3, z, c[cj + 3]));
        }
      }
    }
  }

  /** {@code a*b + c}, fused where the hardware fuses ({@link FastMath#FMA}). */
  private static double madd(double a, double b, double c) {
    return FastMath.FMA ? Math.fma(a, b, c) : a * b + c;
  }
}
