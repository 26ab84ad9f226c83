package dev.netc.runtime;

import dev.netc.annotations.Loss;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Objects;
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

  private record Listener(int every, TrainingListener listener) {}

  /** A validation set as it was given: the double or the float pair is set, not both. */
  private record Validation(
      DoubleMatrix X, DoubleMatrix Y, FloatMatrix floatX, FloatMatrix floatY) {
    int examples() {
      return X != null ? X.columns : floatX.columns;
    }
  }

  private record EarlyStopping(int patience, double tolerance) {}

  private final Optimizer optimizer;
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
      Optimizer optimizer,
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
    this.optimizer = optimizer;
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

  private static Training of(Optimizer optimizer, double learningRate) {
    requirePositive("learning rate", learningRate);
    return new Training(
        optimizer, learningRate, 1000, 0, 1, 0.0, 0.0, null, null, 100, new Listener[0]);
  }

  /**
   * Gradient descent {@code W[l] -= alpha * dW[l]}, {@code b[l] -= alpha * db[l]}: full-batch, 1000
   * iterations, cost recorded every 100.
   *
   * @throws IllegalArgumentException unless {@code learningRate} is positive and finite
   */
  public static Training gradientDescent(double learningRate) {
    return of(new Optimizer.GradientDescent(), learningRate);
  }

  /**
   * Gradient descent with momentum: {@code v = beta*v + (1 - beta)*dW; W -= alpha*v} ({@code beta}
   * 0.9 is the usual choice).
   *
   * @throws IllegalArgumentException unless {@code 0 <= beta < 1} and the learning rate is positive
   */
  public static Training momentum(double learningRate, double beta) {
    return of(new Optimizer.Momentum(checkBeta("beta", beta)), learningRate);
  }

  /**
   * RMSprop: {@code s = beta*s + (1 - beta)*dW^2; W -= alpha*dW / (sqrt(s) + 1e-8)} ({@code beta}
   * 0.999 or 0.9).
   *
   * @throws IllegalArgumentException unless {@code 0 <= beta < 1} and the learning rate is positive
   */
  public static Training rmsProp(double learningRate, double beta) {
    return of(new Optimizer.RmsProp(checkBeta("beta", beta)), learningRate);
  }

  /** Adam with the usual {@code beta1 = 0.9}, {@code beta2 = 0.999}, {@code epsilon = 1e-8}. */
  public static Training adam(double learningRate) {
    return adam(learningRate, 0.9, 0.999, Optimizer.EPSILON);
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
    return of(new Optimizer.Adam(beta1, beta2, epsilon), learningRate);
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
    return new Training(optimizer, learningRate, epochs, batchSize, seed, lambda, decayRate,
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

  /**
   * Trains {@code model} on {@code (X, Y)}; for generated code, which has checked {@code X} and
   * {@code Y} against {@code architecture} already. The validation set is checked here.
   *
   * @throws IllegalArgumentException if the validation set does not fit the network
   * @throws ArithmeticException as soon as a gradient, or a cost that is measured (recorded or
   *     listened to), is NaN or infinite, naming the epoch and the update; the parameters are then
   *     those of the last finite update
   */
  public TrainingReport run(
      Architecture architecture,
      Parameters parameters,
      Gradients gradients,
      Trainable model,
      DoubleMatrix X,
      DoubleMatrix Y) {
    DoubleMatrix validationX = null;
    DoubleMatrix validationY = null;
    if (validation != null) {
      checkValidation(architecture);
      validationX = validation.X() != null ? validation.X() : widen(validation.floatX());
      validationY = validation.Y() != null ? validation.Y() : widen(validation.floatY());
    }
    return new Run(architecture, new Learner.OfDouble(parameters, gradients, model, X, Y,
        validationX, validationY, optimizer, batchSize, seed, earlyStopping != null)).run();
  }

  /**
   * {@link #run(Architecture, Parameters, Gradients, Trainable, DoubleMatrix, DoubleMatrix)} for a
   * single-precision model: the same loop, options, messages and report.
   *
   * @throws IllegalArgumentException if the validation set does not fit the network
   * @throws ArithmeticException as the double-precision {@code run} does
   */
  public TrainingReport run(
      Architecture architecture,
      FloatParameters parameters,
      FloatGradients gradients,
      FloatTrainable model,
      FloatMatrix X,
      FloatMatrix Y) {
    FloatMatrix validationX = null;
    FloatMatrix validationY = null;
    if (validation != null) {
      checkValidation(architecture);
      validationX = validation.floatX() != null ? validation.floatX() : validation.X().toFloat();
      validationY = validation.floatY() != null ? validation.floatY() : validation.Y().toFloat();
    }
    return new Run(architecture, new Learner.OfFloat(parameters, gradients, model, X, Y,
        validationX, validationY, optimizer, batchSize, seed, earlyStopping != null)).run();
  }

  /** Checks the validation set in the precision it was given. */
  private void checkValidation(Architecture architecture) {
    try {
      if (validation.X() != null) {
        architecture.checkTargets(validation.X(), validation.Y());
      } else {
        architecture.checkTargets(validation.floatX(), validation.floatY());
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("validation set: " + e.getMessage(), e);
    }
  }

  private static DoubleMatrix widen(FloatMatrix M) {
    DoubleMatrix D = new DoubleMatrix(M.rows, M.columns);
    for (int i = 0; i < D.length; i++) {
      D.data[i] = M.data[i];
    }
    return D;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(optimizer.describe());
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

  /**
   * One training run: the loop, the same for both precisions; everything that touches a matrix is
   * the {@link Learner}'s.
   */
  private final class Run {
    private final Architecture architecture;
    private final Learner learner;
    private final int batches;
    private final boolean classifier;
    private int updates;
    /** The last epoch's training cost and accuracy; fields, so that an epoch allocates nothing. */
    private double epochCost;
    private double epochAccuracy;

    Run(Architecture architecture, Learner learner) {
      this.architecture = architecture;
      this.learner = learner;
      this.batches = learner.batches();
      this.classifier = architecture.loss() != Loss.MEAN_SQUARED_ERROR;
    }

    TrainingReport run() {
      long start = System.nanoTime();
      int recorded = (epochs - 1) / recordEvery + 1;
      double[] costs = new double[recorded];
      double[] validationCosts = new double[validation == null ? 0 : recorded];
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
        if (validation != null && (listen || record || earlyStopping != null)) {
          validationCost = learner.validationCost();
          if (classifier && listen) {
            validationAccuracy = learner.validationAccuracy();
          }
        }
        if (record) {
          costs[count] = epochCost;
          at[count] = epoch;
          if (validation != null) {
            validationCosts[count] = validationCost;
          }
          count++;
        }
        if (listen) {
          TrainingProgress progress = new TrainingProgress(epoch, epochs, alpha, epochCost,
              validationCost, classifier ? epochAccuracy : Double.NaN, validationAccuracy);
          for (Listener l : listeners) {
            if (epoch % l.every() == 0) {
              l.listener().onProgress(progress);
            }
          }
        }
        epoch++;
        if (earlyStopping != null) {
          double watched = validation != null ? validationCost : learner.dataCost();
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
      TrainingReport report = new TrainingReport(finalCost, Arrays.copyOf(costs, count),
          Arrays.copyOf(at, count), Arrays.copyOf(validationCosts, validation == null ? 0 : count),
          epoch, updates, bestEpoch, stoppedEarly,
          java.time.Duration.ofNanos(System.nanoTime() - start));
      for (Listener l : listeners) {
        if (l.listener() instanceof ProgressBar bar) {
          bar.finished(report); // says that early stopping ended the run
        }
      }
      return report;
    }

    private boolean listening(int epoch) {
      for (Listener l : listeners) {
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

    /** {@code iteration 12}, or {@code epoch 2, mini-batch 1 of 4 (update 9)}. */
    private String step(int epoch, int batch) {
      return batches == 1
          ? "iteration " + epoch
          : "epoch " + epoch + ", mini-batch " + (batch + 1) + " of " + batches
              + " (update " + (updates + 1) + ")";
    }

    private ArithmeticException diverged(String where, String what) {
      return new ArithmeticException(architecture.network() + ": training diverged at " + where
          + ": " + what + "; the parameters are those of the last finite update; lower the"
          + " learning rate (" + learningRate + ")");
    }

    private void checkFinite(int epoch, String what, double cost) {
      if (cost - cost != 0.0) {
        throw diverged("epoch " + epoch, what + " is " + cost);
      }
    }
  }
}
