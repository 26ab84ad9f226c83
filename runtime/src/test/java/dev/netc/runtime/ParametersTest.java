package dev.netc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.Test;

class ParametersTest {

  @Test
  void shapesFollowTheNotes() {
    Parameters p = new Parameters(new int[] {2, 4, 1});
    assertEquals(2, p.layers());
    assertEquals(4, p.W(1).rows);
    assertEquals(2, p.W(1).columns);
    assertEquals(1, p.W(2).rows);
    assertEquals(4, p.W(2).columns);
    assertEquals(4, p.b(1).rows);
    assertEquals(1, p.b(1).columns);
    assertArrayEquals(new double[8], p.W(1).data, 0.0);
    assertSame(p.W(1), p.W(1), "W(l) is the live matrix");
    assertArrayEquals(new int[] {2, 4, 1}, p.sizes());
  }

  @Test
  void badLayer() {
    Parameters p = new Parameters(new int[] {2, 4, 1});
    assertEquals(
        "layer 3 does not exist; layers are 1..2",
        assertThrows(IllegalArgumentException.class, () -> p.W(3)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> p.b(0));
    Gradients g = new Gradients(new int[] {2, 4, 1});
    assertEquals(
        "layer 3 does not exist; layers are 1..2",
        assertThrows(IllegalArgumentException.class, () -> g.dW(3)).getMessage());
  }

  @Test
  void copyIsDeepAndCopyFromKeepsTheMatrices() {
    Parameters p = new Parameters(new int[] {2, 3, 1});
    p.W(1).put(1, 1, 5);
    p.b(2).put(0, 0, -1);
    Parameters copy = p.copy();
    assertNotSame(p.W(1), copy.W(1));
    assertEquals(5, copy.W(1).get(1, 1));
    copy.W(1).put(1, 1, 6);
    assertEquals(5, p.W(1).get(1, 1));

    DoubleMatrix live = p.W(1);
    p.copyFrom(copy);
    assertSame(live, p.W(1));
    assertEquals(6, p.W(1).get(1, 1));
    assertEquals(-1, p.b(2).get(0, 0));
  }

  @Test
  void copyFromRefusesOtherSizes() {
    Parameters p = new Parameters(new int[] {2, 3, 1});
    assertEquals(
        "cannot copy parameters of sizes [2, 4, 1] into parameters of sizes [2, 3, 1]",
        assertThrows(
                IllegalArgumentException.class,
                () -> p.copyFrom(new Parameters(new int[] {2, 4, 1})))
            .getMessage());
  }

  @Test
  void gradientsCopy() {
    Gradients g = new Gradients(new int[] {3, 2});
    g.dW(1).put(1, 2, 4);
    g.db(1).put(1, 0, 3);
    Gradients copy = g.copy();
    g.dW(1).put(1, 2, 0);
    assertEquals(4, copy.dW(1).get(1, 2));
    assertEquals(3, copy.db(1).get(1, 0));
    assertEquals(1, copy.layers());
    assertEquals(2, copy.dW(1).rows);
    assertEquals(3, copy.dW(1).columns);
  }

  @Test
  void refusesBadSizes() {
    assertThrows(IllegalArgumentException.class, () -> new Parameters(new int[] {2}));
    assertThrows(IllegalArgumentException.class, () -> new Parameters(new int[] {2, -1}));
  }

  // ---- single precision ----

  @Test
  void floatParametersMirrorParameters() {
    FloatParameters p = new FloatParameters(new int[] {2, 4, 1});
    assertEquals(2, p.layers());
    assertEquals(4, p.W(1).rows);
    assertEquals(2, p.W(1).columns);
    assertEquals(1, p.W(2).rows);
    assertEquals(4, p.W(2).columns);
    assertEquals(4, p.b(1).rows);
    assertEquals(1, p.b(2).columns);
    assertArrayEquals(new float[8], p.W(1).data, 0.0f);
    assertSame(p.W(1), p.W(1), "W(l) is the live matrix");
    assertArrayEquals(new int[] {2, 4, 1}, p.sizes());
    p.sizes()[0] = 9;
    assertArrayEquals(new int[] {2, 4, 1}, p.sizes(), "a copy");
    assertEquals("FloatParameters[2, 4, 1]: W1 4x2, b1 4x1; W2 1x4, b2 1x1", p.toString());
    assertEquals(
        "layer 3 does not exist; layers are 1..2",
        assertThrows(IllegalArgumentException.class, () -> p.W(3)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> p.b(0));
    assertThrows(IllegalArgumentException.class, () -> new FloatParameters(new int[] {2}));
    assertEquals(
        "n[1] is -1 in [2, -1]; every size must be at least 1",
        assertThrows(IllegalArgumentException.class, () -> new FloatParameters(new int[] {2, -1}))
            .getMessage());
  }

  @Test
  void floatCopyIsDeepAndCopyFromKeepsTheMatrices() {
    FloatParameters p = new FloatParameters(new int[] {2, 3, 1});
    p.W(1).put(1, 1, 5);
    p.b(2).put(0, 0, -1);
    FloatParameters copy = p.copy();
    assertNotSame(p.W(1), copy.W(1));
    assertEquals(5, copy.W(1).get(1, 1));
    copy.W(1).put(1, 1, 6);
    assertEquals(5, p.W(1).get(1, 1));
    FloatMatrix live = p.W(1);
    p.copyFrom(copy);
    assertSame(live, p.W(1));
    assertEquals(6, p.W(1).get(1, 1));
    assertEquals(-1, p.b(2).get(0, 0));
    assertEquals(
        "cannot copy parameters of sizes [2, 4, 1] into parameters of sizes [2, 3, 1]",
        assertThrows(IllegalArgumentException.class,
            () -> p.copyFrom(new FloatParameters(new int[] {2, 4, 1}))).getMessage());
  }

  @Test
  void floatGradientsMirrorGradients() {
    FloatGradients g = new FloatGradients(new int[] {3, 2});
    g.dW(1).put(1, 2, 4);
    g.db(1).put(1, 0, 3);
    FloatGradients copy = g.copy();
    g.dW(1).put(1, 2, 0);
    assertEquals(4, copy.dW(1).get(1, 2));
    assertEquals(3, copy.db(1).get(1, 0));
    assertEquals(1, copy.layers());
    assertEquals(2, copy.dW(1).rows);
    assertEquals(3, copy.dW(1).columns);
    assertArrayEquals(new int[] {3, 2}, copy.sizes());
    assertEquals("FloatGradients[3, 2]", g.toString());
    assertEquals(
        "layer 2 does not exist; layers are 1..1",
        assertThrows(IllegalArgumentException.class, () -> g.db(2)).getMessage());
  }

  @Test
  void toFloatRoundsAndToDoubleIsExact() {
    Parameters p = new Parameters(new int[] {2, 3, 1});
    p.W(1).put(0, 1, 0.1);
    p.W(2).put(0, 2, 1e-50); // below the smallest float: 0
    p.b(1).put(2, 0, -1e40); // past the largest float: -infinity
    p.b(2).put(0, 0, 1.0 + 1e-12); // rounds to 1
    FloatParameters f = p.toFloat();
    assertArrayEquals(new int[] {2, 3, 1}, f.sizes());
    assertEquals(0.1f, f.W(1).get(0, 1), 0.0f);
    assertEquals(0.0f, f.W(2).get(0, 2), 0.0f);
    assertEquals(Float.NEGATIVE_INFINITY, f.b(1).get(2, 0), 0.0f);
    assertEquals(1.0f, f.b(2).get(0, 0), 0.0f);
    assertNotSame(p.W(1).data, f.W(1).data);

    Parameters back = f.toDouble();
    assertEquals((double) 0.1f, back.W(1).get(0, 1), 0.0, "exact: the float's own value");
    assertEquals(Double.NEGATIVE_INFINITY, back.b(1).get(2, 0), 0.0);
    for (int l = 1; l <= 2; l++) {
      assertArrayEquals(f.W(l).data, f.toDouble().toFloat().W(l).data, 0.0f,
          "float -> double -> float is exact");
      assertArrayEquals(f.b(l).data, f.toDouble().toFloat().b(l).data, 0.0f);
    }
    f.W(1).put(0, 0, 7);
    assertEquals(0.0, back.W(1).get(0, 0), 0.0, "a copy, not a view");
  }
}
