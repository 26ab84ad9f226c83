package dev.netc.spark;

import dev.netc.annotations.Loss;
import dev.netc.runtime.Architecture;
import dev.netc.runtime.Gradients;
import dev.netc.runtime.Metrics;
import dev.netc.runtime.Model;
import dev.netc.runtime.ModelFiles;
import dev.netc.runtime.Training;
import dev.netc.runtime.internal.AbstractLearner;
import dev.netc.runtime.internal.TrainingLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.jblas.DoubleMatrix;

/**
 * Synchronous data-parallel training for the runtime's one training loop: every step broadcasts
 * the parameters, each partition sums its examples' gradients ({@code m_p} times the mean that the
 * generated {@code gradients(X, Y)} returns, in float64), the sums are added up on the way to the
 * driver, and the driver divides by the step's example count; the loop then applies the update
 * rule, L2, decay, validation, early stopping and listeners exactly as it does in memory.
 *
 * <p>Mini-batches are drawn across partitions: each epoch every partition shuffles its own
 * examples (seeded by the training's seed, the epoch and the partition) and batch {@code k} of
 * {@code B} takes the slice {@code [k m_p / B, (k + 1) m_p / B)} of every partition, so that an
 * epoch visits every example once and each batch samples every partition in proportion.
 */
final class SparkLearner<M extends Model> extends AbstractLearner {
  /** Partition results of at most this many bytes in all are added in partition order. */
  private static final long ORDERED_SUM_BYTES = 64L << 20;

  private final JavaSparkContext context;
  private final JavaRDD<Block> blocks;
  private final long[] partitionSizes;
  private final int examples;
  private final int batches;
  private final long seed;
  private final NetworkFactory<M> factory;
  private final M network;
  private final Architecture architecture;
  private final DoubleMatrix validationX;
  private final DoubleMatrix validationY;
  private final Path checkpoints;
  private final int checkpointEvery;
  /** Identifies this training's models in the executors' per-thread cache. */
  private final String key;

  private int epoch;
  private int batch;
  private int batchExamples;
  private double accuracy;
  private double validationAccuracy;

  /**
   * @param blocks the cached training examples
   * @param partitionSizes the examples of each partition of {@code blocks}
   * @param firstEpoch the epochs trained before (from a checkpoint), 0 for a new run
   * @param checkpoints where to save the parameters every {@code checkpointEvery} epochs, or null
   */
  SparkLearner(JavaSparkContext context, JavaRDD<Block> blocks, long[] partitionSizes,
      NetworkFactory<M> factory, M network, Training training, int firstEpoch, Path checkpoints,
      int checkpointEvery) {
    super(training, network.parameters());
    this.context = context;
    this.blocks = blocks;
    this.partitionSizes = partitionSizes.clone();
    long m = 0;
    for (long size : partitionSizes) {
      m += size;
    }
    if (m > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("netc-spark trains on at most 2^31 - 1 examples, got "
          + m);
    }
    this.examples = (int) m;
    int size = training.miniBatchSize();
    this.batches = size == 0 || size >= examples ? 1 : (examples + size - 1) / size;
    this.seed = training.seed();
    this.factory = factory;
    this.network = network;
    this.architecture = Networks.architecture(network);
    Training.Validation validation = training.validation().orElse(null);
    if (validation != null) {
      TrainingLoop.checkValidation(architecture, validation);
      this.validationX = TrainingLoop.inDouble(validation.X(), validation.floatX());
      this.validationY = TrainingLoop.inDouble(validation.Y(), validation.floatY());
    } else {
      this.validationX = null;
      this.validationY = null;
    }
    this.epoch = firstEpoch - 1;
    this.checkpoints = checkpoints;
    this.checkpointEvery = checkpointEvery;
    this.key = java.util.UUID.randomUUID().toString();
  }

  @Override
  public int examples() {
    return examples;
  }

  @Override
  public int batches() {
    return batches;
  }

  @Override
  public void shuffle() {
    epoch++;
    if (checkpoints != null && epoch > 0 && epoch % checkpointEvery == 0) {
      try {
        ModelFiles.save(checkpoints.resolve(Checkpoints.name(epoch)), parameters);
      } catch (IOException e) {
        throw new UncheckedIOException("could not save the checkpoint of epoch " + epoch
            + " in " + checkpoints, e);
      }
    }
  }

  @Override
  public int select(int k) {
    batch = k;
    long m = 0;
    for (long size : partitionSizes) {
      m += sliceEnd(size, k, batches) - sliceEnd(size, k - 1, batches);
    }
    batchExamples = (int) m;
    return batchExamples;
  }

  /** The end of slice {@code k} of {@code B} of {@code size} examples: {@code (k+1) size / B}. */
  static int sliceEnd(long size, int k, int batches) {
    return (int) ((k + 1) * size / batches);
  }

  @Override
  public double forward(boolean measureCost) {
    double[] sums = step(Step.GRADIENT, measureCost);
    int p = sums.length - 3;
    double m = sums[p + 2];
    if (m != batchExamples) {
      throw new IllegalStateException("the partitions summed " + m + " examples, not "
          + batchExamples);
    }
    int at = 0;
    for (int l = 1; l <= gradients.layers(); l++) {
      at = mean(sums, at, m, gradients.dW(l));
      at = mean(sums, at, m, gradients.db(l));
    }
    accuracy = sums[p + 1] / m;
    return measureCost ? sums[p] / m : 0.0;
  }

  private static int mean(double[] sums, int at, double m, DoubleMatrix G) {
    for (int i = 0; i < G.length; i++) {
      G.data[i] = sums[at + i] / m;
    }
    return at + G.length;
  }

  @Override
  public double accuracy() {
    return accuracy;
  }

  @Override
  public void backward() {
    // the partitions computed the gradients with the forward pass, in one job
  }

  @Override
  public double validationCost() {
    validationAccuracy = Metrics.accuracy(network.forward(validationX), validationY);
    return network.cost(validationX, validationY);
  }

  @Override
  public double validationAccuracy() {
    return validationAccuracy;
  }

  @Override
  public double dataCost() {
    double[] sums = step(Step.COST, true);
    int p = sums.length - 3;
    return sums[p] / sums[p + 2];
  }

  private enum Step {
    GRADIENT,
    COST
  }

  /**
   * One Spark job over the cached blocks: per partition, {@code [sum of m_b * gradient, sum of
   * m_b * cost, sum of m_b * accuracy, m]} of the current batch (of all examples for {@link
   * Step#COST}), added up across partitions.
   */
  private double[] step(Step what, boolean measure) {
    Broadcast<double[]> flat = context.broadcast(Networks.flatten(parameters));
    try {
      boolean gradient = what == Step.GRADIENT;
      PartitionStep<M> task = new PartitionStep<>(factory, flat, key, gradient, measure,
          architecture.loss() != Loss.MEAN_SQUARED_ERROR, gradient ? batch : 0,
          gradient ? batches : 1, gradient && batches > 1, seed, epoch);
      JavaRDD<double[]> partials = blocks.mapPartitionsWithIndex(task, true);
      int length = flat.value().length + 3;
      if ((long) length * 8 * partitionSizes.length <= ORDERED_SUM_BYTES) {
        // in partition order: the same bits whatever order the tasks finish in, retried or not
        double[] total = new double[length];
        for (double[] partial : partials.collect()) {
          add(total, partial);
        }
        return total;
      }
      int depth = Math.max(2, (int) Math.ceil(Math.log(partitionSizes.length) / Math.log(8)));
      return partials.treeReduce(SparkLearner::add, depth);
    } finally {
      flat.destroy();
    }
  }

  private static double[] add(double[] total, double[] partial) {
    for (int i = 0; i < total.length; i++) {
      total[i] += partial[i];
    }
    return total;
  }

  /** What one task runs over its partition's blocks. */
  private static final class PartitionStep<M extends Model>
      implements Function2<Integer, Iterator<Block>, Iterator<double[]>> {
    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<Object[]> MODELS = new ThreadLocal<>();

    private final NetworkFactory<M> factory;
    private final Broadcast<double[]> flat;
    private final String key;
    private final boolean gradient;
    private final boolean measure;
    private final boolean classifier;
    private final int batch;
    private final int batches;
    private final boolean shuffled;
    private final long seed;
    private final int epoch;

    PartitionStep(NetworkFactory<M> factory, Broadcast<double[]> flat, String key,
        boolean gradient, boolean measure, boolean classifier, int batch, int batches,
        boolean shuffled, long seed, int epoch) {
      this.factory = factory;
      this.flat = flat;
      this.key = key;
      this.gradient = gradient;
      this.measure = measure;
      this.classifier = classifier;
      this.batch = batch;
      this.batches = batches;
      this.shuffled = shuffled;
      this.seed = seed;
      this.epoch = epoch;
    }

    /** This thread's model of this training, holding the broadcast parameters. */
    @SuppressWarnings("unchecked")
    private M model() {
      Object[] cached = MODELS.get();
      M model;
      if (cached != null && cached[0].equals(key)) {
        model = (M) cached[1];
      } else {
        model = factory.create(0);
        MODELS.set(new Object[] {key, model});
      }
      Networks.unflatten(flat.value(), model.parameters());
      return model;
    }

    @Override
    public Iterator<double[]> call(Integer partition, Iterator<Block> input) {
      List<Block> blocks = new ArrayList<>();
      long size = 0;
      while (input.hasNext()) {
        Block b = input.next();
        blocks.add(b);
        size += b.examples();
      }
      double[] sums = new double[flat.value().length + 3];
      if (size == 0) {
        return Collections.singletonList(sums).iterator();
      }
      M model = model();
      if (!shuffled) {
        for (Block b : blocks) {
          add(model, b.X(), b.Y(), sums);
        }
      } else {
        int from = sliceEnd(size, batch - 1, batches);
        int to = sliceEnd(size, batch, batches);
        if (to > from) {
          int[] order = permutation((int) size, new Random(seed * 1_000_003L
              + epoch * 10_007L + partition));
          Block first = blocks.get(0);
          DoubleMatrix X = new DoubleMatrix(first.X().rows, to - from);
          DoubleMatrix Y = new DoubleMatrix(first.Y().rows, to - from);
          int blockSize = first.examples();
          for (int j = from; j < to; j++) {
            int i = order[j];
            Block b = blocks.get(i / blockSize);
            int c = i % blockSize;
            System.arraycopy(b.X().data, c * X.rows, X.data, (j - from) * X.rows, X.rows);
            System.arraycopy(b.Y().data, c * Y.rows, Y.data, (j - from) * Y.rows, Y.rows);
          }
          add(model, X, Y, sums);
        }
      }
      return Collections.singletonList(sums).iterator();
    }

    private static int[] permutation(int n, Random random) {
      int[] order = new int[n];
      for (int j = 0; j < n; j++) {
        order[j] = j;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      return order;
    }

    /** Adds {@code m} times the mean gradient, cost and accuracy of {@code (X, Y)} to sums. */
    private void add(M model, DoubleMatrix X, DoubleMatrix Y, double[] sums) {
      int m = X.columns;
      int p = sums.length - 3;
      if (gradient) {
        Gradients g = model.gradients(X, Y);
        int at = 0;
        for (int l = 1; l <= g.layers(); l++) {
          at = addScaled(g.dW(l), m, sums, at);
          at = addScaled(g.db(l), m, sums, at);
        }
      }
      if (measure) {
        sums[p] += model.cost(X, Y) * m;
        if (gradient && classifier) {
          sums[p + 1] += Metrics.accuracy(model.forward(X), Y) * m;
        }
      }
      sums[p + 2] += m;
    }

    private static int addScaled(DoubleMatrix G, int m, double[] sums, int at) {
      for (int i = 0; i < G.length; i++) {
        sums[at + i] += G.data[i] * m;
      }
      return at + G.length;
    }
  }
}
