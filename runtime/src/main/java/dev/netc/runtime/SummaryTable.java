package dev.netc.runtime;

import java.util.List;

/** The text table of {@link Architecture#summary}: columns left-aligned, two spaces apart. */
final class SummaryTable {

  private SummaryTable() {}

  /** Appends {@code rows} (the first is the header), one line each, trailing blanks stripped. */
  static void append(List<String[]> rows, StringBuilder s) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        line.append(row[c]);
        if (c < row.length - 1) {
          line.append(" ".repeat(widths[c] - row[c].length() + 2));
        }
      }
      s.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
