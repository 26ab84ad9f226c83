package dev.netc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files built to hurt the loader: lying headers, huge shapes, NaN, two archives in one. */
class ModelFilesSafetyTest {

  @TempDir Path dir;

  /** The planar network's four arrays, {@code W1} replaced by {@code w1}. */
  private static Map<String, DoubleMatrix> planar(DoubleMatrix w1) {
    Map<String, DoubleMatrix> arrays = new LinkedHashMap<>();
    arrays.put("W1", w1);
    arrays.put("b1", new DoubleMatrix(4, 1, 1, 2, 3, 4));
    arrays.put("W2", new DoubleMatrix(1, 4, 5, 6, 7, 8));
    arrays.put("b2", new DoubleMatrix(1, 1, 9));
    return arrays;
  }

  private static DoubleMatrix w1() {
    return new DoubleMatrix(4, 2, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8);
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

  /**
   * A 2 MB file whose deflated {@code W1.npy} claims (16383, 16383) float64 (2.1 GB): refused on
   * its header, naming both shapes, having read a small part of the file and allocated nothing
   * for it (the file made load allocate 4.8 GB).
   */
  @Test
  void aHugeDeflatedHeaderIsRefusedBeforeItsDataIsRead() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("W1.npy")); // deflated, size unknown until its end
      zip.write(
          NpzTest.npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (16383, 16383), }",
              new byte[0]));
      byte[] noise = new byte[2 << 20];
      new Random(7).nextBytes(noise); // incompressible: the file really is 2 MB
      zip.write(noise);
      zip.closeEntry();
    }
    byte[] file = bytes.toByteArray();
    assertTrue(file.length > 2_000_000, "a 2 MB file");
    for (boolean single : new boolean[] {false, true}) {
      Counting in = new Counting(new ByteArrayInputStream(file));
      IOException e =
          assertThrows(
              IOException.class,
              () -> {
                if (single) {
                  ModelFiles.loadFloat(in, "huge.npz", ArchitectureTest.PLANAR);
                } else {
                  ModelFiles.load(in, "huge.npz", ArchitectureTest.PLANAR);
                }
              });
      assertEquals(
          "PlanarClassifier: W1 in huge.npz must be 4x2 (n[1] x n[0]), got 16383x16383",
          e.getMessage());
      assertTrue(in.count < 64 * 1024, "read " + in.count + " of " + file.length + " bytes");
    }
  }

  /** The shape: its product overflows a long; the message says so, never a negative. */
  @Test
  void shapesWhoseSizeOverflowsAreRefusedAsDamaged() throws IOException {
    String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (1073764990, 2147437317), }";
    byte[] archive = NpzTest.zip(false, "W1.npy", NpzTest.npy(1, dict, NpzTest.f8(1, 2)));
    IOException e = assertThrows(IOException.class, () -> Npz.read(archive, "big.npz"));
    assertEquals(
        "big.npz: W1.npy: a 1073764990x2147437317 array of <f8 needs more than 2^63 - 1 bytes;"
            + " the header is damaged",
        e.getMessage());
    assertEquals(
        e.getMessage(),
        assertThrows(
                IOException.class,
                () -> ModelFiles.load(
                    new ByteArrayInputStream(archive), "big.npz", ArchitectureTest.PLANAR))
            .getMessage());
    // Just under the overflow: a positive size the entry does not hold, never a negative one.
    String f4 = "{'descr': '<f4', 'fortran_order': False, 'shape': (1073764990, 1073764990), }";
    String message =
        assertThrows(
                IOException.class,
                () -> Npz.read(NpzTest.zip(true, "W1.npy", NpzTest.npy(1, f4, NpzTest.f8(1))),
                    "big.npz"))
            .getMessage();
    assertTrue(message.contains("at most 2147483639 are supported"), message);
    assertTrue(!message.contains("-"), message);
  }

  @Test
  void nonFiniteParametersAreRefusedNamingTheArrayAndTheEntry() throws IOException {
    Path file = dir.resolve("diverged.npz");
    DoubleMatrix w1 = w1();
    w1.put(1, 0, Double.NaN);
    Files.write(file, Npz.toBytes(planar(w1)));
    String expected =
        "PlanarClassifier: W1 in " + file + " holds NaN at (1, 0); every parameter must be"
            + " finite (was the file saved after a diverged training?)";
    assertEquals(
        expected,
        assertThrows(IOException.class, () -> ModelFiles.load(file, ArchitectureTest.PLANAR))
            .getMessage());
    assertEquals(
        expected,
        assertThrows(IOException.class, () -> ModelFiles.loadFloat(file, ArchitectureTest.PLANAR))
            .getMessage());

    Map<String, DoubleMatrix> arrays = planar(w1());
    arrays.put("W2", new DoubleMatrix(1, 4, 5, 6, Double.NEGATIVE_INFINITY, 8));
    Files.write(file, Npz.toBytes(arrays));
    assertEquals(
        "PlanarClassifier: W2 in " + file + " holds -Infinity at (0, 2); every parameter must be"
            + " finite (was the file saved after a diverged training?)",
        assertThrows(IOException.class, () -> ModelFiles.load(file, ArchitectureTest.PLANAR))
            .getMessage());

    // A finite float64 value beyond float32's range becomes Infinity in a float model.
    arrays = planar(w1());
    arrays.put("b2", new DoubleMatrix(1, 1, 1e39));
    Files.write(file, Npz.toBytes(arrays));
    assertEquals(1e39, ModelFiles.load(file, ArchitectureTest.PLANAR).b(2).get(0), 0.0);
    assertEquals(
        "PlanarClassifier: b2 in " + file + " holds Infinity at (0, 0); every parameter must be"
            + " finite (was the file saved after a diverged training?)",
        assertThrows(IOException.class, () -> ModelFiles.loadFloat(file, ArchitectureTest.PLANAR))
            .getMessage());
  }

  /**
   * Two archives in one file: numpy.load reads the second (the zip directory is at the end),
   * netc's stream reader would meet the first. netc refuses the file rather than disagree.
   */
  @Test
  void twoConcatenatedArchivesAreRefused() throws IOException {
    byte[] first = Npz.toBytes(planar(w1()));
    DoubleMatrix other = w1();
    other.muli(-1);
    byte[] second = Npz.toBytes(planar(other));
    byte[] both = new byte[first.length + second.length];
    System.arraycopy(first, 0, both, 0, first.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    Path file = dir.resolve("both.npz");
    Files.write(file, both);
    String message =
        assertThrows(IOException.class, () -> ModelFiles.load(file, ArchitectureTest.PLANAR))
            .getMessage();
    int directory = new String(second, StandardCharsets.ISO_8859_1).indexOf("PK\u0001\u0002");
    assertEquals(
        file + ": the file holds more than one zip archive, or data before its archive (its"
            + " directory starts at byte " + (first.length + directory) + " but says " + directory
            + "); numpy.load would read the last archive and netc the first: write the file"
            + " again with numpy.savez",
        message);
    // Each archive alone loads.
    assertArrayEquals(
        w1().data,
        ModelFiles.load(new ByteArrayInputStream(first), "first", ArchitectureTest.PLANAR)
            .W(1).data,
        0.0);
  }

  @Test
  void theArchiveEndMustListWhatWasRead() throws IOException {
    byte[] archive = Npz.toBytes(planar(w1()));
    String text = new String(archive, StandardCharsets.ISO_8859_1);
    // Rename b2 in the central directory only (numpy would look for "c2").
    int directory = text.indexOf("PK\u0001\u0002");
    int renamed = text.indexOf("b2.npy", directory);
    archive[renamed] = 'c';
    String message =
        assertThrows(IOException.class, () -> Npz.read(archive, "edited.npz")).getMessage();
    assertEquals(
        "edited.npz: the archive is damaged: its directory lists c2.npy where the archive holds"
            + " b2.npy (numpy.load reads the directory)",
        message);
  }
}
