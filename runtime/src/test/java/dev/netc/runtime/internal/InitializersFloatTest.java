package dev.netc.runtime.internal;

import static dev.netc.runtime.internal.FloatTesting.assertBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.Test;

class InitializersFloatTest {

  /** The same seed gives the double weights rounded to float, in the same storage order. */
  @Test
  void gaussianIsTheDoubleDrawRoundedToFloat() {
    DoubleMatrix D = new DoubleMatrix(7, 5);
    FloatMatrix F = new FloatMatrix(7, 5);
    Initializers.gaussian(new Random(42), 0.37, D);
    Initializers.gaussian(new Random(42), 0.37, F);
    for (int i = 0; i < F.length; i++) {
      assertBits((float) D.data[i], F.data[i], "entry " + i);
    }
    FloatMatrix W = new FloatMatrix(1, 2);
    Initializers.gaussian(new Random(42), 1.0, W);
    assertBits((float) 1.1419053154730547, W.data[0], "the same on every JVM");
    assertBits((float) 0.9194079489827879, W.data[1], "the same on every JVM");
  }

  @Test
  void zerosClears() {
    FloatMatrix W = new FloatMatrix(2, 2, 1, 2, 3, 4);
    Initializers.zeros(W);
    assertArrayEquals(new float[4], W.data, 0.0f);
  }
}
