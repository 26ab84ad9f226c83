package dev.netc.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netc.samples.serving.Json;
import dev.netc.samples.serving.LoadGenerator;
import dev.netc.samples.serving.Prediction;
import dev.netc.samples.serving.PredictionServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving sample under load: the digits classifier, trained, saved and loaded as {@link
 * Serving} does, behind a {@link PredictionServer} whose 4 threads share the one model; 8 client
 * threads send 150 requests each, of 1 to 4 raw test images, and every answer must be, byte for
 * byte, the JSON of the single-threaded predictions of those images. The single-threaded
 * predictions themselves are checked against the model's own matrix API.
 */
final class ServingTest {

  private static final int CLIENTS = 8;
  private static final int REQUESTS = 150;
  private static final int SERVER_THREADS = 4;

  @TempDir static Path dir;

  private static Serving.Trained trained;

  @BeforeAll
  static void train() throws Exception {
    trained = Serving.train(dir);
  }

  /**
   * One row's prediction is the model's matrix API on that row alone, bit for bit, and its label
   * that of the one-example {@code predict(x)}; against the whole test set in one matrix it agrees
   * to rounding (a product of another shape may sum in another order) and gives the same labels.
   */
  @Test
  void oneExampleMatchesTheModelsMatrixApi() {
    DoubleMatrix X = trained.preprocessing().prepare(trained.test().X());
    DoubleMatrix A = trained.model().forward(X);
    DoubleMatrix predicted = trained.model().predict(X);
    List<String> labels = trained.test().classes();
    int right = 0;
    for (int j = 0; j < X.columns; j++) {
      Prediction p = trained.classifier().classify(trained.row(j));
      double[] alone = trained.model().forward(X.getColumn(j)).data;
      assertArrayEquals(alone, p.probabilities(), "probabilities of test image " + j);
      assertArrayEquals(
          A.getColumn(j).data, p.probabilities(), 1e-15, "test image " + j + " in the batch");
      assertEquals(
          labels.get(predicted.getColumn(j).argmax()), p.label(), "label of test image " + j);
      double[] hot = trained.model().predict(X.getColumn(j).data);
      assertEquals(
          labels.get(new DoubleMatrix(hot).argmax()), p.label(), "predict(x) of test image " + j);
      right += p.label().equals(labels.get(trained.test().Y().getColumn(j).argmax())) ? 1 : 0;
    }
    // A model that did not train, or rows standardised twice or not at all, would score far less.
    assertTrue(right > 0.9 * X.columns, right + " of " + X.columns + " test images right");
  }

  @Test
  void everyAnswerUnderLoadIsTheSingleThreadedPrediction() throws Exception {
    int m = trained.test().examples();
    List<String> bodies = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    // Bodies of 1, 2, 3 and 4 images in turn, so that requests of different sizes interleave.
    for (int j = 0, rows = 1; j + rows <= m; j += rows, rows = rows % 4 + 1) {
      StringBuilder body = new StringBuilder();
      List<Prediction> predictions = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        body.append(Serving.body(trained.row(j + r))).append('\n');
        predictions.add(trained.classifier().classify(trained.row(j + r)));
      }
      bodies.add(body.toString());
      expected.add(Json.predictions(predictions));
    }

    PredictionServer.Limits limits = new PredictionServer.Limits(SERVER_THREADS, 64 * 1024, 8, 1);
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    LoadGenerator.Result load;
    try (PredictionServer server = PredictionServer.start(trained.classifier(), address, limits)) {
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/predict");
      load = LoadGenerator.run(uri, bodies, CLIENTS, REQUESTS);
    }

    assertEquals(CLIENTS * REQUESTS, load.total());
    for (int number = 0; number < load.total(); number++) {
      assertEquals(200, load.statuses()[number], "status of request " + number);
      assertEquals(
          expected.get(number % bodies.size()),
          load.answers()[number],
          "answer to request " + number + " (body " + number % bodies.size() + ")");
    }
    System.out.println(
        String.format(
            Locale.ROOT,
            "ServingTest: %d server threads, one model; %s; bodies of 1-4 images",
            SERVER_THREADS,
            load.summary()));
  }

  /** The body the sample sends is what the server parses back to the same doubles. */
  @Test
  void aRowSurvivesTheBody() {
    double[] row = trained.row(3);
    String[] fields = Serving.body(row).split(",");
    assertEquals(row.length, fields.length);
    for (int i = 0; i < row.length; i++) {
      assertEquals(row[i], Double.parseDouble(fields[i]), "value " + i);
    }
  }
}
