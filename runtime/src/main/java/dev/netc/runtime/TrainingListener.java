package dev.netc.runtime;

/** Told how training goes; see {@link Training#every(int, TrainingListener)}. */
@FunctionalInterface
public interface TrainingListener {

  /** Called on the training thread after the epochs it asked for. */
  void onProgress(TrainingProgress progress);

  /**
   * Called on the training thread once the run is over, with its report (after early stopping has
   * put back the best parameters): the last epoch {@link #onProgress} heard may be neither the
   * last one planned nor the one kept. Does nothing unless overridden.
   */
  default void onEnd(TrainingReport report) {}
}
