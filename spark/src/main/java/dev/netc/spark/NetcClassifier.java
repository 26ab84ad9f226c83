package dev.netc.spark;

import dev.netc.annotations.Loss;
import dev.netc.runtime.Architecture;
import dev.netc.runtime.Model;
import dev.netc.runtime.ModelFiles;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingReport;
import dev.netc.runtime.internal.TrainingLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.jblas.DoubleMatrix;

/**
 * Trains a generated netc network on a Spark {@code Dataset} as a Spark ML {@link Estimator}, the
 * way {@code MultilayerPerceptronClassifier} is used, in a {@code Pipeline} or alone:
 *
 * <pre>{@code
 * NetcClassifier<DigitClassifierModel> classifier =
 *     new NetcClassifier<>(DigitClassifierModel.class)
 *         .setTraining(Training.adam(0.001).epochs(20).miniBatches(8192))
 *         .setSeed(7);
 * NetcClassificationModel<DigitClassifierModel> model = classifier.fit(train);
 * Dataset<Row> scored = model.transform(test);   // + prediction, probability
 * model.network().save(Path.of("digits.npz"));
 * }</pre>
 *
 * <p>Training is synchronous data-parallel gradient descent through the runtime's one training
 * loop: every option of {@link Training} means what it means in memory (update rules, full batch
 * or mini-batches, L2, learning-rate decay, a validation set given as matrices, early stopping,
 * listeners and progress). The examples are cached on the executors, in blocks of {@link
 * #blockSize()} rows, for the length of {@code fit}; each step is one Spark job. Full-batch
 * gradient descent gives the parameters that {@code model.fit(X, Y, training)} gives on one
 * machine, up to the rounding of the partition sums.
 *
 * <p>The label column is numeric: a class index {@code 0 .. n[L]-1} for a softmax output with
 * categorical cross-entropy, 0 or 1 for one sigmoid output with binary cross-entropy, the target
 * for one output with mean squared error.
 *
 * <p>{@link #setCheckpoints} saves the parameters every {@code k} epochs; a later {@code fit} with
 * the same directory resumes from the latest checkpoint and trains the remaining epochs.
 *
 * @param <M> the generated model class
 */
public final class NetcClassifier<M extends Model>
    extends Estimator<NetcClassificationModel<M>> {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final NetworkFactory<M> factory;
  private transient Training training = Training.gradientDescent(0.1).iterations(100);
  private transient M initial;
  private transient Path checkpoints;
  private int checkpointEvery;
  private final Param<String> featuresCol;
  private final Param<String> labelCol;
  private final Param<String> predictionCol;
  private final Param<String> probabilityCol;
  private final LongParam seed;
  private final IntParam blockSize;

  /**
   * An estimator of the generated model class {@code modelClass} (e.g. {@code
   * PlanarClassifierModel.class}), whose {@code create(long)} makes the models.
   */
  public NetcClassifier(Class<M> modelClass) {
    this(NetworkFactory.of(modelClass));
  }

  /** An estimator whose models {@code factory} makes, e.g. {@code FooModel::create}. */
  public NetcClassifier(NetworkFactory<M> factory) {
    this("netcClassifier_" + UUID.randomUUID().toString().substring(24), factory);
  }

  private NetcClassifier(String uid, NetworkFactory<M> factory) {
    this.uid = uid;
    this.factory = Objects.requireNonNull(factory, "factory");
    this.featuresCol = new Param<>(this, "featuresCol", "features column name");
    this.labelCol = new Param<>(this, "labelCol", "label column name");
    this.predictionCol = new Param<>(this, "predictionCol", "prediction column name");
    this.probabilityCol = new Param<>(this, "probabilityCol",
        "column name for class probabilities; empty for none");
    this.seed = new LongParam(this, "seed", "seed of the initial parameters");
    this.blockSize = new IntParam(this, "blockSize",
        "training examples per cached block and matrix product");
    setDefault(featuresCol, "features");
    setDefault(labelCol, "label");
    setDefault(predictionCol, "prediction");
    setDefault(probabilityCol, "probability");
    setDefault(seed, 1L);
    setDefault(blockSize, 4096);
  }

  public Param<String> featuresCol() {
    return featuresCol;
  }

  public Param<String> labelCol() {
    return labelCol;
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  public Param<String> probabilityCol() {
    return probabilityCol;
  }

  public LongParam seed() {
    return seed;
  }

  public IntParam blockSize() {
    return blockSize;
  }

  public NetcClassifier<M> setFeaturesCol(String name) {
    set(featuresCol, name);
    return this;
  }

  public NetcClassifier<M> setLabelCol(String name) {
    set(labelCol, name);
    return this;
  }

  public NetcClassifier<M> setPredictionCol(String name) {
    set(predictionCol, name);
    return this;
  }

  public NetcClassifier<M> setProbabilityCol(String name) {
    set(probabilityCol, name);
    return this;
  }

  /** The seed of {@code create(seed)}, the initial parameters (default 1). */
  public NetcClassifier<M> setSeed(long value) {
    set(seed, value);
    return this;
  }

  /**
   * Training examples per cached block, one gemm per layer and block (default 4096).
   *
   * @throws IllegalArgumentException if {@code rows < 1}
   */
  public NetcClassifier<M> setBlockSize(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("blockSize must be at least 1, got " + rows);
    }
    set(blockSize, rows);
    return this;
  }

  /** How to train (default: gradient descent, learning rate 0.1, 100 iterations). */
  public NetcClassifier<M> setTraining(Training value) {
    this.training = Objects.requireNonNull(value, "training");
    return this;
  }

  /** The training options. */
  public Training getTraining() {
    return training;
  }

  /**
   * Starts from the parameters of {@code network} (copied; {@code network} is not changed) rather
   * than from {@code create(seed)}: fine-tuning, or continuing a run of another machine.
   */
  public NetcClassifier<M> setInitialNetwork(M network) {
    this.initial = Objects.requireNonNull(network, "network");
    return this;
  }

  /**
   * Saves the parameters in {@code directory} (on the driver's file system) every {@code every}
   * epochs and at the end, as {@code epoch-000120.npz}, each written atomically; a {@code fit}
   * that finds checkpoints there starts from the latest and trains only the remaining epochs of
   * its training.
   * The optimizer's state (velocities, Adam's moments) and the learning-rate decay start afresh on
   * resuming, so a resumed run equals an uninterrupted one for gradient descent without decay.
   *
   * @throws IllegalArgumentException if {@code every < 1}
   */
  public NetcClassifier<M> setCheckpoints(Path directory, int every) {
    if (every < 1) {
      throw new IllegalArgumentException("checkpoint every must be at least 1, got " + every);
    }
    this.checkpoints = Objects.requireNonNull(directory, "directory");
    this.checkpointEvery = every;
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String label = getOrDefault(labelCol);
    if (!java.util.Arrays.asList(schema.fieldNames()).contains(label)) {
      throw new IllegalArgumentException("no label column \"" + label + "\" in "
          + schema.simpleString());
    }
    if (!(schema.apply(label).dataType() instanceof NumericType)) {
      throw new IllegalArgumentException("column \"" + label + "\" must be numeric, got "
          + schema.apply(label).dataType().simpleString());
    }
    return model(factory.create(0), null).transformSchema(schema);
  }

  private NetcClassificationModel<M> model(M network, TrainingReport report) {
    NetcClassificationModel<M> model = new NetcClassificationModel<>(
        NetcClassificationModel.randomUid(), factory, network, report);
    model.setFeaturesCol(getOrDefault(featuresCol))
        .setPredictionCol(getOrDefault(predictionCol))
        .setProbabilityCol(getOrDefault(probabilityCol));
    return model;
  }

  @Override
  public NetcClassificationModel<M> fit(Dataset<?> dataset) {
    Dataset<Row> rows = dataset.toDF();
    transformSchema(rows.schema());
    M network = factory.create((Long) getOrDefault(seed));
    Architecture architecture = Networks.architecture(network);
    if (initial != null) {
      network.parameters().copyFrom(initial.parameters());
    }
    int done = 0;
    if (checkpoints != null) {
      try {
        OptionalInt latest = Checkpoints.latest(checkpoints);
        if (latest.isPresent()) {
          done = latest.getAsInt();
          network.parameters().copyFrom(ModelFiles.load(
              checkpoints.resolve(Checkpoints.name(done)), architecture));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not read the checkpoints in " + checkpoints, e);
      }
    }
    TrainingReport report = null;
    if (done < training.epochs()) {
      report = train(rows, network, architecture, done);
    }
    NetcClassificationModel<M> model = model(network, report);
    model.setParent(this);
    return model;
  }

  private TrainingReport train(Dataset<Row> rows, M network, Architecture architecture,
      int done) {
    int features = rows.schema().fieldIndex(getOrDefault(featuresCol));
    int label = rows.schema().fieldIndex(getOrDefault(labelCol));
    JavaRDD<Block> blocks = rows.javaRDD()
        .mapPartitions(new ToBlocks(architecture, features, label,
            (Integer) getOrDefault(blockSize)))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<Long> sizes = blocks.mapPartitions(SIZE).collect();
      long[] partitionSizes = new long[sizes.size()];
      long m = 0;
      for (int p = 0; p < partitionSizes.length; p++) {
        partitionSizes[p] = sizes.get(p);
        m += partitionSizes[p];
      }
      if (m == 0) {
        throw new IllegalArgumentException(architecture.network()
            + ": the Dataset has no rows; at least one example is needed");
      }
      JavaSparkContext context = JavaSparkContext.fromSparkContext(
          rows.sparkSession().sparkContext());
      Training remaining = training.epochs(training.epochs() - done);
      SparkLearner<M> learner = new SparkLearner<>(context, blocks, partitionSizes, factory,
          network, remaining, done, checkpoints, checkpointEvery);
      TrainingReport report = TrainingLoop.run(remaining, architecture, learner);
      if (checkpoints != null) {
        save(network, done + report.epochs());
      }
      return report;
    } finally {
      blocks.unpersist(false);
    }
  }

  private void save(M network, int epoch) {
    try {
      ModelFiles.save(checkpoints.resolve(Checkpoints.name(epoch)), network.parameters());
    } catch (IOException e) {
      throw new UncheckedIOException("could not save the checkpoint of epoch " + epoch + " in "
          + checkpoints, e);
    }
  }

  private static final FlatMapFunction<Iterator<Block>, Long> SIZE = blocks -> {
    long m = 0;
    while (blocks.hasNext()) {
      m += blocks.next().examples();
    }
    return Collections.singletonList(m).iterator();
  };

  /** A partition's rows as blocks of at most {@code size} examples. */
  private static final class ToBlocks implements FlatMapFunction<Iterator<Row>, Block> {
    private static final long serialVersionUID = 1L;
    private final String network;
    private final Loss loss;
    private final int inputs;
    private final int outputs;
    private final int features;
    private final int label;
    private final int size;

    ToBlocks(Architecture architecture, int features, int label, int size) {
      this.network = architecture.network();
      this.loss = architecture.loss();
      this.inputs = architecture.sizes()[0];
      this.outputs = architecture.units(architecture.layers());
      this.features = features;
      this.label = label;
      this.size = size;
    }

    @Override
    public Iterator<Block> call(Iterator<Row> rows) {
      List<Block> blocks = new ArrayList<>();
      List<Row> pending = new ArrayList<>(size);
      while (rows.hasNext()) {
        pending.add(rows.next());
        if (pending.size() == size || !rows.hasNext()) {
          DoubleMatrix X = new DoubleMatrix(inputs, pending.size());
          DoubleMatrix Y = new DoubleMatrix(outputs, pending.size());
          for (int j = 0; j < pending.size(); j++) {
            Columns.features(pending.get(j), features, X, j, network);
            Columns.label(pending.get(j), label, loss, network, Y, j);
          }
          blocks.add(new Block(X, Y));
          pending.clear();
        }
      }
      return blocks.iterator();
    }
  }

  @Override
  public NetcClassifier<M> copy(ParamMap extra) {
    NetcClassifier<M> copy = new NetcClassifier<>(uid, factory);
    copy.training = training;
    copy.initial = initial;
    copy.checkpoints = checkpoints;
    copy.checkpointEvery = checkpointEvery;
    return copyValues(copy, extra);
  }

  @Override
  public String uid() {
    return uid;
  }
}
