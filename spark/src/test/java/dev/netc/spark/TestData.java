package dev.netc.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jblas.DoubleMatrix;

/** Seeded data sets, as matrices and as Spark ML rows in the same order. */
final class TestData {
  static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("id", DataTypes.IntegerType, false),
      DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
      DataTypes.createStructField("label", DataTypes.DoubleType, false)));

  static final StructType SCHEMA_FEATURES_LABEL = DataTypes.createStructType(List.of(
      DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
      DataTypes.createStructField("label", DataTypes.DoubleType, false)));

  final DoubleMatrix X;
  final DoubleMatrix Y;
  final double[] labels;

  private TestData(DoubleMatrix X, DoubleMatrix Y, double[] labels) {
    this.X = X;
    this.Y = Y;
    this.labels = labels;
  }

  /** {@code m} examples of {@code n} features in {@code k} classes separated by a random map. */
  static TestData classes(int m, int n, int k, long seed) {
    Random random = new Random(seed);
    DoubleMatrix centres = new DoubleMatrix(n, k);
    for (int i = 0; i < centres.length; i++) {
      centres.data[i] = 2 * random.nextGaussian();
    }
    DoubleMatrix X = new DoubleMatrix(n, m);
    DoubleMatrix Y = new DoubleMatrix(k == 2 ? 1 : k, m);
    double[] labels = new double[m];
    for (int j = 0; j < m; j++) {
      int c = random.nextInt(k);
      labels[j] = c;
      for (int i = 0; i < n; i++) {
        X.put(i, j, centres.get(i, c) + random.nextGaussian());
      }
      if (k == 2) {
        Y.put(0, j, c);
      } else {
        Y.put(c, j, 1.0);
      }
    }
    return new TestData(X, Y, labels);
  }

  /** The rows {@code from .. to - 1} as (id, features, label). */
  List<Row> rows(int from, int to) {
    List<Row> rows = new ArrayList<>();
    for (int j = from; j < to; j++) {
      rows.add(RowFactory.create(j, Vectors.dense(X.getColumn(j).data), labels[j]));
    }
    return rows;
  }

  /** All rows in order, in partitions of the given sizes (which must add up to m). */
  Dataset<Row> frame(SparkSession spark, int... partitionSizes) {
    Dataset<Row> frame = null;
    int from = 0;
    for (int size : partitionSizes) {
      Dataset<Row> part = spark.createDataFrame(rows(from, from + size), SCHEMA).coalesce(1);
      frame = frame == null ? part : frame.union(part);
      from += size;
    }
    if (from != X.columns) {
      throw new IllegalArgumentException("partitions hold " + from + " rows, not " + X.columns);
    }
    return frame;
  }
}
