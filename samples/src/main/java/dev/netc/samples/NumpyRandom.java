package dev.netc.samples;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * NumPy's legacy {@code RandomState}, bit for bit: the Mersenne Twister MT19937 as seeded by {@code
 * np.random.seed(int)}, {@code np.random.random_sample()} and {@code np.random.randn()}.
 *
 * <p>It exists so that the samples train on exactly the data sets of the course notes, which are
 * drawn with {@code np.random.seed(1)} followed by calls to {@code randn}. {@link java.util.Random}
 * would give a different (equally random, but not the same) data set, and figures such as "90.50%
 * accuracy" would no longer be comparable with the notes.
 *
 * <p>Not thread-safe: like {@code RandomState}, one instance is one stream.
 */
public final class NumpyRandom {
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7fffffff;

  private final int[] mt = new int[N];
  private int index;
  // legacy_gauss draws two normals per polar rejection loop and caches the second one.
  private boolean hasGauss;
  private double gauss;

  /**
   * The state {@code np.random.seed(seed)} leaves: MT19937 {@code init_genrand(seed)}, no cached
   * Gaussian.
   *
   * @param seed in {@code [0, 2^32 - 1]}, as NumPy requires
   * @throws IllegalArgumentException when the seed is outside that range
   */
  public NumpyRandom(long seed) {
    if (seed < 0 || seed > 0xffffffffL) {
      throw new IllegalArgumentException(
          "NumpyRandom: seed must be between 0 and 2^32 - 1, as for np.random.seed, got " + seed);
    }
    mt[0] = (int) seed;
    for (int i = 1; i < N; i++) {
      // Java int arithmetic wraps modulo 2^32 exactly like the uint32 arithmetic of the C code.
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    index = N;
  }

  /** The next raw 32-bit output of MT19937 (NumPy's {@code random_bits} / {@code genrand_int32}). */
  public int nextInt32() {
    if (index >= N) {
      twist();
    }
    int y = mt[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y;
  }

  /**
   * {@code np.random.random_sample()}: a uniform double in {@code [0, 1)} with 53 random bits,
   * {@code ((a >>> 5) * 2^26 + (b >>> 6)) / 2^53} from two consecutive 32-bit outputs.
   */
  public double randomSample() {
    long a = Integer.toUnsignedLong(nextInt32()) >>> 5;
    long b = Integer.toUnsignedLong(nextInt32()) >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /**
   * {@code np.random.randn()}: a standard normal by NumPy's legacy polar Box-Muller ({@code
   * legacy_gauss}), which returns {@code f * x2} and keeps {@code f * x1} for the next call.
   */
  public double randn() {
    if (hasGauss) {
      hasGauss = false;
      return gauss;
    }
    double x1;
    double x2;
    double r2;
    do {
      x1 = 2.0 * randomSample() - 1.0;
      x2 = 2.0 * randomSample() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    double f = Math.sqrt(-2.0 * log(r2) / r2);
    gauss = f * x1;
    hasGauss = true;
    return f * x2;
  }

  /** {@code np.random.randn(n)}: {@code n} standard normals in order. */
  public double[] randn(int n) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = randn();
    }
    return values;
  }

  /** {@code np.random.random_sample(n)}: {@code n} uniforms in {@code [0, 1)} in order. */
  public double[] randomSample(int n) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = randomSample();
    }
    return values;
  }

  /**
   * The natural logarithm of {@code x} in {@code (0, 1)}, correctly rounded to the nearest double.
   *
   * <p>Why not {@link Math#log}: NumPy calls the C library's {@code log}, and the last bit of
   * {@code f} decides whether a sample matches. {@code StrictMath.log} (fdlibm) already differs from
   * NumPy at the 27th draw of seed 1; {@code Math.log} is unspecified beyond 1 ulp and may change
   * with the JVM and CPU. The correctly rounded value is defined everywhere, is what glibc before
   * 2.28 returned (its IBM log was correctly rounded, the era of the course notes), and agrees with
   * today's glibc on all but about one draw in 1,500; for seed 1 the first such draw is the 2,177th
   * normal, far past the 800 the planar data set takes.
   */
  static double log(double x) {
    // x = mantissa * 2^k with mantissa in [sqrt(1/2), sqrt(2)), so that log(mantissa) =
    // 2 atanh(s) with |s| = |(mantissa - 1) / (mantissa + 1)| <= 0.172 converges fast.
    int k = Math.getExponent(x);
    double mantissa = Math.scalb(x, -k);
    if (mantissa > Math.sqrt(2.0)) {
      mantissa /= 2.0;
      k++;
    }
    BigDecimal result = atanhTimesTwo(mantissa).add(LN2.multiply(BigDecimal.valueOf(k), WIDE));
    // 60 digits are far more than any double needs to round correctly (hard cases of log need
    // about 2^-118); BigDecimal.doubleValue rounds to nearest.
    return result.doubleValue();
  }

  private static final MathContext WIDE = new MathContext(60);
  private static final BigDecimal LN2 =
      new BigDecimal("0.693147180559945309417232121458176568075500134360255254120680");
  private static final BigDecimal TERM_LIMIT = new BigDecimal("1e-64");

  /** {@code 2 atanh(s)} for {@code s = (m - 1) / (m + 1)}, i.e. {@code log(m)}, to 60 digits. */
  private static BigDecimal atanhTimesTwo(double m) {
    // m - 1 and m + 1 are exact in BigDecimal, unlike in double.
    BigDecimal exact = new BigDecimal(m);
    BigDecimal s = exact.subtract(BigDecimal.ONE).divide(exact.add(BigDecimal.ONE), WIDE);
    BigDecimal s2 = s.multiply(s, WIDE);
    BigDecimal power = s;
    BigDecimal sum = BigDecimal.ZERO;
    for (int n = 1; power.abs().compareTo(TERM_LIMIT) > 0; n += 2) {
      sum = sum.add(power.divide(BigDecimal.valueOf(n), WIDE), WIDE);
      power = power.multiply(s2, WIDE);
    }
    return sum.add(sum, WIDE);
  }

  private void twist() {
    int kk = 0;
    for (; kk < N - M; kk++) {
      int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
    }
    for (; kk < N - 1; kk++) {
      int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
    }
    int y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
    index = 0;
  }
}
