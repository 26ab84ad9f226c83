package dev.netc.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static final LabelEncoding CANCER = LabelEncoding.binary("benign", "malignant");

  @Test
  void readsOneExamplePerColumn() throws IOException {
    Path f = write("c.csv", "a,b,diagnosis\n1,2,benign\n3.5,-4e-1,malignant\n-0,7,malignant\n");
    DataSet d = CsvReader.of(f).label("diagnosis", CANCER).read();
    assertEquals(2, d.X().rows);
    assertEquals(3, d.X().columns);
    // column-major: example j occupies data[2j], data[2j+1]
    assertArrayEquals(new double[] {1, 2, 3.5, -0.4, -0.0, 7}, d.X().data, 0.0);
    assertArrayEquals(new double[] {0, 1, 1}, d.Y().data, 0.0);
    assertEquals(1, d.Y().rows);
    assertEquals(List.of("a", "b"), d.features());
    assertEquals(List.of("benign", "malignant"), d.classes());
    assertEquals(3, d.examples());
  }

  @Test
  void labelMayBeAnyColumnAndFeaturesAreChosenInOrder() throws IOException {
    Path f = write("c.csv", "y,a,b,c\n1,10,20,30\n0,11,21,31\n");
    DataSet d =
        CsvReader.of(f).features("c", "a").label("y", LabelEncoding.binary("0", "1")).read();
    assertEquals(List.of("c", "a"), d.features());
    assertArrayEquals(new double[] {30, 10, 31, 11}, d.X().data, 0.0);
    assertArrayEquals(new double[] {1, 0}, d.Y().data, 0.0);
  }

  @Test
  void quotedFieldsCommasEscapedQuotesAndLineBreaks() throws IOException {
    Path f =
        write(
            "q.csv",
            "\"x\",\"the label\"\n"
                + "\"1.5\",\"a,b\"\n"
                + " 2 ,\"say \"\"hi\"\"\"\n"
                + "3,\"two\nlines\"\n"
                + "4,\"\"\"\"\n");
    DataSet d = CsvReader.of(f).label("the label", LabelEncoding.oneHot()).read();
    assertArrayEquals(new double[] {1.5, 2, 3, 4}, d.X().data, 0.0);
    // String order: '"' < 'a' < 's' < 't'
    assertEquals(List.of("\"", "a,b", "say \"hi\"", "two\nlines"), d.classes());
    assertArrayEquals(
        new double[] {0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0}, d.Y().data, 0.0);
  }

  @Test
  void lineNumbersCountLinesInsideQuotes() throws IOException {
    Path f = write("q.csv", "x,y\n1,\"a\nb\"\nzz,a\n");
    CsvException e =
        assertThrows(
            CsvException.class, () -> CsvReader.of(f).label("y", LabelEncoding.oneHot()).read());
    assertEquals(4, e.line());
    assertEquals("q.csv:4: column 1 (\"x\") must be a number but is \"zz\"", e.getMessage());
  }

  @Test
  void crlfByteOrderMarkAndBlankLastLine() throws IOException {
    Path f = write("w.csv", "\uFEFF\"a\",y\r\n1,p\r\n2,n\r\n\r\n");
    DataSet d = CsvReader.of(f).label("y", LabelEncoding.oneVsRest("p")).read();
    assertEquals(List.of("a"), d.features());
    assertArrayEquals(new double[] {1, 2}, d.X().data, 0.0);
    assertArrayEquals(new double[] {1, 0}, d.Y().data, 0.0);
    assertEquals(List.of("rest", "p"), d.classes());
  }

  @Test
  void noNewlineAtTheEnd() throws IOException {
    Path f = write("n.csv", "a,y\n1,2\n3,4");
    DataSet d = CsvReader.of(f).label("y", LabelEncoding.numeric()).read();
    assertArrayEquals(new double[] {1, 3}, d.X().data, 0.0);
    assertArrayEquals(new double[] {2, 4}, d.Y().data, 0.0);
    assertEquals(List.of(), d.classes());
  }

  @Test
  void gzipFilesAreUnzipped() throws IOException {
    Path f = dir.resolve("d.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write("a,b,y\n1,2,benign\n3,4,malignant\n".getBytes(StandardCharsets.UTF_8));
    }
    DataSet d = CsvReader.of(f).label("y", CANCER).read();
    assertArrayEquals(new double[] {1, 2, 3, 4}, d.X().data, 0.0);
    assertArrayEquals(new double[] {0, 1}, d.Y().data, 0.0);
  }

  @Test
  void aGzNameThatIsNotGzipSaysSo() throws IOException {
    Path f = write("d.csv.gz", "a,y\n1,2\n");
    IOException e =
        assertThrows(
            IOException.class, () -> CsvReader.of(f).label("y", LabelEncoding.numeric()).read());
    assertEquals(true, e.getMessage().startsWith("d.csv.gz: is not a gzip file"), e.getMessage());
  }

  @Test
  void oneHotWithGivenClassesKeepsTheirOrder() throws IOException {
    Path f = write("o.csv", "a,y\n1,cat\n2,dog\n3,bird\n4,cat\n");
    DataSet d = CsvReader.of(f).label("y", LabelEncoding.oneHot("dog", "cat", "bird")).read();
    assertEquals(List.of("dog", "cat", "bird"), d.classes());
    assertEquals(3, d.Y().rows);
    assertArrayEquals(new double[] {0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0}, d.Y().data, 0.0);
  }

  @Test
  void oneHotSortsNumbersNumerically() throws IOException {
    Path f = write("o.csv", "a,y\n1,10\n2,2\n3,1\n4,2\n");
    DataSet d = CsvReader.of(f).label("y", LabelEncoding.oneHot()).read();
    assertEquals(List.of("1", "2", "10"), d.classes());
    assertArrayEquals(new double[] {0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 0}, d.Y().data, 0.0);
  }

  @Test
  void oneHotSortsWordsAsStrings() throws IOException {
    Path f = write("o.csv", "a,y\n1,b\n2,B\n3,a\n4,10\n");
    DataSet d = CsvReader.of(f).label("y", LabelEncoding.oneHot()).read();
    assertEquals(List.of("10", "B", "a", "b"), d.classes());
  }

  @Test
  void oneVsRestAcceptsAnyOtherValue() throws IOException {
    Path f = write("o.csv", "a,y\n1,setosa\n2,virginica\n3,versicolor\n");
    DataSet d = CsvReader.of(f).label("y", LabelEncoding.oneVsRest("virginica")).read();
    assertArrayEquals(new double[] {0, 1, 0}, d.Y().data, 0.0);
    assertEquals(List.of("rest", "virginica"), d.classes());
  }

  // ---- data errors: file, line, column, text ----

  private CsvException fails(String name, String text, LabelEncoding encoding) throws IOException {
    Path f = write(name, text);
    return assertThrows(CsvException.class, () -> CsvReader.of(f).label("y", encoding).read());
  }

  private static void assertError(
      CsvException e, String file, int line, int column, String columnName, String message) {
    assertEquals(file, e.file().getFileName().toString());
    assertEquals(line, e.line());
    assertEquals(column, e.column());
    assertEquals(columnName, e.columnName());
    assertEquals(message, e.getMessage());
  }

  @Test
  void notANumber() throws IOException {
    StringBuilder text = new StringBuilder("p0,p1,p2,p3,p4,y\n");
    for (int i = 0; i < 10; i++) {
      text.append("0,1,2,3,4,1\n");
    }
    text.append("0,1,2,3,abc,1\n");
    CsvException e = fails("digits.csv", text.toString(), LabelEncoding.numeric());
    assertError(
        e,
        "digits.csv",
        12,
        5,
        "p4",
        "digits.csv:12: column 5 (\"p4\") must be a number but is \"abc\"");
  }

  @Test
  void javaNumberSyntaxIsNotCsvNumberSyntax() throws IOException {
    for (String bad : new String[] {"1f", "1d", "0x1p3", "1e", ".", "1,5", "--1", "1 2"}) {
      String field = bad.contains(",") ? "\"" + bad + "\"" : bad;
      CsvException e = fails("n.csv", "a,y\n" + field + ",1\n", LabelEncoding.numeric());
      assertError(
          e,
          "n.csv",
          2,
          1,
          "a",
          "n.csv:2: column 1 (\"a\") must be a number but is \"" + bad + "\"");
    }
  }

  @Test
  void emptyNumber() throws IOException {
    CsvException e = fails("e.csv", "a,b,y\n1,2,3\n1,,3\n", LabelEncoding.numeric());
    assertError(e, "e.csv", 3, 2, "b", "e.csv:3: column 2 (\"b\") must be a number but is empty");
  }

  @Test
  void nanAndInfinityAreNotFinite() throws IOException {
    for (String bad : new String[] {"NaN", "nan", "Infinity", "-Infinity", "inf"}) {
      CsvException e = fails("f.csv", "a,y\n1,1\n" + bad + ",1\n", LabelEncoding.numeric());
      assertError(
          e,
          "f.csv",
          3,
          1,
          "a",
          "f.csv:3: column 1 (\"a\") must be a finite number but is \"" + bad + "\"");
    }
  }

  @Test
  void overflowIsNotFinite() throws IOException {
    CsvException e = fails("f.csv", "a,y\n1e999,1\n", LabelEncoding.numeric());
    assertError(
        e,
        "f.csv",
        2,
        1,
        "a",
        "f.csv:2: column 1 (\"a\") must be a finite number but is \"1e999\", which is too large"
            + " for a double");
  }

  @Test
  void numericLabelMustBeANumber() throws IOException {
    CsvException e = fails("r.csv", "a,y\n1,2.5\n2,high\n", LabelEncoding.numeric());
    assertError(
        e, "r.csv", 3, 2, "y", "r.csv:3: column 2 (\"y\") must be a number but is \"high\"");
  }

  @Test
  void raggedRows() throws IOException {
    CsvException e = fails("r.csv", "a,b,y\n1,2,benign\n1,2\n", CANCER);
    assertError(e, "r.csv", 3, 0, "", "r.csv:3: line 3 has 2 fields but the header has 3");
    e = fails("r.csv", "a,b,y\n1,2,benign,4\n", CANCER);
    assertError(e, "r.csv", 2, 0, "", "r.csv:2: line 2 has 4 fields but the header has 3");
  }

  @Test
  void blankLineInTheMiddle() throws IOException {
    CsvException e = fails("b.csv", "a,y\n1,benign\n\n2,benign\n", CANCER);
    assertError(
        e,
        "b.csv",
        3,
        0,
        "",
        "b.csv:3: line 3 is blank but the header has 2 fields; only the last line may be blank");
  }

  @Test
  void unknownLabel() throws IOException {
    CsvException e = fails("c.csv", "a,y\n1,benign\n2,malignant\n3,x\n", CANCER);
    assertError(
        e,
        "c.csv",
        4,
        2,
        "y",
        "c.csv:4: column 2 (\"y\") is \"x\" but the label encoding accepts only \"benign\","
            + " \"malignant\"");
    e = fails("c.csv", "a,y\n1,cat\n2,Dog\n", LabelEncoding.oneHot("cat", "dog"));
    assertError(
        e,
        "c.csv",
        3,
        2,
        "y",
        "c.csv:3: column 2 (\"y\") is \"Dog\" but the label encoding accepts only \"cat\","
            + " \"dog\"");
  }

  @Test
  void emptyLabel() throws IOException {
    CsvException e = fails("c.csv", "a,y\n1,p\n2,\n", LabelEncoding.oneVsRest("p"));
    assertError(e, "c.csv", 3, 2, "y", "c.csv:3: column 2 (\"y\") must be a label but is empty");
  }

  @Test
  void oneHotNeedsTwoClassesInTheData() throws IOException {
    CsvException e = fails("c.csv", "a,y\n1,7\n2,7\n", LabelEncoding.oneHot());
    assertError(
        e,
        "c.csv",
        2,
        2,
        "y",
        "c.csv:2: column 2 (\"y\") has only one value, \"7\", but oneHot() needs at least 2"
            + " classes; name them with oneHot(classes...)");
  }

  @Test
  void duplicateHeaderNames() throws IOException {
    CsvException e = fails("d.csv", "p1,p2,p1,y\n1,2,3,4\n", LabelEncoding.numeric());
    assertError(
        e,
        "d.csv",
        1,
        3,
        "p1",
        "d.csv:1: column 3 (\"p1\") has the same name as column 1; column names must be unique");
  }

  @Test
  void noDataRows() throws IOException {
    CsvException e = fails("h.csv", "a,y\n", LabelEncoding.numeric());
    assertError(
        e,
        "h.csv",
        1,
        0,
        "",
        "h.csv:1: the file has a header but no data rows; at least one example is needed");
    e = fails("h.csv", "a,y\n\n", LabelEncoding.numeric());
    assertEquals(1, e.line());
  }

  @Test
  void emptyFile() throws IOException {
    CsvException e = fails("z.csv", "", LabelEncoding.numeric());
    assertError(
        e,
        "z.csv",
        1,
        0,
        "",
        "z.csv:1: the file is empty; the first line must be the header (column names)");
  }

  @Test
  void unclosedQuote() throws IOException {
    CsvException e = fails("u.csv", "a,y\n1,2\n3,\"4\n5,6\n", LabelEncoding.numeric());
    assertError(
        e,
        "u.csv",
        3,
        2,
        "y",
        "u.csv:3: column 2 (\"y\") opens a quote that is never closed; the file ends inside it");
  }

  @Test
  void textAfterClosingQuote() throws IOException {
    CsvException e = fails("t.csv", "a,y\n\"1\"2,3\n", LabelEncoding.numeric());
    assertError(
        e,
        "t.csv",
        2,
        1,
        "a",
        "t.csv:2: column 1 (\"a\") has text after its closing quote; quote the whole field and"
            + " write a quote inside it as \"\"");
  }

  // ---- mistakes in the call ----

  @Test
  void unknownColumnsListTheHeader() throws IOException {
    Path f = write("c.csv", "a,b,y\n1,2,3\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CsvReader.of(f).label("label", LabelEncoding.numeric()).read());
    assertEquals(
        "CsvReader: c.csv has no column \"label\"; its header has \"a\", \"b\", \"y\"",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CsvReader.of(f).features("a", "B").label("y", LabelEncoding.numeric()).read());
    assertEquals(
        "CsvReader: c.csv has no column \"B\"; its header has \"a\", \"b\", \"y\"", e.getMessage());
  }

  @Test
  void longHeadersAreShortenedInMessages() throws IOException {
    StringBuilder header = new StringBuilder();
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      header.append("p").append(i).append(',');
      row.append("0,");
    }
    Path f = write("w.csv", header + "y\n" + row + "1\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CsvReader.of(f).label("label", LabelEncoding.numeric()).read());
    assertEquals(true, e.getMessage().endsWith("\"p19\", ... (31 columns)"), e.getMessage());
  }

  @Test
  void labelCannotBeAFeature() throws IOException {
    Path f = write("c.csv", "a,y\n1,2\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CsvReader.of(f).features("a", "y").label("y", LabelEncoding.numeric()).read());
    assertEquals("CsvReader: column \"y\" cannot be both a feature and the label", e.getMessage());
  }

  @Test
  void onlyALabelColumn() throws IOException {
    Path f = write("c.csv", "y\n1\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CsvReader.of(f).label("y", LabelEncoding.numeric()).read());
    assertEquals(
        "CsvReader: c.csv has only the label column \"y\"; at least one feature column is needed",
        e.getMessage());
  }

  @Test
  void callMistakes() throws IOException {
    Path f = write("c.csv", "a,y\n1,2\n");
    IllegalStateException s =
        assertThrows(IllegalStateException.class, () -> CsvReader.of(f).read());
    assertEquals(
        "CsvReader: no label column for c.csv; call label(column, encoding) before read()",
        s.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CsvReader.of(f).features());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CsvReader.of(f).features("a", "a"));
    assertEquals(
        "CsvReader: feature column \"a\" is named twice; each column can be one feature",
        e.getMessage());
  }

  @Test
  void readersAreImmutable() throws IOException {
    Path f = write("c.csv", "a,b,y\n1,2,3\n");
    CsvReader base = CsvReader.of(f).label("y", LabelEncoding.numeric());
    DataSet one = base.features("a").read();
    DataSet all = base.read();
    assertEquals(List.of("a"), one.features());
    assertEquals(List.of("a", "b"), all.features());
  }

  @Test
  void missingFileIsAnIoException() {
    IOException e =
        assertThrows(
            IOException.class,
            () -> CsvReader.of(dir.resolve("none.csv")).label("y", LabelEncoding.numeric()).read());
    assertEquals(false, e instanceof CsvException);
  }

  // ---- sources other than a file ----

  private static final LabelEncoding IRIS = LabelEncoding.oneHot("setosa", "versicolor", "virginica");

  @Test
  void readsAClassPathResource() throws IOException {
    DataSet d = CsvReader.ofResource(CsvReaderTest.class, "iris-tiny.csv").label("species", IRIS)
        .read();
    assertEquals(List.of("sepal length", "petal length"), d.features());
    assertArrayEquals(new double[] {5.1, 1.4, 7.0, 4.7, 6.3, 6.0}, d.X().data, 0.0);
    assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, d.Y().data, 0.0);
    DataSet absolute = CsvReader.ofResource(org.jblas.DoubleMatrix.class, "/dev/netc/data/iris-tiny.csv")
        .label("species", IRIS).read();
    assertEquals(d.X(), absolute.X());
  }

  @Test
  void aMissingResourceSaysWhereItWasLookedFor() {
    FileNotFoundException e =
        assertThrows(
            FileNotFoundException.class,
            () -> CsvReader.ofResource(CsvReaderTest.class, "none.csv").label("y", IRIS).read());
    assertEquals(
        "none.csv: no such class-path resource (looked relative to dev.netc.data.CsvReaderTest's"
            + " package)",
        e.getMessage());
  }

  @Test
  void readsAStreamOnceWithoutClosingIt() throws IOException {
    boolean[] closed = {false};
    InputStream in =
        new ByteArrayInputStream("a,y\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8)) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    CsvReader reader = CsvReader.of(in, "upload.csv").label("y", LabelEncoding.numeric());
    DataSet d = reader.read();
    assertArrayEquals(new double[] {1, 3}, d.X().data, 0.0);
    assertArrayEquals(new double[] {2, 4}, d.Y().data, 0.0);
    assertEquals(false, closed[0], "the caller closes the stream");
    IllegalStateException again = assertThrows(IllegalStateException.class, reader::read);
    assertEquals(
        "CsvReader: the stream upload.csv was read already; a stream can be read once",
        again.getMessage());
  }

  @Test
  void readsAGzipStreamAndAReaderAndNamesThemInMessages() throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write("a,y\n1,benign\n2,malignant\n".getBytes(StandardCharsets.UTF_8));
    }
    DataSet d =
        CsvReader.of(new ByteArrayInputStream(bytes.toByteArray()), "s.csv.gz").label("y", CANCER)
            .read();
    assertArrayEquals(new double[] {0, 1}, d.Y().data, 0.0);
    CsvException e =
        assertThrows(
            CsvException.class,
            () -> CsvReader.of(new StringReader("a,y\nx,1\n"), "typed in").label("y",
                LabelEncoding.numeric()).read());
    assertEquals("typed in:2: column 1 (\"a\") must be a number but is \"x\"", e.getMessage());
    assertEquals("typed in", e.source());
    assertEquals(null, e.file());
  }

  // ---- first lines that are not headers ----

  /** scikit-learn's raw iris.csv (sklearn/datasets/data/iris.csv) starts with its counts. */
  @Test
  void scikitLearnsCountsLineIsNotAHeader() throws IOException {
    CsvException e =
        fails(
            "iris.csv",
            "150,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n4.9,3.0,1.4,0.2,0\n",
            LabelEncoding.numeric());
    assertError(e, "iris.csv", 1, 0, "",
        "iris.csv:1: the first line must be the header (column names) but looks like"
            + " scikit-learn's counts line: 150 examples, 4 features and the classes \"setosa\","
            + " \"versicolor\", \"virginica\", the label a class index; replace it with column"
            + " names, e.g. \"x1,x2,x3,x4,class\"");
    // Whatever the label is called: the header check comes before the columns are looked up.
    Path f = dir.resolve("iris.csv");
    assertThrows(CsvException.class,
        () -> CsvReader.of(f).label("virginica", LabelEncoding.numeric()).read());
    assertThrows(CsvException.class,
        () -> CsvReader.of(f).label("species", IRIS).read());
  }

  @Test
  void aFirstLineOfNumbersIsNotAHeader() throws IOException {
    CsvException e = fails("n.csv", "1,2,3\n4,5,6\n", LabelEncoding.numeric());
    assertError(e, "n.csv", 1, 0, "",
        "n.csv:1: the first line must be the header (column names) but all its fields are numbers"
            + " (\"1\", \"2\", \"3\"); the file seems to have no header: add a line of column"
            + " names");
  }

  @Test
  void namesWithSomeNumbersAreAHeader() throws IOException {
    Path f = write("h.csv", "0,1,y\n4,5,6\n");
    assertEquals(List.of("0", "1"), CsvReader.of(f).label("y", LabelEncoding.numeric()).read()
        .features());
    // Two counts where the second is not smaller are no scikit-learn counts line.
    Path g = write("g.csv", "3,4,y\n4,5,6\n");
    assertEquals(List.of("3", "4"), CsvReader.of(g).label("y", LabelEncoding.numeric()).read()
        .features());
  }

  // ---- huge fields, huge lines, truncated files ----

  @Test
  void aHugeFieldIsQuotedByItsStart() throws IOException {
    String huge = "x".repeat(1_000_000);
    CsvException e = fails("h.csv", "a,y\n" + huge + ",1\n", LabelEncoding.numeric());
    assertError(e, "h.csv", 2, 1, "a",
        "h.csv:2: column 1 (\"a\") must be a number but is \"" + "x".repeat(40)
            + "\"... (1000000 characters)");
    String name = "n".repeat(100);
    CsvException n = fails("n.csv", name + ",y\nq,1\n", LabelEncoding.numeric());
    assertEquals(
        "n.csv:2: column 1 (\"" + "n".repeat(40) + "\"... (100 characters)) must be a number but"
            + " is \"q\"",
        n.getMessage());
    assertEquals(name, n.columnName());
    CsvException label = fails("l.csv", "a,y\n1," + huge + "\n", CANCER);
    assertEquals(
        "l.csv:2: column 2 (\"y\") is \"" + "x".repeat(40) + "\"... (1000000 characters) but the"
            + " label encoding accepts only \"benign\", \"malignant\"",
        label.getMessage());
  }

  @Test
  void linesLongerThanTheLimitAreRefused() throws IOException {
    Path f = write("l.csv", "a,y\n1234567,8\n12345678,9\n");
    CsvReader reader = CsvReader.of(f).label("y", LabelEncoding.numeric());
    assertEquals(2, reader.maxLineLength(10).read().examples());
    CsvException e = assertThrows(CsvException.class, () -> reader.maxLineLength(9).read());
    assertError(e, "l.csv", 3, 0, "",
        "l.csv:3: line 3 is longer than 9 characters, the limit of CsvReader.maxLineLength; a file"
            + " without line breaks, or a quote never closed, reads as one long line (raise the"
            + " limit with maxLineLength(characters) if the line is real)");
    // A quoted field's line breaks do not end the line.
    Path q = write("q.csv", "a,y\n\"1\n2\n3\n4\",5\n");
    assertThrows(CsvException.class,
        () -> CsvReader.of(q).label("y", LabelEncoding.numeric()).maxLineLength(9).read());
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> reader.maxLineLength(0));
    assertEquals(
        "CsvReader: maxLineLength must be at least 1 character but is 0", zero.getMessage());
  }

  /** 1.1 GB with no line break, generated as it is read: refused after 16 MiB + 1 characters. */
  @Test
  void anEndlessLineIsRefusedAtTheDefaultLimit() {
    long size = 1_100_000_000L;
    long[] served = {0};
    InputStream endless =
        new InputStream() {
          private final byte[] header = "a,y\n".getBytes(StandardCharsets.UTF_8);

          @Override
          public int read() {
            throw new UnsupportedOperationException("read in blocks");
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (served[0] >= size) {
              return -1;
            }
            int n = (int) Math.min(len, size - served[0]);
            for (int i = 0; i < n; i++) {
              long at = served[0] + i;
              b[off + i] = at < header.length ? header[(int) at] : (byte) '7';
            }
            served[0] += n;
            return n;
          }
        };
    CsvException e =
        assertThrows(
            CsvException.class,
            () -> CsvReader.of(endless, "endless.csv").label("y", LabelEncoding.numeric()).read());
    assertEquals(2, e.line());
    assertEquals(
        true,
        e.getMessage().startsWith("endless.csv:2: line 2 is longer than 16777216 characters"),
        e.getMessage());
    assertEquals(true, served[0] < 20_000_000L, served[0] + " bytes read");
    assertEquals(16 * 1024 * 1024, CsvReader.DEFAULT_MAX_LINE_LENGTH);
  }

  @Test
  void aTruncatedGzipFileSaysSo() throws IOException {
    StringBuilder text = new StringBuilder("a,b,y\n");
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < 20_000; i++) {
      text.append(random.nextInt(1000)).append(',').append(random.nextInt()).append(",benign\n");
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = bytes.toByteArray();
    Path f = dir.resolve("t.csv.gz");
    Files.write(f, Arrays.copyOf(whole, whole.length / 2));
    CsvException e =
        assertThrows(CsvException.class, () -> CsvReader.of(f).label("y", CANCER).read());
    assertEquals(f, e.file());
    assertEquals(0, e.column());
    assertEquals(true, e.line() > 2 && e.line() < 20_000, "line " + e.line());
    assertEquals(
        "t.csv.gz:" + e.line() + ": the file is truncated: its gzip data ends early, inside line "
            + e.line() + " (Unexpected end of ZLIB input stream); download or copy the file again",
        e.getMessage());
    assertEquals(java.io.EOFException.class, e.getCause().getClass());
  }

  @Test
  void aCorruptGzipFileSaysSo() throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write("a,y\n1,benign\n2,malignant\n".getBytes(StandardCharsets.UTF_8));
    }
    byte[] damaged = bytes.toByteArray();
    damaged[damaged.length - 8] ^= 1; // the CRC-32 of the trailer
    Path f = dir.resolve("c.csv.gz");
    Files.write(f, damaged);
    CsvException e =
        assertThrows(CsvException.class, () -> CsvReader.of(f).label("y", CANCER).read());
    assertEquals(
        "c.csv.gz:4: the file is corrupt: its gzip data is damaged, in line 4 (Corrupt GZIP"
            + " trailer); download or copy the file again",
        e.getMessage());
  }
}
