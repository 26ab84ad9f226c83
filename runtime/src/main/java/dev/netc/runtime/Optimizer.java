package dev.netc.runtime;

import org.jblas.DoubleMatrix;

/**
 * The update rules of the course notes, applied to every {@code W[l]} and {@code b[l]} alike. Each
 * rule is a value; {@link #start} makes the per-training state (velocities, squared averages),
 * allocated once per {@code fit}, so that an update allocates nothing.
 */
sealed interface Optimizer {

  /** Epsilon of RMSprop and Adam: keeps {@code sqrt(s) + eps} away from zero. */
  double EPSILON = 1e-8;

  /** The state for one training run over parameters of these sizes. */
  Update start(int[] sizes);

  /** How the rule is described in {@link Training#toString()}. */
  String describe();

  /** One update of every parameter; {@code t} counts updates from 1 (Adam's bias correction). */
  interface Update {
    void apply(Parameters parameters, Gradients gradients, double alpha, int t);
  }

  /** {@code W -= alpha * dW}. */
  record GradientDescent() implements Optimizer {
    @Override
    public Update start(int[] sizes) {
      return (p, g, alpha, t) -> {
        for (int l = 1; l <= p.layers(); l++) {
          Kernels.axpy(-alpha, g.dW(l), p.W(l));
          Kernels.axpy(-alpha, g.db(l), p.b(l));
        }
      };
    }

    @Override
    public String describe() {
      return "gradient descent";
    }
  }

  /** {@code v = beta*v + (1 - beta)*dW; W -= alpha*v}, with {@code v} starting at zero. */
  record Momentum(double beta) implements Optimizer {
    @Override
    public Update start(int[] sizes) {
      Gradients v = new Gradients(sizes);
      return (p, g, alpha, t) -> {
        for (int l = 1; l <= p.layers(); l++) {
          momentum(beta, alpha, g.dW(l), v.dW(l), p.W(l));
          momentum(beta, alpha, g.db(l), v.db(l), p.b(l));
        }
      };
    }

    private static void momentum(
        double beta, double alpha, DoubleMatrix dW, DoubleMatrix v, DoubleMatrix W) {
      double[] d = dW.data;
      double[] vs = v.data;
      double[] w = W.data;
      for (int i = 0, n = W.length; i < n; i++) {
        vs[i] = beta * vs[i] + (1 - beta) * d[i];
        w[i] -= alpha * vs[i];
      }
    }

    @Override
    public String describe() {
      return "momentum (beta " + beta + ")";
    }
  }

  /** {@code s = beta*s + (1 - beta)*dW^2; W -= alpha*dW / (sqrt(s) + eps)}. */
  record RmsProp(double beta) implements Optimizer {
    @Override
    public Update start(int[] sizes) {
      Gradients s = new Gradients(sizes);
      return (p, g, alpha, t) -> {
        for (int l = 1; l <= p.layers(); l++) {
          rmsProp(beta, alpha, g.dW(l), s.dW(l), p.W(l));
          rmsProp(beta, alpha, g.db(l), s.db(l), p.b(l));
        }
      };
    }

    private static void rmsProp(
        double beta, double alpha, DoubleMatrix dW, DoubleMatrix s, DoubleMatrix W) {
      double[] d = dW.data;
      double[] ss = s.data;
      double[] w = W.data;
      for (int i = 0, n = W.length; i < n; i++) {
        ss[i] = beta * ss[i] + (1 - beta) * d[i] * d[i];
        w[i] -= alpha * d[i] / (Math.sqrt(ss[i]) + EPSILON);
      }
    }

    @Override
    public String describe() {
      return "RMSprop (beta " + beta + ")";
    }
  }

  /**
   * {@code v = beta1*v + (1 - beta1)*dW; s = beta2*s + (1 - beta2)*dW^2}, bias-corrected by
   * {@code 1 - beta^t}; {@code W -= alpha * v_corrected / (sqrt(s_corrected) + eps)}.
   */
  record Adam(double beta1, double beta2, double epsilon) implements Optimizer {
    @Override
    public Update start(int[] sizes) {
      Gradients v = new Gradients(sizes);
      Gradients s = new Gradients(sizes);
      return (p, g, alpha, t) -> {
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int l = 1; l <= p.layers(); l++) {
          adam(alpha, c1, c2, g.dW(l), v.dW(l), s.dW(l), p.W(l));
          adam(alpha, c1, c2, g.db(l), v.db(l), s.db(l), p.b(l));
        }
      };
    }

    private void adam(double alpha, double c1, double c2, DoubleMatrix dW, DoubleMatrix v,
        DoubleMatrix s, DoubleMatrix W) {
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
    public String describe() {
      return "Adam (beta1 " + beta1 + ", beta2 " + beta2 + ", epsilon " + epsilon + ")";
    }
  }
}
