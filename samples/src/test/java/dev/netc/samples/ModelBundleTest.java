package dev.netc.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.netc.data.DataSet;
import dev.netc.data.LabelEncoding;
import dev.netc.data.Standardizer;
import dev.netc.runtime.ModelBundle;
import dev.netc.runtime.ModelFiles;
import dev.netc.runtime.Parameters;
import dev.netc.runtime.Preprocessing;
import dev.netc.runtime.Training;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model that ships with its preprocessing: trained as the samples train (standardised features,
 * named classes), saved with {@link Preprocessing}, loaded by a program that has only the file and
 * the raw rows, which then predicts exactly the labels the training program predicted; and NumPy
 * reads the same file, preprocessing included.
 */
final class ModelBundleTest {

  private static final List<String> INTERPRETERS = List.of("/usr/bin/python3", "python3");

  /** What the training program itself says about raw rows: standardise, predict, name. */
  private static List<String> trainingProgramLabels(
      DigitClassifierModel model, Standardizer standardizer, DoubleMatrix rawX,
      List<String> classes) {
    DoubleMatrix predictions = model.predict(standardizer.apply(rawX));
    List<String> labels = new ArrayList<>();
    for (int j = 0; j < predictions.columns; j++) {
      int hot = -1;
      for (int i = 0; i < predictions.rows; i++) {
        if (predictions.get(i, j) == 1.0) {
          hot = i;
        }
      }
      labels.add(classes.get(hot));
    }
    return labels;
  }

  @Test
  void aLoadedDigitModelLabelsRawRowsAsTheTrainingProgramDid(@TempDir Path dir) throws Exception {
    // The training program.
    DataSet data = SampleData.read("digits.csv", "digit", LabelEncoding.oneHot());
    DataSet.Split split = data.split(0.8, 1);
    Standardizer standardizer = Standardizer.fit(split.train().X());
    DataSet train = standardizer.apply(split.train());
    DigitClassifierModel model = DigitClassifierModel.create(1);
    model.fit(train.X(), train.Y(), Training.adam(0.001).epochs(3).miniBatches(32).seed(1));
    DoubleMatrix rawTest = split.test().X();
    List<String> expected =
        trainingProgramLabels(model, standardizer, rawTest, train.classes());
    assertTrue(new HashSet<>(expected).size() >= 5, "predictions span the classes: " + expected);
    Path file = dir.resolve("digits.npz");
    ModelFiles.save(file, model.parameters(), Preprocessing.of(standardizer, train.classes()));

    // The service: the file and raw rows only.
    DigitClassifierModel loaded = DigitClassifierModel.load(file);
    ModelBundle<Parameters> bundle =
        ModelFiles.loadBundle(file, DigitClassifierModel.ARCHITECTURE);
    Preprocessing preprocessing = bundle.preprocessing();
    assertEquals(train.classes(), preprocessing.labels());
    assertEquals(expected, preprocessing.predictLabels(loaded, rawTest));
    // Bit for bit the same standardised input, constant pixels (std 0) included.
    assertArrayEquals(
        standardizer.apply(rawTest).data, preprocessing.prepare(rawTest).data, 0.0);
    for (int l = 1; l <= 2; l++) {
      assertArrayEquals(model.parameters().W(l).data, bundle.parameters().W(l).data, 0.0);
    }

    // NumPy reads the same file: parameters and preprocessing, bit for bit.
    List<String> numpy =
        python(
            "import numpy, sys\n"
                + "z = numpy.load(sys.argv[1])\n"
                + "print(' '.join(sorted(z.files)))\n"
                + "print(z['netc_labels'].dtype.kind, z['netc_labels'].shape)\n"
                + "print(','.join(str(s) for s in z['netc_labels']))\n"
                + "print(z['netc_standardizer_mean'].astype('<f8').tobytes().hex())\n"
                + "print(z['netc_standardizer_std'].astype('<f8').tobytes().hex())\n",
            file);
    assertEquals(
        "W1 W2 b1 b2 netc_labels netc_standardizer_mean netc_standardizer_std", numpy.get(0));
    assertEquals("U (10,)", numpy.get(1));
    assertEquals(String.join(",", train.classes()), numpy.get(2));
    assertEquals(hex(standardizer.mean().data), numpy.get(3));
    assertEquals(hex(standardizer.std().data), numpy.get(4));
  }

  @Test
  void aBinaryModelKeepsBothClassNamesForItsOneUnit(@TempDir Path dir) throws IOException {
    DataSet data =
        SampleData.read(
            "breast_cancer.csv", "diagnosis", LabelEncoding.binary("benign", "malignant"));
    DataSet.Split split = data.split(BreastCancer.TRAIN_FRACTION, BreastCancer.SEED);
    Standardizer standardizer = Standardizer.fit(split.train().X());
    DataSet train = standardizer.apply(split.train());
    BreastCancerClassifierModel model = BreastCancerClassifierModel.create(BreastCancer.SEED);
    model.fit(train.X(), train.Y(), BreastCancer.TRAINING);
    Path file = dir.resolve("cancer.npz");
    ModelFiles.save(file, model.parameters(), Preprocessing.of(standardizer, train.classes()));

    DoubleMatrix raw = split.test().X();
    DoubleMatrix predicted = model.predict(standardizer.apply(raw));
    List<String> expected = new ArrayList<>();
    for (int j = 0; j < predicted.columns; j++) {
      expected.add(predicted.get(0, j) == 1.0 ? "malignant" : "benign");
    }
    assertTrue(expected.contains("benign") && expected.contains("malignant"), "" + expected);
    Preprocessing preprocessing =
        ModelFiles.loadBundle(file, BreastCancerClassifierModel.ARCHITECTURE).preprocessing();
    assertEquals(List.of("benign", "malignant"), preprocessing.labels());
    assertEquals(
        expected, preprocessing.predictLabels(BreastCancerClassifierModel.load(file), raw));

    // Another network's model file is still refused, preprocessing or not.
    IOException refused =
        assertThrows(
            IOException.class,
            () -> ModelFiles.loadBundle(file, DigitClassifierModel.ARCHITECTURE));
    assertEquals(
        "DigitClassifier: W1 in " + file + " must be 64x64 (n[1] x n[0]), got 1x30",
        refused.getMessage());
  }

  private static String hex(double[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asDoubleBuffer().put(values);
    return HexFormat.of().formatHex(bytes.array());
  }

  /** Runs {@code script} with {@code file} as its argument in a Python that has NumPy. */
  private static List<String> python(String script, Path file) throws Exception {
    List<String> tried = new ArrayList<>();
    for (String python : INTERPRETERS) {
      Process process;
      try {
        process =
            new ProcessBuilder(python, "-c", script, file.toString())
                .redirectErrorStream(true)
                .start();
      } catch (IOException e) {
        tried.add(python + " (" + e.getMessage() + ")");
        continue;
      }
      process.getOutputStream().close();
      String text = new String(process.getInputStream().readAllBytes(), UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail(python + " did not finish:\n" + text);
      }
      if (process.exitValue() == 0) {
        return text.lines().map(String::strip).toList();
      }
      tried.add(python + " (" + text.strip() + ")");
    }
    // As NumpyInteropTest: a skipped interop test proves nothing.
    return fail("a Python that can import numpy is required; tried " + String.join(", ", tried));
  }
}
