package dev.netc.runtime;

import java.time.Duration;
import java.util.Locale;

/**
 * What a training run did: the costs it recorded, the final cost, how long it ran and whether it
 * stopped early.
 */
public final class TrainingReport {

  private final double finalCost;
  private final double[] costs;
  private final int[] recordedEpochs;
  private final double[] validationCosts;
  private final int epochs;
  private final int iterations;
  private final int bestEpoch;
  private final boolean stoppedEarly;
  private final Duration elapsed;

  /**
   * @param finalCost the cost of the parameters training left, on the training data
   * @param costs {@code costs[i]} is the training cost of epoch {@code recordedEpochs[i]}
   * @param recordedEpochs increasing epoch numbers, counted from 0
   * @param validationCosts the validation costs at the same epochs, or empty without validation
   * @param epochs how many epochs ran
   * @param iterations how many updates were made
   * @param bestEpoch the epoch whose parameters early stopping kept, -1 without early stopping
   * @param stoppedEarly whether early stopping ended the run before its last epoch
   * @param elapsed wall-clock time of the run
   */
  public TrainingReport(
      double finalCost,
      double[] costs,
      int[] recordedEpochs,
      double[] validationCosts,
      int epochs,
      int iterations,
      int bestEpoch,
      boolean stoppedEarly,
      Duration elapsed) {
    if (costs.length != recordedEpochs.length) {
      throw new IllegalArgumentException(
          "costs has " + costs.length + " entries but recordedEpochs has "
              + recordedEpochs.length);
    }
    if (validationCosts.length != 0 && validationCosts.length != costs.length) {
      throw new IllegalArgumentException(
          "validationCosts must be empty or have " + costs.length + " entries like costs, got "
              + validationCosts.length);
    }
    if (epochs < 0 || iterations < epochs || bestEpoch < -1 || bestEpoch >= Math.max(epochs, 1)
        || elapsed == null || elapsed.isNegative()) {
      throw new IllegalArgumentException(
          "need 0 <= epochs <= iterations, -1 <= bestEpoch < epochs and a non-negative elapsed"
              + " time, got epochs " + epochs + ", iterations " + iterations + ", bestEpoch "
              + bestEpoch + ", elapsed " + elapsed);
    }
    this.finalCost = finalCost;
    this.costs = costs.clone();
    this.recordedEpochs = recordedEpochs.clone();
    this.validationCosts = validationCosts.clone();
    this.epochs = epochs;
    this.iterations = iterations;
    this.bestEpoch = bestEpoch;
    this.stoppedEarly = stoppedEarly;
    this.elapsed = elapsed;
  }

  /**
   * The cost of the parameters training left, on the training data, without any L2 term: what
   * {@code model.cost(X, Y)} gives.
   */
  public double finalCost() {
    return finalCost;
  }

  /**
   * Recorded training costs (a copy): {@code costs()[i]} is the cost of epoch {@code
   * recordedEpochs()[i]}, L2 term included. With full-batch descent that is the cost before the
   * update of that iteration, as in the course notes.
   */
  public double[] costs() {
    return costs.clone();
  }

  /** The epochs at which {@link #costs()} were recorded, {@code 0, k, 2k, ...}; a copy. */
  public int[] recordedEpochs() {
    return recordedEpochs.clone();
  }

  /**
   * The validation costs after the recorded epochs (a copy), aligned with {@link #costs()}; empty
   * when training had no validation set.
   */
  public double[] validationCosts() {
    return validationCosts.clone();
  }

  /** How many epochs ran: the epochs asked for, or fewer when training stopped early. */
  public int epochs() {
    return epochs;
  }

  /** How many updates were made: one per epoch with full-batch descent, one per mini-batch else. */
  public int iterations() {
    return iterations;
  }

  /** The epoch whose parameters early stopping kept, or -1 without early stopping. */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** Whether early stopping ended training before the last epoch. */
  public boolean stoppedEarly() {
    return stoppedEarly;
  }

  /** Wall-clock time of the run. */
  public Duration elapsed() {
    return elapsed;
  }

  /**
   * For example {@code 1000 iterations in 0.412 s; cost 0.693147 (epoch 0) -> 0.261832}, or with
   * mini-batches {@code 50 epochs (350 iterations) in ...}, and {@code ; stopped early, kept
   * epoch 31}.
   */
  @Override
  public String toString() {
    String time = String.format(Locale.ROOT, "%.3f s", elapsed.toNanos() / 1e9);
    StringBuilder s = new StringBuilder();
    if (iterations == epochs) {
      s.append(iterations).append(" iterations");
    } else {
      s.append(epochs).append(" epochs (").append(iterations).append(" iterations)");
    }
    s.append(" in ").append(time).append("; cost ");
    if (costs.length > 0) {
      s.append(String.format(Locale.ROOT, "%.6g (epoch %d) -> ", costs[0], recordedEpochs[0]));
    }
    s.append(String.format(Locale.ROOT, "%.6g", finalCost));
    if (stoppedEarly) {
      s.append("; stopped early, kept epoch ").append(bestEpoch);
    }
    return s.toString();
  }
}
