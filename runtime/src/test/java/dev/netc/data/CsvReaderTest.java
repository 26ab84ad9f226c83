package dev.netc.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
