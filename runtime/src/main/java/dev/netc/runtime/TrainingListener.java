package dev.netc.runtime;

/** Told how training goes; see {@link Training#every(int, TrainingListener)}. */
@FunctionalInterface
public interface TrainingListener {

  /** Called on the training thread after the epochs it asked for. */
  void onProgress(TrainingProgress progress);
}
