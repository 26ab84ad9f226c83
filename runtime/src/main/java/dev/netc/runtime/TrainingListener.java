package dev.netc.runtime;

/** Told the cost during training; see {@link Training#every(int, TrainingListener)}. */
@FunctionalInterface
public interface TrainingListener {

  /**
   * Called on the training thread with the cost {@code J} of the parameters before update number
   * {@code iteration} (counted from 0).
   */
  void onProgress(int iteration, double cost);
}
