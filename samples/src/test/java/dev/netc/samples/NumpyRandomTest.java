package dev.netc.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Pins {@link NumpyRandom} to NumPy's legacy {@code RandomState}. Every literal below was printed
 * by NumPy 2.4.6 ({@code repr} of the values, which round-trips exactly), so the comparisons are
 * bit for bit.
 */
final class NumpyRandomTest {

  @Test
  void randnMatchesNumpySeed1() {
    // np.random.seed(1); np.random.randn(10)
    double[] expected = {
      1.6243453636632417, -0.6117564136500754, -0.5281717522634557, -1.0729686221561705,
      0.8654076293246785, -2.3015386968802827, 1.74481176421648, -0.7612069008951028,
      0.31903909605709857, -0.2493703754774101
    };
    assertArrayEquals(expected, new NumpyRandom(1).randn(10));
  }

  @Test
  void randnMatchesNumpySeed0() {
    // np.random.seed(0); np.random.randn(5)
    double[] expected = {
      1.764052345967664, 0.4001572083672233, 0.9787379841057392, 2.240893199201458,
      1.8675579901499675
    };
    assertArrayEquals(expected, new NumpyRandom(0).randn(5));
  }

  @Test
  void randnMatchesNumpyLargestSeed() {
    // np.random.seed(4294967295); np.random.randn(3)
    double[] expected = {0.6484086742306527, 0.6693235306338161, -1.0805437227474493};
    assertArrayEquals(expected, new NumpyRandom(4294967295L).randn(3));
  }

  @Test
  void randnMatchesNumpyAtTheEndOfThePlanarDraws() {
    // np.random.seed(1); np.random.randn(800)[-3:]: the last normals PlanarData takes.
    double[] all = new NumpyRandom(1).randn(800);
    double[] expected = {-0.7029204029101687, 0.7255505180787332, -0.32420421948521105};
    assertArrayEquals(expected, new double[] {all[797], all[798], all[799]});
  }

  @Test
  void randomSampleMatchesNumpy() {
    // np.random.seed(1); np.random.random_sample(5)
    double[] expected = {
      0.417022004702574, 0.7203244934421581, 0.00011437481734488664, 0.30233257263183977,
      0.14675589081711304
    };
    assertArrayEquals(expected, new NumpyRandom(1).randomSample(5));
  }

  @Test
  void rawOutputsMatchNumpy() {
    // np.random.seed(1); np.random.randint(0, 2**32, size=3, dtype=np.uint64)
    NumpyRandom random = new NumpyRandom(1);
    assertEquals(1791095845L, Integer.toUnsignedLong(random.nextInt32()));
    assertEquals(4282876139L, Integer.toUnsignedLong(random.nextInt32()));
    assertEquals(3093770124L, Integer.toUnsignedLong(random.nextInt32()));
  }

  @Test
  void theCachedGaussianSurvivesUniformDraws() {
    // np.random.seed(1); np.random.randn(3); np.random.random_sample(2); np.random.randn(2)
    NumpyRandom random = new NumpyRandom(1);
    random.randn(3);
    assertArrayEquals(
        new double[] {0.39676747423066994, 0.538816734003357}, random.randomSample(2));
    assertArrayEquals(new double[] {-1.0729686221561705, 1.74481176421648}, random.randn(2));
  }

  @Test
  void refusesSeedsNumpyRefuses() {
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(-1));
    assertTrue(negative.getMessage().contains("-1"), negative.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(1L << 32));
  }
}
