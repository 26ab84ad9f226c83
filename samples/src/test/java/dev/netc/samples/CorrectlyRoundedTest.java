package dev.netc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link CorrectlyRounded} against values computed by mpmath with 300 bits and rounded once. The
 * arguments are ones where {@link StrictMath} is off by one ulp, so the test tells the difference.
 */
final class CorrectlyRoundedTest {

  @Test
  void logIsCorrectlyRounded() {
    assertEquals(-0x1.c7fb6fea98bafp-2, CorrectlyRounded.log(0x1.48015644d0fa7p-1));
    assertEquals(-0x1.98e885061431fp0, CorrectlyRounded.log(0x1.9e9a52dc759d4p-3));
    assertEquals(-0x1.cd9b2540a24afp-3, CorrectlyRounded.log(0x1.98adeef1512efp-1));
    assertEquals(-0x1.ce233482b1c0fp-1, CorrectlyRounded.log(0x1.9f3dbcb720a4p-2));
  }

  @Test
  void sinIsCorrectlyRounded() {
    assertEquals(-0x1.1f84d57a0b45ep-2, CorrectlyRounded.sin(0x1.36b347d1800bp3));
    assertEquals(-0x1.31825f576f1cfp-1, CorrectlyRounded.sin(0x1.7da9e8d8d0aacp3));
    assertEquals(0x1.eb654771b9a9fp-1, CorrectlyRounded.sin(0x1.e46fc23fceb1cp2));
    assertEquals(-0x1.3ad158cfc6cbbp-1, CorrectlyRounded.sin(0x1.878734e0f529dp4));
  }

  @Test
  void cosIsCorrectlyRounded() {
    assertEquals(-0x1.cb47b80d3cffdp-1, CorrectlyRounded.cos(0x1.e8016be833627p3));
    assertEquals(0x1.6ba9c0fef1f2ap-1, CorrectlyRounded.cos(0x1.ab1cd9a8df0d1p3));
    assertEquals(0x1.bb7b710229827p-4, CorrectlyRounded.cos(0x1.6354737c0c72bp3));
    assertEquals(-0x1.b04821d92dcep-2, CorrectlyRounded.cos(0x1.d255e0145fec8p3));
  }

  @Test
  void fastLogAgreesWithTheDecimalOne() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 900; i++) {
      double x =
          switch (i % 3) {
            case 0 -> random.nextDouble();
            case 1 -> Math.scalb(1.0 + random.nextDouble(), random.nextInt(-300, 300));
            default -> 1.0 + (random.nextDouble() - 0.5) * 1e-6;
          };
      assertEquals(CorrectlyRounded.logExact(x), CorrectlyRounded.log(x), "log of " + x);
    }
  }

  @Test
  void edgeCases() {
    assertEquals(0.0, CorrectlyRounded.log(1.0));
    assertEquals(Double.NEGATIVE_INFINITY, CorrectlyRounded.log(0.0));
    assertEquals(Double.NaN, CorrectlyRounded.log(-1.0));
    assertEquals(Math.log(Double.MIN_VALUE), CorrectlyRounded.log(Double.MIN_VALUE));
    assertEquals(-0.0, CorrectlyRounded.sin(-0.0));
    assertEquals(1.0, CorrectlyRounded.cos(0.0));
    assertThrows(IllegalArgumentException.class, () -> CorrectlyRounded.sin(1e7));
    assertThrows(IllegalArgumentException.class, () -> CorrectlyRounded.cos(Double.NaN));
  }
}
