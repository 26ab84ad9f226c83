package dev.netc.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.jblas.DoubleMatrix;

/**
 * A CSV file turned into the two {@code .npy} files that {@link NpyExamples} reads, in one pass
 * and bounded memory: the records are cut into pieces of {@code records} rows (a cut never falls
 * inside a quoted field: RFC 4180 doubles quotes inside them, so a line ends a record exactly when
 * the quotes seen so far are even), each piece read from memory by {@link CsvReader} with the
 * header in front,
 * so that every convention and message of {@code CsvReader} holds, with the file's own line
 * numbers.
 */
final class CsvBatches {
  private static final Pattern LINE = Pattern.compile("\\bline (\\d+)\\b");
  /** Header room of the {@code .npy} files: the shape is known only at the end. */
  private static final int HEADER = 128;

  private CsvBatches() {}

  /** The converted files, {@code X} and {@code Y}, in {@code directory}. */
  record Converted(Path X, Path Y, int examples, List<String> classes) {}

  static Converted convert(Path file, String label, LabelEncoding encoding, List<String> features,
      Standardizer standardizer, int records, Path directory) throws IOException {
    Path x = Files.createTempFile(directory, "netc-X-", ".npy");
    Path y = Files.createTempFile(directory, "netc-Y-", ".npy");
    try (InputStream in = open(file);
        FileChannel outX = FileChannel.open(x, StandardOpenOption.WRITE);
        FileChannel outY = FileChannel.open(y, StandardOpenOption.WRITE)) {
      Lines lines = new Lines(in, file);
      byte[] header = lines.record();
      if (header == null) {
        // CsvReader says what is wrong with an empty file
        read(CsvReader.of(file), file, label, encoding, features, 0, 0);
      }
      int headerLines = lines.line - 1;
      outX.position(HEADER);
      outY.position(HEADER);
      long m = 0;
      int rowsX = -1;
      int rowsY = -1;
      List<String> classes = null;
      while (true) {
        int first = lines.line;
        int count = 0;
        int data = 0;
        boolean blank = false;
        ByteArrayOutputStream piece = new ByteArrayOutputStream();
        try (OutputStream out = piece) {
          out.write(header);
          byte[] record;
          while ((count < records || blank) && (record = lines.record()) != null) {
            out.write(record);
            // a blank line ends no piece: CsvReader must see what follows it
            blank = record.length <= 2 && (record[0] == '\n' || record[0] == '\r');
            count++;
            data += blank ? 0 : 1;
          }
        }
        if (data == 0) {
          break;
        }
        DataSet d = read(CsvReader.of(new ByteArrayInputStream(piece.toByteArray()),
            file.getFileName().toString()), file, label, encoding, features, headerLines, first);
        if (classes == null) {
          classes = d.classes();
          rowsX = d.X().rows;
          rowsY = d.Y().rows;
        } else if (!classes.equals(d.classes())) {
          throw new IllegalArgumentException("CsvReader: " + file.getFileName()
              + " has the classes " + classes + " up to line " + (first - 1) + " and "
              + d.classes() + " after it; name the classes with oneHot(classes...) so that"
              + " every part of a large file encodes its labels alike");
        }
        DoubleMatrix X = standardizer == null ? d.X() : standardizer.apply(d.X());
        write(outX, X);
        write(outY, d.Y());
        m += d.examples();
        if (m > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("CsvReader: " + file.getFileName()
              + " has more than 2^31 - 1 examples");
        }
      }
      if (m == 0) {
        // CsvReader says what is wrong with a header without rows
        read(CsvReader.of(file), file, label, encoding, features, 0, 0);
      }
      outX.write(NpyExamples.header(m, rowsX), 0);
      outY.write(NpyExamples.header(m, rowsY), 0);
      return new Converted(x, y, (int) m, classes);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(x);
      Files.deleteIfExists(y);
      throw e;
    }
  }

  private static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
  }

  /** One piece through {@code CsvReader}, its messages told in the lines of {@code file}. */
  private static DataSet read(CsvReader piece, Path file, String label, LabelEncoding encoding,
      List<String> features, int headerLines, int first) throws IOException {
    CsvReader reader = piece.label(label, encoding);
    if (features != null) {
      reader = reader.features(features.toArray(new String[0]));
    }
    try {
      return reader.read();
    } catch (CsvException e) {
      int shift = first - headerLines - 1;
      String problem = e.getMessage().substring((e.source() + ":" + e.line() + ": ").length());
      Matcher lines = LINE.matcher(problem);
      StringBuilder fixed = new StringBuilder();
      while (lines.find()) {
        int n = Integer.parseInt(lines.group(1));
        lines.appendReplacement(fixed, "line " + (n > headerLines ? n + shift : n));
      }
      lines.appendTail(fixed);
      int line = e.line() > headerLines ? e.line() + shift : e.line();
      throw new CsvException(file, file.getFileName().toString(), line, e.column(),
          e.columnName(), fixed.toString(), e.getCause());
    }
  }

  private static void write(FileChannel out, DoubleMatrix M) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(M.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asDoubleBuffer().put(M.data, 0, M.length);
    while (b.hasRemaining()) {
      out.write(b);
    }
  }

  /** Records as raw bytes: a record ends at a line end outside quotes. */
  private static final class Lines {
    private static final int MAX_RECORD = 64 << 20;
    private final InputStream in;
    private final Path file;
    private final ByteArrayOutputStream record = new ByteArrayOutputStream();
    /** The physical line where the next record starts, from 1. */
    int line = 1;

    Lines(InputStream in, Path file) {
      this.in = in;
      this.file = file;
    }

    byte[] record() throws IOException {
      record.reset();
      boolean quoted = false;
      int c;
      while ((c = in.read()) >= 0) {
        if (record.size() == MAX_RECORD) {
          throw new CsvException(file, file.getFileName().toString(), line, 0, "",
              "a record longer than " + (MAX_RECORD >> 20) + " MiB starts here; Batches.csv"
                  + " holds one record in memory at a time", null);
        }
        record.write(c);
        if (c == '"') {
          quoted = !quoted;
        } else if (c == '\n') {
          line++;
          if (!quoted) {
            return record.toByteArray();
          }
        }
      }
      return record.size() == 0 ? null : record.toByteArray();
    }
  }
}
