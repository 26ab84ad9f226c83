package dev.netc.runtime;

/**
 * Scalar functions for the kernels, built on {@link Math#exp} and {@link Math#log}, which HotSpot
 * compiles to intrinsic stubs, instead of {@link Math#tanh} and {@link Math#log1p}, which on JDK
 * 17 are calls into the C fdlibm (several times slower). Each stays within 1e-14 relative of the
 * {@code Math} function it replaces over the whole double range (tested on dense sweeps), keeps
 * the sign of zero, and propagates NaN.
 */
final class FastMath {

  private FastMath() {}

  /**
   * Below this {@code |x|}, {@code 1 - 2/(e^(2x) + 1)} loses too many digits to cancellation
   * (its absolute error is a few ulp of 1, so its relative error grows like {@code 1e-16 / |x|});
   * there the Taylor polynomial below is used instead. At 1/16 the cancellation costs at most
   * about 5e-15 relative, and the polynomial's truncation error is about 1e-17.
   */
  static final double TANH_SMALL = 0.0625;

  // Taylor coefficients of tanh: x - x^3/3 + 2x^5/15 - 17x^7/315 + 62x^9/2835 - 1382x^11/155925.
  private static final double T3 = -1.0 / 3.0;
  private static final double T5 = 2.0 / 15.0;
  private static final double T7 = -17.0 / 315.0;
  private static final double T9 = 62.0 / 2835.0;
  private static final double T11 = -1382.0 / 155925.0;

  /**
   * {@code tanh(x)}: {@code 1 - 2/(e^(2x) + 1)} for {@code |x| >= 1/16}, an odd Taylor polynomial
   * of degree 11 below (exact for zeros and subnormals). The formula needs no sign handling and
   * saturates by itself: {@code e^(2x)} overflows to infinity above about 354.9 (giving 1) and
   * underflows to 0 below about -372 (giving -1). NaN fails the comparison and reaches {@code exp},
   * which returns NaN. (Taking {@code |x|} and copying the sign back was about 20% slower.)
   */
  static double tanh(double x) {
    if (Math.abs(x) < TANH_SMALL) {
      double x2 = x * x;
      // x * (1 + p) rather than x + x * p: the latter turns -0.0 into +0.0.
      return x * (1.0 + x2 * (T3 + x2 * (T5 + x2 * (T7 + x2 * (T9 + x2 * T11)))));
    }
    return 1.0 - 2.0 / (Math.exp(x + x) + 1.0);
  }

  /**
   * {@code 1 / (1 + e^-z)}: with {@code e = e^-|z|} and {@code r = 1 / (1 + e)}, {@code r} for
   * {@code z >= 0} and {@code e r = e^z / (1 + e^z)} for negative {@code z}, so that {@code e}
   * never overflows. Below about -709, where the textbook formula returns 0, this returns the true
   * (subnormal) value. The two cases are selected by the sign bit, not a branch: on real
   * pre-activations the sign is random and a branch is mispredicted half the time.
   */
  static double sigmoid(double z) {
    double e = Math.exp(-Math.abs(z));
    double r = 1.0 / (1.0 + e);
    long negative = Double.doubleToRawLongBits(z) >> 63;
    return Double.longBitsToDouble(
        (Double.doubleToRawLongBits(r) & ~negative)
            | (Double.doubleToRawLongBits(e * r) & negative));
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
