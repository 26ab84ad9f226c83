package dev.netc.runtime;

import java.time.Duration;
import java.util.Locale;

/** What a training run did: the costs it recorded, the final cost, its length and duration. */
public final class TrainingReport {

  private final double finalCost;
  private final double[] costs;
  private final int[] recordedIterations;
  private final int iterations;
  private final Duration elapsed;

  /**
   * @param finalCost the cost of the parameters training left, on the training data
   * @param costs {@code costs[i]} is the cost before update number {@code recordedIterations[i]}
   * @param recordedIterations increasing iteration numbers, counted from 0
   * @param iterations how many updates were made
   * @param elapsed wall-clock time of the run
   */
  public TrainingReport(
      double finalCost,
      double[] costs,
      int[] recordedIterations,
      int iterations,
      Duration elapsed) {
    if (costs.length != recordedIterations.length) {
      throw new IllegalArgumentException(
          "costs has " + costs.length + " entries but recordedIterations has "
              + recordedIterations.length);
    }
    if (iterations < 0 || elapsed == null || elapsed.isNegative()) {
      throw new IllegalArgumentException(
          "iterations must be at least 0 and elapsed non-negative, got " + iterations + " and "
              + elapsed);
    }
    this.finalCost = finalCost;
    this.costs = costs.clone();
    this.recordedIterations = recordedIterations.clone();
    this.iterations = iterations;
    this.elapsed = elapsed;
  }

  /** The cost of the parameters training left, on the training data. */
  public double finalCost() {
    return finalCost;
  }

  /** Recorded costs (a copy): {@code costs()[i]} is the cost at {@code recordedIterations()[i]}. */
  public double[] costs() {
    return costs.clone();
  }

  /** The iterations at which {@link #costs()} were recorded, {@code 0, k, 2k, ...}; a copy. */
  public int[] recordedIterations() {
    return recordedIterations.clone();
  }

  /** How many gradient descent updates were made. */
  public int iterations() {
    return iterations;
  }

  /** Wall-clock time of the run. */
  public Duration elapsed() {
    return elapsed;
  }

  /** For example {@code 1000 iterations in 0.412 s; cost 0.693147 (iteration 0) -> 0.261832}. */
  @Override
  public String toString() {
    String time = String.format(Locale.ROOT, "%.3f s", elapsed.toNanos() / 1e9);
    StringBuilder s = new StringBuilder().append(iterations).append(" iterations in ").append(time);
    s.append("; cost ");
    if (costs.length > 0) {
      s.append(String.format(Locale.ROOT, "%.6g (iteration 0) -> ", costs[0]));
    }
    return s.append(String.format(Locale.ROOT, "%.6g", finalCost)).toString();
  }
}
