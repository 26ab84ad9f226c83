package dev.netc.npz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the header at the start of one {@code .npy} array: magic, version, header length and the
 * Python dict literal, trusting nothing in it. The one header parser of netc.
 */
final class NpyHeaders {

  /** The header and the number of bytes it took, magic to the last padding byte. */
  record Parsed(NpyHeader header, long length) {}

  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /** A header dict nests only inside structured dtypes; this is far deeper than numpy writes. */
  private static final int MAX_NESTING = 32;

  private NpyHeaders() {}

  /**
   * Reads the header of {@code entryName} from {@code data}, leaving {@code data} where the array's
   * data starts.
   *
   * @throws NpzException for a bad magic, version or length, a truncated header, a header that is
   *     not the dict numpy writes, or a shape whose data would need more than 2^63 - 1 bytes
   * @throws IOException when {@code data} itself fails
   */
  static Parsed read(InputStream data, String entryName) throws IOException {
    byte[] magic = data.readNBytes(MAGIC.length);
    for (int i = 0; i < magic.length; i++) {
      if (magic[i] != MAGIC[i]) {
        throw new NpzException(
            entryName + ": not a .npy array (bad magic: expected \\x93NUMPY, found "
                + Text.printable(magic, magic.length) + ")");
      }
    }
    if (magic.length < MAGIC.length) {
      throw truncated(entryName, 10, magic.length);
    }
    byte[] version = data.readNBytes(2);
    if (version.length < 2) {
      throw truncated(entryName, 10, MAGIC.length + version.length);
    }
    int major = version[0] & 0xFF;
    int minor = version[1] & 0xFF;
    if (major < 1 || major > 3) {
      throw new NpzException(
          entryName + ": unsupported .npy format version " + major + "." + minor
              + " (netc reads versions 1, 2 and 3)");
    }
    int lengthBytes = major == 1 ? 2 : 4;
    int preamble = MAGIC.length + 2 + lengthBytes;
    byte[] lengthField = data.readNBytes(lengthBytes);
    if (lengthField.length < lengthBytes) {
      throw truncated(entryName, preamble, MAGIC.length + 2 + lengthField.length);
    }
    long headerLength = 0;
    for (int i = lengthBytes - 1; i >= 0; i--) {
      headerLength = (headerLength << 8) | (lengthField[i] & 0xFF);
    }
    if (headerLength > NpzLimits.MAX_HEADER_BYTES) {
      throw new NpzException(
          entryName + ": header length " + headerLength + " exceeds the "
              + NpzLimits.MAX_HEADER_BYTES + " bytes netc reads");
    }
    // readNBytes(int) grows its buffer as bytes arrive, so a short entry allocates little.
    byte[] headerBytes = data.readNBytes((int) headerLength);
    if (headerBytes.length < headerLength) {
      throw truncated(entryName, headerLength, headerBytes.length);
    }
    // Version 3 differs from 2 only in allowing UTF-8 (structured dtype field names).
    String text = new String(headerBytes, major == 3 ? UTF_8 : ISO_8859_1);

    Map<String, Literal> dict = new DictParser(entryName, text).parseHeader();
    for (String key : dict.keySet()) {
      if (!key.equals("descr") && !key.equals("fortran_order") && !key.equals("shape")) {
        throw new NpzException(
            entryName + ": header has an unexpected key '" + key
                + "'; a .npy header holds exactly 'descr', 'fortran_order' and 'shape'");
      }
    }
    String descr = descr(entryName, required(entryName, dict, "descr"));
    boolean fortranOrder = fortranOrder(entryName, required(entryName, dict, "fortran_order"));
    List<Long> shape = shape(entryName, required(entryName, dict, "shape"));
    NpyHeader header = new NpyHeader(descr, fortranOrder, shape);
    try {
      header.dataBytes();
    } catch (ArithmeticException e) {
      // Math.multiplyExact: the product of the dimensions and the item size, never wrapped.
      throw new NpzException(
          entryName + ": a " + header.shapeText() + " array of " + descr
              + " needs more than 2^63 - 1 bytes; the header is damaged");
    }
    return new Parsed(header, preamble + headerLength);
  }

  private static NpzException truncated(String entryName, long expected, long found) {
    return new NpzException(
        entryName + ": truncated header (expected " + expected + " bytes, found " + found + ")");
  }

  private static Literal required(String entryName, Map<String, Literal> dict, String key)
      throws NpzException {
    Literal value = dict.get(key);
    if (value == null) {
      throw new NpzException(entryName + ": header has no '" + key + "' key");
    }
    return value;
  }

  private static String descr(String entryName, Literal value) throws NpzException {
    if (value.value() instanceof String text) {
      return text;
    }
    if (value.value() instanceof Sequence sequence && !sequence.tuple()) {
      return value.source(); // a structured dtype: reported as written
    }
    throw new NpzException(
        entryName + ": header 'descr' must be a string or a list, found " + value.shown());
  }

  private static boolean fortranOrder(String entryName, Literal value) throws NpzException {
    if (value.value() instanceof Boolean flag) {
      return flag;
    }
    throw new NpzException(
        entryName + ": header 'fortran_order' must be True or False, found " + value.shown());
  }

  private static List<Long> shape(String entryName, Literal value) throws NpzException {
    if (!(value.value() instanceof Sequence sequence) || !sequence.tuple()) {
      throw new NpzException(
          entryName + ": header 'shape' must be a tuple of integers, found " + value.shown());
    }
    List<Long> shape = new ArrayList<>();
    for (Object item : sequence.items()) {
      if (!(item instanceof BigInteger dimension)) {
        throw new NpzException(
            entryName + ": header 'shape' must be a tuple of integers, found " + value.shown());
      }
      if (dimension.signum() < 0) {
        throw new NpzException(
            entryName + ": shape " + value.shown() + " has a negative dimension");
      }
      if (dimension.bitLength() > 63) {
        throw new NpzException(
            entryName + ": shape " + value.shown() + " has a dimension above 2^63 - 1");
      }
      shape.add(dimension.longValue());
    }
    return shape;
  }

  /** A parsed value with the header text it came from, for messages and structured descrs. */
  private record Literal(Object value, String source) {

    /** The source for a message: a hostile header may hold a megabyte of it. */
    String shown() {
      return Text.printable(source, 80);
    }
  }

  /** A Python tuple ({@code tuple} true) or list; items are parsed values, not Literals. */
  private record Sequence(boolean tuple, List<Object> items) {}

  /** Marks Python's {@code None}, which a Java collection could not hold as null. */
  private enum None {
    NONE
  }

  /**
   * Recursive descent over the Python literals numpy writes in a header: a dict of strings,
   * {@code True}/{@code False}/{@code None}, integers (with Python 2's {@code L} suffix), tuples
   * and lists, nested only inside structured descrs.
   */
  private static final class DictParser {
    private final String entryName;
    private final String text;
    private int pos;
    private int depth;

    DictParser(String entryName, String text) {
      this.entryName = entryName;
      this.text = text;
    }

    Map<String, Literal> parseHeader() throws NpzException {
      skipSpace();
      if (!peek('{')) {
        throw error("expected '{'");
      }
      pos++;
      Map<String, Literal> dict = new LinkedHashMap<>();
      while (true) {
        skipSpace();
        if (peek('}')) {
          pos++;
          break;
        }
        Object key = value();
        if (!(key instanceof String name)) {
          throw error("expected a string key");
        }
        skipSpace();
        expect(':');
        skipSpace();
        int start = pos;
        Object value = value();
        if (dict.put(name, new Literal(value, text.substring(start, pos))) != null) {
          throw error("key '" + name + "' appears twice");
        }
        skipSpace();
        if (peek(',')) {
          pos++;
        } else if (!peek('}')) {
          throw error("expected ',' or '}'");
        }
      }
      skipSpace();
      if (pos != text.length()) {
        throw error("unexpected text after the dict");
      }
      return dict;
    }

    private Object value() throws NpzException {
      if (pos >= text.length()) {
        throw error("unexpected end");
      }
      char c = text.charAt(pos);
      if (c == '\'' || c == '"') {
        return string(c);
      }
      if (c == '(' || c == '[') {
        return sequence(c);
      }
      if (c == '{') {
        throw error("a nested dict is not expected");
      }
      if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
        return integer();
      }
      if (Character.isLetter(c)) {
        int start = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
          pos++;
        }
        switch (text.substring(start, pos)) {
          case "True":
            return Boolean.TRUE;
          case "False":
            return Boolean.FALSE;
          case "None":
            return None.NONE;
          default:
            pos = start;
            throw error("unexpected name");
        }
      }
      throw error("unexpected character");
    }

    private String string(char quote) throws NpzException {
      pos++;
      StringBuilder out = new StringBuilder();
      while (true) {
        if (pos >= text.length() || text.charAt(pos) == '\n') {
          throw error("unterminated string");
        }
        char c = text.charAt(pos++);
        if (c == quote) {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (pos >= text.length()) {
          throw error("unterminated string");
        }
        char escaped = text.charAt(pos++);
        switch (escaped) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'x' -> {
            if (pos + 2 > text.length()) {
              throw error("bad \\x escape");
            }
            try {
              out.append((char) Integer.parseInt(text.substring(pos, pos + 2), 16));
            } catch (NumberFormatException e) {
              throw error("bad \\x escape");
            }
            pos += 2;
          }
          default -> out.append(escaped); // \\ \' \" and anything numpy never writes
        }
      }
    }

    private Object sequence(char open) throws NpzException {
      char close = open == '(' ? ')' : ']';
      if (++depth > MAX_NESTING) {
        throw error("nested more than " + MAX_NESTING + " levels deep");
      }
      pos++;
      List<Object> items = new ArrayList<>();
      boolean sawComma = false;
      while (true) {
        skipSpace();
        if (peek(close)) {
          pos++;
          break;
        }
        items.add(value());
        skipSpace();
        if (peek(',')) {
          pos++;
          sawComma = true;
        } else if (!peek(close)) {
          throw error("expected ',' or '" + close + "'");
        }
      }
      depth--;
      if (open == '(' && items.size() == 1 && !sawComma) {
        return items.get(0); // Python: (4) is the integer 4; a 1-tuple is written (4,)
      }
      return new Sequence(open == '(', items);
    }

    private BigInteger integer() throws NpzException {
      int start = pos;
      if (peek('-') || peek('+')) {
        pos++;
      }
      int digits = pos;
      while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
        pos++;
      }
      if (pos == digits) {
        pos = start;
        throw error("expected a digit");
      }
      if (pos - digits > 40) {
        pos = start;
        throw error("integer too long");
      }
      BigInteger value = new BigInteger(text.substring(start, pos));
      if (peek('L') || peek('l')) {
        pos++; // written by numpy under Python 2
      }
      return value;
    }

    private void skipSpace() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return;
        }
        pos++;
      }
    }

    private boolean peek(char c) {
      return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) throws NpzException {
      if (!peek(c)) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private NpzException error(String what) {
      return new NpzException(
          entryName + ": header is not a valid dict literal (" + what + " at offset " + pos
              + "): " + Text.printable(text.strip(), 120));
    }
  }
}
