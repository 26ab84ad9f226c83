package dev.netc.runtime;

import dev.netc.npz.NpyHeader;
import dev.netc.npz.NpyValues;
import dev.netc.npz.NpzWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

// twin: f32 inherited; rename load loadFloat, loadBundle loadFloatBundle,
//     writeDoubles writeFloats, readDoubles readFloats
// twin: only
// /** The single-precision half of {@link ModelFiles}, generated from it: see there. */
// twin: end
// twin: skip
/**
 * Saving and loading parameters as NumPy {@code .npz} files with arrays {@code W1, b1, W2, b2,
 * ...} ({@code b} as shape {@code (n, 1)}), readable with {@code numpy.load}: float64 for {@link
 * Parameters}, float32 for {@link FloatParameters}. Either precision loads either file: a float32
 * file into doubles exactly, a float64 file into floats rounded to the nearest float. The float32
 * methods ({@code save(Path, FloatParameters)}, {@code loadFloat}, {@code loadFloatBundle}) are
 * generated from the float64 ones and say the same.
 *
 * <p>A file may also hold the model's {@link Preprocessing} under the reserved names of netc-npz's
 * {@code ReservedArrays} ({@code netc_standardizer_mean}, {@code netc_standardizer_std}, {@code
 * netc_labels}); {@link #load} checks and ignores them, {@link #loadBundle} returns them.
 *
 * <p>Loading compares every array's header with the network before reading its data: no file,
 * however hostile, makes it allocate more than the network's parameters (and the preprocessing's
 * {@code n[0]} statistics and labels). Every parameter must be finite.
 */
// twin: end
public final class ModelFiles extends FloatModelFiles {

  private ModelFiles() {}

  /**
   * Writes {@code p} to {@code file} atomically, its arrays in the precision of {@code p} (float64
   * for doubles, float32 for floats): the archive is written to a temporary file in the same
   * directory, forced to disk, then moved over {@code file} with {@code ATOMIC_MOVE} and {@code
   * REPLACE_EXISTING}. Readers see the old file or the new one, never a partial one; on any failure
   * the old file is untouched and the temporary file deleted. Temporary files that an earlier,
   * interrupted save to the same file left behind are removed (see {@link AtomicFiles}).
   */
  public static void save(Path file, Parameters p) throws IOException {
    save(file, p, Preprocessing.none());
  }

  /**
   * {@link #save(Path, Parameters)} with the preprocessing the model was trained with, so
   * that {@link #loadBundle} gives it back.
   *
   * @throws IllegalArgumentException if the standardizer does not have {@code n[0]} features or the
   *     labels do not fit the output ({@code n[L]} labels, or 2 for one unit), before anything is
   *     written
   */
  public static void save(Path file, Parameters p, Preprocessing preprocessing)
      throws IOException {
    Preprocessing.check(p.sizes(), preprocessing);
    AtomicFiles.write(file, out -> {
      try (NpzWriter npz = new NpzWriter(out)) {
        for (int l = 1; l <= p.layers(); l++) {
          npz.writeDoubles("W" + l, p.W(l).rows, p.W(l).columns, p.W(l).data);
          npz.writeDoubles("b" + l, p.b(l).rows, p.b(l).columns, p.b(l).data);
        }
        Preprocessing.write(npz, preprocessing);
      }
    });
  }

  /**
   * Reads parameters for {@code a} from {@code file}, as {@link #save} wrote them in either
   * precision: arrays of the precision of the parameters as they are, float32 arrays into doubles
   * exactly, float64 arrays into floats rounded to the nearest float.
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
   *
   * @throws IOException as {@link #load(Path, Architecture)} does, with the same messages
   */
  public static Parameters load(InputStream in, String source, Architecture a)
      throws IOException {
    return loadBundle(in, source, a).parameters();
  }

  /**
   * The parameters for {@code a} in {@code file} and the preprocessing saved with them ({@link
   * Preprocessing#none()} if none was).
   *
   * @throws IOException as {@link #load(Path, Architecture)} does, and for preprocessing
   *     arrays that do not fit {@code a} (naming the array and both shapes)
   */
  public static ModelBundle<Parameters> loadBundle(Path file, Architecture a)
      throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return loadBundle(in, file.toString(), a);
    }
  }

  /** {@link #loadBundle(Path, Architecture)} from a stream (read to its end, not closed). */
  public static ModelBundle<Parameters> loadBundle(
      InputStream in, String source, Architecture a) throws IOException {
    Parameters p = new Parameters(a.sizes());
    Preprocessing preprocessing = ModelReader.read(in, source, a, new ParameterArrays(p));
    return new ModelBundle<>(p, preprocessing);
  }

  /** W[l] and b[l] of {@code "W3"}, {@code "b3"}. */
  private static int layer(String name) {
    return Integer.parseInt(name.substring(1));
  }

  private static final class ParameterArrays implements ModelReader.Arrays {
    private final Parameters p;

    ParameterArrays(Parameters p) {
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
    public double value(String name, int index) { // twin: scalar value
      return data(name)[index];
    }
  }
}
