package dev.netc.processor;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads the array headers of a NumPy {@code .npz} archive (a zip of {@code NAME.npy} entries,
 * stored or deflated, as {@code numpy.savez} and {@code numpy.savez_compressed} write) without
 * keeping any array data: for each array its name, dtype descriptor, order and shape, and the
 * number of data bytes actually present, which must equal {@code product(shape) * itemsize}.
 *
 * <p>This runs inside javac on a user's file, so it trusts nothing in it: every failure, whatever
 * its cause (a damaged zip, a truncated stream, a hostile header), ends as one {@link
 * NpzException} whose message is fit for a compiler error, and no allocation is sized by a number
 * read from the file beyond fixed caps. It needs only the JDK; the processor must not depend on
 * netc-runtime or jblas.
 */
final class NpzHeaders {

  /** v2/v3 headers announce a 4-byte length; numpy writes a few hundred bytes at most. */
  static final int MAX_HEADER_BYTES = 1 << 20;

  /** A header dict nests only inside structured dtypes; this is far deeper than numpy writes. */
  private static final int MAX_NESTING = 32;

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /** The end-of-central-directory record: signature, 16 fixed bytes, a comment of 0..65535. */
  private static final int EOCD_BYTES = 22;

  private static final int MAX_ZIP_COMMENT = 0xFFFF;

  private static final Pattern SIZED_DESCR = Pattern.compile("[<>|=]?([biufcSaUV])(\\d{1,9})");

  private static final Pattern DATETIME_DESCR = Pattern.compile("[<>|=]?[mM]8(\\[\\w+\\])?");

  private static final Pattern BOOL_DESCR = Pattern.compile("[<>|=]?\\?");

  private NpzHeaders() {}

  /**
   * One array of an archive, as its {@code .npy} header describes it.
   *
   * @param name the zip entry name without its {@code .npy} suffix, e.g. {@code W1}
   * @param descr the dtype descriptor, e.g. {@code <f8}; for a structured dtype, the Python list
   *     literal as written in the header
   * @param fortranOrder true when the data is stored column-major
   * @param shape the dimensions, each non-negative; empty for a 0-d (scalar) array
   * @param dataBytes the number of bytes after the header in the entry, counted, not announced
   */
  record ArrayHeader(
      String name, String descr, boolean fortranOrder, List<Long> shape, long dataBytes) {

    ArrayHeader {
      Objects.requireNonNull(name);
      Objects.requireNonNull(descr);
      shape = List.copyOf(shape);
    }

    /**
     * True for IEEE double precision in either byte order ({@code <f8} or {@code >f8}; numpy
     * writes the byte order of the array it saves, so a big-endian array stays {@code >f8}).
     * {@code =f8} (native order) never appears in a file numpy wrote and is not accepted.
     */
    boolean isFloat64() {
      return descr.equals("<f8") || descr.equals(">f8");
    }

    /** True for IEEE single precision in either byte order ({@code <f4} or {@code >f4}). */
    boolean isFloat32() {
      return descr.equals("<f4") || descr.equals(">f4");
    }

    /** True when the data bytes are little-endian or have no byte order ({@code |u1}). */
    boolean isLittleEndian() {
      return !descr.startsWith(">");
    }

    /**
     * The shape as the notes write it: {@code (4, 2)} gives {@code 4x2}, {@code (4,)} gives
     * {@code 4}, {@code ()} gives {@code scalar}.
     */
    String shapeText() {
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
  }

  /**
   * The archive cannot be read as an {@code .npz}; the message is lowercase and names the entry
   * first when there is one ({@code W1.npy: truncated header (expected 118 bytes, found 40)}),
   * ready to follow the resource name in a compiler error.
   */
  static final class NpzException extends Exception {
    private static final long serialVersionUID = 1L;

    NpzException(String message) {
      super(ascii(message));
    }

    NpzException(String message, Throwable cause) {
      super(ascii(message), cause);
    }

    /** Header text and JDK messages may hold anything; a compiler message gets only ASCII. */
    private static String ascii(String message) {
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
  }

  /**
   * Reads the header of every array of an {@code .npz} archive, in archive order, skipping (not
   * buffering) the data. Does not close {@code in}; reads it to its end.
   *
   * @throws NpzException for an empty, non-zip, damaged or truncated archive, an entry that is not
   *     a {@code .npy} array, a duplicate name, a bad or truncated {@code .npy} header, or a data
   *     size that does not match the header
   */
  static List<ArrayHeader> read(InputStream in) throws NpzException {
    Objects.requireNonNull(in, "in");
    Source source = new Source(in);
    try (ZipInputStream zip = new ZipInputStream(source, UTF_8)) {
      List<ArrayHeader> arrays = new ArrayList<>();
      Set<String> names = new HashSet<>();
      String previous = null;
      while (true) {
        ZipEntry entry;
        try {
          entry = zip.getNextEntry();
        } catch (IOException | RuntimeException e) {
          throw new NpzException(
              (previous == null ? "" : "after " + previous + ": ")
                  + "damaged zip entry header ("
                  + describe(e)
                  + ")",
              e);
        }
        if (entry == null) {
          break;
        }
        // Names reach compiler messages: no control characters, no terminal escapes.
        String entryName = printable(entry.getName(), 200);
        try {
          arrays.add(readEntry(entry.getName(), entryName, entry.isDirectory(), zip, names));
        } catch (EOFException e) {
          throw new NpzException(entryName + ": the archive ends inside this entry (truncated)", e);
        } catch (IOException | RuntimeException e) {
          throw new NpzException(entryName + ": damaged zip entry (" + describe(e) + ")", e);
        }
        previous = entryName;
      }
      source.drain();
      checkEnd(source, arrays.size());
      return List.copyOf(arrays);
    } catch (IOException | RuntimeException e) {
      // drain() and close(); also whatever a JDK zip class throws that we did not foresee
      throw new NpzException("unreadable .npz archive (" + describe(e) + ")", e);
    }
  }

  /**
   * One entry, read to its end. {@code entryName} is {@code rawName} made printable, for messages.
   */
  private static ArrayHeader readEntry(
      String rawName, String entryName, boolean directory, InputStream data, Set<String> names)
      throws NpzException, IOException {
    if (directory || !rawName.endsWith(".npy")) {
      throw new NpzException(
          entryName + ": not a .npy array; every entry of an .npz must be named NAME.npy");
    }
    String name = rawName.substring(0, rawName.length() - ".npy".length());
    if (name.isEmpty()) {
      throw new NpzException(entryName + ": an array needs a name before .npy");
    }
    if (!names.add(name)) {
      throw new NpzException(entryName + ": appears twice in the archive");
    }

    byte[] magic = data.readNBytes(MAGIC.length);
    for (int i = 0; i < magic.length; i++) {
      if (magic[i] != MAGIC[i]) {
        throw new NpzException(
            entryName + ": not a .npy array (bad magic: expected \\x93NUMPY, found "
                + printable(magic, magic.length) + ")");
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
    if (headerLength > MAX_HEADER_BYTES) {
      throw new NpzException(
          entryName + ": header length " + headerLength + " exceeds the " + MAX_HEADER_BYTES
              + " bytes netc reads");
    }
    // readNBytes(int) grows its buffer as bytes arrive, so a short entry allocates little.
    byte[] headerBytes = data.readNBytes((int) headerLength);
    if (headerBytes.length < headerLength) {
      throw truncated(entryName, headerLength, headerBytes.length);
    }
    // Version 3 differs from 2 only in allowing UTF-8 (structured dtype field names).
    String header = new String(headerBytes, major == 3 ? UTF_8 : ISO_8859_1);

    Map<String, Literal> dict = new DictParser(entryName, header).parseHeader();
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

    long dataBytes = 0;
    byte[] skip = new byte[8192];
    for (int n; (n = data.read(skip)) != -1; ) {
      dataBytes += n;
    }
    ArrayHeader array = new ArrayHeader(name, descr, fortranOrder, shape, dataBytes);
    checkDataSize(entryName, array);
    return array;
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

  private static void checkDataSize(String entryName, ArrayHeader array) throws NpzException {
    OptionalLong itemSize = itemSize(array.descr());
    if (itemSize.isEmpty()) {
      return; // object arrays (pickled), unknown codes: nothing to compare against
    }
    long expected = itemSize.getAsLong();
    try {
      for (long dimension : array.shape()) {
        expected = Math.multiplyExact(expected, dimension);
      }
    } catch (ArithmeticException e) {
      throw new NpzException(
          entryName + ": a " + array.shapeText() + " array of " + array.descr()
              + " needs more than 2^63 - 1 bytes; the header is damaged");
    }
    if (array.dataBytes() != expected) {
      throw new NpzException(
          entryName + ": data holds " + array.dataBytes() + " bytes but a " + array.shapeText()
              + " array of " + array.descr() + " needs " + expected);
    }
  }

  /** Bytes per element of a simple descriptor ({@code <f8} 8, {@code <U3} 12), else empty. */
  static OptionalLong itemSize(String descr) {
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

  /**
   * ZipInputStream stops quietly at anything that is not a local entry header, so an empty file,
   * a non-zip file, and a valid archive cut short after a whole entry would all read as "no more
   * arrays". Only the end-of-central-directory record at the very end tells them apart.
   */
  private static void checkEnd(Source source, int arrays) throws NpzException {
    if (source.total() == 0) {
      throw new NpzException("the file is empty; an .npz is a zip archive of .npy arrays");
    }
    byte[] head = source.head();
    if (arrays == 0 && startsWith(head, MAGIC)) {
      throw new NpzException(
          "this is a single .npy array, not an .npz archive; save it with numpy.savez");
    }
    if (arrays == 0 && !startsWith(head, new byte[] {'P', 'K'})) {
      throw new NpzException(
          "not a zip archive (an .npz starts with PK, this file starts with "
              + printable(head, head.length) + ")");
    }
    byte[] tail = source.tail();
    int eocd = -1;
    for (int at = tail.length - EOCD_BYTES; at >= 0; at--) {
      if (tail[at] == 'P' && tail[at + 1] == 'K' && tail[at + 2] == 5 && tail[at + 3] == 6
          && at + EOCD_BYTES + u16(tail, at + 20) == tail.length) {
        eocd = at;
        break;
      }
    }
    if (eocd < 0) {
      throw new NpzException(
          arrays == 0
              ? "not a valid zip archive (no entries and no end-of-archive record)"
              : "the archive is truncated or damaged: its end-of-archive record is missing after "
                  + arrays + (arrays == 1 ? " array" : " arrays"));
    }
    int listed = u16(tail, eocd + 10);
    if (listed != 0xFFFF && listed != arrays) {
      // The central directory lists an entry the stream could not reach (junk between entries).
      throw new NpzException(
          "the archive is damaged: its directory lists " + listed + " entries but " + arrays
              + " could be read");
    }
    if (arrays == 0) {
      throw new NpzException("the archive holds no arrays");
    }
  }

  private static int u16(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** At most {@code limit} bytes as ASCII, other bytes as {@code \xNN}: never raw control bytes. */
  private static String printable(byte[] bytes, int limit) {
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

  private static String printable(String text, int limit) {
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

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? e.getClass().getSimpleName()
        : printable(message, 200);
  }

  /**
   * The caller's stream, which it keeps (close is a no-op), remembering the first bytes and the
   * last end-of-central-directory's worth, fixed-size, for {@link #checkEnd}.
   */
  private static final class Source extends FilterInputStream {
    private final byte[] head = new byte[8];
    private final byte[] ring = new byte[EOCD_BYTES + MAX_ZIP_COMMENT];
    private final byte[] single = new byte[1];
    private long total;

    Source(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b != -1) {
        single[0] = (byte) b;
        record(single, 0, 1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        record(b, off, n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // Skipped bytes must pass through record(); read them instead.
      byte[] buffer = new byte[(int) Math.max(0, Math.min(n, 8192))];
      int r = read(buffer, 0, buffer.length);
      return Math.max(r, 0);
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    @Override
    public void close() {}

    private void record(byte[] b, int off, int n) {
      for (int i = 0; i < n; i++) {
        if (total + i < head.length) {
          head[(int) (total + i)] = b[off + i];
        }
        ring[(int) ((total + i) % ring.length)] = b[off + i];
      }
      total += n;
    }

    /** Reads past whatever ZipInputStream left, so that the tail really is the file's end. */
    void drain() throws IOException {
      byte[] buffer = new byte[8192];
      while (read(buffer, 0, buffer.length) != -1) {
        // only record() matters
      }
    }

    long total() {
      return total;
    }

    byte[] head() {
      byte[] copy = new byte[(int) Math.min(total, head.length)];
      System.arraycopy(head, 0, copy, 0, copy.length);
      return copy;
    }

    /** The last {@code min(total, ring.length)} bytes, oldest first. */
    byte[] tail() {
      int length = (int) Math.min(total, ring.length);
      byte[] copy = new byte[length];
      long start = total - length;
      for (int i = 0; i < length; i++) {
        copy[i] = ring[(int) ((start + i) % ring.length)];
      }
      return copy;
    }
  }

  /** A parsed value with the header text it came from, for messages and structured descrs. */
  private record Literal(Object value, String source) {

    /** The source for a message: a hostile header may hold a megabyte of it. */
    String shown() {
      return printable(source, 80);
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
              + "): " + printable(text.strip(), 120));
    }
  }
}
