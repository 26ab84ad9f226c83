package dev.netc.data;

import dev.netc.runtime.Architecture;
import dev.netc.runtime.Model;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingReport;
import dev.netc.runtime.internal.StreamingLearner;
import dev.netc.runtime.internal.TrainingLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 *
 * <p>{@link #csv} reads a CSV file with {@link CsvReader}'s conventions, converted once per {@code
 * fit} into temporary {@code .npy} files.
 */
public final class Batches {
  private static final int DEFAULT_CHUNK = 8192;

  /** What a CSV source reads: the {@link CsvReader} options and where its conversion goes. */
  private record Csv(Path file, String label, LabelEncoding encoding, List<String> features,
      Standardizer standardizer, Path directory) {}

  private final Path x;
  private final Path y;
  private final Csv csv;
  private final int chunk;

  private Batches(Path x, Path y, Csv csv, int chunk) {
    this.x = x;
    this.y = y;
    this.csv = csv;
    this.chunk = chunk;
  }

  /**
   * Examples in two NumPy files: {@code X} of shape {@code (m, n[0])} and {@code Y} of shape
   * {@code (m, n[L])} (or {@code (m,)} for one output), float64 or float32, C order, as {@code
   * np.save} writes them; row {@code j} of each is example {@code j}. The headers are checked by
   * {@link #fit}.
   */
  public static Batches npy(Path X, Path Y) {
    return new Batches(Objects.requireNonNull(X, "X"), Objects.requireNonNull(Y, "Y"), null,
        DEFAULT_CHUNK);
  }

  /**
   * Examples in a CSV file, read as {@code CsvReader.of(file).label(label, encoding)} reads it
   * (header, quoting, {@code .gz}, label encodings and messages alike) but in pieces: {@link #fit}
   * first converts the file, in one pass and bounded memory, into two temporary {@code .npy} files
   * (8 bytes per value, in the system's temporary directory unless {@link #workDirectory} says
   * otherwise), trains from them as {@link #npy} does, and deletes them. A one-hot label needs its
   * classes named ({@code LabelEncoding.oneHot("a", "b", "c")}): every piece must encode alike.
   */
  public static Batches csv(Path file, String label, LabelEncoding encoding) {
    return new Batches(null, null, new Csv(Objects.requireNonNull(file, "file"),
        Objects.requireNonNull(label, "label"), Objects.requireNonNull(encoding, "encoding"),
        null, null, null), DEFAULT_CHUNK);
  }

  private Csv csv(String what) {
    if (csv == null) {
      throw new IllegalStateException(what + " is an option of Batches.csv, not of Batches.npy");
    }
    return csv;
  }

  /**
   * The CSV source with these feature columns, as {@link CsvReader#features}.
   *
   * @throws IllegalStateException on an {@code .npy} source
   */
  public Batches features(String... columns) {
    CsvReader.of(csv("features").file()).features(columns); // the same checks
    Csv c = csv;
    return new Batches(null, null, new Csv(c.file(), c.label(), c.encoding(), List.of(columns),
        c.standardizer(), c.directory()), chunk);
  }

  /**
   * The CSV source with its features standardised by {@code standardizer} (fitted on training
   * data, e.g. on a sample or an earlier run), as {@code standardizer.apply} does in memory.
   *
   * @throws IllegalStateException on an {@code .npy} source
   */
  public Batches standardized(Standardizer standardizer) {
    Csv c = csv("standardized");
    return new Batches(null, null, new Csv(c.file(), c.label(), c.encoding(), c.features(),
        Objects.requireNonNull(standardizer, "standardizer"), c.directory()), chunk);
  }

  /**
   * The CSV source converting into {@code directory} rather than the temporary directory.
   *
   * @throws IllegalStateException on an {@code .npy} source
   */
  public Batches workDirectory(Path directory) {
    Csv c = csv("workDirectory");
    return new Batches(null, null, new Csv(c.file(), c.label(), c.encoding(), c.features(),
        c.standardizer(), Objects.requireNonNull(directory, "directory")), chunk);
  }

  /**
   * The same source reading a full batch in chunks of {@code examples} (and a CSV file, while
   * converting it, in pieces of as many records).
   *
   * @throws IllegalArgumentException if {@code examples < 1}
   */
  public Batches chunk(int examples) {
    if (examples < 1) {
      throw new IllegalArgumentException("chunk must be at least 1 example, got " + examples);
    }
    return new Batches(x, y, csv, examples);
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
    if (csv == null) {
      return fit(model, architecture, training, x, y);
    }
    CsvBatches.Converted files;
    try {
      Path directory = csv.directory() != null
          ? csv.directory()
          : Path.of(System.getProperty("java.io.tmpdir"));
      files = CsvBatches.convert(csv.file(), csv.label(), csv.encoding(), csv.features(),
          csv.standardizer(), chunk, directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return fit(model, architecture, training, files.X(), files.Y());
    } finally {
      try {
        Files.deleteIfExists(files.X());
        Files.deleteIfExists(files.Y());
      } catch (IOException e) {
        // the training's outcome matters more than a temporary file left behind
      }
    }
  }

  private TrainingReport fit(Model model, Architecture architecture, Training training, Path X,
      Path Y) {
    try (NpyExamples examples = NpyExamples.open(X, Y)) {
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
    return (csv == null ? "Batches.npy(" + x + ", " + y + ")" : "Batches.csv(" + csv.file() + ")")
        + ", chunks of " + chunk;
  }
}
