package dev.netc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.netc.runtime.internal.BlasTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;
import org.junit.jupiter.api.Test;

class NpzTest {

  // ---- hand-made fixtures, independent of Npz's writer ----

  /** A .npy file: magic, version, little-endian header length, header padded to 64, data. */
  static byte[] npy(int major, String dict, byte[] data) {
    int lengthBytes = major == 1 ? 2 : 4;
    int prefix = 6 + 2 + lengthBytes;
    StringBuilder header = new StringBuilder(dict);
    while ((prefix + header.length() + 1) % 64 != 0) {
      header.append(' ');
    }
    header.append('\n');
    ByteBuffer b =
        ByteBuffer.allocate(prefix + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    if (major == 1) {
      b.putShort((short) header.length());
    } else {
      b.putInt(header.length());
    }
    b.put(header.toString().getBytes(StandardCharsets.ISO_8859_1)).put(data);
    return b.array();
  }

  static byte[] f8(double... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      b.putDouble(v);
    }
    return b.array();
  }

  static byte[] f4(float... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  /** A zip of (name, bytes) pairs, stored or deflated. */
  static byte[] zip(boolean deflate, Object... nameAndBytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (int i = 0; i < nameAndBytes.length; i += 2) {
        byte[] bytes = (byte[]) nameAndBytes[i + 1];
        ZipEntry e = new ZipEntry((String) nameAndBytes[i]);
        if (!deflate) {
          CRC32 crc = new CRC32();
          crc.update(bytes);
          e.setMethod(ZipEntry.STORED);
          e.setSize(bytes.length);
          e.setCrc(crc.getValue());
        }
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  static DoubleMatrix readOne(byte[] archive) throws IOException {
    Map<String, DoubleMatrix> arrays = Npz.read(archive, "test.npz");
    assertEquals(1, arrays.size());
    return arrays.values().iterator().next();
  }

  static String refused(byte[] archive) {
    return assertThrows(IOException.class, () -> Npz.read(archive, "test.npz")).getMessage();
  }

  // ---- writing ----

  @Test
  void roundTripIsBitForBit() throws IOException {
    Random rng = new Random(1);
    Map<String, DoubleMatrix> arrays = new LinkedHashMap<>();
    arrays.put("W1", BlasTest.random(rng, 4, 3));
    arrays.put("b1", BlasTest.random(rng, 4, 1));
    arrays.put(
        "special",
        new DoubleMatrix(2, 4,
            Double.longBitsToDouble(0x7ff0000000000123L), // NaN with a payload
            -0.0, Double.MIN_VALUE, -Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Math.PI, 1e-310));
    arrays.put("empty", new DoubleMatrix(0, 5));

    Map<String, DoubleMatrix> back = Npz.read(Npz.toBytes(arrays), "round trip");

    assertEquals(List.copyOf(arrays.keySet()), List.copyOf(back.keySet()), "archive order");
    for (String name : arrays.keySet()) {
      DoubleMatrix expected = arrays.get(name);
      DoubleMatrix actual = back.get(name);
      assertEquals(expected.rows, actual.rows, name);
      assertEquals(expected.columns, actual.columns, name);
      for (int i = 0; i < expected.length; i++) {
        assertEquals(
            Double.doubleToRawLongBits(expected.data[i]),
            Double.doubleToRawLongBits(actual.data[i]),
            name + " entry " + i);
      }
    }
  }

  @Test
  void writingIsDeterministic() throws IOException {
    Map<String, DoubleMatrix> arrays = new LinkedHashMap<>();
    arrays.put("W1", new DoubleMatrix(2, 2, 1, 2, 3, 4));
    byte[] first = Npz.toBytes(arrays);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Npz.write(out, arrays);
    assertArrayEquals(first, out.toByteArray());
    assertArrayEquals(first, Npz.toBytes(new LinkedHashMap<>(arrays)));
  }

  @Test
  void npyLayoutIsVersionOneFortranOrderAlignedTo64() {
    byte[] npy = Npz.npy("W", new DoubleMatrix(2, 3, 1, 2, 3, 4, 5, 6));
    assertArrayEquals(
        new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(npy, 8));
    int headerLength = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
    assertEquals(0, (10 + headerLength) % 64, "data starts at a multiple of 64");
    String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
    assertEquals("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", header.strip());
    assertTrue(header.endsWith(" \n"), "padded with spaces, ends in a newline");
    assertArrayEquals(f8(1, 2, 3, 4, 5, 6), Arrays.copyOfRange(npy, 10 + headerLength, npy.length));
    assertEquals(npy.length, Npz.npy("W", new DoubleMatrix(2, 3)).length);
  }

  @Test
  void writeRefusesBadNamesAndShortStorage() {
    Map<String, DoubleMatrix> slash = Map.of("a/b", new DoubleMatrix(1, 1));
    assertThrows(IllegalArgumentException.class, () -> Npz.toBytes(slash));
    Map<String, DoubleMatrix> empty = Map.of("", new DoubleMatrix(1, 1));
    assertThrows(IllegalArgumentException.class, () -> Npz.toBytes(empty));
    DoubleMatrix broken = new DoubleMatrix(2, 2);
    broken.data = new double[3];
    assertEquals(
        "W1 is 2x2 but its data array holds 3 values",
        assertThrows(IllegalArgumentException.class, () -> Npz.toBytes(Map.of("W1", broken)))
            .getMessage());
  }

  // ---- reading what numpy writes ----

  @Test
  void readsCOrder() throws IOException {
    // numpy.savez of np.array([[1, 2, 3], [4, 5, 6]]): row by row
    DoubleMatrix m =
        readOne(zip(false, "W1.npy",
            npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
                f8(1, 2, 3, 4, 5, 6))));
    assertEquals(2, m.rows);
    assertEquals(3, m.columns);
    assertArrayEquals(new double[] {1, 2, 3}, m.getRow(0).data, 0.0);
    assertArrayEquals(new double[] {4, 5, 6}, m.getRow(1).data, 0.0);
  }

  @Test
  void readsFortranOrder() throws IOException {
    DoubleMatrix m =
        readOne(zip(false, "W1.npy",
            npy(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }",
                f8(1, 4, 2, 5, 3, 6))));
    assertArrayEquals(new double[] {1, 2, 3}, m.getRow(0).data, 0.0);
    assertArrayEquals(new double[] {4, 5, 6}, m.getRow(1).data, 0.0);
  }

  @Test
  void readsOneDimensionalAsColumn() throws IOException {
    DoubleMatrix m =
        readOne(zip(false, "b1.npy",
            npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", f8(7, 8, 9))));
    assertEquals(3, m.rows);
    assertEquals(1, m.columns);
    assertArrayEquals(new double[] {7, 8, 9}, m.data, 0.0);
  }

  @Test
  void readsFloat32() throws IOException {
    DoubleMatrix m =
        readOne(zip(false, "W1.npy",
            npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }",
                f4(1.5f, 2.5f, 3.5f, 0.1f))));
    assertArrayEquals(new double[] {1.5, 3.5, 2.5, (double) 0.1f}, m.data, 0.0);
  }

  @Test
  void readsVersionTwoDeflatedAndOldStyleHeaders() throws IOException {
    DoubleMatrix m =
        readOne(zip(true, "x.npy",
            npy(2, "{\"shape\": (2L, 1L), \"fortran_order\": False, \"descr\": \"<f8\"}",
                f8(3, 4))));
    assertArrayEquals(new double[] {3, 4}, m.data, 0.0);
  }

  @Test
  void readsEmptyArchive() throws IOException {
    assertEquals(Map.of(), Npz.read(zip(false), "empty.npz"));
  }

  // ---- refusing what is broken ----

  @Test
  void refusesWhatIsNotAnNpz() {
    assertTrue(refused("hello".getBytes(StandardCharsets.US_ASCII)).contains("not an .npz"));
    assertTrue(refused(new byte[0]).contains("not an .npz"));
    assertTrue(
        refused(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", f8(1)))
            .contains("single .npy array"));
  }

  @Test
  void refusesEveryTruncation() throws IOException {
    Map<String, DoubleMatrix> arrays = new LinkedHashMap<>();
    arrays.put("W1", new DoubleMatrix(2, 2, 1, 2, 3, 4));
    arrays.put("b1", new DoubleMatrix(2, 1, 5, 6));
    byte[] archive = Npz.toBytes(arrays);
    for (int n = 0; n < archive.length; n++) {
      byte[] cut = Arrays.copyOf(archive, n);
      assertThrows(IOException.class, () -> Npz.read(cut, "cut.npz"), "cut at " + n);
    }
  }

  @Test
  void refusesFlippedDataBits() {
    byte[] archive = Npz.toBytes(Map.of("W1", new DoubleMatrix(1, 8)));
    // the last entry's data ends right before the central directory; flip a bit in it
    int data = indexOf(archive, new byte[] {'P', 'K', 1, 2}) - 3;
    archive[data] ^= 0x10;
    String message = refused(archive);
    assertTrue(message.contains("CRC"), message);
  }

  @Test
  void refusesHostileShapesWithoutAllocatingThem() throws IOException {
    String huge = "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }";
    // a stored entry states its size: refused before its data is read
    String message = refused(zip(false, "W1.npy", npy(1, huge, f8(1, 2))));
    assertTrue(
        message.contains("data holds 16 bytes but a 100000x100000 array of <f8 needs 80000000000"),
        message);
    // a deflated entry does not: 8e10 bytes are more than an array holds
    message = refused(zip(true, "W1.npy", npy(1, huge, f8(1, 2))));
    assertTrue(message.contains("at most"), message);
    String big = "{'descr': '<f8', 'fortran_order': False, 'shape': (10000, 10000), }";
    message = refused(zip(false, "W1.npy", npy(1, big, f8(1, 2))));
    assertTrue(
        message.contains("data holds 16 bytes but a 10000x10000 array of <f8 needs 800000000"),
        message);
    // deflated entries do not state their size up front: the reader must stop at the real data
    message = refused(zip(true, "W1.npy", npy(1, big, f8(1, 2))));
    assertTrue(
        message.contains("data holds 16 bytes but a 10000x10000 array of <f8 needs 800000000"),
        message);
  }

  @Test
  void refusesOversizedHeaders() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(Integer.MAX_VALUE);
    String message = refused(zip(false, "W1.npy", b.array()));
    assertTrue(
        message.contains("header length 2147483647 exceeds the 1048576 bytes netc reads"),
        message);
  }

  @Test
  void refusesUnsupportedArrays() throws IOException {
    assertTrue(
        refused(zip(false, "W.npy",
                npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", f8(1))))
            .contains("has dtype '<i8'; only '<f8' (float64) and '<f4' (float32) are supported"));
    assertTrue(
        refused(zip(false, "W.npy",
                npy(1, "{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", f8(1))))
            .contains("dtype '>f8'"));
    assertTrue(
        refused(zip(false, "W.npy",
                npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 1), }", f8(1))))
            .contains("has shape (1, 1, 1); only (n, m) and (n,) arrays are supported"));
    assertTrue(
        refused(zip(false, "W.npy",
                npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (), }", f8(1))))
            .contains("has shape ()"));
    assertTrue(
        refused(zip(false, "W.npy",
                npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", f8(1, 2))))
            .contains("data holds 16 bytes but a 1 array of <f8 needs 8"));
    assertTrue(refused(zip(false, "notes.txt", new byte[] {1})).contains("not a .npy array"));
  }

  @Test
  void refusesMalformedHeaders() throws IOException {
    for (String dict :
        List.of(
            "{'descr': '<f8', 'shape': (1,), }",
            "{'descr': '<f8', 'fortran_order': Maybe, 'shape': (1,), }",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'extra': 1}",
            "{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (1,)}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1), }",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,), }",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), } junk",
            "{'descr: '<f8', 'fortran_order': False, 'shape': (1,), }",
            "")) {
      String message = refused(zip(false, "W.npy", npy(1, dict, f8(1))));
      assertTrue(message.startsWith("test.npz: W.npy"), message);
    }
  }

  /** Random corruption must end in a result or an IOException, never another exception. */
  @Test
  void randomCorruptionIsAnIOExceptionOrHarmless() {
    Map<String, DoubleMatrix> arrays = new LinkedHashMap<>();
    arrays.put("W1", new DoubleMatrix(3, 2, 1, 2, 3, 4, 5, 6));
    arrays.put("b1", new DoubleMatrix(3, 1, 7, 8, 9));
    byte[] archive = Npz.toBytes(arrays);
    Random rng = new Random(99);
    for (int trial = 0; trial < 20_000; trial++) {
      byte[] broken = archive.clone();
      for (int flips = 1 + rng.nextInt(3); flips > 0; flips--) {
        broken[rng.nextInt(broken.length)] = (byte) rng.nextInt(256);
      }
      try {
        Npz.read(broken, "fuzz.npz");
      } catch (IOException expected) {
        // fine
      } catch (RuntimeException | OutOfMemoryError e) {
        fail("trial " + trial + ": " + e, e);
      }
    }
  }

  // ---- single precision ----

  static byte[] floatBytes(Map<String, FloatMatrix> arrays) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Npz.writeFloat(out, arrays);
    return out.toByteArray();
  }

  @Test
  void floatRoundTripIsBitForBit() throws IOException {
    Random rng = new Random(1);
    Map<String, FloatMatrix> arrays = new LinkedHashMap<>();
    arrays.put("W1", BlasTest.random(rng, 4, 3).toFloat());
    arrays.put("b1", BlasTest.random(rng, 4, 1).toFloat());
    arrays.put(
        "special",
        new FloatMatrix(2, 4,
            Float.intBitsToFloat(0x7fc00123), // NaN with a payload
            -0.0f, Float.MIN_VALUE, -Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, (float) Math.PI, 1e-40f));
    arrays.put("empty", new FloatMatrix(0, 5));

    Map<String, FloatMatrix> back = Npz.readFloat(floatBytes(arrays), "round trip");

    assertEquals(List.copyOf(arrays.keySet()), List.copyOf(back.keySet()), "archive order");
    for (String name : arrays.keySet()) {
      FloatMatrix expected = arrays.get(name);
      FloatMatrix actual = back.get(name);
      assertEquals(expected.rows, actual.rows, name);
      assertEquals(expected.columns, actual.columns, name);
      for (int i = 0; i < expected.length; i++) {
        assertEquals(
            Float.floatToRawIntBits(expected.data[i]),
            Float.floatToRawIntBits(actual.data[i]),
            name + " entry " + i);
      }
    }
    // and into doubles, exactly
    DoubleMatrix wide = Npz.read(floatBytes(arrays), "round trip").get("W1");
    for (int i = 0; i < wide.length; i++) {
      assertEquals((double) arrays.get("W1").data[i], wide.data[i], 0.0);
    }
  }

  @Test
  void floatWritingIsDeterministicAndHalfTheData() throws IOException {
    Map<String, FloatMatrix> arrays = new LinkedHashMap<>();
    arrays.put("W1", new FloatMatrix(2, 2, 1, 2, 3, 4));
    assertArrayEquals(floatBytes(arrays), floatBytes(new LinkedHashMap<>(arrays)));
    Map<String, DoubleMatrix> doubles = Map.of("W1", new DoubleMatrix(2, 2, 1, 2, 3, 4));
    assertEquals(Npz.toBytes(doubles).length - 4 * 4, floatBytes(arrays).length);
  }

  @Test
  void floatNpyLayoutIsVersionOneFortranOrderF4AlignedTo64() {
    byte[] npy = Npz.npy("W", new FloatMatrix(2, 3, 1, 2, 3, 4, 5, 6));
    assertArrayEquals(
        new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(npy, 8));
    int headerLength = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
    assertEquals(0, (10 + headerLength) % 64, "data starts at a multiple of 64");
    String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
    assertEquals("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", header.strip());
    assertTrue(header.endsWith(" \n"), "padded with spaces, ends in a newline");
    assertArrayEquals(f4(1, 2, 3, 4, 5, 6), Arrays.copyOfRange(npy, 10 + headerLength, npy.length));
  }

  @Test
  void floatWriteRefusesBadNamesAndShortStorage() {
    assertThrows(IllegalArgumentException.class,
        () -> floatBytes(Map.of("a/b", new FloatMatrix(1, 1))));
    assertThrows(IllegalArgumentException.class,
        () -> floatBytes(Map.of("", new FloatMatrix(1, 1))));
    FloatMatrix broken = new FloatMatrix(2, 2);
    broken.data = new float[3];
    assertEquals(
        "W1 is 2x2 but its data array holds 3 values",
        assertThrows(IllegalArgumentException.class, () -> floatBytes(Map.of("W1", broken)))
            .getMessage());
  }

  @Test
  void readFloatReadsWhatNumpyWrites() throws IOException {
    // C order, float64 rounded to float
    FloatMatrix c = Npz.readFloat(zip(false, "W1.npy",
        npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
            f8(0.1, 2, 3, 4, 5, 1e-50))), "test.npz").get("W1");
    assertArrayEquals(new float[] {0.1f, 2, 3}, c.getRow(0).data, 0.0f);
    assertArrayEquals(new float[] {4, 5, 0}, c.getRow(1).data, 0.0f);
    // Fortran order, float32 as it is
    FloatMatrix f = Npz.readFloat(zip(false, "W1.npy",
        npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }",
            f4(1, 4, 2, 5, 3, 0.1f))), "test.npz").get("W1");
    assertArrayEquals(new float[] {1, 2, 3}, f.getRow(0).data, 0.0f);
    assertArrayEquals(new float[] {4, 5, 0.1f}, f.getRow(1).data, 0.0f);
    // C-order float32, one-dimensional, version 2, deflated
    FloatMatrix t = Npz.readFloat(zip(true, "b.npy",
        npy(2, "{\"shape\": (2L, 2L), \"fortran_order\": False, \"descr\": \"<f4\"}",
            f4(1, 2, 3, 4))), "test.npz").get("b");
    assertArrayEquals(new float[] {1, 3, 2, 4}, t.data, 0.0f);
    FloatMatrix b = Npz.readFloat(zip(false, "b1.npy",
        npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", f4(7, 8, 9))),
        "test.npz").get("b1");
    assertEquals(3, b.rows);
    assertEquals(1, b.columns);
    assertEquals(Map.of(), Npz.readFloat(zip(false), "empty.npz"));
  }

  /** Every refusal of the double reader, word for word, from the float reader. */
  @Test
  void readFloatRefusesWhatReadRefusesWithTheSameMessages() throws IOException {
    List<byte[]> broken = new java.util.ArrayList<>();
    broken.add("hello".getBytes(StandardCharsets.US_ASCII));
    broken.add(new byte[0]);
    broken.add(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", f8(1)));
    for (String dict : List.of(
        "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }",
        "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 1), }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (), }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }",
        "{'descr': '<f4', 'shape': (1,), }",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (1), }",
        "")) {
      broken.add(zip(false, "W.npy", npy(1, dict, f8(1))));
      broken.add(zip(true, "W.npy", npy(1, dict, f8(1))));
    }
    broken.add(zip(false, "notes.txt", new byte[] {1}));
    Map<String, FloatMatrix> arrays = new LinkedHashMap<>();
    arrays.put("W1", new FloatMatrix(2, 2, 1, 2, 3, 4));
    arrays.put("b1", new FloatMatrix(2, 1, 5, 6));
    byte[] archive = floatBytes(arrays);
    for (int n = 0; n < archive.length; n += 7) {
      broken.add(Arrays.copyOf(archive, n));
    }
    for (byte[] bytes : broken) {
      String expected = refused(bytes);
      assertEquals(expected,
          assertThrows(IOException.class, () -> Npz.readFloat(bytes, "test.npz")).getMessage());
    }
  }

  /** Random corruption: the float reader fails exactly when the double reader does. */
  @Test
  void randomCorruptionReadsAlikeInBothPrecisions() throws IOException {
    Map<String, FloatMatrix> arrays = new LinkedHashMap<>();
    arrays.put("W1", new FloatMatrix(3, 2, 1, 2, 3, 4, 5, 6));
    arrays.put("b1", new FloatMatrix(3, 1, 7, 8, 9));
    byte[] archive = floatBytes(arrays);
    Random rng = new Random(98);
    for (int trial = 0; trial < 5_000; trial++) {
      byte[] broken = archive.clone();
      for (int flips = 1 + rng.nextInt(3); flips > 0; flips--) {
        broken[rng.nextInt(broken.length)] = (byte) rng.nextInt(256);
      }
      String doubles;
      try {
        doubles = Npz.read(broken, "fuzz.npz").keySet().toString();
      } catch (IOException e) {
        doubles = e.getMessage();
      }
      String floats;
      try {
        floats = Npz.readFloat(broken, "fuzz.npz").keySet().toString();
      } catch (IOException e) {
        floats = e.getMessage();
      } catch (RuntimeException | OutOfMemoryError e) {
        fail("trial " + trial + ": " + e, e);
        return;
      }
      assertEquals(doubles, floats, "trial " + trial);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
