package dev.netc.npz;

import java.util.List;
import java.util.Objects;

/**
 * One array of an archive, as its {@code .npy} header describes it, with the number of data bytes
 * the entry really held.
 *
 * @param name the zip entry name without its {@code .npy} suffix, e.g. {@code W1}
 * @param descr the dtype descriptor, e.g. {@code <f8}; for a structured dtype, the Python list
 *     literal as written in the header
 * @param fortranOrder true when the data is stored column-major
 * @param shape the dimensions, each non-negative; empty for a 0-d (scalar) array
 * @param dataBytes the number of bytes after the header in the entry, counted, not announced
 */
public record ArrayHeader(
    String name, String descr, boolean fortranOrder, List<Long> shape, long dataBytes) {

  public ArrayHeader {
    Objects.requireNonNull(name);
    Objects.requireNonNull(descr);
    shape = List.copyOf(shape);
  }

  /** The header alone. */
  public NpyHeader header() {
    return new NpyHeader(descr, fortranOrder, shape);
  }

  /**
   * True for IEEE double precision in either byte order ({@code <f8} or {@code >f8}; numpy writes
   * the byte order of the array it saves, so a big-endian array stays {@code >f8}). {@code =f8}
   * (native order) never appears in a file numpy wrote and is not accepted.
   */
  public boolean isFloat64() {
    return descr.equals("<f8") || descr.equals(">f8");
  }

  /** True for IEEE single precision in either byte order ({@code <f4} or {@code >f4}). */
  public boolean isFloat32() {
    return descr.equals("<f4") || descr.equals(">f4");
  }

  /** True when the data bytes are little-endian or have no byte order ({@code |u1}). */
  public boolean isLittleEndian() {
    return !descr.startsWith(">");
  }

  /** {@link NpyHeader#shapeText()}: {@code 4x2}, {@code 4}, {@code scalar}. */
  public String shapeText() {
    return header().shapeText();
  }
}
