package dev.netc.samples.serving;

import static dev.netc.annotations.Activation.SOFTMAX;
import static dev.netc.annotations.Loss.CATEGORICAL_CROSS_ENTROPY;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netc.annotations.Layer;
import dev.netc.annotations.Network;
import dev.netc.data.Standardizer;
import dev.netc.runtime.Model;
import dev.netc.runtime.Preprocessing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol of {@link PredictionServer}, on a small classifier: what it answers, what it refuses
 * and with which status and sentence, and that {@link PredictionServer#close} stops it.
 */
final class PredictionServerTest {

  /** Three features, two classes: enough for every path of the protocol. */
  @Network(inputs = 3, loss = CATEGORICAL_CROSS_ENTROPY)
  @Layer(units = 2, activation = SOFTMAX)
  interface Tiny extends Model {}

  private static final int MAX_BODY = 200;
  private static final int MAX_ROWS = 3;

  private Classifier classifier;
  private PredictionServer server;
  private URI base;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() throws IOException {
    DoubleMatrix training =
        new DoubleMatrix(new double[][] {{1, 2, 3, 4}, {10, 0, 10, 0}, {5, 5, 5, 5}});
    classifier =
        new Classifier(
            PredictionServerTest_TinyModel.create(3),
            Preprocessing.of(Standardizer.fit(training), List.of("no", "yes")));
    server =
        PredictionServer.start(
            classifier,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new PredictionServer.Limits(2, MAX_BODY, MAX_ROWS, 1));
    base = URI.create("http://127.0.0.1:" + server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(US_ASCII));
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .POST(HttpRequest.BodyPublishers.ofString(body, US_ASCII)));
  }

  private static void answered(HttpResponse<String> r, int status, String json) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals(json, r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
  }

  private static String error(String message) {
    return "{\"error\":\"" + message + "\"}\n";
  }

  @Test
  void healthSaysWhatTheModelTakes() throws Exception {
    answered(
        send(HttpRequest.newBuilder(base.resolve("/health"))),
        200,
        "{\"status\":\"ok\",\"features\":3,\"labels\":[\"no\",\"yes\"]}\n");
  }

  @Test
  void predictAnswersEveryRowInOrder() throws Exception {
    double[] a = {1, 10, 5};
    double[] b = {4, 0, 5};
    answered(
        post("/predict", "1,10,5\n4.0,0,5e0\n"),
        200,
        Json.predictions(List.of(classifier.classify(a), classifier.classify(b))));
    Prediction p = classifier.classify(a);
    String one = Json.predictions(List.of(p));
    assertTrue(one.startsWith("{\"predictions\":[{\"label\":\"" + p.label() + "\""), one);
    double[] probabilities = p.probabilities();
    assertEquals(1, probabilities[0] + probabilities[1], 1e-15);
    assertTrue(one.contains("[" + probabilities[0] + "," + probabilities[1] + "]"), one);
  }

  @Test
  void badBodiesAre400WithTheReason() throws Exception {
    answered(
        post("/predict", "1,2"),
        400,
        error("row 1 has 2 values; every row must have 3, separated by commas"));
    answered(
        post("/predict", "1,x,3"),
        400,
        error("row 1, value 2: \\\"x\\\" is not a decimal number (like 3, -0.5 or 1e-3)"));
    answered(
        post("/predict", "1,2,NaN"),
        400,
        error("row 1, value 3: \\\"NaN\\\" is not a decimal number (like 3, -0.5 or 1e-3)"));
    answered(
        post("/predict", "1\n2\n3\n4"),
        400,
        error("row 1 has 1 values; every row must have 3, separated by commas"));
    answered(
        post("/predict", "1,2,3\n1,2,3\n1,2,3\n1,2,3"),
        400,
        error("the body has more than 3 rows; send at most 3"));
    answered(
        post("/predict", ""),
        400,
        error("the body is empty; send one row per line, 3 comma-separated numbers"));
  }

  @Test
  void bodiesOverTheLimitAre413WhetherTheirLengthIsDeclaredOrNot() throws Exception {
    String big = "1,2,3\n".repeat(MAX_BODY / 6 + 1);
    answered(
        post("/predict", big),
        413,
        error(
            "the body may have at most "
                + MAX_BODY
                + " bytes, got "
                + big.length()
                + " bytes; send fewer rows"));
    // From a stream of unknown length HttpClient sends chunks, without Content-Length.
    HttpResponse<String> chunked =
        send(
            HttpRequest.newBuilder(base.resolve("/predict"))
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(US_ASCII)))));
    answered(
        chunked,
        413,
        error("the body may have at most " + MAX_BODY + " bytes, got more; send fewer rows"));
    // Exactly the limit is read; here it is too many rows, which says so.
    String limit = "1,2,3\n".repeat(MAX_BODY / 6) + "1".repeat(MAX_BODY % 6);
    assertEquals(MAX_BODY, limit.length());
    assertEquals(400, post("/predict", limit).statusCode());
  }

  @Test
  void otherMethodsAndPathsAreRefused() throws Exception {
    HttpResponse<String> get = send(HttpRequest.newBuilder(base.resolve("/predict")));
    answered(get, 405, error("/predict takes POST with rows in the body, got GET"));
    assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
    answered(post("/health", "1,2,3"), 405, error("/health takes GET, got POST"));
    String notFound = error("no such path: use POST /predict or GET /health");
    answered(send(HttpRequest.newBuilder(base.resolve("/"))), 404, notFound);
    answered(post("/predict/more", "1,2,3"), 404, notFound);
    answered(send(HttpRequest.newBuilder(base.resolve("/healthz"))), 404, notFound);
  }

  /**
   * Closing under load: requests answered before or during {@code close} are answered right, the
   * others fail on the client with an I/O error (connection refused or closed), none gets a wrong
   * answer or a 5xx.
   */
  @Test
  void closingUnderLoadAnswersRightOrNotAtAll() throws Exception {
    String expected = Json.predictions(List.of(classifier.classify(new double[] {1, 2, 3})));
    int clients = 3;
    List<List<String>> seen = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> ends = new ArrayList<>();
    CountDownLatch answered = new CountDownLatch(clients * 20);
    for (int i = 0; i < clients; i++) {
      List<String> mine = new ArrayList<>();
      seen.add(mine);
      Thread t =
          new Thread(
              () -> {
                try {
                  while (true) {
                    HttpResponse<String> r = post("/predict", "1,2,3");
                    mine.add(r.statusCode() + " " + r.body());
                    answered.countDown();
                  }
                } catch (Exception e) {
                  synchronized (ends) {
                    ends.add(e);
                  }
                }
              });
      threads.add(t);
      t.start();
    }
    assertTrue(
        answered.await(60, TimeUnit.SECONDS), "the clients got " + clients * 20 + " answers");
    server.close();
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(60));
      assertFalse(t.isAlive(), t.getName() + " still sends after close()");
    }
    assertEquals(clients, ends.size());
    for (Throwable e : ends) {
      assertTrue(e instanceof IOException, "a client ends with an I/O error, not " + e);
    }
    int total = 0;
    for (List<String> mine : seen) {
      total += mine.size();
      for (String answer : mine) {
        assertEquals("200 " + expected, answer);
      }
    }
    assertTrue(total >= clients * 20, "answers before close: " + total);
  }

  @Test
  void closeStopsAcceptingAndEndsThePool() throws Exception {
    assertEquals(200, post("/predict", "1,2,3").statusCode());
    server.close();
    assertThrows(ConnectException.class, () -> post("/predict", "1,2,3"));
    assertTrue(server.terminated(), "every thread of the pool has ended");
  }
}
