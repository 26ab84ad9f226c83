package dev.netc.samples.serving;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The request body's grammar, strict and bounded: one row per line, each row exactly {@code n}
 * decimal numbers separated by commas ({@code 0,0,5.5,-1e-3,...}), lines ended by {@code \n} or
 * {@code \r\n}, the last one optionally; spaces or tabs around a number are allowed. Nothing else
 * is read as a number: no {@code NaN}, {@code Infinity}, hexadecimal, {@code 1d} or {@code 1f}
 * (which {@link Double#parseDouble} would take), no empty value, no empty line, no value that
 * overflows to infinity. Every refusal names the row and the value.
 */
final class Rows {

  /** A decimal number as JSON writes one; bounded in length by {@link #MAX_NUMBER}. */
  private static final Pattern NUMBER =
      Pattern.compile("-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

  /** Longer than any double needs (17 digits, sign, point, exponent): refuse, don't parse. */
  static final int MAX_NUMBER = 32;

  private Rows() {}

  /**
   * The rows of {@code body}, each of {@code features} values.
   *
   * @throws RequestException (400) if the body is empty, has more than {@code maxRows} rows, a row
   *     with another number of values, or a value that is not a finite decimal number
   */
  static double[][] parse(byte[] body, int features, int maxRows) throws RequestException {
    String text = new String(body, US_ASCII);
    for (int i = 0; i < body.length; i++) {
      if (body[i] < 0) {
        throw bad("the body must be ASCII, but byte " + i + " is not");
      }
    }
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - (text.endsWith("\r\n") ? 2 : 1));
    }
    if (text.isEmpty()) {
      throw bad(
          "the body is empty; send one row per line, " + features + " comma-separated numbers");
    }
    List<double[]> rows = new ArrayList<>();
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      if (rows.size() == maxRows) {
        throw bad("the body has more than " + maxRows + " rows; send at most " + maxRows);
      }
      int stop = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
      rows.add(row(text.substring(start, stop), rows.size() + 1, features));
      start = end + 1;
    }
    return rows.toArray(new double[0][]);
  }

  private static double[] row(String line, int number, int features) throws RequestException {
    String[] fields = line.split(",", -1);
    if (fields.length != features) {
      throw bad(
          "row "
              + number
              + " has "
              + (line.isBlank() ? 0 : fields.length)
              + " values; every row must have "
              + features
              + ", separated by commas");
    }
    double[] values = new double[features];
    for (int i = 0; i < features; i++) {
      String field = fields[i].strip();
      if (field.length() > MAX_NUMBER || !NUMBER.matcher(field).matches()) {
        throw bad(
            "row "
                + number
                + ", value "
                + (i + 1)
                + ": "
                + quoted(field)
                + " is not a decimal number (like 3, -0.5 or 1e-3)");
      }
      double v = Double.parseDouble(field);
      if (!Double.isFinite(v)) {
        throw bad("row " + number + ", value " + (i + 1) + ": " + field + " overflows a double");
      }
      values[i] = v;
    }
    return values;
  }

  /** At most 20 characters of {@code s}, quoted, non-printable ones as {@code ?}. */
  private static String quoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < Math.min(s.length(), 20); i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return b.append(s.length() > 20 ? "...\"" : "\"").toString();
  }

  private static RequestException bad(String message) {
    return new RequestException(400, message);
  }
}
