package dev.netc.runtime.internal;

import dev.netc.runtime.FloatGradients;
import dev.netc.runtime.FloatParameters;
import dev.netc.runtime.Gradients;
import dev.netc.runtime.Parameters;
import dev.netc.runtime.Training;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/**
 * The update rules of the course notes, applied to every {@code W[l]} and {@code b[l]} alike. Each
 * rule is a value that says how one parameter matrix moves given its gradient and up to two state
 * matrices; {@link Update} (double) and {@link FloatUpdate} (float) hold that state for one
 * training run, allocated once per {@code fit}, and walk the layers, so that an update allocates
 * nothing.
 *
 * <p>Single-precision parameters keep single-precision state and are updated in float arithmetic,
 * the hyper-parameters rounded to float once per step.
 */
sealed interface Optimizer {

  /** Epsilon of RMSprop: keeps {@code sqrt(s) + eps} away from zero. */
  double EPSILON = Training.UpdateRule.EPSILON;

  /** The implementation of {@code rule}. */
  static Optimizer of(Training.UpdateRule rule) {
    if (rule instanceof Training.Momentum m) {
      return new Momentum(m.beta());
    } else if (rule instanceof Training.RmsProp r) {
      return new RmsProp(r.beta());
    } else if (rule instanceof Training.Adam a) {
      return new Adam(a.beta1(), a.beta2(), a.epsilon());
    }
    return new GradientDescent();
  }

  /** How many state matrices per parameter the rule keeps (velocities, squared averages). */
  int states();

  /**
   * Moves {@code W} by its gradient {@code dW}, updating the rule's state {@code v} and {@code s}
   * (null when the rule keeps fewer); {@code t} counts updates from 1.
   */
  void step(DoubleMatrix W, DoubleMatrix dW, DoubleMatrix v, DoubleMatrix s, double alpha, int t);

  /**
   * {@link #step(DoubleMatrix, DoubleMatrix, DoubleMatrix, DoubleMatrix, double, int)} in single
   * precision.
   */
  void step(FloatMatrix W, FloatMatrix dW, FloatMatrix v, FloatMatrix s, double alpha, int t);

  /** The state for one training run over parameters of these sizes. */
  default Update start(int[] sizes) {
    return new Update(this, sizes);
  }

  /** The single-precision state for one training run over parameters of these sizes. */
  default FloatUpdate startFloat(int[] sizes) {
    return new FloatUpdate(this, sizes);
  }

  /** One rule with its state: applies the rule to every parameter of every layer. */
  final class Update {
    private final Optimizer rule;
    private final Gradients v;
    private final Gradients s;

    Update(Optimizer rule, int[] sizes) {
      this.rule = rule;
      this.v = rule.states() >= 1 ? new Gradients(sizes) : null;
      this.s = rule.states() >= 2 ? new Gradients(sizes) : null;
    }

    /** One update of every parameter; {@code t} counts updates from 1. */
    void apply(Parameters p, Gradients g, double alpha, int t) {
      for (int l = 1; l <= p.layers(); l++) {
        rule.step(p.W(l), g.dW(l), v == null ? null : v.dW(l), s == null ? null : s.dW(l),
            alpha, t);
        rule.step(p.b(l), g.db(l), v == null ? null : v.db(l), s == null ? null : s.db(l),
            alpha, t);
      }
    }
  }

  /** {@link Update} in single precision. */
  final class FloatUpdate {
    private final Optimizer rule;
    private final FloatGradients v;
    private final FloatGradients s;

    FloatUpdate(Optimizer rule, int[] sizes) {
      this.rule = rule;
      this.v = rule.states() >= 1 ? new FloatGradients(sizes) : null;
      this.s = rule.states() >= 2 ? new FloatGradients(sizes) : null;
    }

    /** One update of every parameter; {@code t} counts updates from 1. */
    void apply(FloatParameters p, FloatGradients g, double alpha, int t) {
      for (int l = 1; l <= p.layers(); l++) {
        rule.step(p.W(l), g.dW(l), v == null ? null : v.dW(l), s == null ? null : s.dW(l),
            alpha, t);
        rule.step(p.b(l), g.db(l), v == null ? null : v.db(l), s == null ? null : s.db(l),
            alpha, t);
      }
    }
  }

  /** {@code W -= alpha * dW}. */
  record GradientDescent() implements Optimizer {
    @Override
    public int states() {
      return 0;
    }

    @Override
    public void step(
        DoubleMatrix W, DoubleMatrix dW, DoubleMatrix v, DoubleMatrix s, double alpha, int t) {
      Kernels.axpy(-alpha, dW, W);
    }

    @Override
    public void step(
        FloatMatrix W, FloatMatrix dW, FloatMatrix v, FloatMatrix s, double alpha, int t) {
      Kernels.axpy((float) -alpha, dW, W);
    }

  }

  /** {@code v = beta*v + (1 - beta)*dW; W -= alpha*v}, with {@code v} starting at zero. */
  record Momentum(double beta) implements Optimizer {
    @Override
    public int states() {
      return 1;
    }

    @Override
    public void step(
        DoubleMatrix W, DoubleMatrix dW, DoubleMatrix v, DoubleMatrix s, double alpha, int t) {
      double[] d = dW.data;
      double[] vs = v.data;
      double[] w = W.data;
      for (int i = 0, n = W.length; i < n; i++) {
        vs[i] = beta * vs[i] + (1 - beta) * d[i];
        w[i] -= alpha * vs[i];
      }
    }

    @Override
    public void step(
        FloatMatrix W, FloatMatrix dW, FloatMatrix v, FloatMatrix s, double alpha, int t) {
      float b = (float) beta;
      float c = (float) (1 - beta);
      float a = (float) alpha;
      float[] d = dW.data;
      float[] vs = v.data;
      float[] w = W.data;
      for (int i = 0, n = W.length; i < n; i++) {
        vs[i] = b * vs[i] + c * d[i];
        w[i] -= a * vs[i];
      }
    }

  }

  /**
   * {@code s = beta*s + (1 - beta)*dW^2; W -= alpha*dW / (sqrt(s) + eps)}; its one state is kept
   * in the first slot.
   */
  record RmsProp(double beta) implements Optimizer {
    @Override
    public int states() {
      return 1;
    }

    @Override
    public void step(
        DoubleMatrix W, DoubleMatrix dW, DoubleMatrix v, DoubleMatrix s, double alpha, int t) {
      double[] d = dW.data;
      double[] ss = v.data;
      double[] w = W.data;
      for (int i = 0, n = W.length; i < n; i++) {
        ss[i] = beta * ss[i] + (1 - beta) * d[i] * d[i];
        w[i] -= alpha * d[i] / (Math.sqrt(ss[i]) + EPSILON);
      }
    }

    @Override
    public void step(
        FloatMatrix W, FloatMatrix dW, FloatMatrix v, FloatMatrix s, double alpha, int t) {
      float b = (float) beta;
      float c = (float) (1 - beta);
      float a = (float) alpha;
      float e = (float) EPSILON;
      float[] d = dW.data;
      float[] ss = v.data;
      float[] w = W.data;
      for (int i = 0, n = W.length; i < n; i++) {
        ss[i] = b * ss[i] + c * d[i] * d[i];
        w[i] -= a * d[i] / ((float) Math.sqrt(ss[i]) + e);
      }
    }

  }

  /**
   * {@code v = beta1*v + (1 - beta1)*dW; s = beta2*s + (1 - beta2)*dW^2}, bias-corrected by
   * {@code 1 - beta^t}; {@code W -= alpha * v_corrected / (sqrt(s_corrected) + eps)}.
   */
  record Adam(double beta1, double beta2, double epsilon) implements Optimizer {
    @Override
    public int states() {
      return 2;
    }

    @Override
    public void step(
        DoubleMatrix W, DoubleMatrix dW, DoubleMatrix v, DoubleMatrix s, double alpha, int t) {
      double c1 = 1 - Math.pow(beta1, t);
      double c2 = 1 - Math.pow(beta2, t);
      double[] d = dW.data;
      double[] vs = v.data;
      double[] ss = s.data;
      double[] w = W.data;
      for (int i = 0, n = W.length; i < n; i++) {
        vs[i] = beta1 * vs[i] + (1 - beta1) * d[i];
        ss[i] = beta2 * ss[i] + (1 - beta2) * d[i] * d[i];
        w[i] -= alpha * (vs[i] / c1) / (Math.sqrt(ss[i] / c2) + epsilon);
      }
    }

    @Override
    public void step(
        FloatMatrix W, FloatMatrix dW, FloatMatrix v, FloatMatrix s, double alpha, int t) {
      // 1 - beta and 1 - beta^t in double, then rounded: from a float beta near 1 they would
      // carry beta's rounding error magnified by 1 / (1 - beta), 1e-5 relative for 0.999.
      float c1 = (float) (1 - Math.pow(beta1, t));
      float c2 = (float) (1 - Math.pow(beta2, t));
      float b1 = (float) beta1;
      float b2 = (float) beta2;
      float k1 = (float) (1 - beta1);
      float k2 = (float) (1 - beta2);
      float a = (float) alpha;
      float e = (float) epsilon;
      float[] d = dW.data;
      float[] vs = v.data;
      float[] ss = s.data;
      float[] w = W.data;
      for (int i = 0, n = W.length; i < n; i++) {
        vs[i] = b1 * vs[i] + k1 * d[i];
        ss[i] = b2 * ss[i] + k2 * d[i] * d[i];
        w[i] -= a * (vs[i] / c1) / ((float) Math.sqrt(ss[i] / c2) + e);
      }
    }

  }
}
