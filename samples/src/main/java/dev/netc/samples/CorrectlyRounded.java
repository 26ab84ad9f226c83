package dev.netc.samples;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * {@code log}, {@code sin} and {@code cos} correctly rounded to the nearest double: what {@link
 * NumpyRandom} and {@link PlanarData} need to reproduce NumPy's numbers bit for bit.
 *
 * <p>Why not {@link Math}: NumPy calls the C library, and a single last bit decides whether a
 * sample matches. {@link StrictMath} (fdlibm) differs from NumPy already at the 27th normal of
 * seed 1 (log) and on 60 of the 800 planar coordinates (sin, cos); {@link Math} is specified only
 * to 1 ulp and may change with the JVM and the CPU. The correctly rounded value is the same
 * everywhere and is what glibc computes on every value the samples need: its sin and cos are
 * correctly rounded in practice, and its log was until glibc 2.28 (the era of the course notes);
 * today's log differs from the correctly rounded one on about one call in 1,400, for seed 1 first
 * at the 2,177th normal, far past the 800 the planar data set takes.
 */
final class CorrectlyRounded {
  private static final double SQRT2 = Math.sqrt(2.0);
  private static final int SERIES_TERMS = 23;
  private static final double[] ODD_RECIPROCAL_HI = new double[SERIES_TERMS];
  private static final double[] ODD_RECIPROCAL_LO = new double[SERIES_TERMS];
  private static final MathContext WIDE = new MathContext(60);
  private static final BigDecimal BIG_TWO = BigDecimal.valueOf(2);
  private static final BigDecimal BIG_SQRT2 = BIG_TWO.sqrt(WIDE);
  private static final BigDecimal BIG_LN2 =
      new BigDecimal("0.693147180559945309417232121458176568075500134360255254120680");
  private static final double LN2_HI = BIG_LN2.doubleValue();
  private static final double LN2_LO = BIG_LN2.subtract(new BigDecimal(LN2_HI)).doubleValue();
  private static final BigDecimal TERM_LIMIT = new BigDecimal("1e-64");
  private static final double TRIG_LIMIT = 1e6;
  private static final BigDecimal HALF_PI =
      new BigDecimal(
              "3.1415926535897932384626433832795028841971693993751058209749445923078164062862089986"
                  + "2803482534211706798215")
          .divide(BigDecimal.valueOf(2));

  static {
    for (int j = 0; j < SERIES_TERMS; j++) {
      BigDecimal reciprocal = BigDecimal.ONE.divide(BigDecimal.valueOf(2 * j + 1), WIDE);
      ODD_RECIPROCAL_HI[j] = reciprocal.doubleValue();
      ODD_RECIPROCAL_LO[j] =
          reciprocal.subtract(new BigDecimal(ODD_RECIPROCAL_HI[j])).doubleValue();
    }
  }

  private CorrectlyRounded() {}

  /**
   * {@code log(x)} correctly rounded; for {@code x} that is not positive and finite, {@link
   * Math#log}'s answer ({@code NaN}, {@code -Infinity}, {@code Infinity}), which is exact.
   */
  static double log(double x) {
    if (!(x >= Double.MIN_NORMAL && x < Double.POSITIVE_INFINITY)) {
      return x > 0 && x < Double.MIN_NORMAL ? logExact(x) : Math.log(x);
    }
    // x = m * 2^k with m in [sqrt(1/2), sqrt(2)), so that log(m) = 2 atanh(s) with
    // |s| = |(m - 1) / (m + 1)| <= 0.172 and s^2 <= 0.0295: 22 terms reach 2^-110.
    int k = Math.getExponent(x);
    double m = Math.scalb(x, -k);
    if (m > SQRT2) {
      m /= 2.0;
      k++;
    }
    // s = (m - 1) / (m + 1): m - 1 is exact (Sterbenz), m + 1 is kept as a double-double.
    double numerator = m - 1.0;
    double denHi = m + 1.0;
    double denLo = twoSumError(m, 1.0, denHi);
    double sHi = numerator / denHi;
    double remainder = Math.fma(-sHi, denHi, numerator) - sHi * denLo;
    double sLo = remainder / denHi;
    // t = s^2
    double tHi = sHi * sHi;
    double tLo = Math.fma(sHi, sHi, -tHi) + 2.0 * sHi * sLo;
    // q = 1 + t/3 + t^2/5 + ... by Horner in double-double, so that log(m) = 2 s q.
    double qHi = ODD_RECIPROCAL_HI[SERIES_TERMS - 1];
    double qLo = ODD_RECIPROCAL_LO[SERIES_TERMS - 1];
    for (int j = SERIES_TERMS - 2; j >= 0; j--) {
      double pHi = qHi * tHi;
      double pLo = Math.fma(qHi, tHi, -pHi) + (qHi * tLo + qLo * tHi);
      double sum = pHi + ODD_RECIPROCAL_HI[j];
      double sumLo = twoSumError(pHi, ODD_RECIPROCAL_HI[j], sum) + pLo + ODD_RECIPROCAL_LO[j];
      qHi = sum + sumLo;
      qLo = sumLo - (qHi - sum);
    }
    // log(m) = 2 s q
    double lHi = 2.0 * sHi * qHi;
    double lLo = 2.0 * (Math.fma(sHi, qHi, -sHi * qHi) + (sHi * qLo + sLo * qHi));
    // + k ln 2; k ln2Hi is exact in a double-double because k has at most 11 bits.
    double kHi = k * LN2_HI;
    double kLo = Math.fma(k, LN2_HI, -kHi) + k * LN2_LO;
    double hi = kHi + lHi;
    double lo = twoSumError(kHi, lHi, hi) + kLo + lLo;
    double result = hi + lo;
    double resultLo = lo - (result - hi);
    // result is the double nearest result + resultLo; it is the correctly rounded log unless the
    // true value could lie across the midpoint towards the neighbour on resultLo's side.
    double neighbour = resultLo > 0 ? Math.nextUp(result) : Math.nextDown(result);
    double halfGap = Math.abs(neighbour - result) / 2.0;
    if (halfGap - Math.abs(resultLo) > Math.abs(result) * 0x1p-80) {
      return result;
    }
    return logExact(x);
  }

  /** {@code log(x)} for positive finite {@code x} through 60-digit decimal arithmetic. */
  static double logExact(double x) {
    BigDecimal exact = new BigDecimal(x);
    int k = 0;
    // Scale into [sqrt(1/2), sqrt(2)) by powers of two, exactly (BigDecimal multiplies exactly).
    while (exact.compareTo(BIG_SQRT2) >= 0) {
      exact = exact.divide(BIG_TWO);
      k++;
    }
    while (exact.multiply(BIG_SQRT2).compareTo(BigDecimal.ONE) < 0) {
      exact = exact.multiply(BIG_TWO);
      k--;
    }
    BigDecimal s = exact.subtract(BigDecimal.ONE).divide(exact.add(BigDecimal.ONE), WIDE);
    BigDecimal s2 = s.multiply(s, WIDE);
    BigDecimal power = s;
    BigDecimal sum = BigDecimal.ZERO;
    for (int n = 1; power.abs().compareTo(TERM_LIMIT) > 0; n += 2) {
      sum = sum.add(power.divide(BigDecimal.valueOf(n), WIDE), WIDE);
      power = power.multiply(s2, WIDE);
    }
    // 60 digits are far more than rounding needs (the hardest cases of log need about 2^-118);
    // BigDecimal.doubleValue rounds to nearest.
    BigDecimal kLn2 = BIG_LN2.multiply(BigDecimal.valueOf(k), WIDE);
    return sum.add(sum, WIDE).add(kLn2, WIDE).doubleValue();
  }

  /** The rounding error of {@code a + b} given {@code sum = fl(a + b)} (Knuth's TwoSum). */
  private static double twoSumError(double a, double b, double sum) {
    double bVirtual = sum - a;
    return (a - (sum - bVirtual)) + (b - bVirtual);
  }

  /**
   * {@code sin(x)} correctly rounded, for {@code |x| <= 10^6}. Slow (a 60-digit {@link BigDecimal}
   * series, tens of microseconds): for building data sets, not for kernels.
   *
   * @throws IllegalArgumentException when {@code |x| > 10^6} or {@code x} is not finite
   */
  static double sin(double x) {
    return x == 0 ? x : sinOrCos(x, 0);
  }

  /** {@code cos(x)} correctly rounded, for {@code |x| <= 10^6}; slow, as {@link #sin}. */
  static double cos(double x) {
    return sinOrCos(x, 1);
  }

  /** sin(x + quarterTurns * pi/2) for exact x. */
  private static double sinOrCos(double x, int quarterTurns) {
    if (!(Math.abs(x) <= TRIG_LIMIT)) {
      throw new IllegalArgumentException(
          "CorrectlyRounded: sin and cos take |x| <= 1e6, got " + x);
    }
    // r = x - k pi/2 with |r| <= pi/4, exact to about 10^-98 (a 105-digit pi, |k| < 10^6): it
    // keeps 60 significant digits unless x lies within 10^-38 of a multiple of pi/2, and no
    // double does (the closest ones are more than 10^-20 * |x| away).
    BigDecimal exact = new BigDecimal(x);
    BigDecimal k = exact.divide(HALF_PI, 0, RoundingMode.HALF_EVEN);
    BigDecimal r = exact.subtract(HALF_PI.multiply(k));
    int quadrant = Math.floorMod(k.intValueExact() + quarterTurns, 4);
    BigDecimal value = quadrant % 2 == 0 ? sinSeries(r) : cosSeries(r);
    return (quadrant >= 2 ? value.negate() : value).doubleValue();
  }

  /** r - r^3/3! + r^5/5! - ... for |r| <= pi/4, to 60 digits. */
  private static BigDecimal sinSeries(BigDecimal r) {
    return alternatingSeries(r, r.multiply(r, WIDE), 1);
  }

  /** 1 - r^2/2! + r^4/4! - ... for |r| <= pi/4, to 60 digits. */
  private static BigDecimal cosSeries(BigDecimal r) {
    return alternatingSeries(BigDecimal.ONE, r.multiply(r, WIDE), 0);
  }

  /** Sum of term_n with term_{n+2} = -term_n r^2 / ((n+1)(n+2)), starting at (first, n). */
  private static BigDecimal alternatingSeries(BigDecimal first, BigDecimal r2, int n) {
    BigDecimal sum = first;
    BigDecimal term = first;
    // Relative stop: r may be tiny, and then so is every term.
    while (term.signum() != 0 && term.abs().compareTo(sum.abs().multiply(TERM_LIMIT)) > 0) {
      term = term.multiply(r2, WIDE).divide(BigDecimal.valueOf((long) (n + 1) * (n + 2)), WIDE);
      term = term.negate();
      sum = sum.add(term, WIDE);
      n += 2;
    }
    return sum;
  }
}
