package dev.netc.samples.serving;

import static java.nio.charset.StandardCharsets.US_ASCII;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP endpoint for a {@link Classifier}, on the JDK's own server ({@code
 * com.sun.net.httpserver}): a fixed pool of threads answers, all sharing the one classifier.
 *
 * <ul>
 *   <li>{@code POST /predict}: the body is raw rows as {@link Rows} reads them (one per line,
 *       comma-separated); the answer is {@code 200} and {@code
 *       {"predictions":[{"label":"3","probabilities":[...]}]}}, one entry per row, in order.
 *   <li>{@code GET /health}: {@code 200} and {@code {"status":"ok","features":64,"labels":[...]}}.
 *   <li>A bad body gets {@code 400}, a body over the limit {@code 413}, another method {@code 405},
 *       another path {@code 404}; each with {@code {"error":"..."}} saying what was wrong.
 * </ul>
 *
 * <p>{@link #close} stops gracefully: no new connection is accepted, exchanges in progress get up
 * to the grace period to finish, then the pool's threads end.
 */
public final class PredictionServer implements AutoCloseable {

  /**
   * How the server is bounded.
   *
   * @param threads the pool's size: requests answered at once
   * @param maxBodyBytes the largest body read; a larger one is refused unread past the limit
   * @param maxRows the most rows in one request
   * @param graceSeconds how long {@link #close} waits for exchanges in progress
   */
  public record Limits(int threads, int maxBodyBytes, int maxRows, int graceSeconds) {
    public Limits {
      if (threads < 1 || maxBodyBytes < 1 || maxRows < 1 || graceSeconds < 0) {
        throw new IllegalArgumentException(
            "Limits: threads, maxBodyBytes and maxRows must be at least 1 and graceSeconds at"
                + " least 0, got "
                + threads
                + ", "
                + maxBodyBytes
                + ", "
                + maxRows
                + ", "
                + graceSeconds);
      }
    }

    /** Four threads, bodies up to 64 KiB, 100 rows a request, a second's grace. */
    public static Limits defaults() {
      return new Limits(4, 64 * 1024, 100, 1);
    }
  }

  static {
    // The JDK's server writes an answer's headers and body in separate packets; with Nagle's
    // algorithm on, a keep-alive client's delayed ACK then holds every answer for about 40 ms.
    // Read once, when the first server is made: a JVM that already made one keeps its setting.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final String NOT_FOUND = "no such path: use POST /predict or GET /health";

  private final Classifier classifier;
  private final Limits limits;
  private final HttpServer server;
  private final ExecutorService pool;

  private PredictionServer(Classifier classifier, Limits limits, HttpServer server) {
    this.classifier = classifier;
    this.limits = limits;
    this.server = server;
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads =
        r -> {
          Thread t = new Thread(r, "netc-serving-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.pool = Executors.newFixedThreadPool(limits.threads(), threads);
  }

  /**
   * Starts answering on {@code address} (port 0: any free port; see {@link #port}).
   *
   * @throws IOException if the address cannot be bound
   */
  public static PredictionServer start(
      Classifier classifier, InetSocketAddress address, Limits limits) throws IOException {
    Objects.requireNonNull(classifier, "classifier");
    Objects.requireNonNull(limits, "limits");
    HttpServer http = HttpServer.create(address, 128);
    PredictionServer server = new PredictionServer(classifier, limits, http);
    http.createContext("/predict", server::predict);
    http.createContext("/health", server::health);
    http.createContext("/", e -> server.answer(e, 404, Json.error(NOT_FOUND)));
    http.setExecutor(server.pool);
    http.start();
    return server;
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops accepting, lets exchanges in progress finish (up to the grace period), ends the pool. */
  @Override
  public void close() {
    server.stop(limits.graceSeconds());
    pool.shutdown();
    try {
      if (!pool.awaitTermination(limits.graceSeconds() + 1L, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Whether {@link #close} has run and every thread of the pool has ended. */
  boolean terminated() {
    return pool.isTerminated();
  }

  private void predict(HttpExchange exchange) throws IOException {
    try {
      if (!exchange.getRequestURI().getPath().equals("/predict")) {
        throw new RequestException(404, NOT_FOUND);
      }
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        throw new RequestException(
            405, "/predict takes POST with rows in the body, got " + exchange.getRequestMethod());
      }
      byte[] body = readBounded(exchange);
      double[][] rows = Rows.parse(body, classifier.features(), limits.maxRows());
      List<Prediction> predictions = new ArrayList<>(rows.length);
      for (double[] row : rows) {
        predictions.add(classifier.classify(row));
      }
      answer(exchange, 200, Json.predictions(predictions));
    } catch (RequestException e) {
      answer(exchange, e.status(), Json.error(e.getMessage()));
    } catch (RuntimeException e) {
      // Whatever went wrong is the server's fault, not the client's: say so without details.
      answer(exchange, 500, Json.error("internal error: " + e.getClass().getSimpleName()));
    }
  }

  private void health(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals("/health")) {
      answer(exchange, 404, Json.error(NOT_FOUND));
    } else if (!exchange.getRequestMethod().equals("GET")) {
      exchange.getResponseHeaders().set("Allow", "GET");
      answer(exchange, 405, Json.error("/health takes GET, got " + exchange.getRequestMethod()));
    } else {
      answer(exchange, 200, Json.health(classifier.features(), classifier.labels()));
    }
  }

  /**
   * The body, refused with 413 as soon as it is known to exceed the limit: from its declared length
   * before reading anything, else after reading one byte past the limit.
   */
  private byte[] readBounded(HttpExchange exchange) throws IOException, RequestException {
    int limit = limits.maxBodyBytes();
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.strip());
      } catch (NumberFormatException e) {
        throw new RequestException(400, "Content-Length is not a number");
      }
      if (length > limit) {
        throw tooLarge(limit, length + " bytes");
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        throw tooLarge(limit, "more");
      }
      return body;
    }
  }

  private static RequestException tooLarge(int limit, String got) {
    return new RequestException(
        413, "the body may have at most " + limit + " bytes, got " + got + "; send fewer rows");
  }

  private void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(US_ASCII);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
