package dev.netc.runtime;

import dev.netc.data.Standardizer;
import dev.netc.npz.NpyHeader;
import dev.netc.npz.NpyValues;
import dev.netc.npz.NpzWriter;
import dev.netc.npz.ReservedArrays;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Saving and loading parameters as NumPy {@code .npz} files with arrays {@code W1, b1, W2, b2,
 * ...} ({@code b} as shape {@code (n, 1)}), readable with {@code numpy.load}: float64 for {@link
 * Parameters}, float32 for {@link FloatParameters}. Either precision loads either file: a float32
 * file into doubles exactly, a float64 file into floats rounded to the nearest float.
 *
 * <p>A file may also hold the model's {@link Preprocessing} under the reserved names of netc-npz's
 * {@code ReservedArrays} ({@code netc_standardizer_mean}, {@code netc_standardizer_std}, {@code
 * netc_labels}); {@link #load} checks and ignores them, {@link #loadBundle} returns them.
 *
 * <p>Loading compares every array's header with the network before reading its data: no file,
 * however hostile, makes it allocate more than the network's parameters (and the preprocessing's
 * {@code n[0]} statistics and labels). Every parameter must be finite.
 */
public final class ModelFiles {

  private ModelFiles() {}

  /**
   * Writes {@code p} to {@code file} atomically: the archive is written to a temporary file in the
   * same directory, forced to disk, then moved over {@code file} with {@code ATOMIC_MOVE} and
   * {@code REPLACE_EXISTING}. Readers see the old file or the new one, never a partial one; on any
   * failure the old file is untouched and the temporary file deleted. Temporary files that an
   * earlier, interrupted save to the same file left behind are removed (see {@link AtomicFiles}).
   */
  public static void save(Path file, Parameters p) throws IOException {
    save(file, p, Preprocessing.none());
  }

  /**
   * {@link #save(Path, Parameters)} with the preprocessing the model was trained with, so that
   * {@link #loadBundle} gives it back.
   *
   * @throws IllegalArgumentException if the standardizer does not have {@code n[0]} features or the
   *     labels do not fit the output ({@code n[L]} labels, or 2 for one unit), before anything is
   *     written
   */
  public static void save(Path file, Parameters p, Preprocessing preprocessing)
      throws IOException {
    check(p.sizes(), preprocessing);
    AtomicFiles.write(file, out -> {
      try (NpzWriter npz = new NpzWriter(out)) {
        for (int l = 1; l <= p.layers(); l++) {
          npz.writeDoubles("W" + l, p.W(l).rows, p.W(l).columns, p.W(l).data);
          npz.writeDoubles("b" + l, p.b(l).rows, p.b(l).columns, p.b(l).data);
        }
        write(npz, preprocessing);
      }
    });
  }

  /** {@link #save(Path, Parameters)} for single-precision parameters, written as float32. */
  public static void save(Path file, FloatParameters p) throws IOException {
    save(file, p, Preprocessing.none());
  }

  /** {@link #save(Path, Parameters, Preprocessing)} for single-precision parameters. */
  public static void save(Path file, FloatParameters p, Preprocessing preprocessing)
      throws IOException {
    check(p.sizes(), preprocessing);
    AtomicFiles.write(file, out -> {
      try (NpzWriter npz = new NpzWriter(out)) {
        for (int l = 1; l <= p.layers(); l++) {
          npz.writeFloats("W" + l, p.W(l).rows, p.W(l).columns, p.W(l).data);
          npz.writeFloats("b" + l, p.b(l).rows, p.b(l).columns, p.b(l).data);
        }
        write(npz, preprocessing);
      }
    });
  }

  /**
   * Reads parameters for {@code a} from {@code file}, as {@link #save} wrote them (float32 arrays
   * are read exactly).
   *
   * @throws IOException if the file is missing, corrupt or not an {@code .npz} archive, or an array
   *     is missing, extra or of the wrong shape (naming the array, both shapes and the network),
   *     or holds a value that is not finite
   */
  public static Parameters load(Path file, Architecture a) throws IOException {
    return loadBundle(file, a).parameters();
  }

  /**
   * Reads parameters for {@code a} from an {@code .npz} archive in {@code in} (read to its end,
   * not closed), e.g. a class-path resource; {@code source} names it in messages.
   */
  public static Parameters load(InputStream in, String source, Architecture a)
      throws IOException {
    return loadBundle(in, source, a).parameters();
  }

  /**
   * Reads single-precision parameters for {@code a} from {@code file}, float32 arrays as they are
   * and float64 arrays rounded to the nearest float.
   *
   * @throws IOException as {@link #load(Path, Architecture)} does, with the same messages
   */
  public static FloatParameters loadFloat(Path file, Architecture a) throws IOException {
    return loadFloatBundle(file, a).parameters();
  }

  /** {@link #load(InputStream, String, Architecture)} into single precision. */
  public static FloatParameters loadFloat(InputStream in, String source, Architecture a)
      throws IOException {
    return loadFloatBundle(in, source, a).parameters();
  }

  /**
   * The parameters for {@code a} in {@code file} and the preprocessing saved with them ({@link
   * Preprocessing#none()} if none was).
   *
   * @throws IOException as {@link #load(Path, Architecture)} does, and for preprocessing arrays
   *     that do not fit {@code a} (naming the array and both shapes)
   */
  public static ModelBundle<Parameters> loadBundle(Path file, Architecture a) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return loadBundle(in, file.toString(), a);
    }
  }

  /** {@link #loadBundle(Path, Architecture)} from a stream (read to its end, not closed). */
  public static ModelBundle<Parameters> loadBundle(InputStream in, String source, Architecture a)
      throws IOException {
    Parameters p = new Parameters(a.sizes());
    Preprocessing preprocessing = ModelReader.read(in, source, a, new DoubleArrays(p));
    return new ModelBundle<>(p, preprocessing);
  }

  /** {@link #loadBundle(Path, Architecture)} into single precision. */
  public static ModelBundle<FloatParameters> loadFloatBundle(Path file, Architecture a)
      throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return loadFloatBundle(in, file.toString(), a);
    }
  }

  /** {@link #loadBundle(InputStream, String, Architecture)} into single precision. */
  public static ModelBundle<FloatParameters> loadFloatBundle(
      InputStream in, String source, Architecture a) throws IOException {
    FloatParameters p = new FloatParameters(a.sizes());
    Preprocessing preprocessing = ModelReader.read(in, source, a, new FloatArrays(p));
    return new ModelBundle<>(p, preprocessing);
  }

  /** Refuses preprocessing that {@link #loadBundle} would refuse, before anything is written. */
  private static void check(int[] sizes, Preprocessing preprocessing) {
    int inputs = sizes[0];
    int outputs = sizes[sizes.length - 1];
    preprocessing.standardizer().ifPresent(s -> {
      if (s.features() != inputs) {
        throw new IllegalArgumentException(
            "the standardizer has " + s.features() + " features but the network has n[0] = "
                + inputs + " inputs");
      }
    });
    List<String> labels = preprocessing.labels();
    if (!labels.isEmpty()) {
      int chars = 1;
      for (String label : labels) {
        chars = Math.max(chars, label.codePointCount(0, label.length()));
      }
      String problem =
          ReservedArrays.problem(
              ReservedArrays.LABELS, NpyHeader.of("<U" + chars, labels.size()), inputs, outputs);
      if (problem != null) {
        throw new IllegalArgumentException("labels " + labels + ": " + problem);
      }
    }
  }

  private static void write(NpzWriter npz, Preprocessing preprocessing) throws IOException {
    if (preprocessing.standardizer().isPresent()) {
      Standardizer s = preprocessing.standardizer().get();
      npz.writeVector(ReservedArrays.MEAN, s.mean().data);
      npz.writeVector(ReservedArrays.STD, s.std().data);
    }
    if (!preprocessing.labels().isEmpty()) {
      npz.writeStrings(ReservedArrays.LABELS, preprocessing.labels());
    }
  }

  /** W[l] and b[l] of {@code "W3"}, {@code "b3"}. */
  private static int layer(String name) {
    return Integer.parseInt(name.substring(1));
  }

  private static final class DoubleArrays implements ModelReader.Arrays {
    private final Parameters p;

    DoubleArrays(Parameters p) {
      this.p = p;
    }

    private double[] data(String name) {
      return name.charAt(0) == 'W' ? p.W(layer(name)).data : p.b(layer(name)).data;
    }

    @Override
    public void read(String name, NpyHeader header, InputStream data) throws IOException {
      NpyValues.readDoubles(header, data, data(name));
    }

    @Override
    public int firstNonFinite(String name) {
      double[] values = data(name);
      for (int i = 0; i < values.length; i++) {
        if (!Double.isFinite(values[i])) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public double value(String name, int index) {
      return data(name)[index];
    }
  }

  private static final class FloatArrays implements ModelReader.Arrays {
    private final FloatParameters p;

    FloatArrays(FloatParameters p) {
      this.p = p;
    }

    private float[] data(String name) {
      return name.charAt(0) == 'W' ? p.W(layer(name)).data : p.b(layer(name)).data;
    }

    @Override
    public void read(String name, NpyHeader header, InputStream data) throws IOException {
      NpyValues.readFloats(header, data, data(name));
    }

    @Override
    public int firstNonFinite(String name) {
      float[] values = data(name);
      for (int i = 0; i < values.length; i++) {
        if (!Float.isFinite(values[i])) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public double value(String name, int index) {
      return data(name)[index];
    }
  }
}
