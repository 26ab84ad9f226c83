package dev.netc.samples.serving;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A bounded load on the service: {@code clients} threads, each sending {@code requests} POSTs one
 * after the other through one shared {@link HttpClient} (HTTP/1.1, kept-alive connections), all
 * starting together. Request {@code j} of client {@code i} is number {@code i * requests + j} and
 * sends {@code bodies[number % bodies.size()]}; every answer is kept, with its latency, for the
 * caller to check.
 */
public final class LoadGenerator {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /**
   * What a run saw.
   *
   * @param clients the client threads
   * @param requests the requests each sent
   * @param statuses the HTTP status of request {@code number}
   * @param answers the body of the answer to request {@code number}
   * @param latencyNanos the time from sending to the whole answer, of request {@code number}
   * @param seconds the wall time of the whole run
   */
  public record Result(
      int clients,
      int requests,
      int[] statuses,
      String[] answers,
      long[] latencyNanos,
      double seconds) {

    /** The total number of requests. */
    public int total() {
      return answers.length;
    }

    /** The latency below which {@code fraction} of the requests were answered, in microseconds. */
    public double percentileMicros(double fraction) {
      long[] sorted = latencyNanos.clone();
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(fraction * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e3;
    }

    /** Answers per second over the whole run. */
    public double throughput() {
      return total() / seconds;
    }

    /** {@code 4 clients x 500 requests: p50 180 us, p99 900 us, max ..., 9000 requests/s}. */
    public String summary() {
      return String.format(
          Locale.ROOT,
          "%d clients x %d requests: p50 %.0f us, p99 %.0f us, max %.0f us; %.0f requests/s",
          clients,
          requests,
          percentileMicros(0.50),
          percentileMicros(0.99),
          percentileMicros(1.0),
          throughput());
    }
  }

  private LoadGenerator() {}

  /**
   * Sends the load to {@code uri} and waits for every answer.
   *
   * @throws IOException if a request cannot be sent or its answer read
   */
  public static Result run(URI uri, List<String> bodies, int clients, int requests)
      throws IOException, InterruptedException {
    if (bodies.isEmpty() || clients < 1 || requests < 1) {
      throw new IllegalArgumentException(
          "LoadGenerator: need bodies and at least one client and request, got "
              + bodies.size()
              + " bodies, "
              + clients
              + " clients, "
              + requests
              + " requests");
    }
    int total = clients * requests;
    int[] statuses = new int[total];
    String[] answers = new String[total];
    long[] latencies = new long[total];
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    ExecutorService threads = Executors.newFixedThreadPool(clients);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int first = i * requests;
        done.add(
            threads.submit(
                () -> {
                  go.await();
                  for (int number = first; number < first + requests; number++) {
                    HttpRequest request =
                        HttpRequest.newBuilder(uri)
                            .timeout(TIMEOUT)
                            .header("Content-Type", "text/csv")
                            .POST(
                                HttpRequest.BodyPublishers.ofString(
                                    bodies.get(number % bodies.size()), US_ASCII))
                            .build();
                    long start = System.nanoTime();
                    HttpResponse<String> response =
                        client.send(request, HttpResponse.BodyHandlers.ofString(US_ASCII));
                    latencies[number] = System.nanoTime() - start;
                    statuses[number] = response.statusCode();
                    answers[number] = response.body();
                  }
                  return null;
                }));
      }
      long start = System.nanoTime();
      go.countDown();
      for (Future<Void> f : done) {
        try {
          f.get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          throw cause instanceof IOException io
              ? io
              : new IOException("LoadGenerator: a client failed: " + cause, cause);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result(clients, requests, statuses, answers, latencies, seconds);
    } finally {
      threads.shutdownNow();
    }
  }
}
