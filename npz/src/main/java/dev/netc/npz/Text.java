package dev.netc.npz;

/** Text from a file made safe for messages: printable ASCII only, bounded in length. */
final class Text {
  private Text() {}

  /** Header text and JDK messages may hold anything; a compiler message gets only ASCII. */
  static String ascii(String message) {
    if (message == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(message.length());
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (c >= 0x20 && c < 0x7F) {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.toString();
  }

  /** At most {@code limit} bytes as ASCII, other bytes as {@code \xNN}: never raw control bytes. */
  static String printable(byte[] bytes, int limit) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < Math.min(limit, bytes.length); i++) {
      int b = bytes[i] & 0xFF;
      if (b >= 0x20 && b < 0x7F && b != '\\') {
        text.append((char) b);
      } else {
        text.append(String.format("\\x%02x", b));
      }
    }
    return text.length() == 0 ? "nothing" : text.toString();
  }

  /** At most {@code limit} characters, newlines as {@code \n}, then {@code ...} if cut. */
  static String printable(String text, int limit) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (; i < text.length() && out.length() < limit; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7F) {
        out.append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return i < text.length() ? out + "..." : out.toString();
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? e.getClass().getSimpleName()
        : printable(message, 200);
  }
}
