package dev.netc.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import dev.netc.runtime.Training;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * netc-spark against MLlib's {@code MultilayerPerceptronClassifier} on the same data in the same
 * {@code local[2]} session: 200,000 examples of 100 features in 10 classes, 4 partitions, layers
 * 100-64-10 (sigmoid hidden, softmax output) on both sides. Not a test: run it with {@code mvn -B
 * -pl spark -am test-compile exec:exec -Pspark-benchmark} (see the README).
 */
public final class SparkBenchmark {
  private static final int M = 200_000;
  private static final int N = 100;
  private static final int K = 10;
  private static final int PARTITIONS = 4;

  private SparkBenchmark() {}

  public static void main(String[] args) {
    int gdIterations = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int blockSize = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
    boolean gdOnly = args.length > 2 && args[2].equals("gd");
    SparkSession spark = SparkSession.builder().master("local[2]").appName("netc-spark benchmark")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    Dataset<Row> data = data(spark).persist(StorageLevel.MEMORY_ONLY());
    System.out.printf("data: %d rows in %d partitions%n", data.count(),
        data.rdd().getNumPartitions());
    MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator()
        .setMetricName("accuracy");

    // --- time per full-batch gradient-descent iteration
    double mllibGd = mllibPerIteration(data, gdIterations);
    double netcGd = netcPerIteration(data, gdIterations, blockSize);
    System.out.printf("per gd iteration: MLlib %.3f s, netc %.3f s (blocks of %d): %.1fx%n",
        mllibGd, netcGd, blockSize, mllibGd / netcGd);
    if (gdOnly) {
      spark.stop();
      return;
    }

    // --- MLlib L-BFGS, 10 iterations: its time and training accuracy
    long start = System.nanoTime();
    MultilayerPerceptronClassificationModel lbfgs = mlp("l-bfgs", 10).fit(data);
    double lbfgsSeconds = seconds(start);
    double target = accuracy.evaluate(lbfgs.transform(data));
    System.out.printf("MLlib l-bfgs 10 iterations: %.2f s, training accuracy %.4f%n",
        lbfgsSeconds, target);

    // --- netc to the same accuracy: Adam on mini-batches across the partitions; the wall time
    // of the shortest fit (in epochs) whose model reaches it, setup included as for MLlib
    NetcClassificationModel<Mlp100Model> netc = null;
    double netcSeconds = Double.NaN;
    double netcAccuracy = 0;
    int epochs = 0;
    while (netcAccuracy < target && epochs < 10) {
      epochs++;
      NetcClassifier<Mlp100Model> adam = new NetcClassifier<>(Mlp100Model.class).setSeed(1)
          .setBlockSize(blockSize)
          .setTraining(Training.adam(0.02).epochs(epochs).miniBatches(10_000).recordEvery(100));
      start = System.nanoTime();
      netc = adam.fit(data);
      netcSeconds = seconds(start);
      netcAccuracy = accuracy.evaluate(netc.transform(data));
      System.out.printf("netc adam(0.02), batches of 10,000, %d epochs: %.2f s, accuracy %.4f%n",
          epochs, netcSeconds, netcAccuracy);
    }
    System.out.printf("to MLlib l-bfgs's accuracy %.4f: MLlib %.2f s, netc %.2f s: %.1fx%n",
        target, lbfgsSeconds, netcSeconds, lbfgsSeconds / netcSeconds);

    // --- scoring throughput: every row's prediction (and, second, probability) consumed by a
    // sum, so that nothing is pruned; MLlib's model is the l-bfgs one, netc's the adam one
    Column probability = element(col("probability"));
    for (int round = 0; round < 3; round++) {
      double mllib = score(lbfgs.transform(data), col("prediction"));
      double ours = score(netc.copy(new ParamMap()).setProbabilityCol("").transform(data),
          col("prediction"));
      System.out.printf("scoring %d rows, prediction: MLlib %.3f s (%.0f rows/s), netc %.3f s"
          + " (%.0f rows/s): %.1fx%n", M, mllib, M / mllib, ours, M / ours, mllib / ours);
      mllib = score(lbfgs.transform(data), probability);
      ours = score(netc.transform(data), probability);
      System.out.printf("scoring %d rows, prediction and probability: MLlib %.3f s, netc %.3f s:"
          + " %.1fx%n", M, mllib, ours, mllib / ours);
      double floor = score(floor(data), probability);
      System.out.printf("Spark's own floor for those two columns through mapPartitions (rows"
          + " copied, constants added, no network): %.3f s%n", floor);
    }
    spark.stop();
  }

  private static MultilayerPerceptronClassifier mlp(String solver, int iterations) {
    return new MultilayerPerceptronClassifier().setLayers(new int[] {N, 64, K})
        .setSolver(solver).setStepSize(0.03).setMaxIter(iterations).setTol(0.0).setSeed(1L);
  }

  /** MLlib gd: the time of n + 1 iterations less that of 1, over n. */
  private static double mllibPerIteration(Dataset<Row> data, int n) {
    mlp("gd", 1).fit(data); // warm-up
    long start = System.nanoTime();
    mlp("gd", 1).fit(data);
    double one = seconds(start);
    start = System.nanoTime();
    mlp("gd", n + 1).fit(data);
    return (seconds(start) - one) / n;
  }

  /** netc full-batch gradient descent: the time of n + 1 iterations less that of 1, over n. */
  private static double netcPerIteration(Dataset<Row> data, int n, int blockSize) {
    NetcClassifier<Mlp100Model> gd = new NetcClassifier<>(Mlp100Model.class).setSeed(1)
        .setBlockSize(blockSize);
    gd.setTraining(Training.gradientDescent(0.03).iterations(1)).fit(data); // warm-up
    long start = System.nanoTime();
    gd.setTraining(Training.gradientDescent(0.03).iterations(1)).fit(data);
    double one = seconds(start);
    start = System.nanoTime();
    gd.setTraining(Training.gradientDescent(0.03).iterations(n + 1).recordEvery(n + 1))
        .fit(data);
    return (seconds(start) - one) / n;
  }

  private static double score(Dataset<Row> scored, Column consumed) {
    long start = System.nanoTime();
    scored.agg(sum(col("prediction")), sum(consumed)).collect();
    return seconds(start);
  }

  /**
   * What any mapPartitions transform of Rows pays before computing anything: every row read,
   * copied, given a constant prediction and probability vector, and written back.
   */
  private static Dataset<Row> floor(Dataset<Row> data) {
    org.apache.spark.sql.types.StructType schema = data.schema()
        .add("prediction", org.apache.spark.sql.types.DataTypes.DoubleType, false)
        .add("probability", org.apache.spark.ml.linalg.SQLDataTypes.VectorType(), false);
    MapPartitionsFunction<Row, Row> copy = rows -> new Iterator<Row>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row row = rows.next();
        Object[] values = new Object[row.size() + 2];
        for (int i = 0; i < row.size(); i++) {
          values[i] = row.get(i);
        }
        values[row.size()] = 0.0;
        values[row.size() + 1] = Vectors.dense(new double[K]);
        return RowFactory.create(values);
      }
    };
    return data.mapPartitions(copy, Encoders.row(schema));
  }

  /** The first entry of a vector column. */
  private static Column element(Column vectors) {
    return org.apache.spark.ml.functions.vector_to_array(vectors, "float64").getItem(0);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * 10 Gaussian clusters in 100 dimensions, centres drawn with seed 1, noise of standard deviation
   * 2.5 per feature.
   */
  static Dataset<Row> data(SparkSession spark) {
    Random random = new Random(1);
    double[][] centres = new double[K][N];
    for (double[] c : centres) {
      for (int i = 0; i < N; i++) {
        c[i] = random.nextGaussian();
      }
    }
    MapPartitionsFunction<Long, Row> rows = ids -> {
      List<Row> out = new ArrayList<>();
      while (ids.hasNext()) {
        long id = ids.next();
        Random r = new Random(id * 7919 + 13);
        int label = r.nextInt(K);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
          x[i] = centres[label][i] + 2.5 * r.nextGaussian();
        }
        out.add(RowFactory.create(Vectors.dense(x), (double) label));
      }
      Iterator<Row> it = out.iterator();
      return it;
    };
    return spark.range(0, M, 1, PARTITIONS).as(Encoders.LONG())
        .mapPartitions(rows, Encoders.row(TestData.SCHEMA_FEATURES_LABEL));
  }
}
