package dev.netc.samples;

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

  /** The next raw 32-bit output of MT19937 (NumPy's {@code genrand_int32}). */
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
    // The last bit of log decides whether a sample matches NumPy's: see CorrectlyRounded.
    double f = Math.sqrt(-2.0 * CorrectlyRounded.log(r2) / r2);
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
