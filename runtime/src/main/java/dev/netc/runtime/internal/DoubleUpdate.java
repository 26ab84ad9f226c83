package dev.netc.runtime.internal;

import dev.netc.runtime.Gradients;
import dev.netc.runtime.Parameters;
import dev.netc.runtime.Training;
import org.jblas.DoubleMatrix;

// twin: f32
/**
 * The update rules of the course notes ({@link Training.UpdateRule}), applied to every {@code
 * W[l]} and {@code b[l]} alike, with their state for one training run (velocities, squared
 * averages): allocated once per {@code fit}, so that an update allocates nothing.
 *
 * <p>The hyper-parameters are doubles in both precisions. The float twin keeps float state and
 * updates in float arithmetic, each hyper-parameter rounded to float once per step; {@code 1 -
 * beta} and {@code 1 - beta^t} are computed in double and then rounded: from a float beta near 1
 * they would carry beta's rounding error magnified by {@code 1 / (1 - beta)}, 1e-5 relative for
 * 0.999.
 */
final class DoubleUpdate {
  private final Training.UpdateRule rule;
  private final Gradients v;
  private final Gradients s;

  DoubleUpdate(Training.UpdateRule rule, int[] sizes) {
    this.rule = rule;
    int states = states(rule);
    this.v = states >= 1 ? new Gradients(sizes) : null;
    this.s = states >= 2 ? new Gradients(sizes) : null;
  }

  /** How many state matrices per parameter the rule keeps; RMSprop keeps its one in {@code v}. */
  static int states(Training.UpdateRule rule) {
    if (rule instanceof Training.GradientDescent) {
      return 0;
    }
    return rule instanceof Training.Adam ? 2 : 1;
  }

  /** One update of every parameter; {@code t} counts updates from 1. */
  void apply(Parameters p, Gradients g, double alpha, int t) { // twin: scalar alpha
    for (int l = 1; l <= p.layers(); l++) {
      step(p.W(l), g.dW(l), v == null ? null : v.dW(l), s == null ? null : s.dW(l), alpha, t);
      step(p.b(l), g.db(l), v == null ? null : v.db(l), s == null ? null : s.db(l), alpha, t);
    }
  }

  /** Moves {@code W} by its gradient {@code dW}, updating the state {@code v} and {@code s}. */
  private void step(
      // twin: scalar alpha
      DoubleMatrix W, DoubleMatrix dW, DoubleMatrix v, DoubleMatrix s, double alpha, int t) {
    if (rule instanceof Training.Momentum m) {
      momentum(W, dW, v, m.beta(), alpha);
    } else if (rule instanceof Training.RmsProp r) {
      rmsProp(W, dW, v, r.beta(), alpha);
    } else if (rule instanceof Training.Adam a) {
      adam(W, dW, v, s, a, alpha, t);
    } else {
      Kernels.axpy(-alpha, dW, W); // W -= alpha * dW
    }
  }

  /** {@code v = beta*v + (1 - beta)*dW; W -= alpha*v}, with {@code v} starting at zero. */
  private static void momentum(
      // twin: scalar beta, alpha
      DoubleMatrix W, DoubleMatrix dW, DoubleMatrix v, double beta, double alpha) {
    double b = beta; // twin: round
    double c = 1 - beta; // twin: round
    double a = alpha; // twin: round
    double[] d = dW.data;
    double[] vs = v.data;
    double[] w = W.data;
    for (int i = 0, n = W.length; i < n; i++) {
      vs[i] = b * vs[i] + c * d[i];
      w[i] -= a * vs[i];
    }
  }

  /** {@code s = beta*s + (1 - beta)*dW^2; W -= alpha*dW / (sqrt(s) + EPSILON)}. */
  private static void rmsProp(
      // twin: scalar beta, alpha
      DoubleMatrix W, DoubleMatrix dW, DoubleMatrix v, double beta, double alpha) {
    double b = beta; // twin: round
    double c = 1 - beta; // twin: round
    double a = alpha; // twin: round
    double e = Training.UpdateRule.EPSILON; // twin: round
    double[] d = dW.data;
    double[] ss = v.data;
    double[] w = W.data;
    for (int i = 0, n = W.length; i < n; i++) {
      ss[i] = b * ss[i] + c * d[i] * d[i];
      // twin: as w[i] -= a * d[i] / ((float) Math.sqrt(ss[i]) + e);
      w[i] -= a * d[i] / (Math.sqrt(ss[i]) + e);
    }
  }

  /**
   * {@code v = beta1*v + (1 - beta1)*dW; s = beta2*s + (1 - beta2)*dW^2}, bias-corrected by
   * {@code 1 - beta^t}; {@code W -= alpha * v_corrected / (sqrt(s_corrected) + epsilon)}.
   */
  private static void adam(
      DoubleMatrix W,
      DoubleMatrix dW,
      DoubleMatrix v,
      DoubleMatrix s,
      Training.Adam rule,
      double alpha, // twin: scalar alpha
      int t) {
    double c1 = 1 - Math.pow(rule.beta1(), t); // twin: round
    double c2 = 1 - Math.pow(rule.beta2(), t); // twin: round
    double b1 = rule.beta1(); // twin: round
    double b2 = rule.beta2(); // twin: round
    double k1 = 1 - rule.beta1(); // twin: round
    double k2 = 1 - rule.beta2(); // twin: round
    double a = alpha; // twin: round
    double e = rule.epsilon(); // twin: round
    double[] d = dW.data;
    double[] vs = v.data;
    double[] ss = s.data;
    double[] w = W.data;
    for (int i = 0, n = W.length; i < n; i++) {
      vs[i] = b1 * vs[i] + k1 * d[i];
      ss[i] = b2 * ss[i] + k2 * d[i] * d[i];
      // twin: as w[i] -= a * (vs[i] / c1) / ((float) Math.sqrt(ss[i] / c2) + e);
      w[i] -= a * (vs[i] / c1) / (Math.sqrt(ss[i] / c2) + e);
    }
  }
}
