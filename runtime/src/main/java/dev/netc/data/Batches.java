package dev.netc.data;

import dev.netc.runtime.Architecture;
import dev.netc.runtime.Model;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingReport;
import dev.netc.runtime.internal.StreamingLearner;
import dev.netc.runtime.internal.TrainingLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Training data that need not fit in memory: a source of batches that {@link #fit} trains from
 * with bounded memory, through the same training loop and with the same options as {@code
 * model.fit(X, Y, training)}.
 *
 * <pre>{@code
 * // X.npy of shape (m, n[0]) and Y.npy of shape (m, n[L]), as np.save writes them
 * TrainingReport report = Batches.npy(Path.of("X.npy"), Path.of("Y.npy"))
 *     .fit(model, Training.adam(0.001).epochs(10).miniBatches(256));
 * }</pre>
 *
 * <p>Mini-batches are read example by example in the order that in-memory training draws: the
 * same data, seed and options give the same parameters, bit for bit, as {@code model.fit} on the
 * matrices. A full batch is read in chunks of {@link #chunk(int)} examples (8192 by default),
 * whose gradients are summed weighted by their sizes; that equals the in-memory full batch up to
 * the rounding of those sums. What stays in memory: two buffers of a batch or chunk, the model's
 * workspaces for as many examples, and, for mini-batches, the permutation (4 bytes per example).
 * The files are read again every epoch: keep them on a local disk (or in the page cache).
 */
public final class Batches {
  private static final int DEFAULT_CHUNK = 8192;

  private final Path x;
  private final Path y;
  private final int chunk;

  private Batches(Path x, Path y, int chunk) {
    this.x = x;
    this.y = y;
    this.chunk = chunk;
  }

  /**
   * Examples in two NumPy files: {@code X} of shape {@code (m, n[0])} and {@code Y} of shape
   * {@code (m, n[L])} (or {@code (m,)} for one output), float64 or float32, C order, as {@code
   * np.save} writes them; row {@code j} of each is example {@code j}. The headers are checked by
   * {@link #fit}.
   */
  public static Batches npy(Path X, Path Y) {
    return new Batches(Objects.requireNonNull(X, "X"), Objects.requireNonNull(Y, "Y"),
        DEFAULT_CHUNK);
  }

  /**
   * The same source reading a full batch in chunks of {@code examples}.
   *
   * @throws IllegalArgumentException if {@code examples < 1}
   */
  public Batches chunk(int examples) {
    if (examples < 1) {
      throw new IllegalArgumentException("chunk must be at least 1 example, got " + examples);
    }
    return new Batches(x, y, examples);
  }

  /**
   * Trains {@code model} (a generated model) on these examples; the model's parameters are
   * updated in place, as {@code model.fit} does.
   *
   * @throws IllegalArgumentException if the files' shapes do not fit the network
   * @throws UncheckedIOException if a file cannot be read, or is not a readable {@code .npy}
   * @throws ArithmeticException if training diverges, as {@code model.fit} does
   */
  public TrainingReport fit(Model model, Training training) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(training, "training");
    Architecture architecture = architecture(model);
    try (NpyExamples examples = NpyExamples.open(x, y)) {
      return TrainingLoop.run(training, architecture,
          new StreamingLearner(model, architecture, examples, training, chunk));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code ARCHITECTURE} constant of a generated model class. */
  static Architecture architecture(Model model) {
    try {
      Object a = model.getClass().getField("ARCHITECTURE").get(null);
      if (a instanceof Architecture architecture) {
        return architecture;
      }
    } catch (ReflectiveOperationException e) {
      // reported below
    }
    throw new IllegalArgumentException(model.getClass().getName() + " has no public static"
        + " Architecture ARCHITECTURE; Batches trains the model classes netc generates");
  }

  @Override
  public String toString() {
    return "Batches.npy(" + x + ", " + y + "), chunks of " + chunk;
  }
}
