package dev.netc.runtime.internal;

import dev.netc.annotations.Loss;
import dev.netc.runtime.Architecture;
import dev.netc.runtime.Gradients;
import dev.netc.runtime.Metrics;
import dev.netc.runtime.Model;
import dev.netc.runtime.Training;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jblas.DoubleMatrix;

/**
 * Trains a model on {@link ExampleSource} that never sit in the heap whole, through the one training
 * loop. Mini-batches follow the permutation that in-memory training draws (its {@code
 * MiniBatches}: {@code new Random(seed)}, Fisher-Yates, every epoch), so that the same examples in
 * the same order give the same parameters bit for bit; a full batch is read in chunks of {@code chunk} examples whose
 * gradients are summed, each weighted by its size, and divided by {@code m} (with one chunk, the
 * in-memory full batch itself).
 *
 * <p>Memory: two chunk (or batch) buffers, the model's workspaces for that many examples, and for
 * mini-batches the permutation, 4 bytes per example.
 */
public final class StreamingLearner extends AbstractLearner {
  private final Model model;
  private final ExampleSource source;
  private final int examples;
  private final Batches batches;
  private final boolean classifier;
  private final DoubleMatrix validationX;
  private final DoubleMatrix validationY;
  private final DoubleMatrix bufferX;
  private final DoubleMatrix bufferY;
  /** The batch {@link #select} chose: null for full-batch descent, else the permutation. */
  private int[] order;
  private int from;
  private int columns;
  private double accuracy;
  private double validationAccuracy;

  /**
   * @param chunk examples per read of a full batch (and of {@link #dataCost})
   * @throws IllegalArgumentException if the source does not fit the network, or the validation
   *     set does not
   */
  public StreamingLearner(Model model, Architecture architecture, ExampleSource source,
      Training training, int chunk) {
    super(training, model.parameters());
    int[] sizes = architecture.sizes();
    int outputs = sizes[sizes.length - 1];
    if (source.features() != sizes[0] || source.targets() != outputs) {
      throw new IllegalArgumentException(architecture.network() + ": X must be " + sizes[0]
          + "xm (n[0] x m) and Y " + outputs + "xm (n[L] x m), got " + source.features() + "x"
          + source.examples() + " and " + source.targets() + "x" + source.examples());
    }
    this.model = model;
    this.source = source;
    this.examples = source.examples();
    int batch = training.miniBatchSize();
    this.batches = new Batches(examples, batch, training.seed());
    this.columns = examples;
    this.classifier = architecture.loss() != Loss.MEAN_SQUARED_ERROR;
    Training.Validation validation = training.validation().orElse(null);
    if (validation != null) {
      TrainingLoop.checkValidation(architecture, validation);
      this.validationX = TrainingLoop.inDouble(validation.X(), validation.floatX());
      this.validationY = TrainingLoop.inDouble(validation.Y(), validation.floatY());
    } else {
      this.validationX = null;
      this.validationY = null;
    }
    int buffer = batches.copies() ? batch : Math.min(examples, Math.max(1, chunk));
    this.bufferX = new DoubleMatrix(sizes[0], buffer);
    this.bufferY = new DoubleMatrix(outputs, buffer);
  }

  @Override
  public int examples() {
    return examples;
  }

  @Override
  public int batches() {
    return batches.count();
  }

  @Override
  public void shuffle() {
    batches.shuffle();
  }

  @Override
  public int select(int k) {
    batches.select(k);
    return columns;
  }

  /**
   * The in-memory learner's permutation and batch bounds; the columns themselves are read from
   * the source by {@link #forward}.
   */
  private final class Batches extends MiniBatches {
    Batches(int examples, int size, long seed) {
      super(examples, size, seed);
    }

    @Override
    void gather(int[] order, int from, int columns) {
      StreamingLearner.this.order = order;
      StreamingLearner.this.from = from;
      StreamingLearner.this.columns = columns;
    }
  }

  /** Reshapes the buffers to {@code c} columns: their arrays are only ever as large as needed. */
  private void resizeBuffers(int c) {
    Workspaces.resize(bufferX, bufferX.rows, c);
    Workspaces.resize(bufferY, bufferY.rows, c);
  }

  @Override
  public double forward(boolean measureCost) {
    try {
      if (order != null) {
        resizeBuffers(columns);
        source.gather(order, from, bufferX, bufferY);
        return pass(bufferX, bufferY, measureCost, 1.0, true);
      }
      return fullBatch(measureCost, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The passes over all examples, chunk by chunk: sets the gradients (when {@code gradient}) and
   * the accuracy, returns the cost (when measured).
   */
  private double fullBatch(boolean measureCost, boolean gradient) throws IOException {
    int chunk = bufferX.data.length / bufferX.rows;
    if (chunk >= examples) {
      resizeBuffers(examples);
      source.read(0, bufferX, bufferY);
      return pass(bufferX, bufferY, measureCost, 1.0, gradient);
    }
    // sum over the chunks of (c / m) * their mean: gradients, cost and accuracy alike
    double cost = 0;
    double correct = 0;
    if (gradient) {
      zero(gradients);
    }
    for (int at = 0; at < examples; at += chunk) {
      int c = Math.min(chunk, examples - at);
      resizeBuffers(c);
      source.read(at, bufferX, bufferY);
      double weight = (double) c / examples;
      cost += pass(bufferX, bufferY, measureCost, weight, gradient);
      correct += accuracy;
    }
    accuracy = correct;
    return cost;
  }

  private static void zero(Gradients g) {
    for (int l = 1; l <= g.layers(); l++) {
      java.util.Arrays.fill(g.dW(l).data, 0.0);
      java.util.Arrays.fill(g.db(l).data, 0.0);
    }
  }

  /**
   * The generated passes on one batch or chunk: with {@code weight} 1 the gradients become the
   * model's, otherwise {@code weight} times them is added; returns {@code weight} times the cost
   * (when measured) and sets {@link #accuracy} to {@code weight} times the batch's.
   */
  private double pass(DoubleMatrix X, DoubleMatrix Y, boolean measureCost, double weight,
      boolean gradient) {
    if (gradient) {
      Gradients g = model.gradients(X, Y);
      for (int l = 1; l <= g.layers(); l++) {
        if (weight == 1.0) {
          gradients.dW(l).copy(g.dW(l));
          gradients.db(l).copy(g.db(l));
        } else {
          Kernels.axpy(weight, g.dW(l), gradients.dW(l));
          Kernels.axpy(weight, g.db(l), gradients.db(l));
        }
      }
    }
    accuracy = 0;
    if (!measureCost) {
      return 0.0;
    }
    if (classifier && gradient) {
      accuracy = weight * Metrics.accuracy(model.forward(X), Y);
    }
    return weight * model.cost(X, Y);
  }

  @Override
  public double accuracy() {
    return accuracy;
  }

  @Override
  public void backward() {
    // the gradients came with the forward pass: model.gradients(X, Y) runs both
  }

  @Override
  public double validationCost() {
    if (classifier) {
      validationAccuracy = Metrics.accuracy(model.forward(validationX), validationY);
    }
    return model.cost(validationX, validationY);
  }

  @Override
  public double validationAccuracy() {
    return validationAccuracy;
  }

  @Override
  public double dataCost() {
    try {
      return fullBatch(true, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
