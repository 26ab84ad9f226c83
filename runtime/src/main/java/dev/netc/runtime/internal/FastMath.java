package dev.netc.runtime.internal;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * The element-wise functions of the kernels, faster than {@link Math}'s. {@code tanh} and {@code
 * sigmoid} evaluate {@code e^y} themselves, as {@code 2^n e^r} with {@code n = rint(y / ln 2)}
 * and {@code |r| <= ln(2)/2} (Cody and Waite's reduction), {@code e^r - 1} by a near-minimax
 * polynomial of degree 11 (error below 5e-17 relative there). The array versions are written for
 * the JIT's auto-vectorizer (C2's SuperWord: AVX on x86): loops of straight-line arithmetic, no
 * branch, no call, every array indexed by the loop variable itself, and short, because SuperWord
 * gives up on long loop bodies. The one step it cannot vectorize, making the double {@code 2^n}
 * from the bits of {@code n}, has its own scalar pass ({@link #powersOfTwo}). Multiply-adds are fused ({@link Math#fma}) where the
 * hardware has the instruction ({@link #FMA}). On 1,600 elements (Zen 4, AVX-512, JDK 17) that is
 * about 5 times as fast as the {@code Math.exp}-based formulas they replace (1.25 against 6.2 ns
 * per element; 1.55 without FMA). {@code log1p} uses {@link Math#log}, which HotSpot compiles to
 * an intrinsic stub, instead of {@link Math#log1p}, a call into the C fdlibm.
 *
 * <p>Each scalar function and its array version do the same operations in the same order, so
 * they give the same bits (Java floating point is deterministic, and SIMD lanes round like
 * scalars). Each stays within 1e-14 relative of the {@code Math} formula it replaces over the whole
 * double range (tested on dense sweeps), keeps the sign of zero, and propagates NaN.
 */
final class FastMath {

  private FastMath() {}

  /**
   * Whether the polynomials use {@link Math#fma}: where HotSpot compiles it to the hardware
   * instruction (its flag {@code UseFMA}: x86 since Haswell and Piledriver, every AArch64), which
   * makes {@code tanh} and {@code sigmoid} about 25% faster. Elsewhere {@code Math.fma} is a
   * {@code BigDecimal} computation, hundreds of times slower than a multiply and an add, so
   * without the flag (or on a JVM that does not say) they multiply and add. {@code
   * -Dnetc.fma=false} or {@code true} decides instead. The two ways round differently (by about
   * an ulp), each within the same bounds.
   */
  static final boolean FMA = fmaInHardware();

  private static boolean fmaInHardware() {
    String forced = System.getProperty("netc.fma");
    if (forced != null && !forced.isBlank()) {
      return Boolean.parseBoolean(forced.trim());
    }
    try {
      return Boolean.parseBoolean(
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
              .getVMOption("UseFMA")
              .getValue());
    } catch (RuntimeException | LinkageError e) { // not HotSpot, or no jdk.management module
      return false;
    }
  }

  /** {@code 1 / ln 2}. */
  private static final double INV_LN2 = 0x1.71547652b82fep0;

  /**
   * {@code ln 2 = LN2_HI + LN2_LO} (fdlibm's split): {@code LN2_HI} ends in 32 zero bits, so {@code
   * n * LN2_HI} is exact for every {@code |n| < 2^20} and {@code y - n * LN2_HI} loses nothing.
   */
  private static final double LN2_HI = 0x1.62e42fee00000p-1;

  private static final double LN2_LO = 0x1.a39ef35793c76p-33;

  /**
   * {@code 1.5 * 2^52}: for {@code |v| < 2^51}, {@code t = v + SHIFT} rounds {@code v} to the
   * nearest integer {@code n} (ties to even), {@code t - SHIFT = n} exactly (0 as {@code +0.0}),
   * and the low 32 bits of {@code t} hold {@code n} in two's complement.
   */
  private static final double SHIFT = 0x1.8p52;

  /**
   * The bits of {@code t = SHIFT - 1022}. The {@code t} that hold an {@code n} from -1022 to 1023,
   * for which {@code 2^n} is a normal double, are the 2046 doubles whose bits are {@code T_MIN_BITS
   * + n + 1022}: one unsigned comparison of the bits tells them from all others, NaN included.
   */
  private static final long T_MIN_BITS = Double.doubleToRawLongBits(SHIFT - 1022);

  /** {@code n + 1022} for the largest {@code n}, 1023. */
  private static final long N_RANGE = 2045;

  // P(r) ~ (e^r - 1 - r)/r^2 on |r| <= ln(2)/2 + 1e-6, so that e^r - 1 = r (1 + r P(r)): the
  // Chebyshev interpolant of degree 9 (near-minimax; mpmath.chebyfit at 50 digits), coefficients
  // rounded to double. Max relative error of r (1 + r P(r)) in exact arithmetic: 4.1e-17 (the
  // Taylor polynomial needs degree 11 for that).
  private static final double P0 = 0x1.0000000000001p-1;
  private static final double P1 = 0x1.5555555555556p-3;
  private static final double P2 = 0x1.5555555553d68p-5;
  private static final double P3 = 0x1.11111111109b5p-7;
  private static final double P4 = 0x1.6c16c17889fd3p-10;
  private static final double P5 = 0x1.a01a01a7c2f89p-13;
  private static final double P6 = 0x1.a019b91463588p-16;
  private static final double P7 = 0x1.71de0db2d4e97p-19;
  private static final double P8 = 0x1.28917ccaf39d3p-22;
  private static final double P9 = 0x1.af389f20208c6p-26;

  /** {@code t = y/ln 2 + SHIFT}: {@code rint(y / ln 2)} in its low bits (see {@link #SHIFT}). */
  private static double shifted(double y) {
    return FMA ? Math.fma(y, INV_LN2, SHIFT) : y * INV_LN2 + SHIFT;
  }

  /**
   * Whether {@code t} is out of the range where {@code 2^n} is a normal double: {@code y} beyond
   * about -708 or 709, infinite, too large for the shift, or NaN.
   */
  private static boolean outOfRange(double t) {
    return Long.compareUnsigned(Double.doubleToRawLongBits(t) - T_MIN_BITS, N_RANGE) > 0;
  }

  /** {@code 2^n} for the {@code n} held by an in-range {@code t}. */
  private static double powerOfTwo(double t) {
    return Double.longBitsToDouble((Double.doubleToRawLongBits(t) - T_MIN_BITS + 1) << 52);
  }

  /**
   * {@code a[i] = 2^n} for the {@code n} held by each {@code a[i] = t} (1 where out of range), in
   * place: the scalar pass of the array kernels. Returns whether some {@code t} was out of range;
   * the caller then recomputes those elements another way. (Comparing the bits as integers made
   * this pass twice as fast as comparing {@code t} as a double.)
   */
  private static boolean powersOfTwo(double[] a, int from, int to) {
    boolean outOfRange = false;
    for (int i = from; i < to; i++) {
      long d = Double.doubleToRawLongBits(a[i]) - T_MIN_BITS; // n + 1022 when in range
      if (Long.compareUnsigned(d, N_RANGE) > 0) {
        outOfRange = true;
        d = 1022;
      }
      a[i] = Double.longBitsToDouble((d + 1) << 52);
    }
    return outOfRange;
  }

  /** {@code e^r - 1} for the {@code r = y - n ln 2} of {@code t}, as {@code r (1 + r P(r))}. */
  private static double expm1Reduced(double y, double t) {
    double n = t - SHIFT;
    // r (1 + r P) rather than r + r^2 P: the latter turns -0.0 into +0.0.
    if (FMA) {
      double r = Math.fma(-n, LN2_LO, Math.fma(-n, LN2_HI, y));
      double p = Math.fma(r, P9, P8);
      p = Math.fma(r, p, P7);
      p = Math.fma(r, p, P6);
      p = Math.fma(r, p, P5);
      p = Math.fma(r, p, P4);
      p = Math.fma(r, p, P3);
      p = Math.fma(r, p, P2);
      p = Math.fma(r, p, P1);
      p = Math.fma(r, p, P0);
      return r * Math.fma(r, p, 1.0);
    }
    double r = (y - n * LN2_HI) - n * LN2_LO;
    return r * (1.0 + r * (P0 + r * (P1 + r * (P2 + r * (P3 + r * (P4 + r * (P5 + r * (P6
        + r * (P7 + r * (P8 + r * P9))))))))));
  }

  /**
   * {@code tanh(x) = u / (u + 2)} with {@code u = e^(2x) - 1 = 2^n (e^r - 1) - (1 - 2^n)}: no
   * cancellation for small {@code |x|} (there {@code n = 0} and {@code u} is the polynomial), the
   * sign of zero kept ({@code -0.0 - 0.0 = -0.0}), subnormals exact ({@code u = 2x}). Beyond
   * {@code |x| = 354}, where {@code 2^n} would overflow or be subnormal, it is {@code +-1} (the
   * formula itself reaches {@code +-1}, rounded, from {@code |x| = 19.1}); NaN stays NaN.
   */
  static double tanh(double x) {
    double y = x + x;
    double t = shifted(y);
    if (outOfRange(t)) {
      return x > 0.0 ? 1.0 : x < 0.0 ? -1.0 : x;
    }
    return tanh(y, t, powerOfTwo(t));
  }

  private static double tanh(double y, double t, double s) {
    // Adding -(1 - s), not s - 1: with s = 1 that is -0.0, which keeps the sign of u = -0.0.
    double q = expm1Reduced(y, t);
    double u = FMA ? Math.fma(s, q, -(1.0 - s)) : s * q - (1.0 - s);
    return u / (u + 2.0);
  }

  /**
   * {@code A = tanh(Z)} on elements {@code [from, to)}: the arithmetic of {@link #tanh(double)},
   * the same bits, in passes over {@code a}, which holds {@code t}, then {@code 2^n}, then the
   * result. {@code z} and {@code a} must be different arrays; in place, use {@link #tanh(double)}.
   */
  static void tanh(double[] z, double[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      a[i] = shifted(z[i] + z[i]);
    }
    boolean outOfRange = powersOfTwo(a, from, to);
    for (int i = from; i < to; i++) {
      double y = z[i] + z[i];
      a[i] = tanh(y, shifted(y), a[i]);
    }
    if (outOfRange) { // rare: some |z| > 354, or NaN
      for (int i = from; i < to; i++) {
        if (outOfRange(shifted(z[i] + z[i]))) {
          a[i] = tanh(z[i]);
        }
      }
    }
  }

  /**
   * {@code 1 / (1 + e^-z)}, the textbook formula: accurate everywhere, since {@code 1 + e^-z}
   * has the relative error of {@code e^-z}. Where {@code e^-z} would overflow or be subnormal
   * ({@code z < -709.4} or {@code z > 708.4}), {@link #sigmoidTail} takes over, which returns the
   * true (subnormal) value where the textbook formula returns 0.
   */
  static double sigmoid(double z) {
    double w = -z;
    double t = shifted(w);
    if (outOfRange(t)) {
      return sigmoidTail(z);
    }
    return sigmoid(w, t, powerOfTwo(t));
  }

  private static double sigmoid(double w, double t, double s) {
    double q = expm1Reduced(w, t);
    return 1.0 / (1.0 + (FMA ? Math.fma(s, q, s) : s + s * q));
  }

  /**
   * {@code A = sigmoid(Z)} on elements {@code [from, to)}: the arithmetic of {@link
   * #sigmoid(double)}, the same bits, in passes like {@link #tanh(double[], double[], int, int)};
   * {@code z} and {@code a} must be different arrays.
   */
  static void sigmoid(double[] z, double[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      a[i] = shifted(-z[i]);
    }
    boolean outOfRange = powersOfTwo(a, from, to);
    for (int i = from; i < to; i++) {
      double w = -z[i];
      a[i] = sigmoid(w, shifted(w), a[i]);
    }
    if (outOfRange) { // rare: some |z| > 708.4, or NaN
      for (int i = from; i < to; i++) {
        if (outOfRange(shifted(-z[i]))) {
          a[i] = sigmoidTail(z[i]);
        }
      }
    }
  }

  /**
   * {@code e[k] = e^y[k]} for {@code k < n}, as {@code 2^n (1 + (e^r - 1))} in passes like
   * {@link #tanh(double[], double[], int, int)}; {@code y} and {@code e} must be different arrays.
   * Within 2 ulp of {@link Math#exp} (the sweeps find 3.2e-16 relative); beyond about -708 or 709
   * (a subnormal, zero or infinite result), and for NaN, {@link Math#exp} itself. The passes of
   * softmax and of the categorical cross-entropy ({@link #expScratch}) call it on blocks of
   * {@value #EXP_BLOCK} values, about 4 times as fast as {@link Math#exp} value by value.
   */
  static void exp(double[] y, double[] e, int n) {
    for (int k = 0; k < n; k++) {
      e[k] = shifted(y[k]);
    }
    boolean outOfRange = powersOfTwo(e, 0, n);
    for (int k = 0; k < n; k++) {
      double s = e[k];
      double q = expm1Reduced(y[k], shifted(y[k]));
      e[k] = FMA ? Math.fma(s, q, s) : s + s * q;
    }
    if (outOfRange) { // rare: some y below -708 (softmax: a far smaller logit), or NaN
      for (int k = 0; k < n; k++) {
        if (outOfRange(shifted(y[k]))) {
          e[k] = Math.exp(y[k]);
        }
      }
    }
  }

  /** Values per block of the {@link #exp(double[], double[], int)} passes: they stay in L1. */
  static final int EXP_BLOCK = 1024;

  /** Each thread's scratch arrays for the blocks of {@link #exp(double[], double[], int)}. */
  private static final ThreadLocal<double[][]> EXP_SCRATCH = new ThreadLocal<>();

  /**
   * This thread's three scratch arrays for blocks of whole columns of {@code rows} values: the
   * exponents, their exponentials (each {@code max(EXP_BLOCK, rows)} long) and a value per column.
   */
  static double[][] expScratch(int rows) {
    double[][] s = EXP_SCRATCH.get();
    if (s == null || s[0].length < rows) {
      int n = Math.max(EXP_BLOCK, rows);
      s = new double[][] {new double[n], new double[n], new double[n]};
      EXP_SCRATCH.set(s);
    }
    return s;
  }

  /**
   * {@code sigmoid} for large {@code |z|}, from {@link Math#exp}: with {@code e = e^-|z|} and
   * {@code r = 1 / (1 + e)}, {@code r} for {@code z >= 0} and {@code e r = e^z / (1 + e^z)}
   * below, so that {@code e} never overflows.
   */
  private static double sigmoidTail(double z) {
    double e = Math.exp(-Math.abs(z));
    double r = 1.0 / (1.0 + e);
    return z >= 0.0 ? r : e * r;
  }

  /** Values per block of {@link #binaryCrossEntropySum}: its passes stay in the L1 cache. */
  private static final int BLOCK = 1024;

  /**
   * Each thread's scratch array for {@link #binaryCrossEntropySum}, as long as the longest {@code
   * Z} it has seen (allocated again only for a longer one). As long, not one block: the passes
   * index it and {@code Z} alike, {@code a[i]} and {@code z[i]}; with different offsets the JIT
   * vectorized none of them (4 times slower).
   */
  private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[0]);

  private static final double INV_SQRT2 = 0x1.6a09e667f3bcdp-1;

  private static final double LN2 = 0x1.62e42fefa39efp-1;

  // G(x) ~ (atanh(s)/s - 1)/x for x = s^2 <= 0.0295 (|s| <= 0.1717), so that log((1 + s)/(1 - s))
  // = 2 atanh(s) = 2s (1 + x G(x)): the Chebyshev interpolant of degree 6 (mpmath.chebyfit at 50
  // digits), coefficients rounded to double. Max relative error of 2s (1 + x G(x)) in exact
  // arithmetic: 4.7e-18 (the series needs 10 terms for that).
  private static final double G0 = 0x1.5555555555558p-2;
  private static final double G1 = 0x1.9999999995261p-3;
  private static final double G2 = 0x1.2492492dff905p-3;
  private static final double G3 = 0x1.c71c62d34ccd6p-4;
  private static final double G4 = 0x1.7462b9d873fd0p-4;
  private static final double G5 = 0x1.39fdb46b1eaf8p-4;
  private static final double G6 = 0x1.2b609728174cbp-4;

  /**
   * {@code sum over i < n of [max(z_i, 0) - z_i y_i + log(1 + e^-|z_i|)]}, added in the order of
   * {@code i}: the sum in {@code Losses.binaryCrossEntropy}, about 5 times as fast as from {@link
   * Math#exp} and {@link Math#log} (3.3 against 15.7 ns per element). Blocks of {@value #BLOCK}
   * values go through vectorized passes over a per-thread scratch array: {@code e^-|z|} as in
   * {@link #sigmoid(double)}, then the terms with {@code log(1 + e)} as {@code k ln 2 + log(m)}
   * for {@code 1 + e = 2^k m}, {@code k} 0 or 1 and {@code m} within a factor {@code sqrt(2)} of
   * 1, {@code log(m) = 2 atanh(s)} by a near-minimax polynomial in {@code s = (m - 1)/(m + 1)},
   * {@code |s| <= 0.172} (error below 5e-18 relative), then the sum. Beyond {@code |z| = 708.4},
   * and for NaN, a term comes from {@link Math#exp} and {@link #log1p(double)} instead. Each term
   * is within a few ulp of the {@code Math} formula (the sweeps find 6.5e-16 relative).
   */
  static double binaryCrossEntropySum(double[] z, double[] y, int n) {
    double[] a = SCRATCH.get();
    if (a.length < n) {
      a = new double[n];
      SCRATCH.set(a);
    }
    double sum = 0.0;
    for (int from = 0; from < n; from += BLOCK) {
      int to = Math.min(n, from + BLOCK);
      for (int i = from; i < to; i++) {
        a[i] = shifted(-Math.abs(z[i]));
      }
      boolean outOfRange = powersOfTwo(a, from, to);
      for (int i = from; i < to; i++) { // e^-|z|
        double w = -Math.abs(z[i]);
        double s = a[i];
        double q = expm1Reduced(w, shifted(w));
        a[i] = FMA ? Math.fma(s, q, s) : s + s * q;
      }
      for (int i = from; i < to; i++) {
        double v = z[i];
        a[i] = Math.max(v, 0.0) - v * y[i] + log1pOfUnit(a[i]);
      }
      if (outOfRange) { // rare: some |z| > 708.4, or NaN
        for (int i = from; i < to; i++) {
          double v = z[i];
          if (outOfRange(shifted(-Math.abs(v)))) {
            a[i] = Math.max(v, 0.0) - v * y[i] + log1p(Math.exp(-Math.abs(v)));
          }
        }
      }
      for (int i = from; i < to; i++) {
        sum += a[i];
      }
    }
    return sum;
  }

  /**
   * {@code log(1 + e)} for {@code 0 <= e <= 1}: {@code k ln 2 + 2 atanh(s)} with {@code k =
   * floor((1 + e)/sqrt(2))} and {@code s = (e - k)/(e + 2 + k)}, which is {@code (m - 1)/(m + 1)}
   * for {@code m = (1 + e)/2^k} but computed from {@code e}, without rounding {@code 1 + e}.
   */
  private static double log1pOfUnit(double e) {
    double k = Math.floor((1.0 + e) * INV_SQRT2);
    double s = (e - k) / (e + (2.0 + k));
    double s2 = s * s;
    double p;
    if (FMA) {
      p = Math.fma(s2, G6, G5);
      p = Math.fma(s2, p, G4);
      p = Math.fma(s2, p, G3);
      p = Math.fma(s2, p, G2);
      p = Math.fma(s2, p, G1);
      p = Math.fma(s2, p, G0);
      return Math.fma(k, LN2, (s + s) * Math.fma(s2, p, 1.0));
    }
    p = G5 + s2 * G6;
    p = G4 + s2 * p;
    p = G3 + s2 * p;
    p = G2 + s2 * p;
    p = G1 + s2 * p;
    p = G0 + s2 * p;
    return k * LN2 + (s + s) * (1.0 + s2 * p);
  }

  /**
   * {@code log(1 + x)} for {@code x >= 0} (the loss only needs {@code log1p(e^-|z|)}, so {@code 0
   * <= x <= 1}), by the classic correction: with {@code u = fl(1 + x)}, {@code log(u) * x / (u -
   * 1)} cancels the rounding of {@code 1 + x} to first order (Goldberg, "What every computer
   * scientist should know about floating-point arithmetic", theorem 4), a few ulp from the true
   * value. {@code u == 1} means {@code x} is below half an ulp of 1, where {@code log1p(x) = x} to
   * double precision. Infinity and NaN are returned unchanged, as {@code Math.log1p} does.
   */
  static double log1p(double x) {
    double u = 1.0 + x;
    if (u == 1.0) {
      return x;
    }
    if (u == Double.POSITIVE_INFINITY) {
      return u;
    }
    return Math.log(u) * (x / (u - 1.0));
  }
}
