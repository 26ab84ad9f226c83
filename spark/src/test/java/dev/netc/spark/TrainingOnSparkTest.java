package dev.netc.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netc.runtime.Parameters;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingProgress;
import dev.netc.runtime.TrainingReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingOnSparkTest {
  private static final int[] PARTITIONS = {17, 250, 3, 200, 130};

  private final SparkSession spark = LocalSpark.session();
  private final TestData data = TestData.classes(600, 5, 3, 21);
  private final Dataset<Row> frame = data.frame(spark, PARTITIONS);

  private NetcClassifier<ThreeClassesModel> classifier(Training training) {
    return new NetcClassifier<>(ThreeClassesModel.class).setSeed(4).setBlockSize(64)
        .setTraining(training);
  }

  private ThreeClassesModel alone(Training training) {
    ThreeClassesModel model = ThreeClassesModel.create(4);
    model.fit(data.X, data.Y, training);
    return model;
  }

  /** max |a - b| over max |a|, over every parameter. */
  static double relativeDifference(Parameters a, Parameters b) {
    double diff = 0;
    double scale = 0;
    for (int l = 1; l <= a.layers(); l++) {
      for (DoubleMatrix[] pair : new DoubleMatrix[][] {{a.W(l), b.W(l)}, {a.b(l), b.b(l)}}) {
        for (int i = 0; i < pair[0].length; i++) {
          diff = Math.max(diff, Math.abs(pair[0].data[i] - pair[1].data[i]));
          scale = Math.max(scale, Math.abs(pair[0].data[i]));
        }
      }
    }
    return diff / scale;
  }

  @Test
  void fullBatchGradientDescentOnFiveUnequalPartitionsGivesTheSingleMachineParameters() {
    Training training = Training.gradientDescent(0.5).iterations(40).recordEvery(10);
    NetcClassificationModel<ThreeClassesModel> model = classifier(training).fit(frame);
    ThreeClassesModel alone = alone(training);
    assertEquals(5, frame.rdd().getNumPartitions());
    double d = relativeDifference(alone.parameters(), model.network().parameters());
    assertTrue(d < 1e-10, "relative difference " + d);
    TrainingReport spark = model.trainingReport().orElseThrow();
    assertEquals(40, spark.iterations());
    assertEquals(alone.cost(data.X, data.Y), spark.finalCost(), 1e-10);
    assertTrue(spark.finalCost() < spark.costs()[0]);
  }

  @Test
  void everyUpdateRuleWithL2AndDecayMatchesTheSingleMachineFit() {
    for (Training training : List.of(
        Training.momentum(0.3, 0.9).iterations(15).l2(0.5).learningRateDecay(0.1),
        Training.rmsProp(0.01, 0.9).iterations(15).l2(0.5),
        Training.adam(0.02).iterations(15).learningRateDecay(0.05))) {
      double d = relativeDifference(alone(training).parameters(),
          classifier(training).fit(frame).network().parameters());
      assertTrue(d < 1e-9, training + ": relative difference " + d);
    }
  }

  @Test
  void validationAndEarlyStoppingDecideAsOnOneMachine() {
    TestData validation = TestData.classes(90, 5, 3, 22);
    Training training = Training.adam(0.2).epochs(60).validation(validation.X, validation.Y)
        .earlyStopping(3, 1e-3);
    TrainingReport spark = classifier(training).fit(frame).trainingReport().orElseThrow();
    ThreeClassesModel one = ThreeClassesModel.create(4);
    TrainingReport alone = one.fit(data.X, data.Y, training);
    assertEquals(alone.epochs(), spark.epochs());
    assertEquals(alone.bestEpoch(), spark.bestEpoch());
    assertEquals(alone.stoppedEarly(), spark.stoppedEarly());
    assertTrue(spark.stoppedEarly(), "this training stops early");
    assertArrayEquals(alone.validationCosts(), spark.validationCosts(), 1e-9);
  }

  @Test
  void miniBatchesSampleEveryPartitionAndVisitEveryExampleOncePerEpoch() {
    List<TrainingProgress> progress = new ArrayList<>();
    Training training = Training.adam(0.05).epochs(6).miniBatches(100).seed(3)
        .every(1, progress::add);
    NetcClassificationModel<ThreeClassesModel> first = classifier(training).fit(frame);
    TrainingReport report = first.trainingReport().orElseThrow();
    assertEquals(6 * 6, report.iterations(), "600 examples in batches of 100");
    assertEquals(6, progress.size());
    assertTrue(progress.get(5).cost() < progress.get(0).cost());
    assertTrue(progress.get(5).accuracy() > progress.get(0).accuracy() + 0.2,
        "accuracy " + progress.get(0).accuracy() + " -> " + progress.get(5).accuracy());
    // the slices of batch k of B: floor(k m_p / B) .. floor((k + 1) m_p / B) in every partition
    int total = 0;
    for (int k = 0; k < 6; k++) {
      for (int size : PARTITIONS) {
        total += SparkLearner.sliceEnd(size, k, 6) - SparkLearner.sliceEnd(size, k - 1, 6);
      }
    }
    assertEquals(600, total);
    NetcClassificationModel<ThreeClassesModel> again = classifier(training.every(1, p -> { }))
        .fit(frame);
    assertEquals(0.0, relativeDifference(first.network().parameters(),
        again.network().parameters()), "the same seed draws the same batches");
  }

  /** Fails the first task that makes a model, on its first attempt: Spark retries it. */
  private static final AtomicInteger FAILURES = new AtomicInteger();

  @Test
  void aTaskThatFailsOnceIsRetriedAndTheResultIsUnchanged() {
    Training training = Training.gradientDescent(0.5).iterations(10);
    ThreeClassesModel expected = classifier(training).fit(frame).network();
    FAILURES.set(0);
    NetcClassifier<ThreeClassesModel> failing = new NetcClassifier<ThreeClassesModel>(seed -> {
      TaskContext task = TaskContext.get();
      if (task != null && task.attemptNumber() == 0 && FAILURES.getAndIncrement() == 0) {
        throw new IllegalStateException("injected failure of task " + task.taskAttemptId());
      }
      return ThreeClassesModel.create(seed);
    }).setSeed(4).setBlockSize(64).setTraining(training);
    ThreeClassesModel retried = failing.fit(frame).network();
    assertTrue(FAILURES.get() > 0, "a task failed");
    assertEquals(0.0, relativeDifference(expected.parameters(), retried.parameters()),
        "bit for bit");
  }

  @Test
  void checkpointsEveryKEpochsAndResumesFromTheLatest(@TempDir Path dir) throws IOException {
    Training training = Training.gradientDescent(0.5).iterations(20);
    ThreeClassesModel uninterrupted = classifier(training).fit(frame).network();
    classifier(training).setCheckpoints(dir, 5).fit(frame);
    assertEquals(List.of("epoch-000005.npz", "epoch-000010.npz", "epoch-000015.npz",
        "epoch-000020.npz"), names(dir));
    // as if the driver had died after epoch 10
    Files.delete(dir.resolve("epoch-000015.npz"));
    Files.delete(dir.resolve("epoch-000020.npz"));
    NetcClassificationModel<ThreeClassesModel> resumed =
        classifier(training).setCheckpoints(dir, 5).fit(frame);
    assertEquals(10, resumed.trainingReport().orElseThrow().epochs(), "the remaining epochs");
    assertEquals(0.0, relativeDifference(uninterrupted.parameters(),
        resumed.network().parameters()));
    assertEquals(0.0, relativeDifference(uninterrupted.parameters(),
        ThreeClassesModel.load(dir.resolve("epoch-000020.npz")).parameters()));
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void dropsIntoAPipelineLikeMllibsClassifiers() {
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new StandardScaler().setInputCol("features").setOutputCol("scaled"),
        classifier(Training.adam(0.1).epochs(15)).setFeaturesCol("scaled")});
    PipelineModel fitted = pipeline.fit(frame);
    double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
        .evaluate(fitted.transform(frame));
    // three classes of Gaussians around centres a few standard deviations apart: not separable
    assertTrue(accuracy > 0.75, "accuracy " + accuracy);
  }

  @Test
  void aLabelOutsideTheClassesIsRefusedNamingTheRange() {
    Dataset<Row> bad = frame.withColumn("label",
        org.apache.spark.sql.functions.lit(3.0));
    Exception e = assertThrows(Exception.class,
        () -> classifier(Training.gradientDescent(0.1).iterations(1)).fit(bad));
    assertTrue(ScoringTest.messages(e).contains(
        "label must be a class index 0..2 (n[L] = 3 softmax outputs), got 3.0"),
        ScoringTest.messages(e));
  }
}
