package dev.netc.runtime;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/**
 * How to train: the update rule, the number of epochs, mini-batches, regularisation, learning-rate
 * decay, early stopping, and who is told along the way. Immutable: every option returns a new
 * {@code Training}, so one value can be shared and reused.
 *
 * <pre>{@code
 * // the course's full-batch gradient descent
 * Training.gradientDescent(1.2).iterations(10_000)
 *     .every(1000, p -> System.out.printf("cost after iteration %d: %f%n", p.epoch(), p.cost()));
 * // mini-batches of 64 with Adam, L2, decay and early stopping on a validation set
 * Training.adam(0.001).epochs(200).miniBatches(64).seed(7).l2(0.1).learningRateDecay(0.01)
 *     .validation(Xval, Yval).earlyStopping(10, 1e-4).progress();
 * }</pre>
 *
 * <p>An epoch is one pass over the training data; with full-batch descent (the default) it is one
 * iteration, so {@link #iterations(int)} and {@link #epochs(int)} mean the same. With {@link
 * #miniBatches(int)} each epoch shuffles the examples (seeded) and makes one update per batch.
 *
 * <p>Training allocates its buffers once per {@code fit}; an update allocates nothing. Each {@code
 * fit} starts from the model's current parameters with fresh optimizer state (velocities, Adam's
 * moments and step count).
 *
 * <p>Every option works alike for double- and single-precision models: one loop trains both. A
 * single-precision model keeps its optimizer state in floats and updates in float arithmetic;
 * costs, accuracies and the L2 term are summed in double either way.
 */
public final class Training {

  /**
   * The update rule: how one parameter matrix moves given its gradient. Its {@code toString} is
   * how {@link Training#toString()} names it.
   */
  public sealed interface UpdateRule {
    /** Epsilon of RMSprop, and Adam's default: keeps {@code sqrt(s) + eps} away from zero. */
    double EPSILON = 1e-8;
  }

  /** {@code W -= alpha * dW}. */
  public record GradientDescent() implements UpdateRule {
    @Override
    public String toString() {
      return "gradient descent";
    }
  }

  /** {@code v = beta*v + (1 - beta)*dW; W -= alpha*v}, with {@code v} starting at zero. */
  public record Momentum(double beta) implements UpdateRule {
    @Override
    public String toString() {
      return "momentum (beta " + beta + ")";
    }
  }

  /** {@code s = beta*s + (1 - beta)*dW^2; W -= alpha*dW / (sqrt(s) + EPSILON)}. */
  public record RmsProp(double beta) implements UpdateRule {
    @Override
    public String toString() {
      return "RMSprop (beta " + beta + ")";
    }
  }

  /**
   * {@code v = beta1*v + (1 - beta1)*dW; s = beta2*s + (1 - beta2)*dW^2}, bias-corrected by
   * {@code 1 - beta^t}; {@code W -= alpha * v_corrected / (sqrt(s_corrected) + epsilon)}.
   */
  public record Adam(double beta1, double beta2, double epsilon) implements UpdateRule {
    @Override
    public String toString() {
      return "Adam (beta1 " + beta1 + ", beta2 " + beta2 + ", epsilon " + epsilon + ")";
    }
  }

  /** A listener told after epochs {@code 0, every, 2 every, ...}. */
  public record Listener(int every, TrainingListener listener) {}

  /**
   * A validation set as it was given: either the double pair ({@code X}, {@code Y}) or the float
   * pair ({@code floatX}, {@code floatY}) is set, the other is null.
   */
  public record Validation(
      DoubleMatrix X, DoubleMatrix Y, FloatMatrix floatX, FloatMatrix floatY) {
    /** The number of validation examples {@code m}. */
    public int examples() {
      return X != null ? X.columns : floatX.columns;
    }
  }

  /** Early stopping after {@code patience} epochs without an improvement above tolerance. */
  public record EarlyStopping(int patience, double tolerance) {}

  private final UpdateRule rule;
  private final double learningRate;
  private final int epochs;
  private final int batchSize;
  private final long seed;
  private final double lambda;
  private final double decayRate;
  private final Validation validation;
  private final EarlyStopping earlyStopping;
  private final int recordEvery;
  private final Listener[] listeners;

  private Training(
      UpdateRule rule,
      double learningRate,
      int epochs,
      int batchSize,
      long seed,
      double lambda,
      double decayRate,
      Validation validation,
      EarlyStopping earlyStopping,
      int recordEvery,
      Listener[] listeners) {
    this.rule = rule;
    this.learningRate = learningRate;
    this.epochs = epochs;
    this.batchSize = batchSize;
    this.seed = seed;
    this.lambda = lambda;
    this.decayRate = decayRate;
    this.validation = validation;
    this.earlyStopping = earlyStopping;
    this.recordEvery = recordEvery;
    this.listeners = listeners;
  }

  private static Training of(UpdateRule rule, double learningRate) {
    requirePositive("learning rate", learningRate);
    return new Training(
        rule, learningRate, 1000, 0, 1, 0.0, 0.0, null, null, 100, new Listener[0]);
  }

  /**
   * Gradient descent {@code W[l] -= alpha * dW[l]}, {@code b[l] -= alpha * db[l]}: full-batch, 1000
   * iterations, cost recorded every 100.
   *
   * @throws IllegalArgumentException unless {@code learningRate} is positive and finite
   */
  public static Training gradientDescent(double learningRate) {
    return of(new GradientDescent(), learningRate);
  }

  /**
   * Gradient descent with momentum: {@code v = beta*v + (1 - beta)*dW; W -= alpha*v} ({@code beta}
   * 0.9 is the usual choice).
   *
   * @throws IllegalArgumentException unless {@code 0 <= beta < 1} and the learning rate is positive
   */
  public static Training momentum(double learningRate, double beta) {
    return of(new Momentum(checkBeta("beta", beta)), learningRate);
  }

  /**
   * RMSprop: {@code s = beta*s + (1 - beta)*dW^2; W -= alpha*dW / (sqrt(s) + 1e-8)} ({@code beta}
   * 0.999 or 0.9).
   *
   * @throws IllegalArgumentException unless {@code 0 <= beta < 1} and the learning rate is positive
   */
  public static Training rmsProp(double learningRate, double beta) {
    return of(new RmsProp(checkBeta("beta", beta)), learningRate);
  }

  /** Adam with the usual {@code beta1 = 0.9}, {@code beta2 = 0.999}, {@code epsilon = 1e-8}. */
  public static Training adam(double learningRate) {
    return adam(learningRate, 0.9, 0.999, UpdateRule.EPSILON);
  }

  /**
   * Adam: momentum and RMSprop together, bias-corrected: {@code v = beta1*v + (1 - beta1)*dW},
   * {@code s = beta2*s + (1 - beta2)*dW^2}, {@code W -= alpha * (v / (1 - beta1^t)) / (sqrt(s / (1 -
   * beta2^t)) + epsilon)} for update number {@code t} from 1.
   *
   * @throws IllegalArgumentException unless both betas lie in [0, 1), epsilon is positive and
   *     finite, and the learning rate is positive
   */
  public static Training adam(double learningRate, double beta1, double beta2, double epsilon) {
    checkBeta("beta1", beta1);
    checkBeta("beta2", beta2);
    requirePositive("epsilon", epsilon);
    return of(new Adam(beta1, beta2, epsilon), learningRate);
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0.0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
    }
  }

  private static void requireNonNegative(String name, double value) {
    if (!(value >= 0.0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          name + " must be non-negative and finite, got " + value);
    }
  }

  private static double checkBeta(String name, double beta) {
    if (!(beta >= 0.0 && beta < 1.0)) {
      throw new IllegalArgumentException(name + " must lie in [0, 1), got " + beta);
    }
    return beta;
  }

  private Training with(
      int epochs,
      int batchSize,
      long seed,
      double lambda,
      double decayRate,
      Validation validation,
      EarlyStopping earlyStopping,
      int recordEvery,
      Listener[] listeners) {
    return new Training(rule, learningRate, epochs, batchSize, seed, lambda, decayRate,
        validation, earlyStopping, recordEvery, listeners);
  }

  /**
   * The same training with {@code n} epochs (passes over the training data).
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public Training epochs(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + n);
    }
    return with(n, batchSize, seed, lambda, decayRate, validation, earlyStopping, recordEvery,
        listeners);
  }

  /**
   * The same training with {@code n} iterations of full-batch descent: the course notes' name for
   * {@link #epochs(int)}, which it is.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public Training iterations(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("iterations must be at least 1, got " + n);
    }
    return epochs(n);
  }

  /**
   * The same training on mini-batches of {@code size} examples (the last batch of an epoch may be
   * smaller), the examples shuffled at the start of every epoch with a generator seeded by {@link
   * #seed(long)}. A size of at least {@code m} is full-batch descent.
   *
   * @throws IllegalArgumentException if {@code size < 1}
   */
  public Training miniBatches(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("mini-batch size must be at least 1, got " + size);
    }
    return with(epochs, size, seed, lambda, decayRate, validation, earlyStopping, recordEvery,
        listeners);
  }

  /** The same training shuffling mini-batches with {@code new Random(seed)} (default 1). */
  public Training seed(long seed) {
    return with(epochs, batchSize, seed, lambda, decayRate, validation, earlyStopping,
        recordEvery, listeners);
  }

  /**
   * The same training with L2 regularisation: {@code J += (lambda / (2m)) * sum over l of
   * ||W[l]||^2} and {@code dW[l] += (lambda / m) * W[l]}; biases are not regularised. The recorded
   * costs include the L2 term; {@link TrainingReport#finalCost()} is the data cost alone, what
   * {@code model.cost(X, Y)} gives.
   *
   * @throws IllegalArgumentException unless {@code lambda} is non-negative and finite
   */
  public Training l2(double lambda) {
    requireNonNegative("lambda", lambda);
    return with(epochs, batchSize, seed, lambda, decayRate, validation, earlyStopping,
        recordEvery, listeners);
  }

  /**
   * The same training with the learning rate decayed per epoch: {@code alpha = alpha0 / (1 + rate *
   * epoch)}.
   *
   * @throws IllegalArgumentException unless {@code rate} is non-negative and finite
   */
  public Training learningRateDecay(double rate) {
    requireNonNegative("decay rate", rate);
    return with(epochs, batchSize, seed, lambda, rate, validation, earlyStopping, recordEvery,
        listeners);
  }

  /**
   * The same training measuring the cost (and accuracy) on a validation set after each epoch it is
   * needed: for recording, listeners and early stopping. Its shapes are checked by {@code fit}. A
   * single-precision model gets a copy rounded to float, made once per {@code fit}.
   */
  public Training validation(DoubleMatrix X, DoubleMatrix Y) {
    Objects.requireNonNull(X, "validation X");
    Objects.requireNonNull(Y, "validation Y");
    return with(epochs, batchSize, seed, lambda, decayRate, new Validation(X, Y, null, null),
        earlyStopping, recordEvery, listeners);
  }

  /**
   * {@link #validation(DoubleMatrix, DoubleMatrix)} in single precision. A double-precision model
   * gets an exact copy in double, made once per {@code fit}.
   */
  public Training validation(FloatMatrix X, FloatMatrix Y) {
    Objects.requireNonNull(X, "validation X");
    Objects.requireNonNull(Y, "validation Y");
    return with(epochs, batchSize, seed, lambda, decayRate, new Validation(null, null, X, Y),
        earlyStopping, recordEvery, listeners);
  }

  /**
   * The same training stopping early: after every epoch the cost of the current parameters is
   * measured, on the validation set when one is given, else on the training data; when it has not
   * fallen below the best so far by more than {@code tolerance} for {@code patience} epochs in a
   * row, training stops and the parameters of the best epoch are put back.
   *
   * @throws IllegalArgumentException if {@code patience < 1} or {@code tolerance} is negative or
   *     not finite
   */
  public Training earlyStopping(int patience, double tolerance) {
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be at least 1, got " + patience);
    }
    requireNonNegative("tolerance", tolerance);
    return with(epochs, batchSize, seed, lambda, decayRate, validation,
        new EarlyStopping(patience, tolerance), recordEvery, listeners);
  }

  /**
   * The same training recording the cost at epochs {@code 0, k, 2k, ...} (default 100).
   *
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public Training recordEvery(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("recordEvery must be at least 1, got " + k);
    }
    return with(epochs, batchSize, seed, lambda, decayRate, validation, earlyStopping, k,
        listeners);
  }

  /**
   * The same training that also tells {@code listener} how it goes after epochs {@code 0, k, 2k,
   * ...}. Several listeners may be added; they are called in that order.
   *
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public Training every(int k, TrainingListener listener) {
    if (k < 1) {
      throw new IllegalArgumentException("every must be at least 1, got " + k);
    }
    Objects.requireNonNull(listener, "listener");
    Listener[] more = Arrays.copyOf(listeners, listeners.length + 1);
    more[listeners.length] = new Listener(k, listener);
    return with(epochs, batchSize, seed, lambda, decayRate, validation, earlyStopping,
        recordEvery, more);
  }

  /**
   * The same training drawing a progress bar on {@code System.err}: redrawn in place on a
   * terminal, a plain line every tenth of the run otherwise (logs, CI).
   */
  public Training progress() {
    return progress(System.err, System.console() != null);
  }

  /** {@link #progress()} on {@code out}; {@code terminal} chooses the redrawn bar. */
  public Training progress(PrintStream out, boolean terminal) {
    return every(1, new ProgressBar(out, terminal));
  }

  /** The learning rate {@code alpha} (before decay). */
  public double learningRate() {
    return learningRate;
  }

  /** The number of epochs (passes over the training data). */
  public int epochs() {
    return epochs;
  }

  /** The same as {@link #epochs()}: full-batch iterations. */
  public int iterations() {
    return epochs;
  }

  /** The mini-batch size, 0 for full-batch descent. */
  public int miniBatchSize() {
    return batchSize;
  }

  /** The cost is recorded at epochs {@code 0, k, 2k, ...} for this {@code k}. */
  public int recordEvery() {
    return recordEvery;
  }

  /** The update rule and its hyper-parameters (not the learning rate). */
  public UpdateRule updateRule() {
    return rule;
  }

  /** The seed of the mini-batch shuffles. */
  public long seed() {
    return seed;
  }

  /** The L2 regularisation {@code lambda}, 0 for none. */
  public double l2() {
    return lambda;
  }

  /** The learning-rate decay rate, 0 for none. */
  public double learningRateDecay() {
    return decayRate;
  }

  /** The validation set, if one was given. */
  public Optional<Validation> validation() {
    return Optional.ofNullable(validation);
  }

  /** Early stopping, if asked for. */
  public Optional<EarlyStopping> earlyStopping() {
    return Optional.ofNullable(earlyStopping);
  }

  /** The listeners in the order they were added, with how often each is told. */
  public List<Listener> listeners() {
    return List.of(listeners);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(rule.toString());
    s.append(": learning rate ").append(learningRate);
    if (decayRate > 0) {
      s.append(" / (1 + ").append(decayRate).append(" * epoch)");
    }
    if (batchSize == 0) {
      s.append(", ").append(epochs).append(" iterations");
    } else {
      s.append(", ").append(epochs).append(" epochs of mini-batches of ").append(batchSize)
          .append(" (seed ").append(seed).append(")");
    }
    if (lambda > 0) {
      s.append(", L2 lambda ").append(lambda);
    }
    if (validation != null) {
      s.append(", validation on ").append(validation.examples()).append(" examples");
    }
    if (earlyStopping != null) {
      s.append(", early stopping (patience ").append(earlyStopping.patience())
          .append(", tolerance ").append(earlyStopping.tolerance()).append(")");
    }
    return s.append(", cost recorded every ").append(recordEvery).toString();
  }
}
