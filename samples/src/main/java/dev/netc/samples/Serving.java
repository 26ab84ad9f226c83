package dev.netc.samples;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.netc.data.DataSet;
import dev.netc.data.LabelEncoding;
import dev.netc.data.Standardizer;
import dev.netc.runtime.ModelFiles;
import dev.netc.runtime.Preprocessing;
import dev.netc.runtime.Training;
import dev.netc.samples.serving.Classifier;
import dev.netc.samples.serving.Json;
import dev.netc.samples.serving.LoadGenerator;
import dev.netc.samples.serving.PredictionServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The digits classifier ({@link DigitClassifier}, trained as {@link Digits} trains it) behind an
 * HTTP endpoint: raw 8x8 images in (64 pixel values 0..16 a row), the digit and the probability of
 * each digit out. See {@link PredictionServer} for the protocol.
 *
 * <p>Run as a sample it trains the model, saves it with its preprocessing (the standardiser and the
 * digits) and loads both back from that one file (what a service does at start), starts the server
 * on a free local port, shows {@code /health} and a refused request, puts a short load on it
 * ({@link #CLIENTS} client threads x {@link #REQUESTS} requests of one test image each), checks
 * every answer against the single-threaded prediction of that image, prints the latencies and
 * stops. With {@code -Dserving.port=8080} it serves on that port until interrupted (Ctrl-C)
 * instead, and then stops gracefully.
 */
public final class Serving {
  /** Client threads of the sample's load. */
  static final int CLIENTS = 4;

  /** Requests each client sends, one after the other. */
  static final int REQUESTS = 250;

  private Serving() {}

  /**
   * A classifier ready to serve and raw rows it has not seen.
   *
   * @param classifier {@code model} with {@code preprocessing}
   * @param model the trained model as loaded from its file
   * @param preprocessing as loaded from the same file: the training images' standardiser, the
   *     digits
   * @param test the raw (not standardised) test images, one per column
   */
  record Trained(
      Classifier classifier,
      DigitClassifierModel model,
      Preprocessing preprocessing,
      DataSet test) {
    /** Test image {@code j} as a row of raw pixel values. */
    double[] row(int j) {
      return test.X().getColumn(j).data;
    }
  }

  /**
   * Trains {@link DigitClassifier} on the split {@link Digits} uses and saves it to {@code dir}
   * with the standardiser of the training images and the digits; then loads both back from that
   * file, as a service does at start.
   */
  static Trained train(Path dir) throws IOException {
    DataSet data = SampleData.read("digits.csv", "digit", LabelEncoding.oneHot());
    DataSet.Split split = data.split(Digits.TRAIN_FRACTION, Digits.SEED);
    DataSet.Split holdOut = split.train().split(Digits.FIT_FRACTION, Digits.SEED);
    Standardizer standardizer = Standardizer.fit(holdOut.train().X());
    DataSet train = standardizer.apply(holdOut.train());
    DataSet validation = standardizer.apply(holdOut.test());
    DigitClassifierModel model = DigitClassifierModel.create(Digits.SEED);
    Training training = Digits.training().validation(validation.X(), validation.Y());
    model.fit(train.X(), train.Y(), training);
    Path file = dir.resolve("digits.npz");
    ModelFiles.save(file, model.parameters(), Preprocessing.of(standardizer, data.classes()));

    // The service's side: the file only.
    DigitClassifierModel loaded = DigitClassifierModel.load(file);
    Preprocessing preprocessing =
        ModelFiles.loadBundle(file, DigitClassifierModel.ARCHITECTURE).preprocessing();
    Classifier classifier = new Classifier(loaded, preprocessing);
    return new Trained(classifier, loaded, preprocessing, split.test());
  }

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("netc-serving");
    Trained trained = train(dir);
    Integer port = Integer.getInteger("serving.port");
    if (port != null) {
      serve(trained, port);
    } else {
      demo(trained);
    }
  }

  /** Serves on {@code port} of every interface until the JVM is interrupted. */
  private static void serve(Trained trained, int port) throws IOException, InterruptedException {
    PredictionServer server =
        PredictionServer.start(
            trained.classifier(), new InetSocketAddress(port), PredictionServer.Limits.defaults());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  System.out.println("Stopped.");
                  stopped.countDown();
                }));
    System.out.println(
        "Serving the digits on port "
            + server.port()
            + "; try: curl -s --data-binary '"
            + body(trained.row(0))
            + "' http://localhost:"
            + server.port()
            + "/predict");
    stopped.await();
  }

  /** Starts, shows the protocol, runs the load, checks it, stops. */
  private static void demo(Trained trained) throws IOException, InterruptedException {
    Classifier classifier = trained.classifier();
    int m = trained.test().examples();
    List<String> bodies = new ArrayList<>(m);
    List<String> expected = new ArrayList<>(m);
    for (int j = 0; j < m; j++) {
      double[] row = trained.row(j);
      bodies.add(body(row));
      expected.add(Json.predictions(List.of(classifier.classify(row))));
    }

    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    try (PredictionServer server =
        PredictionServer.start(classifier, address, PredictionServer.Limits.defaults())) {
      URI base = URI.create("http://127.0.0.1:" + server.port());
      System.out.println(
          "Serving the digits on "
              + base
              + " with "
              + PredictionServer.Limits.defaults().threads()
              + " threads sharing one model");
      HttpClient client = HttpClient.newHttpClient();
      System.out.print("GET /health: " + get(client, base.resolve("/health")));
      System.out.print(
          "POST /predict (first test image, digit "
              + trained.test().classes().get(trained.test().Y().getColumn(0).argmax())
              + "): "
              + post(client, base.resolve("/predict"), bodies.get(0)));
      System.out.print(
          "POST /predict (a row of 3 values): " + post(client, base.resolve("/predict"), "1,2,3"));

      // The first round warms up the JIT, the server and the client's connections.
      for (String round : List.of("warm-up", "load")) {
        LoadGenerator.Result load =
            LoadGenerator.run(base.resolve("/predict"), bodies, CLIENTS, REQUESTS);
        int wrong = 0;
        for (int number = 0; number < load.total(); number++) {
          boolean right =
              load.statuses()[number] == 200
                  && load.answers()[number].equals(expected.get(number % m));
          wrong += right ? 0 : 1;
        }
        System.out.println(
            round
                + ": "
                + load.summary()
                + "; "
                + wrong
                + " of "
                + load.total()
                + " answers wrong");
        if (wrong > 0) {
          throw new IllegalStateException(
              "Serving: " + wrong + " answers differ from the single-threaded predictions");
        }
      }
    }
    System.out.println("Stopped.");
  }

  /** A row as the request body: its values separated by commas. */
  static String body(double[] row) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < row.length; i++) {
      b.append(i == 0 ? "" : ",").append(row[i]);
    }
    return b.toString();
  }

  private static String get(HttpClient client, URI uri) throws IOException, InterruptedException {
    HttpResponse<String> r =
        client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }

  private static String post(HttpClient client, URI uri, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .POST(HttpRequest.BodyPublishers.ofString(body, US_ASCII))
            .build();
    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }
}
