package dev.netc.runtime.internal;

import dev.netc.annotations.Loss;
import dev.netc.runtime.Architecture;
import dev.netc.runtime.Gradients;
import dev.netc.runtime.Parameters;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingProgress;
import dev.netc.runtime.TrainingReport;
import java.util.Arrays;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

// twin: f32 inherited
/**
 * The training loop of every {@link Training}: epochs, learning-rate decay, listeners, validation,
 * early stopping, divergence messages and the report. It sees only doubles and ints; everything
 * that touches a matrix is the {@link Learner}'s, so one loop trains both precisions. Generated
 * {@code fit} methods call it after checking {@code X} and {@code Y}; its single-precision
 * overload is generated into {@code FloatTrainingLoop}, which this class extends.
 */
public final class TrainingLoop extends FloatTrainingLoop {

  private TrainingLoop() {}

  /**
   * Trains {@code model} on {@code (X, Y)}; for generated code, which has checked {@code X} and
   * {@code Y} against {@code architecture} already. The validation set is checked here.
   *
   * @throws IllegalArgumentException if the validation set does not fit the network
   * @throws ArithmeticException as soon as a gradient, a parameter after an update, or a cost that
   *     is measured (recorded or listened to), is NaN or infinite, naming the epoch and the update;
   *     the parameters are then those of the last finite update
   */
  public static TrainingReport run(
      Training training,
      Architecture architecture,
      Parameters parameters,
      Gradients gradients,
      Trainable model,
      DoubleMatrix X,
      DoubleMatrix Y) {
    Training.Validation validation = training.validation().orElse(null);
    DoubleMatrix validationX = null;
    DoubleMatrix validationY = null;
    if (validation != null) {
      TrainingLoop.checkValidation(architecture, validation);
      // twin: as validationX = TrainingLoop.inFloat(validation.X(), validation.floatX());
      validationX = TrainingLoop.inDouble(validation.X(), validation.floatX());
      // twin: as validationY = TrainingLoop.inFloat(validation.Y(), validation.floatY());
      validationY = TrainingLoop.inDouble(validation.Y(), validation.floatY());
    }
    return TrainingLoop.run(
        training,
        architecture,
        new DoubleLearner(
            parameters,
            gradients,
            model,
            X,
            Y,
            validationX,
            validationY,
            training.updateRule(),
            training.miniBatchSize(),
            training.seed(),
            training.earlyStopping().isPresent()));
  }

  // twin: skip
  /**
   * Checks the validation set in the precision it was given, for every learner.
   *
   * @throws IllegalArgumentException naming the validation set and what does not fit
   */
  public static void checkValidation(Architecture architecture, Training.Validation validation) {
    try {
      if (validation.X() != null) {
        InputChecks.checkTargets(architecture, validation.X(), validation.Y());
      } else {
        InputChecks.checkTargets(architecture, validation.floatX(), validation.floatY());
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("validation set: " + e.getMessage(), e);
    }
  }

  /**
   * The double matrix of a validation pair given in either precision ({@code D} or {@code F} is
   * null): {@code D}, or an exact copy of {@code F}, as in-memory training and the learners that
   * keep their data elsewhere make it once per {@code fit}.
   */
  public static DoubleMatrix inDouble(DoubleMatrix D, FloatMatrix F) {
    if (D != null) {
      return D;
    }
    DoubleMatrix widened = new DoubleMatrix(F.rows, F.columns);
    for (int i = 0; i < widened.length; i++) {
      widened.data[i] = F.data[i];
    }
    return widened;
  }

  /** The float matrix of a validation pair given in either precision: a double one rounded. */
  static FloatMatrix inFloat(DoubleMatrix D, FloatMatrix F) {
    return F != null ? F : D.toFloat();
  }

  /**
   * Trains whatever {@code learner} drives with the options of {@code training}: the one loop of
   * both precisions, and the seam for learners that keep their data elsewhere (a cluster, a file
   * read batch by batch). The learner has checked its data; it was built with the validation set of
   * {@code training}, if any, and with the copy {@link Learner#keepBest} fills when {@code
   * training} stops early.
   *
   * @throws ArithmeticException as soon as a gradient, a parameter after an update, or a cost that
   *     is measured (recorded or listened to), is NaN or infinite, naming the epoch and the update;
   *     the parameters are then those of the last finite update
   */
  public static TrainingReport run(Training training, Architecture architecture, Learner learner) {
    return new Run(training, architecture, learner).run();
  }

  /**
   * One training run: the loop, the same for both precisions; everything that touches a matrix is
   * the {@link Learner}'s.
   */
  private static final class Run {
    private final double learningRate;
    private final Training.UpdateRule rule;
    private final int epochs;
    private final int recordEvery;
    private final double lambda;
    private final double decayRate;
    private final boolean validating;
    private final Training.EarlyStopping earlyStopping;
    private final Training.Listener[] listeners;
    private final Architecture architecture;
    private final Learner learner;
    private final int batches;
    private final boolean classifier;
    private int updates;

    /** The last epoch's training cost and accuracy; fields, so that an epoch allocates nothing. */
    private double epochCost;

    private double epochAccuracy;

    Run(Training training, Architecture architecture, Learner learner) {
      this.learningRate = training.learningRate();
      this.rule = training.updateRule();
      this.epochs = training.epochs();
      this.recordEvery = training.recordEvery();
      this.lambda = training.l2();
      this.decayRate = training.learningRateDecay();
      this.validating = training.validation().isPresent();
      this.earlyStopping = training.earlyStopping().orElse(null);
      this.listeners = training.listeners().toArray(new Training.Listener[0]);
      this.architecture = architecture;
      this.learner = learner;
      this.batches = learner.batches();
      this.classifier = architecture.loss() != Loss.MEAN_SQUARED_ERROR;
    }

    TrainingReport run() {
      long start = System.nanoTime();
      int recorded = (epochs - 1) / recordEvery + 1;
      double[] costs = new double[recorded];
      double[] validationCosts = new double[!validating ? 0 : recorded];
      int[] at = new int[recorded];
      int count = 0;
      double bestCost = Double.POSITIVE_INFINITY;
      int bestEpoch = -1;
      int sinceBest = 0;
      boolean stoppedEarly = false;
      int epoch = 0;
      while (epoch < epochs) {
        double alpha = learningRate / (1 + decayRate * epoch);
        boolean listen = listening(epoch);
        boolean record = epoch % recordEvery == 0;
        epoch(epoch, alpha, record || listen, listen);
        double validationCost = Double.NaN;
        double validationAccuracy = Double.NaN;
        if (validating && (listen || record || earlyStopping != null)) {
          validationCost = learner.validationCost();
          if (classifier && listen) {
            validationAccuracy = learner.validationAccuracy();
          }
        }
        if (record) {
          costs[count] = epochCost;
          at[count] = epoch;
          if (validating) {
            validationCosts[count] = validationCost;
          }
          count++;
        }
        if (listen) {
          TrainingProgress progress =
              new TrainingProgress(
                  epoch,
                  epochs,
                  alpha,
                  epochCost,
                  validationCost,
                  classifier ? epochAccuracy : Double.NaN,
                  validationAccuracy);
          for (Training.Listener l : listeners) {
            if (epoch % l.every() == 0) {
              l.listener().onProgress(progress);
            }
          }
        }
        epoch++;
        if (earlyStopping != null) {
          double watched = validating ? validationCost : learner.dataCost();
          checkFinite(epoch - 1, "the monitored cost", watched);
          if (watched < bestCost - earlyStopping.tolerance()) {
            bestCost = watched;
            bestEpoch = epoch - 1;
            sinceBest = 0;
            learner.keepBest();
          } else if (++sinceBest >= earlyStopping.patience()) {
            stoppedEarly = epoch < epochs;
            break;
          }
        }
      }
      if (earlyStopping != null) {
        learner.restoreBest();
      }
      double finalCost = learner.dataCost();
      checkFinite(epoch, "the final cost", finalCost);
      TrainingReport report =
          new TrainingReport(
              finalCost,
              Arrays.copyOf(costs, count),
              Arrays.copyOf(at, count),
              Arrays.copyOf(validationCosts, !validating ? 0 : count),
              epoch,
              updates,
              bestEpoch,
              stoppedEarly,
              java.time.Duration.ofNanos(System.nanoTime() - start));
      // The last epoch heard may not be the last one run (early stopping): tell the listeners.
      for (Training.Listener l : listeners) {
        l.listener().onEnd(report);
      }
      return report;
    }

    private boolean listening(int epoch) {
      for (Training.Listener l : listeners) {
        if (epoch % l.every() == 0) {
          return true;
        }
      }
      return false;
    }

    /**
     * One pass over the training data; sets the epoch's cost and accuracy, each the mean over the
     * batches before their updates, weighted by batch size. Each is measured only when asked for:
     * on a small network the cost's exp and log per output cost as much as the passes themselves,
     * and a divergence shows in the gradients anyway.
     */
    private void epoch(int epoch, double alpha, boolean measureCost, boolean measureAccuracy) {
      learner.shuffle();
      double costSum = 0;
      double accuracySum = 0;
      for (int batch = 0; batch < batches; batch++) {
        int m = learner.select(batch);
        double cost = learner.forward(measureCost);
        if (measureAccuracy && classifier) {
          accuracySum += learner.accuracy() * m;
        }
        learner.backward();
        if (lambda > 0) {
          // J += (lambda / (2m)) sum ||W[l]||^2, dW[l] += (lambda / m) W[l]
          cost += lambda / (2.0 * m) * learner.regularise(lambda / m, measureCost);
        }
        checkStep(epoch, batch, cost);
        updates++;
        learner.update(alpha, updates);
        checkUpdate(epoch, batch);
        costSum += cost * m;
      }
      epochCost = costSum / learner.examples();
      epochAccuracy = accuracySum / learner.examples();
    }

    /** Refuses a non-finite cost or gradient before it reaches the parameters. */
    private void checkStep(int epoch, int batch, double cost) {
      if (cost - cost != 0.0) {
        throw diverged(step(epoch, batch), "the cost is " + cost);
      }
      String bad = learner.firstNonFiniteGradient();
      if (bad != null) {
        throw diverged(step(epoch, batch), bad);
      }
    }

    /**
     * Refuses an update whose result is not finite, putting the parameters of the last finite
     * update back first: the gradients were finite (see {@link #checkStep}), but the step was not.
     */
    private void checkUpdate(int epoch, int batch) {
      String bad = learner.firstNonFiniteParameter();
      if (bad != null) {
        learner.undoUpdate();
        updates--; // the update number in the message is the one refused
        throw diverged(step(epoch, batch), "after the update (" + rule + "), " + bad);
      }
    }

    /** {@code iteration 12}, or {@code epoch 2, mini-batch 1 of 4 (update 9)}. */
    private String step(int epoch, int batch) {
      return batches == 1
          ? "iteration " + epoch
          : "epoch "
              + epoch
              + ", mini-batch "
              + (batch + 1)
              + " of "
              + batches
              + " (update "
              + (updates + 1)
              + ")";
    }

    private ArithmeticException diverged(String where, String what) {
      return new ArithmeticException(
          architecture.network()
              + ": training diverged at "
              + where
              + ": "
              + what
              + "; the parameters are those of the last finite update; lower the"
              + " learning rate ("
              + learningRate
              + ")");
    }

    private void checkFinite(int epoch, String what, double cost) {
      if (cost - cost != 0.0) {
        throw diverged("epoch " + epoch, what + " is " + cost);
      }
    }
  }
  // twin: end
}
