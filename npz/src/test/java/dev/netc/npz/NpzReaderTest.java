package dev.netc.npz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NpzReader}'s visitor contract, its end-of-archive checks, the writer and the values. */
final class NpzReaderTest {

  private static byte[] planar() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (NpzWriter npz = new NpzWriter(out)) {
      npz.writeDoubles("W1", 4, 2, new double[] {1, 2, 3, 4, 5, 6, 7, 8});
      npz.writeDoubles("b1", 4, 1, new double[] {9, 10, 11, 12});
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private static String refused(byte[] npz) {
    return assertThrows(NpzException.class, () -> NpzHeaders.read(new ByteArrayInputStream(npz)))
        .getMessage();
  }

  /** Counts the bytes anyone pulls from the stream. */
  private static final class Counting extends FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count += Math.max(n, 0);
      return n;
    }
  }

  @Test
  void theVisitorSeesAHeaderBeforeAnyOfItsDataAndItsRefusalPassesUnchanged() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("W1.npy"));
      zip.write(NpzWriter.npyHeader(NpyHeader.of("<f8", 16383, 16383)));
      byte[] noise = new byte[1 << 20];
      new Random(1).nextBytes(noise);
      zip.write(noise);
      zip.closeEntry();
    }
    Counting in = new Counting(new ByteArrayInputStream(bytes.toByteArray()));
    NpzException refusal = new NpzException("W1 must be 4x2, got 16383x16383");
    List<NpyHeader> seen = new ArrayList<>();
    NpzException thrown =
        assertThrows(
            NpzException.class,
            () -> NpzReader.read(in, (name, header, data) -> {
              seen.add(header);
              throw refusal;
            }));
    assertSame(refusal, thrown);
    assertEquals(List.of(NpyHeader.of("<f8", 16383, 16383)), seen);
    assertTrue(in.count < 16 * 1024, "read " + in.count + " bytes of a 1 MB entry");
  }

  @Test
  void endComesAfterTheEntryWasCheckedWhole() throws IOException {
    List<String> events = new ArrayList<>();
    NpzReader.read(new ByteArrayInputStream(planar()), new NpzReader.ArrayVisitor() {
      @Override
      public void array(String name, NpyHeader header, InputStream data) throws IOException {
        events.add("array " + name + " " + header.tupleText() + " " + data.readNBytes(8).length);
      }

      @Override
      public void end(String name, NpyHeader header, long dataBytes) {
        events.add("end " + name + " " + dataBytes);
      }
    });
    assertEquals(List.of("array W1 (4, 2) 8", "end W1 64", "array b1 (4, 1) 8", "end b1 32"),
        events);
  }

  @Test
  void twoArchivesInOneFileAreRefusedEitherWay() throws IOException {
    byte[] one = planar();
    String twice = refused(concat(one, one));
    assertTrue(twice.startsWith("the file holds more than one zip archive"), twice);
    assertTrue(twice.contains("numpy.load would read the last archive and netc the first"), twice);
    // Junk in front is no archive at all; junk behind hides the end record.
    assertTrue(refused(concat("junk".getBytes(UTF_8), one)).startsWith("not a zip archive"));
    assertEquals(
        "the archive is truncated or damaged: its end-of-archive record is missing after 2 arrays",
        refused(concat(one, "junk".getBytes(UTF_8))));
  }

  /** What numpy reads in such a file, so the refusal is known to be needed (needs NumPy). */
  @Test
  void numpyReadsTheSecondOfTwoConcatenatedArchives(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    try (NpzWriter npz = new NpzWriter(second)) {
      npz.writeDoubles("W1", 4, 2, new double[] {-1, -2, -3, -4, -5, -6, -7, -8});
      npz.writeDoubles("b1", 4, 1, new double[] {-9, -10, -11, -12});
    }
    Path file = dir.resolve("both.npz");
    Files.write(file, concat(planar(), second.toByteArray()));
    String printed =
        python("import numpy, sys; print(numpy.load(sys.argv[1])['W1'][0, 0])", file);
    Assumptions.assumeTrue(printed != null, "no python3 with numpy");
    assertEquals("-1.0", printed);
  }

  @Test
  void theDirectoryMustNameTheEntriesRead() throws IOException {
    byte[] npz = planar();
    String text = new String(npz, ISO_8859_1);
    int directory = text.indexOf("PK\u0001\u0002");
    npz[text.indexOf("W1.npy", directory)] = 'V';
    assertEquals(
        "the archive is damaged: its directory lists V1.npy where the archive holds W1.npy"
            + " (numpy.load reads the directory)",
        refused(npz));
  }

  @Test
  void sizesAreComputedWithoutOverflow() throws IOException {
    byte[] entry =
        NpzWriter.npy(NpyHeader.of("<f8", 1073764990L, 2147437317L), new byte[16]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("W1.npy"));
      zip.write(entry);
      zip.closeEntry();
    }
    assertEquals(
        "W1.npy: a 1073764990x2147437317 array of <f8 needs more than 2^63 - 1 bytes; the header"
            + " is damaged",
        refused(out.toByteArray()));
    NpyHeader header = NpyHeader.of("<f8", 1073764990L, 2147437317L);
    assertEquals(2305843009214131830L, header.count()); // fits; times 8 bytes does not
    assertThrows(ArithmeticException.class, header::dataBytes);
  }

  @Test
  void theHeaderLimitIsExactlyOneMebibyte() throws IOException {
    for (int extra : new int[] {0, 1}) {
      String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }";
      int length = NpzLimits.MAX_HEADER_BYTES + extra;
      ByteBuffer npy = ByteBuffer.allocate(12 + length + 8).order(ByteOrder.LITTLE_ENDIAN);
      npy.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(length);
      npy.put(dict.getBytes(ISO_8859_1));
      while (npy.position() < 12 + length - 1) {
        npy.put((byte) ' ');
      }
      npy.put((byte) '\n').putDouble(2.5);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(out)) {
        zip.putNextEntry(new ZipEntry("W.npy"));
        zip.write(npy.array());
        zip.closeEntry();
      }
      if (extra == 0) {
        assertEquals(1, NpzHeaders.read(new ByteArrayInputStream(out.toByteArray())).size());
      } else {
        assertEquals(
            "W.npy: header length 1048577 exceeds the 1048576 bytes netc reads",
            refused(out.toByteArray()));
      }
    }
  }

  @Test
  void valuesArriveColumnMajorWhateverTheOrder() throws IOException {
    ByteBuffer c = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
    for (int v = 1; v <= 6; v++) {
      c.putDouble(v); // rows (1, 2, 3) and (4, 5, 6)
    }
    double[] out = new double[6];
    NpyValues.readDoubles(NpyHeader.of("<f8", 2, 3), new ByteArrayInputStream(c.array()), out);
    assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, out, 0.0);
    NpyValues.readDoubles(
        new NpyHeader("<f8", true, List.of(2L, 3L)), new ByteArrayInputStream(c.array()), out);
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, out, 0.0);
    ByteBuffer f4 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.1f)
        .putFloat(-2);
    double[] wide = new double[2];
    NpyValues.readDoubles(NpyHeader.of("<f4", 2), new ByteArrayInputStream(f4.array()), wide);
    assertArrayEquals(new double[] {0.1f, -2}, wide, 0.0);
    float[] narrow = new float[6];
    NpyValues.readFloats(NpyHeader.of("<f8", 2, 3), new ByteArrayInputStream(c.array()), narrow);
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, narrow, 0.0f);
    assertThrows(
        IllegalArgumentException.class,
        () -> NpyValues.readDoubles(NpyHeader.of("<i8", 6), InputStream.nullInputStream(), out));
  }

  @Test
  void everyValueIsVisitedInFileOrderAndPositionsAreNumpys() throws IOException {
    ByteBuffer big = ByteBuffer.allocate(32).order(ByteOrder.BIG_ENDIAN);
    big.putDouble(1).putDouble(Double.NaN).putDouble(3).putDouble(Double.NEGATIVE_INFINITY);
    List<String> seen = new ArrayList<>();
    assertTrue(
        NpyValues.forEach(
            NpyHeader.of(">f8", 2, 2), new ByteArrayInputStream(big.array()),
            (index, value) -> seen.add(index + "=" + value)));
    assertEquals(List.of("0=1.0", "1=NaN", "2=3.0", "3=-Infinity"), seen);
    assertEquals(false, NpyValues.forEach(NpyHeader.of("<i8", 2), InputStream.nullInputStream(),
        (index, value) -> seen.add("never")));
    assertEquals("(0, 1)", NpyValues.position(NpyHeader.of(">f8", 2, 2), 1));
    assertEquals("(1, 0)", NpyValues.position(new NpyHeader("<f8", true, List.of(2L, 2L)), 1));
    assertEquals("(3,)", NpyValues.position(NpyHeader.of("<f8", 5), 3));
    assertEquals("(1, 2)", NpyValues.position(4, 9));
  }

  @Test
  void stringsRoundTripAsNumpysStrDtype() throws IOException {
    List<String> labels = List.of("benign", "", "\u00e9t\u00e9", "\ud83d\ude00 smile");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (NpzWriter npz = new NpzWriter(out)) {
      npz.writeStrings("netc_labels", labels);
      npz.writeVector("netc_standardizer_mean", new double[] {0.5, -1});
    }
    List<ArrayHeader> headers = NpzHeaders.read(new ByteArrayInputStream(out.toByteArray()));
    assertEquals("<U7", headers.get(0).descr());
    assertEquals(List.of(4L), headers.get(0).shape());
    assertEquals(List.of(2L), headers.get(1).shape());
    String[][] read = new String[1][];
    NpzReader.read(new ByteArrayInputStream(out.toByteArray()), (name, header, data) -> {
      if (name.equals("netc_labels")) {
        read[0] = NpyValues.readStrings(name, header, data, 4, ReservedArrays.MAX_LABEL_CHARS);
      }
    });
    assertEquals(labels, List.of(read[0]));
    assertThrows(
        IllegalArgumentException.class,
        () -> new NpzWriter(new ByteArrayOutputStream()).writeStrings("x", List.of("a\0")));
  }

  @Test
  void reservedArrayRules() {
    assertNull(ReservedArrays.problem(ReservedArrays.MEAN, NpyHeader.of("<f8", 2), 2, 1));
    assertNull(ReservedArrays.problem(ReservedArrays.STD, NpyHeader.of("<f8", 2, 1), 2, 1));
    assertNull(ReservedArrays.problem(ReservedArrays.LABELS, NpyHeader.of("<U3", 2), 2, 1));
    assertNull(ReservedArrays.problem(ReservedArrays.LABELS, NpyHeader.of("<U3", 1), 2, 1));
    assertNull(ReservedArrays.problem(ReservedArrays.LABELS, NpyHeader.of("<U3", 10), 64, 10));
    assertEquals(
        "it holds 3 labels but the network has 1 output unit; save 1 or 2 labels",
        ReservedArrays.problem(ReservedArrays.LABELS, NpyHeader.of("<U3", 3), 2, 1));
    assertEquals(
        "it has shape (3,) but the network has 2 inputs; save a vector of shape (2,)",
        ReservedArrays.problem(ReservedArrays.MEAN, NpyHeader.of("<f8", 3), 2, 1));
    assertEquals(
        "it has dtype '<i8'; save it as float64 ('<f8')",
        ReservedArrays.problem(ReservedArrays.STD, NpyHeader.of("<i8", 2), 2, 1));
    assertEquals(
        "its strings have 257 characters, more than the 256 netc reads",
        ReservedArrays.problem(ReservedArrays.LABELS, NpyHeader.of("<U257", 2), 2, 1));
    assertEquals(
        "holds netc_standardizer_std without netc_standardizer_mean; a standardizer needs both",
        ReservedArrays.pairProblem(List.of("W1", ReservedArrays.STD)));
    assertNull(ReservedArrays.pairProblem(List.of(ReservedArrays.STD, ReservedArrays.MEAN)));
  }

  /** What {@code python3 -c script file} prints, or null without a Python that has NumPy. */
  private static String python(String script, Path file) throws Exception {
    for (String python : List.of("/usr/bin/python3", "python3")) {
      try {
        Process process =
            new ProcessBuilder(python, "-c", script, file.toString())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String text = new String(process.getInputStream().readAllBytes(), UTF_8).strip();
        if (process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0) {
          return text;
        }
      } catch (IOException e) {
        // try the next one
      }
    }
    return null;
  }
}
