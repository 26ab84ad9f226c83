package dev.netc.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/**
 * {@link PlanarData} against the course's {@code load_planar_dataset()} run by NumPy 2.4.6: the
 * digests are SHA-256 of {@code np.ascontiguousarray(X.T).astype('<f8').tobytes()}, i.e. of the
 * column-major doubles, so they match only if every bit of every coordinate does.
 */
final class PlanarDataTest {

  @Test
  void shapes() {
    PlanarData data = PlanarData.load();
    assertEquals(2, data.X().rows);
    assertEquals(400, data.X().columns);
    assertEquals(1, data.Y().rows);
    assertEquals(400, data.Y().columns);
    assertEquals(400, data.examples());
  }

  @Test
  void coordinatesAreNumpysBitForBit() {
    assertEquals(
        "e8effea39b3204106156a8d09817139ce232596d2b050920e59103142e23eb66",
        sha256(PlanarData.load().X()));
  }

  @Test
  void labelsAreNumpys() {
    assertEquals(
        "5fff71b5d36219613147eade56075d145e196e79494fa5b7ad5318f4a2bd2cfc",
        sha256(PlanarData.load().Y()));
    DoubleMatrix Y = PlanarData.load().Y();
    for (int j = 0; j < 400; j++) {
      assertEquals(j < 200 ? 0.0 : 1.0, Y.get(0, j), "Y(0, " + j + ")");
    }
  }

  @Test
  void someColumnsAsNumpyPrintsThem() {
    DoubleMatrix X = PlanarData.load().X();
    assertArrayEquals(new double[] {1.204442292254319, 3.5761141481288448}, column(X, 0));
    assertArrayEquals(new double[] {0.15870990398255372, -1.4821709003683443}, column(X, 1));
    assertArrayEquals(new double[] {-0.5858464101358456, -3.091259938950624}, column(X, 199));
    assertArrayEquals(new double[] {-1.0704958072229525, 3.682524609580073}, column(X, 200));
    assertArrayEquals(new double[] {0.7307808250007513, 3.0683292081876545}, column(X, 399));
  }

  @Test
  void everyLoadIsAFreshCopy() {
    PlanarData first = PlanarData.load();
    first.X().put(0, 0, 99.0);
    assertEquals(1.204442292254319, PlanarData.load().X().get(0, 0));
  }

  @Test
  void linspaceIsNumpys() {
    // np.linspace(3.12, 6.24, 200)[[0, 1, 100, 198, 199]] and np.linspace(0, 3.12, 200)[...]
    double[] second = PlanarData.linspace(3.12, 6.24, 200);
    assertArrayEquals(
        new double[] {3.12, 3.1356783919597992, 4.687839195979899, 6.224321608040201, 6.24},
        new double[] {second[0], second[1], second[100], second[198], second[199]});
    double[] first = PlanarData.linspace(0.0, 3.12, 200);
    assertArrayEquals(
        new double[] {0.015678391959798997, 1.5678391959798996, 3.1043216080402014, 3.12},
        new double[] {first[1], first[100], first[198], first[199]});
  }

  private static double[] column(DoubleMatrix M, int j) {
    return M.getColumn(j).toArray();
  }

  private static String sha256(DoubleMatrix M) {
    ByteBuffer bytes = ByteBuffer.allocate(8 * M.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asDoubleBuffer().put(M.data, 0, M.length);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }
}
