package dev.netc.npz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link NpzHeaders} on archives built here byte by byte, and on three files numpy 2.4 wrote
 * (src/test/resources/npz):
 *
 * <pre>
 * W1 = np.arange(8, dtype=np.float64).reshape(4, 2) / 10; b1 = np.arange(4, dtype=np.float64)
 * W2 = np.arange(4, dtype=np.float64).reshape(1, 4);      b2 = np.array([0.5])
 * np.savez('savez.npz', W1=W1, b1=b1, W2=W2, b2=b2)
 * np.savez_compressed('savez_compressed.npz', W1=W1, b1=b1, W2=W2, b2=b2)
 * np.savez('mixed.npz', F=np.asfortranarray(np.ones((3, 2))), S=np.ones((2, 5), np.float32),
 *          B=np.ones((4, 1), '>f8'), I=np.arange(6, dtype=np.int64), Z=np.float64(7.0),
 *          E=np.zeros((0, 3)))
 * </pre>
 */
final class NpzHeadersTest {

  // ---- builders ------------------------------------------------------------------------------

  /** A .npy v1 entry as numpy writes it: header padded with spaces to a multiple of 64. */
  private static byte[] npy(String descr, boolean fortran, long... shape) {
    long items = 1;
    for (long dimension : shape) {
      items *= dimension;
    }
    long itemSize = NpzHeaders.itemSize(descr).orElse(1);
    return npy(1, dict(descr, fortran, shape), (int) (items * itemSize));
  }

  private static String dict(String descr, boolean fortran, long... shape) {
    StringBuilder tuple = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      tuple.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    tuple.append(shape.length == 1 ? ",)" : ")");
    return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
        + ", 'shape': " + tuple + ", }";
  }

  /** A .npy entry of the given version with this header dict and {@code dataBytes} bytes. */
  private static byte[] npy(int major, String dict, int dataBytes) {
    int lengthBytes = major == 1 ? 2 : 4;
    byte[] text = dict.getBytes(major == 3 ? UTF_8 : ISO_8859_1);
    int unpadded = 8 + lengthBytes + text.length + 1;
    int padding = (64 - unpadded % 64) % 64;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    writeLength(out, text.length + padding + 1, lengthBytes);
    out.writeBytes(text);
    out.writeBytes(" ".repeat(padding).getBytes(ISO_8859_1));
    out.write('\n');
    for (int i = 0; i < dataBytes; i++) {
      out.write(i * 31 + 7); // not all zeros, so deflate has something to do
    }
    return out.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, long length, int bytes) {
    for (int i = 0; i < bytes; i++) {
      out.write((int) (length >>> (8 * i)));
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  /** A zip of the entries, in order, stored or deflated. */
  private static byte[] zip(boolean deflated, Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        byte[] data = e.getValue();
        if (!deflated) {
          CRC32 crc = new CRC32();
          crc.update(data);
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(data.length);
          entry.setCompressedSize(data.length);
          entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] zip(boolean deflated, String name, byte[] data) {
    return zip(deflated, Map.of(name, data));
  }

  private static Map<String, byte[]> entries(Object... nameThenBytes) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int i = 0; i < nameThenBytes.length; i += 2) {
      entries.put((String) nameThenBytes[i], (byte[]) nameThenBytes[i + 1]);
    }
    return entries;
  }

  /** The four arrays of a 2 -> 4 -> 1 network, as in the numpy files. */
  private static byte[] network(boolean deflated) {
    return zip(
        deflated,
        entries(
            "W1.npy", npy("<f8", false, 4, 2),
            "b1.npy", npy("<f8", false, 4),
            "W2.npy", npy("<f8", false, 1, 4),
            "b2.npy", npy("<f8", false, 1)));
  }

  private static List<ArrayHeader> read(byte[] npz) throws NpzException {
    return NpzHeaders.read(new ByteArrayInputStream(npz));
  }

  private static String error(byte[] npz) {
    return assertThrows(NpzException.class, () -> read(npz)).getMessage();
  }

  private static String entryError(String name, byte[] entry) {
    String stored = error(zip(false, name, entry));
    assertEquals(stored, error(zip(true, name, entry)), "stored and deflated agree");
    return stored;
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = NpzHeadersTest.class.getResourceAsStream("/npz/" + name)) {
      assertNotNull(in, name);
      return in.readAllBytes();
    }
  }

  /** Reads {@code npz}; anything but a result or an NpzException fails the test. */
  private static void readOrNpzException(byte[] npz, String what) {
    try {
      read(npz);
    } catch (NpzException expected) {
      assertFalse(expected.getMessage().isBlank(), what);
    } catch (Throwable t) {
      throw new AssertionError(what + ": threw " + t, t);
    }
  }

  // ---- reading ----------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void readsEveryArrayInArchiveOrder(boolean deflated) throws NpzException {
    List<ArrayHeader> arrays = read(network(deflated));

    assertEquals(
        List.of(
            new ArrayHeader("W1", "<f8", false, List.of(4L, 2L), 64),
            new ArrayHeader("b1", "<f8", false, List.of(4L), 32),
            new ArrayHeader("W2", "<f8", false, List.of(1L, 4L), 32),
            new ArrayHeader("b2", "<f8", false, List.of(1L), 8)),
        arrays);
    assertEquals(List.of("4x2", "4", "1x4", "1"), arrays.stream().map(a -> a.shapeText()).toList());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void readsOrderDtypeAndColumnShapes(boolean deflated) throws NpzException {
    List<ArrayHeader> arrays =
        read(
            zip(
                deflated,
                entries(
                    "F.npy", npy("<f8", true, 3, 2),
                    "C.npy", npy("<f8", false, 3, 2),
                    "S.npy", npy("<f4", false, 2, 5),
                    "col.npy", npy("<f8", false, 4, 1),
                    "big.npy", npy(">f8", false, 2),
                    "int.npy", npy("<i8", false, 3),
                    "scalar.npy", npy("<f8", false),
                    "empty.npy", npy("<f8", false, 0, 3))));

    assertEquals(
        List.of(
            new ArrayHeader("F", "<f8", true, List.of(3L, 2L), 48),
            new ArrayHeader("C", "<f8", false, List.of(3L, 2L), 48),
            new ArrayHeader("S", "<f4", false, List.of(2L, 5L), 40),
            new ArrayHeader("col", "<f8", false, List.of(4L, 1L), 32),
            new ArrayHeader("big", ">f8", false, List.of(2L), 16),
            new ArrayHeader("int", "<i8", false, List.of(3L), 24),
            new ArrayHeader("scalar", "<f8", false, List.of(), 8),
            new ArrayHeader("empty", "<f8", false, List.of(0L, 3L), 0)),
        arrays);
    assertEquals(
        List.of("3x2", "3x2", "2x5", "4x1", "2", "3", "scalar", "0x3"),
        arrays.stream().map(a -> a.shapeText()).toList());
    assertEquals(
        List.of(true, true, false, true, true, false, true, true),
        arrays.stream().map(a -> a.isFloat64()).toList());
    assertEquals(
        List.of(false, false, true, false, false, false, false, false),
        arrays.stream().map(a -> a.isFloat32()).toList());
    assertFalse(arrays.get(4).isLittleEndian());
    assertTrue(arrays.get(0).isLittleEndian());
  }

  @Test
  void float64MeansAnExplicitByteOrder() {
    assertTrue(new ArrayHeader("W", "<f8", false, List.of(), 8).isFloat64());
    assertTrue(new ArrayHeader("W", ">f8", false, List.of(), 8).isFloat64());
    assertFalse(new ArrayHeader("W", "=f8", false, List.of(), 8).isFloat64());
    assertFalse(new ArrayHeader("W", "<f4", false, List.of(), 4).isFloat64());
    assertFalse(new ArrayHeader("W", "<c16", false, List.of(), 16).isFloat64());
  }

  @Test
  void readsVersions2And3AndPython2Integers() throws NpzException {
    String structured = "[('w', '<f8'), ('\u00e9t\u00e9', '<i4')]";
    List<ArrayHeader> arrays =
        read(
            zip(
                true,
                entries(
                    "v2.npy", npy(2, dict("<f8", false, 4, 2), 64),
                    "v3.npy",
                        npy(3, "{'descr': " + structured
                            + ", 'fortran_order': False, 'shape': (2,), }", 24),
                    "py2.npy",
                        npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (3L, 2L), }",
                            24))));

    assertEquals(new ArrayHeader("v2", "<f8", false, List.of(4L, 2L), 64), arrays.get(0));
    // A structured dtype: no item size is derived, the descr is reported as written.
    assertEquals(new ArrayHeader("v3", structured, false, List.of(2L), 24), arrays.get(1));
    assertEquals(new ArrayHeader("py2", "<f4", true, List.of(3L, 2L), 24), arrays.get(2));
  }

  @Test
  void unknownDescrIsReportedWithoutASizeCheck() throws NpzException {
    List<ArrayHeader> arrays = read(zip(false, "o.npy", npy(1, dict("|O", false, 3), 57)));

    assertEquals(new ArrayHeader("o", "|O", false, List.of(3L), 57), arrays.get(0));
  }

  @Test
  void itemSizes() {
    assertEquals(8, NpzHeaders.itemSize("<f8").getAsLong());
    assertEquals(4, NpzHeaders.itemSize(">f4").getAsLong());
    assertEquals(8, NpzHeaders.itemSize("<i8").getAsLong());
    assertEquals(1, NpzHeaders.itemSize("|u1").getAsLong());
    assertEquals(1, NpzHeaders.itemSize("|b1").getAsLong());
    assertEquals(16, NpzHeaders.itemSize("<c16").getAsLong());
    assertEquals(12, NpzHeaders.itemSize("<U3").getAsLong());
    assertEquals(5, NpzHeaders.itemSize("|S5").getAsLong());
    assertEquals(8, NpzHeaders.itemSize("<M8[ns]").getAsLong());
    assertTrue(NpzHeaders.itemSize("|O").isEmpty());
    assertTrue(NpzHeaders.itemSize("[('a', '<f8')]").isEmpty());
  }

  @Test
  void leavesTheCallersStreamOpenAndCopesWithOneByteReads() throws NpzException {
    boolean[] closed = {false};
    InputStream trickle =
        new FilterInputStream(new ByteArrayInputStream(network(true))) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1));
          }

          @Override
          public void close() {
            closed[0] = true;
          }
        };

    assertEquals(4, NpzHeaders.read(trickle).size());
    assertFalse(closed[0]);
  }

  // ---- files numpy wrote ------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"savez.npz", "savez_compressed.npz"})
  void readsWhatNumpyWrote(String file) throws Exception {
    assertEquals(
        List.of(
            new ArrayHeader("W1", "<f8", false, List.of(4L, 2L), 64),
            new ArrayHeader("b1", "<f8", false, List.of(4L), 32),
            new ArrayHeader("W2", "<f8", false, List.of(1L, 4L), 32),
            new ArrayHeader("b2", "<f8", false, List.of(1L), 8)),
        read(resource(file)));
  }

  @Test
  void readsNumpysOrdersAndDtypes() throws Exception {
    assertEquals(
        List.of(
            new ArrayHeader("F", "<f8", true, List.of(3L, 2L), 48),
            new ArrayHeader("S", "<f4", false, List.of(2L, 5L), 40),
            new ArrayHeader("B", ">f8", false, List.of(4L, 1L), 32),
            new ArrayHeader("I", "<i8", false, List.of(6L), 48),
            new ArrayHeader("Z", "<f8", false, List.of(), 8),
            new ArrayHeader("E", "<f8", false, List.of(0L, 3L), 0)),
        read(resource("mixed.npz")));
  }

  // ---- errors: the archive ----------------------------------------------------------------------

  @Test
  void emptyFile() {
    assertEquals(
        "the file is empty; an .npz is a zip archive of .npy arrays", error(new byte[0]));
  }

  @Test
  void notAZip() {
    assertEquals(
        "not a zip archive (an .npz starts with PK, this file starts with hello wo)",
        error("hello world".getBytes(UTF_8)));
    assertEquals(
        "not a zip archive (an .npz starts with PK, this file starts with \\x00\\x01)",
        error(new byte[] {0, 1}));
  }

  @Test
  void aBareNpyFile() {
    assertEquals(
        "this is a single .npy array, not an .npz archive; save it with numpy.savez",
        error(npy("<f8", false, 4, 2)));
  }

  @Test
  void anEmptyArchive() {
    assertEquals("the archive holds no arrays", error(zip(false, Map.of())));
  }

  @Test
  void anArchiveCutAfterAWholeEntry() {
    byte[] whole = network(false);
    // The local header and data of W1: 30 + 6 (name) + its bytes; the rest is gone.
    int firstEntry = 30 + "W1.npy".length() + npy("<f8", false, 4, 2).length;

    assertEquals(
        "the archive is truncated or damaged: its end-of-archive record is missing after 1 array",
        error(Arrays.copyOf(whole, firstEntry)));
  }

  @Test
  void aPKPrefixThatIsNotAnArchive() {
    assertEquals(
        "not a valid zip archive (no entries and no end-of-archive record)",
        error("PKzzzzzzzz".getBytes(UTF_8)));
  }

  @Test
  void aDamagedEntryIsNamed() {
    byte[] npz = network(false);
    npz[30 + "W1.npy".length() + 150] ^= 0x55; // a data byte of W1: its CRC no longer matches

    String message = error(npz);
    assertTrue(message.startsWith("W1.npy: damaged zip entry (invalid entry CRC"), message);
  }

  @Test
  void aDeflatedEntryCutShort() {
    byte[] npz = network(true);

    String message = error(Arrays.copyOf(npz, 60));
    assertEquals("W1.npy: the archive ends inside this entry (truncated)", message);
  }

  // ---- errors: the entries ----------------------------------------------------------------------

  @Test
  void anEntryThatIsNotNpy() {
    assertEquals(
        "readme.txt: not a .npy array; every entry of an .npz must be named NAME.npy",
        entryError("readme.txt", "hello".getBytes(UTF_8)));
    assertEquals(
        "weights/: not a .npy array; every entry of an .npz must be named NAME.npy",
        entryError("weights/", new byte[0]));
    // Control characters of a hostile name never reach the compiler output raw.
    assertEquals(
        "W\\u001b[2J.txt: not a .npy array; every entry of an .npz must be named NAME.npy",
        entryError("W\u001b[2J.txt", new byte[0]));
  }

  @Test
  void anEntryWithoutAName() {
    assertEquals(
        ".npy: an array needs a name before .npy", entryError(".npy", npy("<f8", false, 1)));
  }

  @Test
  void duplicateNames() {
    // ZipOutputStream refuses duplicates, so write X1 and rename it in both of its headers.
    byte[] npz =
        zip(true, entries("W1.npy", npy("<f8", false, 4, 2), "X1.npy", npy("<f8", false, 4, 2)));
    String text = new String(npz, ISO_8859_1);
    byte[] renamed = text.replace("X1.npy", "W1.npy").getBytes(ISO_8859_1);

    assertEquals("W1.npy: appears twice in the archive", error(renamed));
  }

  @Test
  void badMagic() {
    assertEquals(
        "W1.npy: not a .npy array (bad magic: expected \\x93NUMPY, found NOTNUM)",
        entryError("W1.npy", "NOTNUMPY and more".getBytes(UTF_8)));
    assertEquals(
        "W1.npy: not a .npy array (bad magic: expected \\x93NUMPY, found \\x93NUX)",
        entryError("W1.npy", new byte[] {(byte) 0x93, 'N', 'U', 'X'}));
  }

  @Test
  void truncatedHeaders() {
    byte[] w1 = npy("<f8", false, 4, 2); // 10 + 118 header bytes, then 64 data bytes

    assertEquals(
        "W1.npy: truncated header (expected 118 bytes, found 40)",
        entryError("W1.npy", Arrays.copyOf(w1, 50)));
    assertEquals(
        "W1.npy: truncated header (expected 10 bytes, found 7)",
        entryError("W1.npy", Arrays.copyOf(w1, 7)));
    assertEquals(
        "W1.npy: truncated header (expected 10 bytes, found 9)",
        entryError("W1.npy", Arrays.copyOf(w1, 9)));
    assertEquals(
        "W1.npy: truncated header (expected 10 bytes, found 0)",
        entryError("W1.npy", new byte[0]));
    byte[] v2 = npy(2, dict("<f8", false, 4, 2), 64);
    assertEquals(
        "W1.npy: truncated header (expected 12 bytes, found 11)",
        entryError("W1.npy", Arrays.copyOf(v2, 11)));
  }

  @Test
  void unsupportedVersion() {
    byte[] v4 = npy(2, dict("<f8", false, 4, 2), 64);
    v4[6] = 4;

    assertEquals(
        "W1.npy: unsupported .npy format version 4.0 (netc reads versions 1, 2 and 3)",
        entryError("W1.npy", v4));
  }

  @Test
  void hugeHeaderLengthsAreRefusedBeforeAnyAllocation() {
    byte[] huge = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, -1, -1, -1, -1, '{'};
    assertEquals(
        "W1.npy: header length 4294967295 exceeds the 1048576 bytes netc reads",
        entryError("W1.npy", huge));

    // Just under the cap is allowed to be read, and is then merely truncated.
    byte[] underCap = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, 0, 0, 0x10, 0, '{'};
    assertEquals(
        "W1.npy: truncated header (expected 1048576 bytes, found 1)",
        entryError("W1.npy", underCap));
  }

  @Test
  void unparsableDicts() {
    String[] headers = {
      "",
      "descr: '<f8'",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (4, 2), ",
      "{'descr' '<f8'}",
      "{'descr': '<f8}",
      "{descr: '<f8'}",
      "{'shape': (4, 2) 'descr': '<f8'}",
      "{'shape': (4, 2)} trailing",
      "{'shape': (4, 2.5)}",
      "{'fortran_order': Maybe}",
      "{'descr': {'nested': 1}}",
      "{'shape': (4, -)}",
      "{'descr': '<f8', 'descr': '<f4', 'fortran_order': False, 'shape': (4,)}",
      "{'descr': '<f8\n', 'fortran_order': False, 'shape': (4,)}",
      "{'descr': '\\x4', 'fortran_order': False, 'shape': (4,)}",
      "{'shape': " + "(".repeat(5000) + "}",
    };
    for (String header : headers) {
      String message = entryError("W1.npy", npy(1, header, 0));
      assertTrue(
          message.startsWith("W1.npy: header is not a valid dict literal ("),
          header + " -> " + message);
    }
    assertEquals(
        "W1.npy: header is not a valid dict literal (expected ':' at offset 9): {'descr' '<f8'}",
        entryError("W1.npy", npy(1, "{'descr' '<f8'}", 0)));
    assertEquals(
        "W1.npy: header is not a valid dict literal (nested more than 32 levels deep at offset 42):"
            + " {'shape': " + "(".repeat(110) + "...",
        entryError("W1.npy", npy(1, "{'shape': " + "(".repeat(200) + "}", 0)));
  }

  @Test
  void missingKeys() {
    assertEquals(
        "W1.npy: header has no 'shape' key",
        entryError("W1.npy", npy(1, "{'descr': '<f8', 'fortran_order': False}", 0)));
    assertEquals(
        "W1.npy: header has no 'descr' key",
        entryError("W1.npy", npy(1, "{'fortran_order': False, 'shape': (4,)}", 32)));
    assertEquals(
        "W1.npy: header has no 'fortran_order' key",
        entryError("W1.npy", npy(1, "{'descr': '<f8', 'shape': (4,)}", 32)));
  }

  @Test
  void unexpectedKeysAndTypes() {
    assertEquals(
        "W1.npy: header has an unexpected key 'order'; a .npy header holds exactly 'descr',"
            + " 'fortran_order' and 'shape'",
        entryError(
            "W1.npy",
            npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), 'order': 'C'}", 32)));
    assertEquals(
        "W1.npy: header 'shape' must be a tuple of integers, found [4, 2]",
        entryError(
            "W1.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': [4, 2]}", 64)));
    assertEquals(
        "W1.npy: header 'shape' must be a tuple of integers, found (4)",
        entryError(
            "W1.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4)}", 32)));
    assertEquals(
        "W1.npy: header 'shape' must be a tuple of integers, found (4, None)",
        entryError(
            "W1.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4, None)}", 32)));
    assertEquals(
        "W1.npy: header 'fortran_order' must be True or False, found 0",
        entryError("W1.npy", npy(1, "{'descr': '<f8', 'fortran_order': 0, 'shape': (4,)}", 32)));
    assertEquals(
        "W1.npy: header 'descr' must be a string or a list, found 8",
        entryError("W1.npy", npy(1, "{'descr': 8, 'fortran_order': False, 'shape': (4,)}", 32)));
  }

  @Test
  void negativeAndOversizedShapes() {
    assertEquals(
        "W1.npy: shape (4, -2) has a negative dimension",
        entryError(
            "W1.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4, -2)}", 0)));
    assertEquals(
        "W1.npy: shape (9223372036854775808,) has a dimension above 2^63 - 1",
        entryError(
            "W1.npy",
            npy(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (9223372036854775808,)}",
                0)));
    assertEquals(
        "W1.npy: a 4294967296x4294967296 array of <f8 needs more than 2^63 - 1 bytes;"
            + " the header is damaged",
        entryError(
            "W1.npy",
            npy(1, dict("<f8", false, 4294967296L, 4294967296L), 0)));
  }

  @Test
  void dataSizeMismatch() {
    assertEquals(
        "W1.npy: data holds 40 bytes but a 4x2 array of <f8 needs 64",
        entryError("W1.npy", npy(1, dict("<f8", false, 4, 2), 40)));
    assertEquals(
        "W1.npy: data holds 72 bytes but a 4x2 array of <f8 needs 64",
        entryError("W1.npy", npy(1, dict("<f8", false, 4, 2), 72)));
    assertEquals(
        "b1.npy: data holds 32 bytes but a 4 array of <f4 needs 16",
        entryError("b1.npy", npy(1, dict("<f4", false, 4), 32)));
    assertEquals(
        "b2.npy: data holds 0 bytes but a scalar array of <f8 needs 8",
        entryError("b2.npy", npy(1, dict("<f8", false), 0)));
  }

  // ---- hostile input ----------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void everyTruncationIsAnNpzException(boolean deflated) {
    byte[] whole = network(deflated);
    for (int length = 0; length < whole.length; length++) {
      byte[] cut = Arrays.copyOf(whole, length);
      try {
        read(cut);
        fail("a file cut to " + length + " of " + whole.length + " bytes was accepted");
      } catch (NpzException expected) {
        assertFalse(expected.getMessage().isBlank());
      } catch (RuntimeException e) {
        throw new AssertionError("cut to " + length + ": threw " + e, e);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void everySingleByteCorruptionIsAResultOrAnNpzException(boolean deflated) {
    byte[] whole = network(deflated);
    for (int at = 0; at < whole.length; at++) {
      for (int flip : new int[] {0x01, 0x80, 0xFF}) {
        byte[] damaged = whole.clone();
        damaged[at] ^= (byte) flip;
        readOrNpzException(damaged, "byte " + at + " ^ " + flip);
      }
    }
  }

  @Test
  void randomGarbageIsAnNpzException() {
    Random random = new Random(20240611);
    for (int trial = 0; trial < 2000; trial++) {
      byte[] garbage = new byte[random.nextInt(600)];
      random.nextBytes(garbage);
      if (trial % 3 == 1 && garbage.length >= 4) {
        // Look like a zip local header, so the garbage gets past the first check.
        garbage[0] = 'P';
        garbage[1] = 'K';
        garbage[2] = 3;
        garbage[3] = 4;
      }
      readOrNpzException(garbage, "trial " + trial);
    }
  }

  @Test
  void randomGarbageInsideValidEntriesIsAnNpzException() {
    Random random = new Random(7);
    byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    for (int trial = 0; trial < 2000; trial++) {
      byte[] body = new byte[random.nextInt(300)];
      random.nextBytes(body);
      if (trial % 2 == 0) {
        // A printable header of plausible characters, so the dict parser gets exercised.
        String alphabet = "{}()[]',: 0123456789-LTrueFalseNone<f8descrshape_order\"\\x";
        for (int i = 0; i < body.length; i++) {
          body[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
        }
      }
      byte[] length = {(byte) body.length, (byte) (body.length >>> 8)};
      byte[] entry = concat(magic, concat(length, body));
      readOrNpzException(zip(trial % 4 < 2, "W1.npy", entry), "trial " + trial);
    }
  }
}
