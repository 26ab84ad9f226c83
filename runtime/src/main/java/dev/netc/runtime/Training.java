package dev.netc.runtime;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How to train: full-batch gradient descent {@code W[l] -= alpha * dW[l]}, {@code b[l] -= alpha *
 * db[l]} for a number of iterations, recording the cost along the way. Immutable: every option
 * returns a new {@code Training}.
 *
 * <pre>{@code
 * Training training = Training.gradientDescent(1.2).iterations(10_000)
 *     .every(1000, (i, cost) -> System.out.printf("cost after %d iterations: %f%n", i, cost));
 * TrainingReport report = model.fit(X, Y, training);
 * }</pre>
 */
public final class Training {

  /**
   * One full-batch iteration, written by generated code: forward pass, cost, backward pass and
   * the update with the given learning rate.
   */
  @FunctionalInterface
  public interface Step {
    /** Performs one iteration and returns the cost {@code J} computed BEFORE its update. */
    double descend(double learningRate);
  }

  private record Listener(int every, TrainingListener listener) {}

  private final double learningRate;
  private final int iterations;
  private final int recordEvery;
  private final Listener[] listeners;

  private Training(double learningRate, int iterations, int recordEvery, Listener[] listeners) {
    this.learningRate = learningRate;
    this.iterations = iterations;
    this.recordEvery = recordEvery;
    this.listeners = listeners;
  }

  /**
   * Full-batch gradient descent with learning rate {@code alpha}, 1000 iterations, cost recorded
   * every 100.
   *
   * @throws IllegalArgumentException unless {@code learningRate} is positive and finite
   */
  public static Training gradientDescent(double learningRate) {
    if (!(learningRate > 0.0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning rate must be positive and finite, got " + learningRate);
    }
    return new Training(learningRate, 1000, 100, new Listener[0]);
  }

  /**
   * The same training with {@code n} iterations (updates).
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public Training iterations(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("iterations must be at least 1, got " + n);
    }
    return new Training(learningRate, n, recordEvery, listeners);
  }

  /**
   * The same training recording the cost at iterations {@code 0, k, 2k, ...} (default 100).
   *
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public Training recordEvery(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("recordEvery must be at least 1, got " + k);
    }
    return new Training(learningRate, iterations, k, listeners);
  }

  /**
   * The same training that also tells {@code listener} the cost at iterations {@code 0, k, 2k,
   * ...}. Several listeners may be added; they are called in the order added.
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
    return new Training(learningRate, iterations, recordEvery, more);
  }

  /** The learning rate {@code alpha}. */
  public double learningRate() {
    return learningRate;
  }

  /** The number of iterations (updates). */
  public int iterations() {
    return iterations;
  }

  /** The cost is recorded at iterations {@code 0, k, 2k, ...} for this {@code k}. */
  public int recordEvery() {
    return recordEvery;
  }

  /**
   * Runs the iterations; for generated code. Iteration {@code i} (from 0) calls {@code
   * step.descend(learningRate)}, records its cost when {@code i % recordEvery == 0} and tells the
   * listeners; afterwards {@code finalCost} gives the cost of the parameters training left.
   *
   * @throws ArithmeticException as soon as a cost is NaN or infinite, naming the iteration ({@code
   *     training diverged at iteration 1234: cost is NaN; lower the learning rate}); the
   *     parameters are then those of that iteration's (already applied) update
   */
  public TrainingReport run(Step step, DoubleSupplier finalCost) {
    long start = System.nanoTime();
    int recorded = (iterations - 1) / recordEvery + 1;
    double[] costs = new double[recorded];
    int[] at = new int[recorded];
    for (int i = 0; i < iterations; i++) {
      double cost = step.descend(learningRate);
      checkFinite(i, cost);
      if (i % recordEvery == 0) {
        costs[i / recordEvery] = cost;
        at[i / recordEvery] = i;
      }
      for (Listener l : listeners) {
        if (i % l.every() == 0) {
          l.listener().onProgress(i, cost);
        }
      }
    }
    double last = finalCost.getAsDouble();
    checkFinite(iterations, last);
    long nanos = System.nanoTime() - start;
    return new TrainingReport(last, costs, at, iterations, Duration.ofNanos(nanos));
  }

  @Override
  public String toString() {
    return "gradient descent: learning rate " + learningRate + ", " + iterations
        + " iterations, cost recorded every " + recordEvery;
  }

  private static void checkFinite(int iteration, double cost) {
    if (cost - cost != 0.0) {
      throw new ArithmeticException(
          "training diverged at iteration " + iteration + ": cost is " + cost
              + "; lower the learning rate");
    }
  }
}
