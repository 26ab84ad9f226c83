package dev.netc.runtime.internal;

import java.util.Arrays;
import java.util.Random;
import org.jblas.DoubleMatrix;

// twin: f32 inherited
/**
 * Weight initialisation. Deterministic on every JVM: {@link java.util.Random} specifies its
 * generator and its {@code nextGaussian} algorithm exactly, and the entries are filled in one fixed
 * order, so the same seed gives the same weights bit for bit everywhere.
 */
public final class Initializers extends FloatInitializers {

  private Initializers() {}

  /**
   * Overwrites {@code W} with {@code rng.nextGaussian() * scale}, drawing in storage order: {@code
   * W.data[0], W.data[1], ...}, that is column by column ({@code W(r, c)} receives draw number
   * {@code c * W.rows + r}). {@code XAVIER} uses {@code scale = sqrt(1 / n[l-1])}, {@code HE}
   * {@code sqrt(2 / n[l-1])}, {@code SMALL_RANDOM} {@code 0.01}.
   */
  public static void gaussian(Random rng, double scale, DoubleMatrix W) { // twin: scalar scale
    double[] w = W.data;
    int n = W.rows * W.columns;
    for (int i = 0; i < n; i++) {
      w[i] = rng.nextGaussian() * scale; // twin: as w[i] = (float) (rng.nextGaussian() * scale);
    }
  }

  /** Overwrites {@code W} with zeros. */
  public static void zeros(DoubleMatrix W) {
    Arrays.fill(W.data, 0, W.rows * W.columns, 0.0);
  }
}
