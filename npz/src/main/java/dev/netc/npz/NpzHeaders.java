package dev.netc.npz;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The array headers of an {@code .npz} archive without its data: what the compile-time check of
 * {@code @Network(weights = ...)} compares with the declaration. Reading is {@link NpzReader}'s,
 * so whatever this accepts, the run-time loaders read the same way.
 */
public final class NpzHeaders {

  private NpzHeaders() {}

  /**
   * The headers of an archive's arrays, in archive order, with what their values hold.
   *
   * @param arrays every array's header
   * @param bad for each float array that holds one, its first value that is NaN or infinite, or,
   *     for {@link ReservedArrays#STD}, negative
   * @param beyondFloat for each float array that holds one, its first finite value that is
   *     infinite once rounded to float32 (what a float32 network would load)
   */
  public record Scan(
      List<ArrayHeader> arrays,
      Map<String, NpyValues.Found> bad,
      Map<String, NpyValues.Found> beyondFloat) {
    public Scan {
      arrays = List.copyOf(arrays);
      bad = Map.copyOf(bad);
      beyondFloat = Map.copyOf(beyondFloat);
    }
  }

  /**
   * Reads the header of every array of an {@code .npz} archive, in archive order, skipping (not
   * buffering) the data. Does not close {@code in}; reads it to its end.
   *
   * @throws NpzException as {@link NpzReader#read} does, and for an archive without arrays
   */
  public static List<ArrayHeader> read(InputStream in) throws NpzException {
    return scan(in).arrays();
  }

  /**
   * {@link #read}, also looking at every float64 and float32 value as the data passes by (the
   * reader reads it anyway to check its size): no extra read, a fixed buffer whatever the shapes.
   *
   * @throws NpzException as {@link #read} does
   */
  public static Scan scan(InputStream in) throws NpzException {
    List<ArrayHeader> arrays = new ArrayList<>();
    Map<String, NpyValues.Found> bad = new HashMap<>();
    Map<String, NpyValues.Found> beyondFloat = new HashMap<>();
    NpzReader.read(
        in,
        new NpzReader.ArrayVisitor() {
          @Override
          public void array(String name, NpyHeader header, InputStream data) throws IOException {
            boolean std = name.equals(ReservedArrays.STD);
            NpyValues.forEach(header, data, (index, value) -> {
              if (!Double.isFinite(value) || (std && value < 0)) {
                bad.putIfAbsent(name, new NpyValues.Found(index, value));
              } else if (Float.isInfinite((float) value)) {
                beyondFloat.putIfAbsent(name, new NpyValues.Found(index, value));
              }
            });
          }

          @Override
          public void end(String name, NpyHeader header, long dataBytes) {
            arrays.add(
                new ArrayHeader(
                    name, header.descr(), header.fortranOrder(), header.shape(), dataBytes));
          }
        });
    if (arrays.isEmpty()) {
      throw new NpzException("the archive holds no arrays");
    }
    return new Scan(arrays, bad, beyondFloat);
  }

  /** Bytes per element of a simple descriptor ({@code <f8} 8, {@code <U3} 12), else empty. */
  public static OptionalLong itemSize(String descr) {
    return NpyHeader.itemSize(descr);
  }
}
