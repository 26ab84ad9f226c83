package dev.netc.processor;

/** Values shown in messages as Java string literals: what the user wrote, escapes visible. */
final class JavaLiterals {

  private JavaLiterals() {}

  /**
   * {@code s} as a Java string literal in printable ASCII, so that a line break prints as {@code
   * \n}; cut after {@code max} characters, marked by {@code ...} before the closing quote.
   */
  static String quote(String s, int max) {
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < s.length() && i < max; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append(s.length() > max ? "...\"" : "\"").toString();
  }
}
