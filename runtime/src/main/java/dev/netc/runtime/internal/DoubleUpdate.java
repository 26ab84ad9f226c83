package dev.netc.runtime.internal;

import dev.netc.runtime.Gradients;
import dev.netc.runtime.Parameters;
import dev.netc.runtime.Training;
import java.util.Arrays;
import org.jblas.DoubleMatrix;

// twin: f32
/**
 * The update rules of the course notes ({@link Training.UpdateRule}), applied to every {@code
 * W[l]} and {@code b[l]} alike, with their state for one training run (velocities, squared
 * averages): allocated once per {@code fit}, so that an update allocates nothing.
 *
 * <p>An update that overflows must be undone, which needs the parameters from before it; most
 * updates are proved unable to overflow before they run, from sums of squares that bound every
 * parameter, gradient and velocity (read as the parameters are written and the gradients checked,
 * so that they cost no pass of their own), and need no copy. The others keep one as they run.
 *
 * <p>The hyper-parameters are doubles in both precisions. The float twin keeps float state and
 * updates in float arithmetic, each hyper-parameter rounded to float once per step; {@code 1 -
 * beta} and {@code 1 - beta^t} are computed in double and then rounded: from a float beta near 1
 * they would carry beta's rounding error magnified by {@code 1 / (1 - beta)}, 1e-5 relative for
 * 0.999.
 */
final class DoubleUpdate {
  /**
   * The size below which every parameter and every step must stay for an update to be proved
   * finite before it runs: a 1024th of the largest finite value, a margin far wider than the
   * rounding of the sums of squares and of the update itself.
   */
  private static final double SAFE = Double.MAX_VALUE / 1024;

  private final Training.UpdateRule rule;
  private final Gradients v;
  private final Gradients s;
  private final Descent descent = new Descent();
  private final Squares squares = new Squares();

  /**
   * Per matrix ({@code W[l]} at {@code 2(l - 1)}, {@code b[l]} after it), sums of squares of its
   * entries, which bound each entry: {@code |x| <= sqrt(sum of x^2)}. Of the parameters, as last
   * measured or updated (NaN until then); of the state {@code v} (momentum's velocity, Adam's
   * first moment; zero at the start); of the gradients measured for the next update (NaN when
   * not measured). NaN or infinite when an entry is, or the sum overflowed.
   */
  private final double[] parameterSquares;

  private final double[] velocitySquares;
  private final double[] gradientSquares;

  DoubleUpdate(Training.UpdateRule rule, int[] sizes) {
    this.rule = rule;
    int states = states(rule);
    this.v = states >= 1 ? new Gradients(sizes) : null;
    this.s = states >= 2 ? new Gradients(sizes) : null;
    int matrices = 2 * (sizes.length - 1);
    this.parameterSquares = new double[matrices];
    this.velocitySquares = new double[matrices];
    this.gradientSquares = new double[matrices];
    Arrays.fill(parameterSquares, Double.NaN);
    Arrays.fill(gradientSquares, Double.NaN);
  }

  /** How many state matrices per parameter the rule keeps; RMSprop keeps its one in {@code v}. */
  static int states(Training.UpdateRule rule) {
    if (rule instanceof Training.GradientDescent) {
      return 0;
    }
    return rule instanceof Training.Adam ? 2 : 1;
  }

  /**
   * Measures the parameters the next update starts from: at the start of training and whenever
   * they were set by anything but an update (undone, restored).
   */
  void measureParameters(Parameters p) {
    for (int l = 1; l <= p.layers(); l++) {
      parameterSquares[2 * l - 2] = squares.of(p.W(l));
      parameterSquares[2 * l - 1] = squares.of(p.b(l));
    }
  }

  /**
   * Measures the gradients of the next {@link #apply}, which {@link #provedFinite} may then prove
   * unable to overflow; whether every sum of squares is finite (if not, an entry is NaN or
   * infinite, or merely large: the caller looks).
   */
  boolean measureGradients(Gradients g) {
    boolean finite = true;
    for (int l = 1; l <= g.layers(); l++) {
      finite &= finite(gradientSquares[2 * l - 2] = squares.of(g.dW(l)));
      finite &= finite(gradientSquares[2 * l - 1] = squares.of(g.db(l)));
    }
    return finite;
  }

  /**
   * One update of every parameter; {@code t} counts updates from 1. Each old value is kept in
   * {@code previous}, unless it is null, as the update runs, for an undo. The result is true if
   * every new value is finite (false if one is not, or if the sum of their squares overflowed:
   * the caller looks): one pass over the parameters instead of a copy, the update and a scan.
   */
  boolean apply(Parameters p, Gradients g, Parameters previous, double alpha, int t) { // twin: scalar alpha
    boolean finite = true;
    for (int l = 1; l <= p.layers(); l++) {
      finite &= step(2 * l - 2, p.W(l), g.dW(l), previous == null ? null : previous.W(l),
          v == null ? null : v.dW(l), s == null ? null : s.dW(l), alpha, t);
      finite &= step(2 * l - 1, p.b(l), g.db(l), previous == null ? null : previous.b(l),
          v == null ? null : v.db(l), s == null ? null : s.db(l), alpha, t);
    }
    // measured for this update only
    Arrays.fill(gradientSquares, Double.NaN);
    return finite;
  }

  /**
   * Whether every new parameter is sure to be finite, from the sizes of the old ones, of the
   * gradients and of the state: {@code |W + step| <= |W| + |step|}, each bounded through its sum
   * of squares, stays under {@link #SAFE} for every matrix. Then the update needs no undo copy.
   */
  boolean provedFinite(double alpha, int t) { // twin: scalar alpha
    for (int k = 0; k < parameterSquares.length; k++) {
      double w = Math.sqrt(parameterSquares[k]); // twin: keep
      if (!(w + largestStep(k, Math.abs(alpha), t) <= SAFE)) {
        return false; // NaN (not measured) included
      }
    }
    return true;
  }

  /** A bound on every entry of the step that {@link #step} adds to matrix {@code k}. */
  private double largestStep(int k, double alpha, int t) { // twin: scalar alpha, largestStep
    double d = Math.sqrt(gradientSquares[k]); // twin: keep
    double v = Math.sqrt(velocitySquares[k]); // twin: keep
    if (rule instanceof Training.Momentum m) {
      // |v'| = |beta v + (1 - beta) dW| <= |beta| |v| + |1 - beta| |dW|
      return alpha * velocity(m.beta(), v, d);
    } else if (rule instanceof Training.RmsProp) {
      // |dW| / (sqrt(s) + epsilon) <= |dW| / epsilon
      return alpha * d / Training.UpdateRule.EPSILON;
    } else if (rule instanceof Training.Adam a) {
      // |v' / (1 - beta1^t)| / (sqrt(s') + epsilon) <= |v'| / ((1 - beta1^t) epsilon)
      double c1 = 1 - Math.pow(a.beta1(), t); // twin: keep
      double bound = alpha * velocity(a.beta1(), v, d) / (c1 * a.epsilon()); // twin: keep
      return c1 > 0 && a.epsilon() > 0 ? bound : Double.NaN;
    } else {
      return alpha * d;
    }
  }

  /** A bound on {@code |beta v + (1 - beta) dW|} from bounds on {@code |v|} and {@code |dW|}. */
  // twin: scalar velocity, beta, v, d
  private static double velocity(double beta, double v, double d) {
    return Math.abs(beta) * v + Math.abs(1 - beta) * d;
  }

  private static boolean finite(double sumOfSquares) {
    return sumOfSquares <= Double.MAX_VALUE;
  }

  /**
   * Moves matrix {@code k}, {@code W}, by its gradient {@code dW}, updating the state {@code v}
   * and {@code s}, keeping W's old values in {@code P} unless it is null and recording the new
   * sums of squares; whether every new entry of W is finite.
   */
  private boolean step(
      int k,
      DoubleMatrix W,
      DoubleMatrix dW,
      DoubleMatrix P,
      DoubleMatrix v,
      DoubleMatrix s,
      double alpha, // twin: scalar alpha
      int t) {
    double squares;
    if (rule instanceof Training.Momentum m) {
      squares = momentum(k, W, dW, P, v, m.beta(), alpha);
    } else if (rule instanceof Training.RmsProp r) {
      squares = rmsProp(W, dW, P, v, r.beta(), alpha);
    } else if (rule instanceof Training.Adam a) {
      squares = adam(k, W, dW, P, v, s, a, alpha, t);
    } else {
      squares = descent.apply(W, dW, P, -alpha); // W -= alpha * dW
    }
    parameterSquares[k] = squares;
    return finite(squares);
  }

  /**
   * {@code W += a * dW} with W's old values kept in {@code P} unless it is null, on two cores
   * when W is large, as {@link Kernels#axpy} computes it (the same expression per entry, so the
   * same bits); a bound on the new entries' squares. One object per run, reused: an update
   * allocates nothing.
   */
  private static final class Descent implements Parallel.Task {
    /** Entries per unit of work shared between the cores. */
    private static final int UNIT = 1 << 13;
    private double[] w;
    private double[] d;
    private double[] p;
    private double a;
    private int n;
    private final Parallel.Largest squares = new Parallel.Largest();

    double apply(DoubleMatrix W, DoubleMatrix dW, DoubleMatrix P, double a) { // twin: scalar a
      Kernels.same("axpy", "X", dW, "Y", W);
      this.w = W.data;
      this.d = dW.data;
      this.p = P == null ? null : P.data;
      this.a = a; // twin: as this.a = (float) a;
      this.n = W.rows * W.columns;
      squares.reset();
      Parallel.runElements(this, n, UNIT);
      this.w = null;
      this.d = null;
      this.p = null;
      return squares.get(); // twin: as return (float) squares.get();
    }

    @Override
    public void run(int from, int to) {
      double[] w = this.w;
      double[] d = this.d;
      double[] p = this.p;
      double a = this.a;
      double sum = 0.0;
      for (int i = from * UNIT, end = Math.min(n, to * UNIT); i < end; i++) {
        double x = w[i];
        if (p != null) {
          p[i] = x;
        }
        x += a * d[i];
        w[i] = x;
        sum += x * x; // NaN or infinite if x is: NaN and infinities survive sums
      }
      squares.add(sum);
    }
  }

  /**
   * The sum of the squares of a matrix's entries, on two cores when it is large: the largest of
   * the sums over its parts, which bounds every entry as well (the gradient of W2's first layer
   * is 245,760 entries, read once per update).
   */
  private static final class Squares implements Parallel.Task {
    private static final int UNIT = 1 << 13;
    private double[] d;
    private int n;
    private final Parallel.Largest squares = new Parallel.Largest();

    double of(DoubleMatrix M) {
      this.d = M.data;
      this.n = M.rows * M.columns;
      squares.reset();
      Parallel.runElements(this, n, UNIT);
      this.d = null;
      return squares.get(); // twin: as return (float) squares.get();
    }

    @Override
    public void run(int from, int to) {
      squares.add(Kernels.sumOfSquares(d, from * UNIT, Math.min(n, to * UNIT)));
    }
  }

  /**
   * {@code v = beta*v + (1 - beta)*dW; W -= alpha*v}, with {@code v} starting at zero; a bound on
   * the new entries' squares, and on v's in {@link #velocitySquares}.
   */
  private double momentum(
      int k,
      DoubleMatrix W,
      DoubleMatrix dW,
      DoubleMatrix P,
      DoubleMatrix v,
      double beta, // twin: scalar beta
      double alpha) { // twin: scalar alpha
    double b = beta; // twin: round
    double c = 1 - beta; // twin: round
    double a = alpha; // twin: round
    double[] d = dW.data;
    double[] vs = v.data;
    double[] w = W.data;
    double[] p = P == null ? null : P.data;
    double squares = 0.0;
    double velocity = 0.0;
    for (int i = 0, n = W.length; i < n; i++) {
      vs[i] = b * vs[i] + c * d[i];
      if (p != null) {
        p[i] = w[i];
      }
      w[i] -= a * vs[i];
      squares += w[i] * w[i];
      velocity += vs[i] * vs[i];
    }
    velocitySquares[k] = velocity;
    return squares;
  }

  /**
   * {@code s = beta*s + (1 - beta)*dW^2; W -= alpha*dW / (sqrt(s) + EPSILON)}; a bound on the new
   * entries' squares.
   */
  private static double rmsProp(
      DoubleMatrix W,
      DoubleMatrix dW,
      DoubleMatrix P,
      DoubleMatrix v,
      double beta, // twin: scalar beta
      double alpha) { // twin: scalar alpha
    double b = beta; // twin: round
    double c = 1 - beta; // twin: round
    double a = alpha; // twin: round
    double e = Training.UpdateRule.EPSILON; // twin: round
    double[] d = dW.data;
    double[] ss = v.data;
    double[] w = W.data;
    double[] p = P == null ? null : P.data;
    double squares = 0.0;
    for (int i = 0, n = W.length; i < n; i++) {
      ss[i] = b * ss[i] + c * d[i] * d[i];
      if (p != null) {
        p[i] = w[i];
      }
      // twin: as w[i] -= a * d[i] / ((float) Math.sqrt(ss[i]) + e);
      w[i] -= a * d[i] / (Math.sqrt(ss[i]) + e);
      squares += w[i] * w[i];
    }
    return squares;
  }

  /**
   * {@code v = beta1*v + (1 - beta1)*dW; s = beta2*s + (1 - beta2)*dW^2}, bias-corrected by
   * {@code 1 - beta^t}; {@code W -= alpha * v_corrected / (sqrt(s_corrected) + epsilon)}; a bound
   * on the new entries' squares, and on v's in {@link #velocitySquares}.
   */
  private double adam(
      int k,
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
    double[] p = P == null ? null : P.data;
    double squares = 0.0;
    double velocity = 0.0;
    for (int i = 0, n = W.length; i < n; i++) {
      vs[i] = b1 * vs[i] + k1 * d[i];
      ss[i] = b2 * ss[i] + k2 * d[i] * d[i];
      if (p != null) {
        p[i] = w[i];
      }
      // twin: as w[i] -= a * (vs[i] / c1) / ((float) Math.sqrt(ss[i] / c2) + e);
      w[i] -= a * (vs[i] / c1) / (Math.sqrt(ss[i] / c2) + e);
      squares += w[i] * w[i];
      velocity += vs[i] * vs[i];
    }
    velocitySquares[k] = velocity;
    return squares;
  }
}
