package dev.netc.npz;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The array headers of an {@code .npz} archive without its data: what the compile-time check of
 * {@code @Network(weights = ...)} compares with the declaration. Reading is {@link NpzReader}'s,
 * so whatever this accepts, the run-time loaders read the same way.
 */
public final class NpzHeaders {

  private NpzHeaders() {}

  /**
   * Reads the header of every array of an {@code .npz} archive, in archive order, skipping (not
   * buffering) the data. Does not close {@code in}; reads it to its end.
   *
   * @throws NpzException as {@link NpzReader#read} does, and for an archive without arrays
   */
  public static List<ArrayHeader> read(InputStream in) throws NpzException {
    List<ArrayHeader> arrays = new ArrayList<>();
    NpzReader.read(
        in,
        new NpzReader.ArrayVisitor() {
          @Override
          public void array(String name, NpyHeader header, InputStream data) {
            // nothing to read: the reader counts the data bytes
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
    return List.copyOf(arrays);
  }

  /** Bytes per element of a simple descriptor ({@code <f8} 8, {@code <U3} 12), else empty. */
  public static OptionalLong itemSize(String descr) {
    return NpyHeader.itemSize(descr);
  }
}
