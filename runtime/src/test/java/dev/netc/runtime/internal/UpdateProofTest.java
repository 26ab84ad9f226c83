package dev.netc.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netc.runtime.Gradients;
import dev.netc.runtime.Parameters;
import dev.netc.runtime.Training;
import java.util.List;
import java.util.Random;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/**
 * An update proved finite before it runs keeps no undo copy; the proof never holds for an update
 * that overflows, whatever the sizes of the parameters, gradients, state and learning rate.
 */
class UpdateProofTest {

  private static final List<Training.UpdateRule> RULES =
      List.of(
          new Training.GradientDescent(),
          new Training.Momentum(0.9),
          new Training.RmsProp(0.999),
          new Training.Adam(0.9, 0.999, 1e-8));

  // W1 is 80 x 600: past the size at which the update and the measure run on two cores.
  private static final int[] LARGE = {600, 80, 3};
  private static final int[] SMALL = {3, 4, 2};

  @Test
  void anOrdinaryUpdateIsProvedFiniteAndKeepsNoCopy() {
    for (Training.UpdateRule rule : RULES) {
      Random rng = new Random(1);
      Parameters p = fill(new Parameters(LARGE), rng, 0.1);
      DoubleUpdate update = new DoubleUpdate(rule, LARGE);
      assertFalse(update.provedFinite(0.05, 1), rule + ": nothing measured yet");
      update.measureParameters(p);
      for (int t = 1; t <= 3; t++) {
        Gradients g = gradients(LARGE, rng, 0.01);
        assertFalse(update.provedFinite(0.05, t), rule + ": gradients not measured yet");
        assertTrue(update.measureGradients(g), rule.toString());
        assertTrue(update.provedFinite(0.05, t), rule + ", update " + t);
        assertTrue(update.apply(p, g, null, 0.05, t), rule.toString());
      }
    }
  }

  @Test
  void theUndoCopyHoldsTheParametersFromBeforeTheUpdate() {
    for (Training.UpdateRule rule : RULES) {
      Random rng = new Random(2);
      Parameters p = fill(new Parameters(LARGE), rng, 0.1);
      Parameters previous = new Parameters(LARGE);
      DoubleUpdate update = new DoubleUpdate(rule, LARGE);
      Gradients g = gradients(LARGE, rng, 0.01);
      Parameters before = p.copy();
      update.apply(p, g, previous, 0.05, 1);
      for (int l = 1; l <= p.layers(); l++) {
        assertEquals(before.W(l), previous.W(l), rule.toString());
        assertEquals(before.b(l), previous.b(l), rule.toString());
      }
    }
  }

  @Test
  void noUpdateProvedFiniteOverflows() {
    int proved = 0;
    int overflowed = 0;
    for (Training.UpdateRule rule : RULES) {
      Random rng = new Random(rule.toString().hashCode());
      for (int trial = 0; trial < 3000; trial++) {
        int[] sizes = trial % 100 == 0 ? LARGE : SMALL;
        Parameters p = fill(new Parameters(sizes), rng, Math.pow(10, rng.nextInt(310)));
        DoubleUpdate update = new DoubleUpdate(rule, sizes);
        update.measureParameters(p);
        // A first update, by random gradients of any size, gives the rules' state a size too.
        Gradients first = gradients(sizes, rng, Math.pow(10, rng.nextInt(310)));
        update.measureGradients(first);
        update.apply(p, first, null, 1e-3, 1);
        if (!allFinite(p)) {
          continue;
        }
        int alphaExponent = rng.nextInt(17) - 8;
        double alpha = Math.pow(10, alphaExponent) * rng.nextDouble();
        // Half the trials put alpha * dW near the largest double, where updates overflow.
        int gradientExponent =
            trial % 2 == 0 ? rng.nextInt(310) : 300 - alphaExponent + rng.nextInt(16);
        Gradients g = gradients(sizes, rng, Math.pow(10, gradientExponent));
        update.measureGradients(g);
        boolean provedFinite = update.provedFinite(alpha, 2);
        update.apply(p, g, null, alpha, 2);
        if (provedFinite) {
          proved++;
          assertTrue(allFinite(p), rule + ", trial " + trial + ": proved finite, but was not");
        }
        if (!allFinite(p)) {
          overflowed++;
        }
      }
    }
    // Both sides of the proof were taken: the test would notice a proof that never holds.
    assertTrue(proved > 500, "proved " + proved);
    assertTrue(overflowed > 100, "overflowed " + overflowed);
  }

  @Test
  void aNonFiniteGradientAnywhereInALargeMatrixIsSeen() {
    Random rng = new Random(3);
    DoubleUpdate update = new DoubleUpdate(new Training.GradientDescent(), LARGE);
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -Double.MAX_VALUE}) {
      for (int at : new int[] {0, 12_345, 47_999}) {
        Gradients g = gradients(LARGE, rng, 1.0);
        g.dW(1).data[at] = bad;
        assertFalse(update.measureGradients(g), bad + " at " + at);
      }
    }
    assertTrue(update.measureGradients(gradients(LARGE, rng, 1.0)));
  }

  @Test
  void undoingAnUpdateProvedFromParametersChangedSinceSaysSo() {
    Parameters p = new Parameters(SMALL);
    Updates updates = Updates.start(Training.gradientDescent(0.01), p);
    Gradients g = new Gradients(SMALL);
    assertEquals(null, updates.firstNonFiniteGradient(g));
    updates.apply(g, 0.01, 1);
    // Changed behind the updates' back: they still take every parameter for 0.
    p.W(1).data[0] = Double.MAX_VALUE;
    g.dW(1).data[0] = -1e150;
    assertEquals(null, updates.firstNonFiniteGradient(g));
    updates.apply(g, 1e150, 2); // W1(0, 0) += 1e300: small beside W's bound, 0, and SAFE
    assertEquals("W1(0, 0) is Infinity", updates.firstNonFiniteParameter());
    IllegalStateException e = assertThrows(IllegalStateException.class, updates::undo);
    assertEquals(
        "the parameters were changed while training ran: the last update was proved finite from"
            + " them before it ran, but it wrote W1(0, 0) is Infinity",
        e.getMessage());
  }

  @Test
  void anUpdateThatMayOverflowIsUndoneExactly() {
    Random rng = new Random(4);
    Parameters p = fill(new Parameters(SMALL), rng, 1e300);
    Parameters start = p.copy();
    Updates updates = Updates.start(Training.gradientDescent(0.01), p);
    Gradients g = gradients(SMALL, rng, 1e300);
    assertEquals(null, updates.firstNonFiniteGradient(g));
    updates.apply(g, 1e10, 1);
    assertTrue(updates.firstNonFiniteParameter() != null);
    updates.undo();
    for (int l = 1; l <= p.layers(); l++) {
      assertEquals(start.W(l), p.W(l));
      assertEquals(start.b(l), p.b(l));
    }
  }

  private static Parameters fill(Parameters p, Random rng, double scale) {
    for (int l = 1; l <= p.layers(); l++) {
      fill(p.W(l), rng, scale);
      fill(p.b(l), rng, scale);
    }
    return p;
  }

  private static Gradients gradients(int[] sizes, Random rng, double scale) {
    Gradients g = new Gradients(sizes);
    for (int l = 1; l <= g.layers(); l++) {
      fill(g.dW(l), rng, scale);
      fill(g.db(l), rng, scale);
    }
    return g;
  }

  /** Entries of magnitude up to {@code scale} (capped at the largest double), either sign. */
  private static void fill(DoubleMatrix M, Random rng, double scale) {
    for (int i = 0; i < M.length; i++) {
      double x = (rng.nextDouble() * 2 - 1) * Math.min(scale, Double.MAX_VALUE);
      M.data[i] = Double.isFinite(x) ? x : Math.copySign(Double.MAX_VALUE, x);
    }
  }

  private static boolean allFinite(Parameters p) {
    for (int l = 1; l <= p.layers(); l++) {
      if (Kernels.firstNonFinite(p.W(l)) >= 0 || Kernels.firstNonFinite(p.b(l)) >= 0) {
        return false;
      }
    }
    return true;
  }
}
