package dev.netc.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.jblas.DoubleMatrix;

/**
 * Reads a CSV file of examples into a {@link DataSet}:
 *
 * <pre>{@code
 * DataSet d = CsvReader.of(Path.of("breast_cancer.csv"))
 *     .label("diagnosis", LabelEncoding.binary("benign", "malignant"))
 *     .read();
 * }</pre>
 *
 * <p>It reads a file ({@link #of(Path)}), a class-path resource ({@link #ofResource}), or a
 * stream or reader the caller opened ({@link #of(InputStream, String)}, {@link #of(Reader,
 * String)}), which it reads to the end but does not close.
 *
 * <p>The format (RFC 4180, UTF-8): the first line is the header with the column names, which must
 * be unique; fields are separated by commas; a field may be enclosed in double quotes, inside which
 * commas and line breaks are data and {@code ""} stands for one quote; lines end in LF or CRLF; the
 * last line may be blank; a leading UTF-8 byte order mark is skipped. A file (resource, stream)
 * whose name ends in {@code .gz} is read through gunzip. Feature values may have spaces around them
 * and must be finite decimal numbers ({@code 3}, {@code -0.5}, {@code 1e-3}).
 *
 * <p>A line may hold at most {@value #DEFAULT_MAX_LINE_LENGTH} characters (16 MiB; {@link
 * #maxLineLength} changes it), counted as it is read, so that a file without line breaks cannot
 * exhaust memory; the line breaks inside a quoted field do not end a line for this count.
 *
 * <p>A first line that cannot be a header is refused rather than read as column names: one whose
 * fields are all numbers (a file without a header), and scikit-learn's counts line ({@code
 * 150,4,setosa,versicolor,virginica}: examples, features, class names), which its raw {@code
 * iris.csv} starts with: two whole numbers, the first larger, then names that are not numbers.
 *
 * <p>Every row becomes one column of {@code X} and {@code Y}, in file order. Bad data throws a
 * {@link CsvException} naming the file, the line, the column and what was found (a field or name
 * longer than 40 characters quoted by its first 40 and its length); a truncated {@code .gz} file is
 * a {@link CsvException} that says so. A column name that is not in the header throws {@link
 * IllegalArgumentException} listing the header.
 *
 * <p>Instances are immutable: {@link #features}, {@link #label} and {@link #maxLineLength} return
 * new readers. A reader of a stream reads it once; reading it again is an {@link
 * IllegalStateException}.
 */
public final class CsvReader {

  /** The default of {@link #maxLineLength}: 16 MiB of characters. */
  public static final int DEFAULT_MAX_LINE_LENGTH = 16 * 1024 * 1024;

  private static final int LISTED_COLUMNS = 20;

  private final Source source;
  private final List<String> features; // null: every column except the label
  private final String label;
  private final LabelEncoding encoding;
  private final int maxLineLength;

  private CsvReader(
      Source source, List<String> features, String label, LabelEncoding encoding, int max) {
    this.source = source;
    this.features = features;
    this.label = label;
    this.encoding = encoding;
    this.maxLineLength = max;
  }

  private CsvReader(Source source) {
    this(source, null, null, null, DEFAULT_MAX_LINE_LENGTH);
  }

  /** A reader of {@code file}; name the label with {@link #label} before {@link #read}. */
  public static CsvReader of(Path file) {
    Objects.requireNonNull(file, "file");
    return new CsvReader(new Source(file, file.getFileName().toString(), null, null, null));
  }

  /**
   * A reader of the class-path resource {@code name}, found as {@link Class#getResource} finds it:
   * relative to {@code anchor}'s package, or from the class-path root if it starts with {@code /}
   * ({@code CsvReader.ofResource(Main.class, "/data/iris.csv")}). Messages name it by {@code name}.
   * A missing resource is a {@link FileNotFoundException} from {@link #read}.
   */
  public static CsvReader ofResource(Class<?> anchor, String name) {
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(name, "name");
    return new CsvReader(new Source(null, name, anchor, null, null));
  }

  /**
   * A reader of {@code in} (UTF-8, gunzipped if {@code name} ends in {@code .gz}), which {@link
   * #read} reads to the end once and does not close. Messages name it by {@code name}.
   */
  public static CsvReader of(InputStream in, String name) {
    Objects.requireNonNull(in, "in");
    return new CsvReader(new Source(null, Objects.requireNonNull(name, "name"), null, in, null));
  }

  /**
   * A reader of the characters of {@code in}, which {@link #read} reads to the end once and does
   * not close. Messages name it by {@code name}.
   */
  public static CsvReader of(Reader in, String name) {
    Objects.requireNonNull(in, "in");
    return new CsvReader(new Source(null, Objects.requireNonNull(name, "name"), null, null, in));
  }

  /**
   * The longest line accepted, in characters (default {@value #DEFAULT_MAX_LINE_LENGTH}); a longer
   * line is a {@link CsvException} as soon as its first {@code characters + 1} are read. The line
   * breaks inside a quoted field do not end a line for this count.
   *
   * @throws IllegalArgumentException if {@code characters} is not positive
   */
  public CsvReader maxLineLength(int characters) {
    if (characters < 1) {
      throw new IllegalArgumentException(
          "CsvReader: maxLineLength must be at least 1 character but is " + characters);
    }
    return new CsvReader(source, features, label, encoding, characters);
  }

  /**
   * The columns that become the rows of {@code X}, in this order. By default every column except
   * the label, in header order.
   *
   * @throws IllegalArgumentException if no column or a column twice is given (unknown names are
   *     reported by {@link #read})
   */
  public CsvReader features(String... columns) {
    Objects.requireNonNull(columns, "columns");
    if (columns.length == 0) {
      throw new IllegalArgumentException(
          "CsvReader: features() needs at least one column name; leave it out to use every column"
              + " except the label");
    }
    List<String> list = List.of(columns);
    for (int i = 0; i < list.size(); i++) {
      if (list.indexOf(list.get(i)) != i) {
        throw new IllegalArgumentException(
            "CsvReader: feature column "
                + LabelEncoding.quote(list.get(i))
                + " is named twice; each column can be one feature");
      }
    }
    return new CsvReader(source, list, label, encoding, maxLineLength);
  }

  /** The column that becomes {@code Y}, and how ({@link LabelEncoding}). */
  public CsvReader label(String column, LabelEncoding encoding) {
    return new CsvReader(
        source,
        features,
        Objects.requireNonNull(column, "column"),
        Objects.requireNonNull(encoding, "encoding"),
        maxLineLength);
  }

  /**
   * Reads the whole file (resource, stream).
   *
   * @throws CsvException for bad data (ragged rows, bad numbers, unknown labels, duplicate column
   *     names, no data rows, an unclosed quote, a line longer than {@link #maxLineLength}, a first
   *     line that is not a header, a truncated or corrupt {@code .gz} file)
   * @throws IOException if the file cannot be read ({@link FileNotFoundException} for a missing
   *     class-path resource)
   * @throws IllegalArgumentException if a named column is not in the header, or the label column is
   *     also a feature
   * @throws IllegalStateException if no label column was named, or a stream was read before
   */
  public DataSet read() throws IOException {
    if (label == null) {
      throw new IllegalStateException(
          "CsvReader: no label column for "
              + source.name
              + "; call label(column, encoding) before read()");
    }
    Reader in = source.open();
    Records records = new Records(in);
    try {
      return read(records);
    } catch (EOFException | ZipException e) {
      if (!source.gzipped()) {
        throw e;
      }
      // GZIPInputStream's own words name neither the file nor what happened to it.
      boolean truncated = e instanceof EOFException;
      throw new CsvException(
          source.file,
          source.name,
          records.nextLine,
          0,
          "",
          (truncated
                  ? "the file is truncated: its gzip data ends early, inside line "
                  : "the file is corrupt: its gzip data is damaged, in line ")
              + records.nextLine
              + " ("
              + e.getMessage()
              + "); download or copy the file again",
          e);
    } finally {
      if (source.owned()) {
        in.close();
      }
    }
  }

  private DataSet read(Records records) throws IOException {
    List<String> header = new ArrayList<>();
    records.skipByteOrderMark();
    if (!records.next(header)) {
      throw error(1, 0, "", "the file is empty; the first line must be the header (column names)");
    }
    checkHeader(header);
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < header.size(); c++) {
      Integer before = index.putIfAbsent(header.get(c), c);
      if (before != null) {
        throw error(
            records.line,
            c + 1,
            header.get(c),
            column(c + 1, header.get(c))
                + " has the same name as column "
                + (before + 1)
                + "; column names must be unique");
      }
    }
    records.currentHeader = header;
    int labelColumn = find(index, header, label);
    int[] featureColumns;
    List<String> featureNames;
    if (features == null) {
      featureColumns = new int[header.size() - 1];
      featureNames = new ArrayList<>();
      for (int c = 0, k = 0; c < header.size(); c++) {
        if (c != labelColumn) {
          featureColumns[k++] = c;
          featureNames.add(header.get(c));
        }
      }
      if (featureColumns.length == 0) {
        throw new IllegalArgumentException(
            "CsvReader: "
                + source.name
                + " has only the label column "
                + LabelEncoding.quote(label)
                + "; at least one feature column is needed");
      }
    } else {
      featureColumns = new int[features.size()];
      featureNames = features;
      for (int k = 0; k < features.size(); k++) {
        featureColumns[k] = find(index, header, features.get(k));
        if (featureColumns[k] == labelColumn) {
          throw new IllegalArgumentException(
              "CsvReader: column "
                  + LabelEncoding.quote(label)
                  + " cannot be both a feature and the label");
        }
      }
    }

    int n = featureColumns.length;
    boolean numeric = encoding.kind() == LabelEncoding.Kind.NUMERIC;
    double[] x = new double[n * 256];
    double[] y = numeric ? new double[256] : null;
    String[] labels = numeric ? null : new String[256];
    // Interns the label strings (one object per class) and remembers where each first appears.
    Map<String, String> distinct = new LinkedHashMap<>();
    int m = 0;
    int blankLine = 0;
    List<String> fields = new ArrayList<>();
    while (records.next(fields)) {
      int line = records.line;
      if (fields.size() == 1 && fields.get(0).isEmpty() && !records.quoted) {
        // A blank line; allowed only at the end of the file (many writers leave one).
        if (blankLine == 0) {
          blankLine = line;
        }
        continue;
      }
      if (blankLine != 0) {
        throw error(
            blankLine,
            0,
            "",
            "line "
                + blankLine
                + " is blank but the header has "
                + header.size()
                + " fields; only the last line may be blank");
      }
      if (fields.size() != header.size()) {
        throw error(
            line,
            0,
            "",
            "line "
                + line
                + " has "
                + fields.size()
                + (fields.size() == 1 ? " field" : " fields")
                + " but the header has "
                + header.size());
      }
      if ((long) (m + 1) * n > x.length) {
        x = Arrays.copyOf(x, grow(x.length, (long) (m + 1) * n));
      }
      for (int k = 0, off = m * n; k < n; k++) {
        x[off + k] = number(fields.get(featureColumns[k]), line, featureColumns[k], header);
      }
      String value = fields.get(labelColumn);
      if (numeric) {
        if (m == y.length) {
          y = Arrays.copyOf(y, grow(y.length, m + 1L));
        }
        y[m] = number(value, line, labelColumn, header);
      } else {
        if (value.isEmpty()) {
          throw error(
              line,
              labelColumn + 1,
              label,
              column(labelColumn + 1, label) + " must be a label but is empty");
        }
        String why = encoding.reject(value);
        if (why != null) {
          throw error(line, labelColumn + 1, label, column(labelColumn + 1, label) + " " + why);
        }
        if (m == labels.length) {
          labels = Arrays.copyOf(labels, grow(labels.length, m + 1L));
        }
        String interned = distinct.putIfAbsent(value, value);
        labels[m] = interned == null ? value : interned;
      }
      m++;
    }
    if (m == 0) {
      throw error(
          1, 0, "", "the file has a header but no data rows; at least one example is needed");
    }

    DoubleMatrix X = new DoubleMatrix(n, m, x.length == n * m ? x : Arrays.copyOf(x, n * m));
    List<String> classes = encoding.classes(distinct.keySet());
    if (classes == null) {
      throw error(
          2,
          labelColumn + 1,
          label,
          column(labelColumn + 1, label)
              + " has only one value, "
              + LabelEncoding.excerpt(labels[0])
              + ", but oneHot() needs at least 2 classes; name them with oneHot(classes...)");
    }
    DoubleMatrix Y;
    if (numeric) {
      Y = new DoubleMatrix(1, m, y.length == m ? y : Arrays.copyOf(y, m));
    } else {
      Y = encode(labels, m, classes);
    }
    return new DataSet(X, Y, featureNames, classes);
  }

  private DoubleMatrix encode(String[] labels, int m, List<String> classes) {
    int k = encoding.rows(classes);
    DoubleMatrix Y = new DoubleMatrix(k, m);
    if (k == 1) {
      String positive = classes.get(1);
      for (int j = 0; j < m; j++) {
        Y.data[j] = labels[j].equals(positive) ? 1.0 : 0.0;
      }
    } else {
      Map<String, Integer> row = new HashMap<>();
      for (int i = 0; i < k; i++) {
        row.put(classes.get(i), i);
      }
      for (int j = 0; j < m; j++) {
        Y.data[j * k + row.get(labels[j])] = 1.0;
      }
    }
    return Y;
  }

  private static int grow(int length, long needed) {
    long next = Math.max(needed, 2L * length);
    if (next > Integer.MAX_VALUE - 8) {
      if (needed > Integer.MAX_VALUE - 8) {
        throw new OutOfMemoryError("CsvReader: more than 2^31 values do not fit in one matrix");
      }
      next = Integer.MAX_VALUE - 8;
    }
    return (int) next;
  }

  private int find(Map<String, Integer> index, List<String> header, String name) {
    Integer c = index.get(name);
    if (c == null) {
      List<String> shown =
          header.size() > LISTED_COLUMNS ? header.subList(0, LISTED_COLUMNS) : header;
      throw new IllegalArgumentException(
          "CsvReader: "
              + source.name
              + " has no column "
              + LabelEncoding.quote(name)
              + "; its header has "
              + LabelEncoding.excerpts(shown)
              + (header.size() > LISTED_COLUMNS ? ", ... (" + header.size() + " columns)" : ""));
    }
    return c;
  }

  private double number(String field, int line, int c, List<String> header) throws CsvException {
    String s = field.strip();
    boolean overflows = false;
    if (isDecimal(s)) {
      double v = Double.parseDouble(s);
      if (!Double.isInfinite(v)) {
        return v;
      }
      overflows = true;
    }
    String name = header.get(c);
    String what = column(c + 1, name);
    String problem;
    if (overflows) {
      problem =
          " must be a finite number but is "
              + LabelEncoding.excerpt(field)
              + ", which is too large for a double";
    } else if (s.isEmpty()) {
      problem = " must be a number but is empty";
    } else if (isNonFinite(s)) {
      problem = " must be a finite number but is " + LabelEncoding.excerpt(field);
    } else {
      problem = " must be a number but is " + LabelEncoding.excerpt(field);
    }
    throw error(line, c + 1, name, what + problem);
  }

  /** True for a plain decimal number: optional sign, digits with an optional point, exponent. */
  static boolean isDecimal(String s) {
    int i = 0;
    int len = s.length();
    if (i < len && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < len && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < len && s.charAt(i) == '.') {
      i++;
      while (i < len && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < len && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < len && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponent = 0;
      while (i < len && isDigit(s.charAt(i))) {
        i++;
        exponent++;
      }
      if (exponent == 0) {
        return false;
      }
    }
    return i == len;
  }

  private static boolean isDigit(char ch) {
    return ch >= '0' && ch <= '9';
  }

  private static boolean isNonFinite(String s) {
    String t = s.toLowerCase(Locale.ROOT);
    if (t.startsWith("+") || t.startsWith("-")) {
      t = t.substring(1);
    }
    return t.equals("nan") || t.equals("inf") || t.equals("infinity");
  }

  private static String column(int number, String name) {
    return "column " + number + " (" + LabelEncoding.excerpt(name) + ")";
  }

  private CsvException error(int line, int column, String name, String problem) {
    return new CsvException(source.file, source.name, line, column, name, problem, null);
  }

  /**
   * Refuses a first line that cannot be a header: all numbers (no header), or scikit-learn's
   * counts line (two counts, then the class names), whose names would otherwise become features.
   */
  private void checkHeader(List<String> header) throws CsvException {
    int numbers = 0;
    for (String name : header) {
      numbers += isDecimal(name.strip()) ? 1 : 0;
    }
    if (numbers == header.size()) {
      throw error(
          1,
          0,
          "",
          "the first line must be the header (column names) but all its fields are numbers ("
              + LabelEncoding.excerpts(header.subList(0, Math.min(header.size(), 5)))
              + (header.size() > 5 ? ", ..." : "")
              + "); the file seems to have no header: add a line of column names");
    }
    // scikit-learn's first line: examples, features (fewer than examples), class names.
    if (header.size() >= 3
        && isCount(header.get(0))
        && isCount(header.get(1))
        && Integer.parseInt(header.get(1).strip()) >= 1
        && Integer.parseInt(header.get(0).strip()) > Integer.parseInt(header.get(1).strip())
        && numbers == 2
        && header.stream().noneMatch(String::isEmpty)) {
      String examples = header.get(0).strip();
      String features = header.get(1).strip();
      List<String> classes = header.subList(2, header.size());
      throw error(
          1,
          0,
          "",
          "the first line must be the header (column names) but looks like scikit-learn's counts"
              + " line: "
              + examples
              + " examples, "
              + features
              + " features and the classes "
              + LabelEncoding.excerpts(classes.subList(0, Math.min(classes.size(), 10)))
              + (classes.size() > 10 ? ", ..." : "")
              + ", the label a class index; replace it with column names, e.g. "
              + exampleHeader(Integer.parseInt(features)));
    }
  }

  private static boolean isCount(String s) {
    String t = s.strip();
    if (t.isEmpty() || t.length() > 9) {
      return false;
    }
    for (int i = 0; i < t.length(); i++) {
      if (!isDigit(t.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code x1,x2,x3,x4,class}, or {@code x1,x2,...,x30,class} for many features. */
  private static String exampleHeader(int features) {
    if (features <= 6) {
      StringBuilder s = new StringBuilder("\"");
      for (int i = 1; i <= features; i++) {
        s.append('x').append(i).append(',');
      }
      return s.append("class\"").toString();
    }
    return "\"x1,x2,...,x" + features + ",class\"";
  }

  /** What to read: a file, a class-path resource, or a stream or reader the caller owns. */
  private static final class Source {
    final Path file; // null unless a file
    final String name;
    private final Class<?> anchor; // non-null for a resource
    private final InputStream stream;
    private final Reader reader;
    private final AtomicBoolean used = new AtomicBoolean();

    Source(Path file, String name, Class<?> anchor, InputStream stream, Reader reader) {
      this.file = file;
      this.name = name;
      this.anchor = anchor;
      this.stream = stream;
      this.reader = reader;
    }

    boolean gzipped() {
      return reader == null && name.endsWith(".gz");
    }

    /** Whether {@link #read} opened what it reads, and so closes it. */
    boolean owned() {
      return stream == null && reader == null;
    }

    Reader open() throws IOException {
      if (!owned() && used.getAndSet(true)) {
        throw new IllegalStateException(
            "CsvReader: the stream " + name + " was read already; a stream can be read once");
      }
      if (reader != null) {
        return reader;
      }
      InputStream in;
      if (stream != null) {
        in = stream;
      } else if (file != null) {
        in = Files.newInputStream(file);
      } else {
        in = anchor.getResourceAsStream(name);
        if (in == null) {
          throw new FileNotFoundException(
              name
                  + ": no such class-path resource (looked relative to "
                  + anchor.getName()
                  + (name.startsWith("/") ? "'s class-path root" : "'s package")
                  + ")");
        }
      }
      in = new BufferedInputStream(in, 1 << 16);
      if (gzipped()) {
        try {
          in = new GZIPInputStream(in, 1 << 16);
        } catch (IOException e) {
          if (owned()) {
            in.close();
          }
          throw new IOException(
              name
                  + ": is not a gzip file ("
                  + e.getMessage()
                  + "); only a file whose name ends in .gz is read through gunzip",
              e);
        }
      }
      return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
  }

  /** Splits the character stream into records of fields, counting physical lines. */
  private final class Records {
    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int end;
    private final StringBuilder field = new StringBuilder();
    private int nextLine = 1;
    private int length; // characters of the current line so far

    /** The line where the last record read starts. */
    int line;

    /** Whether the last record had a quoted field. */
    boolean quoted;

    /** The header once read, for column names in messages. */
    List<String> currentHeader = List.of();

    Records(Reader in) {
      this.in = in;
    }

    private int peek() throws IOException {
      if (pos == end) {
        end = in.read(buf, 0, buf.length);
        pos = 0;
        if (end <= 0) {
          end = 0;
          return -1;
        }
      }
      return buf[pos];
    }

    /** Skips a leading UTF-8 byte order mark, which some spreadsheet programs write. */
    void skipByteOrderMark() throws IOException {
      if (peek() == '\uFEFF') {
        pos++;
      }
    }

    /** Reads the next record into {@code fields}; false at the end of the input. */
    boolean next(List<String> fields) throws IOException {
      fields.clear();
      if (peek() < 0) {
        return false;
      }
      line = nextLine;
      quoted = false;
      length = 0;
      while (true) {
        field.setLength(0);
        int ch = peek();
        if (ch == '"') {
          quoted = true;
          pos++;
          count();
          readQuoted(fields.size() + 1);
          ch = peek();
          if (ch != ',' && ch != '\n' && ch != '\r' && ch >= 0) {
            int c = fields.size() + 1;
            throw error(
                line,
                c,
                nameOf(c),
                where(c)
                    + " has text after its closing quote; quote the whole field and write a"
                    + " quote inside it as \"\"");
          }
        } else {
          while (ch >= 0 && ch != ',' && ch != '\n' && ch != '\r') {
            count();
            field.append((char) ch);
            pos++;
            ch = peek();
          }
        }
        fields.add(field.toString());
        if (ch == ',') {
          count();
          pos++;
          continue;
        }
        if (ch == '\r') {
          pos++;
          if (peek() == '\n') {
            pos++;
          }
        } else if (ch == '\n') {
          pos++;
        }
        nextLine++;
        return true;
      }
    }

    /** Counts one more character of the line, refusing it past {@link #maxLineLength}. */
    private void count() throws CsvException {
      if (++length > maxLineLength) {
        throw error(
            line,
            0,
            "",
            "line "
                + line
                + " is longer than "
                + maxLineLength
                + " characters, the limit of CsvReader.maxLineLength; a file without line"
                + " breaks, or a quote never closed, reads as one long line (raise the limit with"
                + " maxLineLength(characters) if the line is real)");
      }
    }

    private String nameOf(int c) {
      return c <= currentHeader.size() ? currentHeader.get(c - 1) : "";
    }

    private String where(int c) {
      return c <= currentHeader.size() ? column(c, nameOf(c)) : "column " + c;
    }

    private void readQuoted(int c) throws IOException {
      while (true) {
        int ch = peek();
        if (ch < 0) {
          throw error(
              line,
              c,
              nameOf(c),
              where(c) + " opens a quote that is never closed; the file ends inside it");
        }
        pos++;
        count();
        if (ch == '"') {
          if (peek() == '"') {
            pos++;
            count();
            field.append('"');
          } else {
            return;
          }
        } else {
          if (ch == '\n' || (ch == '\r' && peek() != '\n')) {
            nextLine++;
          }
          field.append((char) ch);
        }
      }
    }
  }
}
