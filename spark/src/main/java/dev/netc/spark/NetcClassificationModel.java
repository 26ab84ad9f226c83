package dev.netc.spark;

import dev.netc.annotations.Loss;
import dev.netc.runtime.Architecture;
import dev.netc.runtime.Model;
import dev.netc.runtime.TrainingReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jblas.DoubleMatrix;

/**
 * A trained netc network as a Spark ML {@link org.apache.spark.ml.Model}: {@link #transform} adds
 * a {@code prediction} column (the class index, 0/1, or the regression output) and, for
 * classifiers, a {@code probability} column of Spark ML vectors, to any {@code Dataset} with a
 * {@code features} column of vectors of {@code n[0]} entries.
 *
 * <p>Scoring broadcasts the parameters once per {@code transform}, makes one generated model per
 * partition, and turns each block of {@link #blockSize()} rows (1024 by default) into one {@code
 * n[0] x block} matrix, so that every layer is one gemm per block rather than one per row. The
 * parameters are those of {@link #network()} when {@code transform} is called: a later change to
 * them is not seen by a Dataset already transformed.
 *
 * <p>{@link #of(NetworkFactory, Model)} wraps a network trained anywhere (on one machine, or
 * loaded from the {@code .npz} file that its {@code save} wrote) for scoring on a cluster.
 *
 * @param <M> the generated model class
 */
public final class NetcClassificationModel<M extends Model>
    extends org.apache.spark.ml.Model<NetcClassificationModel<M>> {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final NetworkFactory<M> factory;
  /** On the driver only: Spark ships the factory and the broadcast parameters. */
  private final transient M network;
  private final transient TrainingReport report;
  private final Param<String> featuresCol;
  private final Param<String> predictionCol;
  private final Param<String> probabilityCol;
  private final IntParam blockSize;

  NetcClassificationModel(String uid, NetworkFactory<M> factory, M network,
      TrainingReport report) {
    this.uid = uid;
    this.factory = factory;
    this.network = network;
    this.report = report;
    Networks.checkSupported(Networks.architecture(network));
    this.featuresCol = new Param<>(this, "featuresCol", "features column name");
    this.predictionCol = new Param<>(this, "predictionCol", "prediction column name");
    this.probabilityCol = new Param<>(this, "probabilityCol",
        "column name for class probabilities; empty for none");
    this.blockSize = new IntParam(this, "blockSize", "rows per matrix product when scoring");
    setDefault(featuresCol, "features");
    setDefault(predictionCol, "prediction");
    setDefault(probabilityCol, "probability");
    setDefault(blockSize, 1024);
  }

  /**
   * A Spark ML model that scores with {@code network}, e.g. {@code
   * NetcClassificationModel.of(NetworkFactory.of(FooModel.class), FooModel.load(path))}.
   *
   * @throws IllegalArgumentException if the network's outputs cannot be labelled (see {@link
   *     NetcClassifier})
   */
  public static <M extends Model> NetcClassificationModel<M> of(NetworkFactory<M> factory,
      M network) {
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(network, "network");
    return new NetcClassificationModel<>(randomUid(), factory, network, null);
  }

  static String randomUid() {
    return "netcClassificationModel_" + UUID.randomUUID().toString().substring(24);
  }

  /** The trained generated model (on the driver): save it, inspect it, score in memory. */
  public M network() {
    return network;
  }

  /** What training reported, when this model came from {@link NetcClassifier#fit}. */
  public Optional<TrainingReport> trainingReport() {
    return Optional.ofNullable(report);
  }

  public Param<String> featuresCol() {
    return featuresCol;
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  public Param<String> probabilityCol() {
    return probabilityCol;
  }

  public IntParam blockSize() {
    return blockSize;
  }

  public NetcClassificationModel<M> setFeaturesCol(String name) {
    set(featuresCol, name);
    return this;
  }

  public NetcClassificationModel<M> setPredictionCol(String name) {
    set(predictionCol, name);
    return this;
  }

  /** The probability column's name; {@code ""} for none. */
  public NetcClassificationModel<M> setProbabilityCol(String name) {
    set(probabilityCol, name);
    return this;
  }

  /**
   * Rows per matrix product when scoring.
   *
   * @throws IllegalArgumentException if {@code rows < 1}
   */
  public NetcClassificationModel<M> setBlockSize(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("blockSize must be at least 1, got " + rows);
    }
    set(blockSize, rows);
    return this;
  }

  private boolean withProbability() {
    return Networks.architecture(network).loss() != Loss.MEAN_SQUARED_ERROR
        && !getOrDefault(probabilityCol).isEmpty();
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String features = getOrDefault(featuresCol);
    if (!Arrays.asList(schema.fieldNames()).contains(features)) {
      throw new IllegalArgumentException("no features column \"" + features + "\" in "
          + schema.simpleString());
    }
    if (!schema.apply(features).dataType().equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException("column \"" + features + "\" must hold Spark ML vectors,"
          + " got " + schema.apply(features).dataType().simpleString());
    }
    List<StructField> fields = new ArrayList<>(Arrays.asList(schema.fields()));
    fields.add(DataTypes.createStructField(getOrDefault(predictionCol), DataTypes.DoubleType,
        false));
    if (withProbability()) {
      fields.add(DataTypes.createStructField(getOrDefault(probabilityCol),
          SQLDataTypes.VectorType(), false));
    }
    for (int i = schema.size(); i < fields.size(); i++) {
      if (Arrays.asList(schema.fieldNames()).contains(fields.get(i).name())) {
        throw new IllegalArgumentException("column \"" + fields.get(i).name()
            + "\" exists already; choose another output column name");
      }
    }
    return DataTypes.createStructType(fields);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    Dataset<Row> rows = dataset.toDF();
    StructType out = transformSchema(rows.schema());
    Architecture a = Networks.architecture(network);
    JavaSparkContext context = JavaSparkContext.fromSparkContext(
        rows.sparkSession().sparkContext());
    Broadcast<double[]> parameters = context.broadcast(Networks.flatten(network.parameters()));
    Scorer<M> scorer = new Scorer<>(factory, parameters, rows.schema().fieldIndex(
        getOrDefault(featuresCol)), (Integer) getOrDefault(blockSize), a.sizes()[0], a.loss(),
        withProbability(), a.network());
    return rows.mapPartitions(scorer, Encoders.row(out));
  }

  @Override
  public NetcClassificationModel<M> copy(ParamMap extra) {
    NetcClassificationModel<M> copy = new NetcClassificationModel<>(uid, factory, network, report);
    copyValues(copy, extra);
    if (hasParent()) {
      copy.setParent(parent());
    }
    return copy;
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public String toString() {
    return "NetcClassificationModel(" + uid + ", " + Networks.architecture(network).describe()
        + ")";
  }

  /** One partition's scoring: a model of its own, the rows in blocks of one gemm per layer. */
  private static final class Scorer<M extends Model> implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final NetworkFactory<M> factory;
    private final Broadcast<double[]> parameters;
    private final int featuresField;
    private final int block;
    private final int inputs;
    private final Loss loss;
    private final boolean probability;
    private final String network;

    Scorer(NetworkFactory<M> factory, Broadcast<double[]> parameters, int featuresField,
        int block, int inputs, Loss loss, boolean probability, String network) {
      this.factory = factory;
      this.parameters = parameters;
      this.featuresField = featuresField;
      this.block = block;
      this.inputs = inputs;
      this.loss = loss;
      this.probability = probability;
      this.network = network;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
      return new Iterator<>() {
        private M model;
        private final Row[] rows = new Row[block];
        private DoubleMatrix A;
        private int count;
        private int next;

        @Override
        public boolean hasNext() {
          if (next < count) {
            return true;
          }
          fill();
          return count > 0;
        }

        private void fill() {
          count = 0;
          next = 0;
          while (count < block && input.hasNext()) {
            rows[count++] = input.next();
          }
          if (count == 0) {
            return;
          }
          if (model == null) {
            model = Networks.withParameters(factory, parameters.value());
          }
          DoubleMatrix X = new DoubleMatrix(inputs, count);
          for (int j = 0; j < count; j++) {
            Columns.features(rows[j], featuresField, X, j, network);
          }
          A = model.forward(X);
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Row row = rows[next];
          int n = row.size();
          Object[] values = new Object[n + (probability ? 2 : 1)];
          for (int i = 0; i < n; i++) {
            values[i] = row.get(i);
          }
          values[n] = Columns.prediction(loss, A, next);
          if (probability) {
            values[n + 1] = Vectors.dense(Columns.probability(loss, A, next));
          }
          rows[next++] = null;
          return RowFactory.create(values);
        }
      };
    }
  }
}
