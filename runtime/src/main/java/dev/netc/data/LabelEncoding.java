package dev.netc.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the label column of a CSV file becomes the target matrix {@code Y} ({@code k x m}, one
 * example per column).
 *
 * <ul>
 *   <li>{@link #binary}: {@code Y} is {@code 1 x m}, 0 for the negative and 1 for the positive
 *       value; any other value is an error. Classes: (negative, positive).
 *   <li>{@link #oneVsRest}: {@code Y} is {@code 1 x m}, 1 where the label equals the positive value
 *       and 0 for every other value. Classes: ("rest", positive).
 *   <li>{@link #oneHot}: {@code Y} is {@code k x m}, column {@code j} has a 1 in the row of its
 *       class and 0 elsewhere. Classes: as given, or, when none are given, the distinct values of
 *       the column sorted (numerically if every value is a number, else by {@link String} order).
 *   <li>{@link #numeric}: {@code Y} is {@code 1 x m}, the value itself (regression). No classes.
 * </ul>
 *
 * <p>Values are compared exactly (case and spaces count). An empty label is always an error.
 */
public final class LabelEncoding {

  enum Kind {
    BINARY,
    ONE_VS_REST,
    ONE_HOT,
    NUMERIC
  }

  private final Kind kind;
  // As given by the user; empty for numeric() and for oneHot() with the classes left to the data.
  private final List<String> given;

  private LabelEncoding(Kind kind, List<String> given) {
    this.kind = kind;
    this.given = given;
  }

  /**
   * {@code Y} is {@code 1 x m} with 0 for {@code negative} and 1 for {@code positive}; any other
   * value in the label column is an error.
   *
   * @throws IllegalArgumentException if a value is empty or both are equal
   */
  public static LabelEncoding binary(String negative, String positive) {
    check("binary", "negative", negative);
    check("binary", "positive", positive);
    if (negative.equals(positive)) {
      throw new IllegalArgumentException(
          "binary: negative and positive must differ but both are " + quote(negative));
    }
    return new LabelEncoding(Kind.BINARY, List.of(negative, positive));
  }

  /**
   * {@code Y} is {@code 1 x m} with 1 where the label equals {@code positive} and 0 for every other
   * (non-empty) value.
   *
   * @throws IllegalArgumentException if {@code positive} is empty
   */
  public static LabelEncoding oneVsRest(String positive) {
    check("oneVsRest", "positive", positive);
    return new LabelEncoding(Kind.ONE_VS_REST, List.of(positive));
  }

  /**
   * {@code Y} is {@code k x m} one-hot, row {@code i} standing for {@code classes[i]}; any other
   * value is an error. With no classes given they are the distinct values of the column, sorted
   * numerically if every value is a number and by {@link String} order otherwise.
   *
   * @throws IllegalArgumentException if a class is empty or repeated, or only one class is given
   */
  public static LabelEncoding oneHot(String... classes) {
    Objects.requireNonNull(classes, "classes");
    if (classes.length == 1) {
      throw new IllegalArgumentException(
          "oneHot: needs at least 2 classes but got only "
              + quote(classes[0])
              + "; use oneVsRest for a single positive class");
    }
    Set<String> seen = new HashSet<>();
    for (String c : classes) {
      check("oneHot", "every class", c);
      if (!seen.add(c)) {
        throw new IllegalArgumentException(
            "oneHot: class " + quote(c) + " is given twice; classes must be distinct");
      }
    }
    return new LabelEncoding(Kind.ONE_HOT, List.of(classes));
  }

  /** {@code Y} is {@code 1 x m} holding the label itself, which must be a finite number. */
  public static LabelEncoding numeric() {
    return new LabelEncoding(Kind.NUMERIC, List.of());
  }

  Kind kind() {
    return kind;
  }

  /**
   * Why {@code value} (non-empty) is not accepted, as the rest of a sentence starting with the
   * column, or null when it is accepted. Only for the categorical encodings.
   */
  String reject(String value) {
    if (kind == Kind.BINARY || (kind == Kind.ONE_HOT && !given.isEmpty())) {
      if (!given.contains(value)) {
        return "is " + excerpt(value) + " but the label encoding accepts only " + list(given);
      }
    }
    return null;
  }

  /**
   * The class names of the data set, given the distinct values of the label column (empty for
   * numeric). Returns null for {@link #oneHot()} when fewer than 2 distinct values were seen.
   */
  List<String> classes(Collection<String> distinct) {
    switch (kind) {
      case BINARY:
        return given;
      case ONE_VS_REST:
        return List.of("rest", given.get(0));
      case NUMERIC:
        return List.of();
      default:
        if (!given.isEmpty()) {
          return given;
        }
        if (distinct.size() < 2) {
          return null;
        }
        List<String> sorted = new ArrayList<>(distinct);
        if (sorted.stream().allMatch(CsvReader::isDecimal)) {
          sorted.sort(
              Comparator.comparingDouble((String s) -> Double.parseDouble(s.strip()))
                  .thenComparing(Comparator.naturalOrder()));
        } else {
          sorted.sort(Comparator.naturalOrder());
        }
        return List.copyOf(sorted);
    }
  }

  /** The rows of {@code Y} for these classes. */
  int rows(List<String> classes) {
    return kind == Kind.ONE_HOT ? classes.size() : 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelEncoding
        && ((LabelEncoding) o).kind == kind
        && ((LabelEncoding) o).given.equals(given);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + given.hashCode();
  }

  /** The factory call that makes this encoding, e.g. {@code binary("benign", "malignant")}. */
  @Override
  public String toString() {
    String name =
        kind == Kind.BINARY
            ? "binary"
            : kind == Kind.ONE_VS_REST ? "oneVsRest" : kind == Kind.ONE_HOT ? "oneHot" : "numeric";
    return name + "(" + list(given) + ")";
  }

  static String quote(String s) {
    return "\"" + s + "\"";
  }

  static String list(List<String> names) {
    return names.stream().map(LabelEncoding::quote).collect(Collectors.joining(", "));
  }

  /** The longest text of a CSV file that messages quote whole. */
  static final int EXCERPT = 40;

  /**
   * {@code s} quoted, or for a longer text than {@link #EXCERPT} characters its first ones and its
   * length, {@code "abc..."... (104857600 characters)}: a message never copies a huge field.
   */
  static String excerpt(String s) {
    if (s.length() <= EXCERPT) {
      return quote(s);
    }
    int end = Character.isHighSurrogate(s.charAt(EXCERPT - 1)) ? EXCERPT - 1 : EXCERPT;
    return quote(s.substring(0, end)) + "... (" + s.length() + " characters)";
  }

  /** {@link #list} with each name an {@link #excerpt}. */
  static String excerpts(List<String> names) {
    return names.stream().map(LabelEncoding::excerpt).collect(Collectors.joining(", "));
  }

  private static void check(String factory, String what, String value) {
    Objects.requireNonNull(value, factory + ": " + what);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(
          factory + ": " + what + " must be a non-empty label but is \"\"");
    }
  }
}
