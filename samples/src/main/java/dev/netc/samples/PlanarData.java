package dev.netc.samples;

import org.jblas.DoubleMatrix;

/**
 * The course's "planar flower": 400 points in the plane, two petals of classes 0 (red) and 1
 * (blue) that no straight line separates. This is {@code load_planar_dataset()} of the course
 * notes, transcribed operation by operation so that the data are the same doubles:
 *
 * <pre>{@code
 * np.random.seed(1)
 * m = 400; N = 200; D = 2; a = 4
 * X = np.zeros((m, D)); Y = np.zeros((m, 1), dtype='uint8')
 * for j in range(2):
 *     ix = range(N*j, N*(j+1))
 *     t = np.linspace(j*3.12, (j+1)*3.12, N) + np.random.randn(N)*0.2   # theta
 *     r = a*np.sin(4*t) + np.random.randn(N)*0.2                        # radius
 *     X[ix] = np.c_[r*np.sin(t), r*np.cos(t)]
 *     Y[ix] = j
 * X = X.T; Y = Y.T
 * }</pre>
 *
 * @param X the {@code 2x400} inputs, one point per column
 * @param Y the {@code 1x400} labels, 0 or 1
 */
public record PlanarData(DoubleMatrix X, DoubleMatrix Y) {
  /** m, the number of points. */
  public static final int EXAMPLES = 400;

  private static final int PER_CLASS = EXAMPLES / 2;
  private static final double PETALS = 4.0;
  private static final double ANGLE_SPAN = 3.12;
  private static final double NOISE = 0.2;

  /** The data set of the notes, a fresh copy on every call. */
  public static PlanarData load() {
    NumpyRandom random = new NumpyRandom(1);
    DoubleMatrix X = new DoubleMatrix(2, EXAMPLES);
    DoubleMatrix Y = new DoubleMatrix(1, EXAMPLES);
    for (int j = 0; j < 2; j++) {
      double[] t = linspace(j * ANGLE_SPAN, (j + 1) * ANGLE_SPAN, PER_CLASS);
      // All of theta's noise is drawn before any of the radius's, as in the vectorised original.
      double[] thetaNoise = random.randn(PER_CLASS);
      double[] radiusNoise = random.randn(PER_CLASS);
      for (int i = 0; i < PER_CLASS; i++) {
        double theta = t[i] + thetaNoise[i] * NOISE;
        double radius = PETALS * CorrectlyRounded.sin(4 * theta) + radiusNoise[i] * NOISE;
        int column = PER_CLASS * j + i;
        X.put(0, column, radius * CorrectlyRounded.sin(theta));
        X.put(1, column, radius * CorrectlyRounded.cos(theta));
        Y.put(0, column, j);
      }
    }
    return new PlanarData(X, Y);
  }

  /** m, the number of columns of {@link #X()}. */
  public int examples() {
    return X.columns;
  }

  /**
   * {@code np.linspace(start, stop, num)}: {@code start + i * step} with {@code step = (stop -
   * start) / (num - 1)}, and the last value set to {@code stop} exactly, as NumPy does.
   */
  static double[] linspace(double start, double stop, int num) {
    double[] values = new double[num];
    double step = (stop - start) / (num - 1);
    for (int i = 0; i < num; i++) {
      values[i] = start + i * step;
    }
    values[num - 1] = stop;
    return values;
  }
}
