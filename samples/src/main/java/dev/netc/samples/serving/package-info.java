/**
 * A trained netc model behind an HTTP endpoint: {@link dev.netc.samples.serving.PredictionServer}
 * answers raw rows with labels and probabilities from a fixed pool of threads that share one {@link
 * dev.netc.samples.serving.Classifier} (the model, its standardiser and its class names); {@link
 * dev.netc.samples.serving.LoadGenerator} puts a bounded load on it. Only the JDK: its {@code
 * com.sun.net.httpserver} server and {@code java.net.http} client.
 *
 * <p>What this package promises: an answer is exactly what {@code Classifier.classify} gives for
 * that row on one thread, whatever the number of requests in flight; a malformed or oversized
 * request is refused with a 4xx status and a sentence saying why, and costs at most the body limit
 * in memory.
 */
package dev.netc.samples.serving;
