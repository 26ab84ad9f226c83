package dev.netc.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Bad data in a CSV file: the message names the file, the 1-based line and, where one is to blame,
 * the column, then says what was expected and what was found, e.g. {@code digits.csv:12: column 5
 * ("p4") must be a number but is "abc"}.
 */
public final class CsvException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;
  private final int column;
  private final String columnName;

  /**
   * @param file the file read
   * @param line the 1-based line (for a record spanning lines, the line where it starts)
   * @param column the 1-based column, or 0 when the whole line is to blame
   * @param columnName the column's header name, or "" when no column is to blame
   * @param problem the rest of the message, after the {@code file:line: } prefix
   */
  CsvException(Path file, int line, int column, String columnName, String problem) {
    super(file.getFileName() + ":" + line + ": " + problem);
    this.file = file;
    this.line = line;
    this.column = column;
    this.columnName = Objects.requireNonNull(columnName);
  }

  /** The file that was read. */
  public Path file() {
    return file;
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
