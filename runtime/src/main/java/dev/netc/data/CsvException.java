package dev.netc.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Bad data in a CSV file: the message names the file, the 1-based line and, where one is to blame,
 * the column, then says what was expected and what was found, e.g. {@code digits.csv:12: column 5
 * ("p4") must be a number but is "abc"}. A field or column name longer than 40 characters is
 * quoted by its first 40 and its length: {@code "aaaa...aaaa"... (104857600 characters)}.
 */
public final class CsvException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String source;
  private final int line;
  private final int column;
  private final String columnName;

  /**
   * @param file the file read, or null for a stream or class-path resource
   * @param source the name of what was read, as messages give it: a file's name, a resource's
   *     path, the name given with a stream
   * @param line the 1-based line (for a record spanning lines, the line where it starts)
   * @param column the 1-based column, or 0 when the whole line is to blame
   * @param columnName the column's header name, or "" when no column is to blame
   * @param problem the rest of the message, after the {@code source:line: } prefix
   * @param cause what the reader threw, or null
   */
  CsvException(
      Path file,
      String source,
      int line,
      int column,
      String columnName,
      String problem,
      Throwable cause) {
    super(source + ":" + line + ": " + problem, cause);
    this.file = file;
    this.source = Objects.requireNonNull(source);
    this.line = line;
    this.column = column;
    this.columnName = Objects.requireNonNull(columnName);
  }

  /** The file that was read, or null when a stream or a class-path resource was read. */
  public Path file() {
    return file;
  }

  /**
   * What was read, as the message names it: the file's name, the class-path resource's path, or
   * the name given with a stream.
   */
  public String source() {
    return source;
  }

  /** The 1-based line of the bad record (where it starts, if a quoted field spans lines). */
  public int line() {
    return line;
  }

  /** The 1-based column to blame, or 0 when the error concerns the whole line. */
  public int column() {
    return column;
  }

  /** The header name of {@link #column()}, or "" when the error concerns the whole line. */
  public String columnName() {
    return columnName;
  }
}
