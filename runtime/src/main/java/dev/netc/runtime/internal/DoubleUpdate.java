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

  /**
   * One update of every parameter; {@code t} counts updates from 1. Each old value is kept in
   * {@code previous} as the update runs, for an undo, and the result is whether every new value
   * is finite: one pass over the parameters instead of a copy, the update and a scan (on a thin
   * network with few examples, W2's 12288-20-7-5-1 on 209, those were a tenth of an iteration).
   */
  boolean apply(Parameters p, Gradients g, Parameters previous, double alpha, int t) { // twin: scalar alpha
    boolean finite = true;
    for (int l = 1; l <= p.layers(); l++) {
      finite &= step(p.W(l), g.dW(l), previous.W(l), v == null ? null : v.dW(l),
          s == null ? null : s.dW(l), alpha, t);
      finite &= step(p.b(l), g.db(l), previous.b(l), v == null ? null : v.db(l),
          s == null ? null : s.db(l), alpha, t);
    }
    return finite;
  }

  /**
   * Moves {@code W} by its gradient {@code dW}, updating the state {@code v} and {@code s} and
   * keeping W's old values in {@code P}; whether every new entry is finite.
   */
  private boolean step(
      DoubleMatrix W,
      DoubleMatrix dW,
      DoubleMatrix P,
      DoubleMatrix v,
      DoubleMatrix s,
      double alpha, // twin: scalar alpha
      int t) {
    if (rule instanceof Training.Momentum m) {
      return momentum(W, dW, P, v, m.beta(), alpha);
    } else if (rule instanceof Training.RmsProp r) {
      return rmsProp(W, dW, P, v, r.beta(), alpha);
    } else if (rule instanceof Training.Adam a) {
      return adam(W, dW, P, v, s, a, alpha, t);
    } else {
      return descent.apply(W, dW, P, -alpha); // W -= alpha * dW
    }
  }

  private final Descent descent = new Descent();

  /**
   * {@code W += a * dW} with W's old values kept in {@code P}, on two cores when W is large, as
   * {@link Kernels#axpy} computes it (the same expression per entry, so the same bits). One
   * object per run, reused: an update allocates nothing.
   */
  private static final class Descent implements Parallel.Task {
    /** Entries per unit of work shared between the cores. */
    private static final int UNIT = 1 << 13;
    private double[] w;
    private double[] d;
    private double[] p;
    private double a;
    private int n;
    /** Set by any chunk that wrote a NaN or an infinity; read after the run has ended. */
    private volatile boolean nonFinite;

    boolean apply(DoubleMatrix W, DoubleMatrix dW, DoubleMatrix P, double a) { // twin: scalar a
      Kernels.same("axpy", "X", dW, "Y", W);
      this.w = W.data;
      this.d = dW.data;
      this.p = P.data;
      this.a = a; // twin: as this.a = (float) a;
      this.n = W.rows * W.columns;
      this.nonFinite = false;
      int units = (n + UNIT - 1) / UNIT;
      if (n >= Parallel.THRESHOLD_CHEAP) {
        Parallel.run(this, units);
      } else {
        run(0, units);
      }
      boolean finite = !nonFinite;
      this.w = null;
      this.d = null;
      this.p = null;
      return finite;
    }

    @Override
    public void run(int from, int to) {
      double[] w = this.w;
      double[] d = this.d;
      double[] p = this.p;
      double a = this.a;
      double check = 0.0;
      for (int i = from * UNIT, end = Math.min(n, to * UNIT); i < end; i++) {
        double x = w[i];
        p[i] = x;
        x += a * d[i];
        w[i] = x;
        check += x - x; // 0 for a finite x, NaN for NaN and both infinities; NaN survives sums
      }
      if (check != 0.0) {
        nonFinite = true;
      }
    }
  }

  /** {@code v = beta*v + (1 - beta)*dW; W -= alpha*v}, with {@code v} starting at zero. */
  private static boolean momentum(
      // twin: scalar beta, alpha
      DoubleMatrix W, DoubleMatrix dW, DoubleMatrix P, DoubleMatrix v, double beta, double alpha) {
    double b = beta; // twin: round
    double c = 1 - beta; // twin: round
    double a = alpha; // twin: round
    double[] d = dW.data;
    double[] vs = v.data;
    double[] w = W.data;
    double[] p = P.data;
    double check = 0.0;
    for (int i = 0, n = W.length; i < n; i++) {
      vs[i] = b * vs[i] + c * d[i];
      p[i] = w[i];
      w[i] -= a * vs[i];
      check += w[i] - w[i];
    }
    return check == 0.0;
  }

  /** {@code s = beta*s + (1 - beta)*dW^2; W -= alpha*dW / (sqrt(s) + EPSILON)}. */
  private static boolean rmsProp(
      // twin: scalar beta, alpha
      DoubleMatrix W, DoubleMatrix dW, DoubleMatrix P, DoubleMatrix v, double beta, double alpha) {
    double b = beta; // twin: round
    double c = 1 - beta; // twin: round
    double a = alpha; // twin: round
    double e = Training.UpdateRule.EPSILON; // twin: round
    double[] d = dW.data;
    double[] ss = v.data;
    double[] w = W.data;
    double[] p = P.data;
    double check = 0.0;
    for (int i = 0, n = W.length; i < n; i++) {
      ss[i] = b * ss[i] + c * d[i] * d[i];
      p[i] = w[i];
      // twin: as w[i] -= a * d[i] / ((float) Math.sqrt(ss[i]) + e);
      w[i] -= a * d[i] / (Math.sqrt(ss[i]) + e);
      check += w[i] - w[i];
    }
    return check == 0.0;
  }

  /**
   * {@code v = beta1*v + (1 - beta1)*dW; s = beta2*s + (1 - beta2)*dW^2}, bias-corrected by
   * {@code 1 - beta^t}; {@code W -= alpha * v_corrected / (sqrt(s_corrected) + epsilon)}.
   */
  private static boolean adam(
      DoubleMatrix W,
      DoubleMatrix dW,
      DoubleMatrix P,
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
    double[] p = P.data;
    double check = 0.0;
    for (int i = 0, n = W.length; i < n; i++) {
      vs[i] = b1 * vs[i] + k1 * d[i];
      ss[i] = b2 * ss[i] + k2 * d[i] * d[i];
      p[i] = w[i];
      // twin: as w[i] -= a * (vs[i] / c1) / ((float) Math.sqrt(ss[i] / c2) + e);
      w[i] -= a * (vs[i] / c1) / (Math.sqrt(ss[i] / c2) + e);
      check += w[i] - w[i];
    }
    return check == 0.0;
  }
}
