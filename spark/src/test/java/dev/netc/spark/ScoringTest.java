package dev.netc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

class ScoringTest {
  private final SparkSession spark = LocalSpark.session();

  @Test
  void softmaxScoresAreTheForwardPassOfEveryRowInBlocksAcrossPartitions() {
    TestData data = TestData.classes(100, 5, 3, 11);
    ThreeClassesModel network = ThreeClassesModel.create(3);
    NetcClassificationModel<ThreeClassesModel> model =
        NetcClassificationModel.of(NetworkFactory.of(ThreeClassesModel.class), network)
            .setBlockSize(7);
    List<Row> scored = model.transform(data.frame(spark, 31, 60, 9)).orderBy("id")
        .collectAsList();
    DoubleMatrix A = network.forward(data.X);
    assertEquals(100, scored.size());
    for (Row row : scored) {
      int j = row.getInt(0);
      Vector p = row.getAs("probability");
      assertEquals(3, p.size());
      int best = 0;
      for (int k = 0; k < 3; k++) {
        assertEquals(A.get(k, j), p.apply(k), 1e-12 * Math.abs(A.get(k, j)), "row " + j);
        if (A.get(k, j) > A.get(best, j)) {
          best = k;
        }
      }
      assertEquals(best, row.getDouble(row.fieldIndex("prediction")), "row " + j);
      assertEquals(data.labels[j], row.getDouble(2), "the input columns are kept");
    }
  }

  @Test
  void oneSigmoidOutputGivesTwoClassProbabilitiesAndAThresholdedPrediction() {
    TestData data = TestData.classes(40, 3, 2, 5);
    BinaryModel network = BinaryModel.create(1);
    List<Row> scored = NetcClassificationModel.of(NetworkFactory.of(BinaryModel.class), network)
        .transform(data.frame(spark, 40)).orderBy("id").collectAsList();
    DoubleMatrix A = network.forward(data.X);
    for (Row row : scored) {
      int j = row.getInt(0);
      double a = A.get(0, j);
      Vector p = row.getAs("probability");
      assertEquals(1 - a, p.apply(0), 1e-15);
      assertEquals(a, p.apply(1), 1e-15);
      assertEquals(a > 0.5 ? 1.0 : 0.0, row.getDouble(3));
    }
  }

  @Test
  void aRegressorPredictsItsOutputAndHasNoProbabilityColumn() {
    TestData data = TestData.classes(20, 3, 2, 6);
    RegressorModel network = RegressorModel.create(2);
    Dataset<Row> scored = NetcClassificationModel.of(seed -> RegressorModel.create(seed), network)
        .transform(data.frame(spark, 12, 8));
    assertFalse(Arrays.asList(scored.columns()).contains("probability"));
    DoubleMatrix A = network.forward(data.X);
    for (Row row : scored.orderBy("id").collectAsList()) {
      assertEquals(A.get(0, row.getInt(0)), row.getDouble(3), 1e-12);
    }
  }

  @Test
  void featuresOfTheWrongLengthAreRefusedNamingBothSizes() {
    Dataset<Row> rows = spark.createDataFrame(
        List.of(RowFactory.create(0, Vectors.dense(1, 2, 3, 4), 0.0)), TestData.SCHEMA);
    NetcClassificationModel<ThreeClassesModel> model = NetcClassificationModel.of(
        NetworkFactory.of(ThreeClassesModel.class), ThreeClassesModel.create(1));
    Exception e = assertThrows(Exception.class, () -> model.transform(rows).collectAsList());
    assertTrue(messages(e).contains("features must have n[0] = 5 entries, got a vector of 4"),
        messages(e));
  }

  @Test
  void aMissingFeaturesColumnIsRefusedWhenTheSchemaIsChecked() {
    NetcClassificationModel<ThreeClassesModel> model = NetcClassificationModel.of(
        NetworkFactory.of(ThreeClassesModel.class), ThreeClassesModel.create(1))
        .setFeaturesCol("x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.transformSchema(TestData.SCHEMA));
    assertTrue(e.getMessage().startsWith("no features column \"x\""), e.getMessage());
  }

  @Test
  void aClassThatNetcDidNotGenerateIsRefusedOnTheDriver() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NetworkFactory.of(dev.netc.runtime.Model.class));
    assertTrue(e.getMessage().contains("must have a public static Model create(long seed)"),
        e.getMessage());
  }

  /** The messages of {@code e} and its causes: Spark wraps what a task threw. */
  static String messages(Throwable e) {
    StringBuilder s = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      s.append(t.getMessage()).append('\n');
    }
    return s.toString();
  }
}
