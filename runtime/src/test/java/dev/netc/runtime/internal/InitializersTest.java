package dev.netc.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

class InitializersTest {

  @Test
  void gaussianDrawsInStorageOrder() {
    DoubleMatrix W = new DoubleMatrix(3, 2);
    Initializers.gaussian(new Random(42), 0.5, W);
    Random expected = new Random(42);
    for (int c = 0; c < 2; c++) {
      for (int r = 0; r < 3; r++) {
        assertEquals(expected.nextGaussian() * 0.5, W.get(r, c), 0.0);
      }
    }
  }

  @Test
  void gaussianIsTheSameOnEveryJvm() {
    // java.util.Random specifies its algorithm: these bits hold on any conforming JVM.
    DoubleMatrix W = new DoubleMatrix(1, 2);
    Initializers.gaussian(new Random(42), 1.0, W);
    assertEquals(1.1419053154730547, W.data[0], 0.0);
    assertEquals(0.9194079489827879, W.data[1], 0.0);
  }

  @Test
  void zerosClears() {
    DoubleMatrix W = new DoubleMatrix(2, 2, 1, 2, 3, 4);
    Initializers.zeros(W);
    assertArrayEquals(new double[4], W.data, 0.0);
  }
}
