package dev.netc.samples.serving;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The body's grammar: what is read, and the sentence for each thing refused. */
final class RowsTest {

  private static double[][] parse(String body, int features, int maxRows) throws RequestException {
    return Rows.parse(body.getBytes(ISO_8859_1), features, maxRows);
  }

  private static void refused(String body, int features, int maxRows, String message) {
    RequestException e =
        assertThrows(RequestException.class, () -> parse(body, features, maxRows), body);
    assertEquals(400, e.status(), body);
    assertEquals(message, e.getMessage(), body);
  }

  @Test
  void readsRowsOfDecimalNumbers() throws Exception {
    double[][] rows = parse("1,2.5,-3e-2\r\n .5 ,\t0.,-0\n7E+1,1e308,4.9e-324\n", 3, 3);
    assertEquals(3, rows.length);
    assertArrayEquals(new double[] {1, 2.5, -0.03}, rows[0]);
    assertArrayEquals(new double[] {0.5, 0, -0.0}, rows[1]);
    assertArrayEquals(new double[] {70, 1e308, Double.MIN_VALUE}, rows[2]);
    assertArrayEquals(new double[] {16}, parse("16", 1, 1)[0], "no final newline");
  }

  @Test
  void refusesWhatIsNotADecimalNumber() {
    for (String value :
        new String[] {
          "NaN",
          "Infinity",
          "-Infinity",
          "0x1p3",
          "1d",
          "1f",
          "+1",
          "1e",
          "1.2.3",
          "e5",
          "--1",
          "1 2",
          ""
        }) {
      refused(
          "0," + value,
          2,
          1,
          "row 1, value 2: \"" + value + "\" is not a decimal number (like 3, -0.5 or 1e-3)");
    }
    refused("1e999", 1, 1, "row 1, value 1: 1e999 overflows a double");
    refused(
        "1".repeat(40),
        1,
        1,
        "row 1, value 1: \"11111111111111111111...\" is not a decimal number (like 3, -0.5 or"
            + " 1e-3)");
  }

  @Test
  void refusesRowsOfAnotherLength() {
    refused("1,2", 3, 5, "row 1 has 2 values; every row must have 3, separated by commas");
    refused(
        "1,2,3\n1,2,3,4", 3, 5, "row 2 has 4 values; every row must have 3, separated by commas");
    refused("1,2,3\n\n", 3, 5, "row 2 has 0 values; every row must have 3, separated by commas");
    refused(
        "1,2,3\n\n1,2,3", 3, 5, "row 2 has 0 values; every row must have 3, separated by commas");
  }

  @Test
  void refusesEmptyBodiesTooManyRowsAndNonAscii() throws Exception {
    refused("", 3, 5, "the body is empty; send one row per line, 3 comma-separated numbers");
    refused("\n", 3, 5, "the body is empty; send one row per line, 3 comma-separated numbers");
    refused("1\n2\n3\n", 1, 2, "the body has more than 2 rows; send at most 2");
    assertEquals(2, parse("1\n2\n", 1, 2).length, "exactly the limit");
    RequestException e =
        assertThrows(
            RequestException.class, () -> Rows.parse("1,\u00e9".getBytes(ISO_8859_1), 2, 1));
    assertEquals("the body must be ASCII, but byte 2 is not", e.getMessage());
    assertEquals(1, Rows.parse("5".getBytes(US_ASCII), 1, 1).length);
  }
}
