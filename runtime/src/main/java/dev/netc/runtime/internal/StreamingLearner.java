package dev.netc.runtime.internal;

import dev.netc.annotations.Loss;
import dev.netc.runtime.Architecture;
import dev.netc.runtime.Gradients;
import dev.netc.runtime.Metrics;
import dev.netc.runtime.Model;
import dev.netc.runtime.Training;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import org.jblas.DoubleMatrix;

/**
 * Trains a model on {@link ExampleSource} that never sit in the heap whole, through the one training
 * loop. Mini-batches follow the permutation that in-memory training draws ({@code new
 * Random(seed)}, Fisher-Yates, every epoch), so that the same examples in the same order give the
 * same parameters bit for bit; a full batch is read in chunks of {@code chunk} examples whose
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
  private final int size;
  private final int[] order;
  private final Random random;
  private final boolean classifier;
  private final DoubleMatrix validationX;
  private final DoubleMatrix validationY;
  private final DoubleMatrix bufferX;
  private final DoubleMatrix bufferY;
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
    if (batch == 0 || batch >= examples) {
      this.size = examples;
      this.order = null;
      this.random = null;
    } else {
      this.size = batch;
      this.order = new int[examples];
      for (int j = 0; j < examples; j++) {
        order[j] = j;
      }
      this.random = new Random(training.seed());
    }
    this.classifier = architecture.loss() != Loss.MEAN_SQUARED_ERROR;
    Training.Validation validation = training.validation().orElse(null);
    if (validation != null) {
      this.validationX = TrainingLoop.inDouble(validation.X(), validation.floatX());
      this.validationY = TrainingLoop.inDouble(validation.Y(), validation.floatY());
      try {
        InputChecks.checkTargets(architecture, validationX, validationY);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("validation set: " + e.getMessage(), e);
      }
    } else {
      this.validationX = null;
      this.validationY = null;
    }
    int buffer = order != null ? size : Math.min(examples, Math.max(1, chunk));
    this.bufferX = new DoubleMatrix(sizes[0], buffer);
    this.bufferY = new DoubleMatrix(outputs, buffer);
  }

  @Override
  public int examples() {
    return examples;
  }

  @Override
  public int batches() {
    return (examples + size - 1) / size;
  }

  @Override
  public void shuffle() {
    if (order == null) {
      return;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  @Override
  public int select(int k) {
    from = k * size;
    columns = Math.min(size, examples - from);
    return columns;
  }

  /** The buffers reshaped to {@code c} columns: their arrays are only ever as large as needed. */
  private DoubleMatrix[] buffers(int c) {
    Workspaces.resize(bufferX, bufferX.rows, c);
    Workspaces.resize(bufferY, bufferY.rows, c);
    return new DoubleMatrix[] {bufferX, bufferY};
  }

  @Override
  public double forward(boolean measureCost) {
    try {
      if (order != null) {
        DoubleMatrix[] b = buffers(columns);
        source.gather(order, from, b[0], b[1]);
        return pass(b[0], b[1], measureCost, 1.0, true);
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
      DoubleMatrix[] b = buffers(examples);
      source.read(0, b[0], b[1]);
      return pass(b[0], b[1], measureCost, 1.0, gradient);
    }
    // sum over the chunks of (c / m) * their mean: gradients, cost and accuracy alike
    double cost = 0;
    double correct = 0;
    if (gradient) {
      zero(gradients);
    }
    for (int at = 0; at < examples; at += chunk) {
      int c = Math.min(chunk, examples - at);
      DoubleMatrix[] b = buffers(c);
      source.read(at, b[0], b[1]);
      double weight = (double) c / examples;
      cost += pass(b[0], b[1], measureCost, weight, gradient);
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
