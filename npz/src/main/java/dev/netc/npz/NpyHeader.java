package dev.netc.npz;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of one {@code .npy} array: dtype descriptor, order and shape, as NumPy writes them.
 *
 * <p>netc's one dtype rule for parameters is {@link #isParameterDtype}: {@code '<f8'} (float64) or
 * {@code '<f4'} (float32), little-endian, in C or Fortran order. The compile-time check of
 * {@code @Network(weights = ...)} and every run-time loader apply that rule through this method.
 *
 * @param descr the dtype descriptor, e.g. {@code <f8}; for a structured dtype, the Python list
 *     literal as written in the header
 * @param fortranOrder true when the data is stored column-major
 * @param shape the dimensions, each non-negative; empty for a 0-d (scalar) array
 */
public record NpyHeader(String descr, boolean fortranOrder, List<Long> shape) {

  private static final Pattern SIZED_DESCR = Pattern.compile("[<>|=]?([biufcSaUV])(\\d{1,9})");

  private static final Pattern DATETIME_DESCR = Pattern.compile("[<>|=]?[mM]8(\\[\\w+\\])?");

  private static final Pattern BOOL_DESCR = Pattern.compile("[<>|=]?\\?");

  private static final Pattern UNICODE_DESCR = Pattern.compile("<U(\\d{1,9})");

  public NpyHeader {
    Objects.requireNonNull(descr, "descr");
    shape = List.copyOf(shape);
    for (long dimension : shape) {
      if (dimension < 0) {
        throw new IllegalArgumentException("shape " + shape + " has a negative dimension");
      }
    }
  }

  /** A C-order header of {@code descr} and {@code shape}. */
  public static NpyHeader of(String descr, long... shape) {
    Long[] boxed = new Long[shape.length];
    for (int i = 0; i < shape.length; i++) {
      boxed[i] = shape[i];
    }
    return new NpyHeader(descr, false, List.of(boxed));
  }

  /** Bytes per element of a simple descriptor ({@code <f8} 8, {@code <U3} 12), else empty. */
  public static OptionalLong itemSize(String descr) {
    Matcher sized = SIZED_DESCR.matcher(descr);
    if (sized.matches()) {
      long count = Long.parseLong(sized.group(2));
      return OptionalLong.of(sized.group(1).equals("U") ? 4 * count : count);
    }
    if (DATETIME_DESCR.matcher(descr).matches()) {
      return OptionalLong.of(8);
    }
    if (BOOL_DESCR.matcher(descr).matches()) {
      return OptionalLong.of(1);
    }
    return OptionalLong.empty();
  }

  /** Bytes per element, or empty for object arrays, structured and unknown dtypes. */
  public OptionalLong itemSize() {
    return itemSize(descr);
  }

  /**
   * The number of elements, the product of the dimensions (1 for a scalar).
   *
   * @throws ArithmeticException if it exceeds {@code Long.MAX_VALUE} (the reader refuses such a
   *     header with an {@link NpzException} before anyone asks)
   */
  public long count() {
    long count = 1;
    for (long dimension : shape) {
      count = Math.multiplyExact(count, dimension);
    }
    return count;
  }

  /**
   * The number of data bytes this header announces, or empty when the dtype has no fixed item
   * size.
   *
   * @throws ArithmeticException as {@link #count()} does
   */
  public OptionalLong dataBytes() {
    OptionalLong itemSize = itemSize();
    if (itemSize.isEmpty()) {
      return itemSize;
    }
    return OptionalLong.of(Math.multiplyExact(count(), itemSize.getAsLong()));
  }

  /** netc's one dtype rule for parameters: {@code '<f8'} or {@code '<f4'}. */
  public boolean isParameterDtype() {
    return descr.equals("<f8") || descr.equals("<f4");
  }

  /** The number of characters per element of a little-endian unicode array, or -1. */
  public int unicodeLength() {
    Matcher unicode = UNICODE_DESCR.matcher(descr);
    return unicode.matches() ? Integer.parseInt(unicode.group(1)) : -1;
  }

  /**
   * The shape as the notes write it: {@code (4, 2)} gives {@code 4x2}, {@code (4,)} gives {@code
   * 4}, {@code ()} gives {@code scalar}.
   */
  public String shapeText() {
    if (shape.isEmpty()) {
      return "scalar";
    }
    StringBuilder text = new StringBuilder();
    for (Long dimension : shape) {
      if (text.length() > 0) {
        text.append('x');
      }
      text.append(dimension);
    }
    return text.toString();
  }

  /** The shape as Python writes it: {@code (4, 2)}, {@code (4,)}, {@code ()}. */
  public String tupleText() {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < shape.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(shape.get(i));
    }
    return text.append(shape.size() == 1 ? ",)" : ")").toString();
  }

  /**
   * True when this array is a {@code rows x columns} matrix, or, if {@code vectorToo}, the
   * vector {@code (rows,)} of a {@code rows x 1} column: the shape rule the compile-time check and
   * the loaders share.
   */
  public boolean fits(long rows, long columns, boolean vectorToo) {
    if (shape.size() == 2) {
      return shape.get(0) == rows && shape.get(1) == columns;
    }
    return vectorToo && columns == 1 && shape.size() == 1 && shape.get(0) == rows;
  }
}
