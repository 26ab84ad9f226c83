package dev.netc.runtime.internal;

import static dev.netc.runtime.internal.Blas.Op.N;
import static dev.netc.runtime.internal.Blas.Op.T;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

public class BlasTest {

  public static DoubleMatrix random(Random rng, int rows, int columns) {
    DoubleMatrix M = new DoubleMatrix(rows, columns);
    for (int i = 0; i < M.length; i++) {
      M.data[i] = rng.nextGaussian();
    }
    return M;
  }

  @ParameterizedTest
  @CsvSource({
    "N, N, 4, 3, 5", "N, T, 4, 3, 5", "T, N, 4, 3, 5", "T, T, 4, 3, 5",
    "N, N, 1, 7, 1", "T, T, 9, 1, 6", "N, T, 33, 17, 65", "T, N, 2, 40, 3"
  })
  void gemmMatchesTripleLoopForEveryTransposeCombination(
      Blas.Op opA, Blas.Op opB, int p, int k, int q) {
    Random rng = new Random(p * 1000 + k * 10 + q);
    DoubleMatrix A = random(rng, opA == N ? p : k, opA == N ? k : p);
    DoubleMatrix B = random(rng, opB == N ? k : q, opB == N ? q : k);
    DoubleMatrix C = random(rng, p, q);
    DoubleMatrix expected = C.dup();
    NativeCheck.naive(opA, opB, 0.7, A, B, -1.5, expected);
    DoubleMatrix aBefore = A.dup();
    DoubleMatrix bBefore = B.dup();

    Blas.gemm(opA, opB, 0.7, A, B, -1.5, C);

    assertArrayEquals(expected.data, C.data, 1e-12);
    assertArrayEquals(aBefore.data, A.data, 0.0, "A must not change");
    assertArrayEquals(bBefore.data, B.data, 0.0, "B must not change");
  }

  @Test
  void betaZeroIgnoresWhateverCHeld() {
    DoubleMatrix A = new DoubleMatrix(2, 2, 1, 2, 3, 4);
    DoubleMatrix C = new DoubleMatrix(2, 2, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    Blas.gemm(N, N, 1.0, A, A, 0.0, C);
    // A = [1 3; 2 4] (column-major), A*A = [7 15; 10 22]
    assertArrayEquals(new double[] {7, 10, 15, 22}, C.data, 0.0);
  }

  @Test
  void sameMatrixMayBeBothInputs() {
    DoubleMatrix A = new DoubleMatrix(2, 3, 1, 2, 3, 4, 5, 6);
    DoubleMatrix C = new DoubleMatrix(2, 2);
    Blas.gemm(N, T, 1.0, A, A, 0.0, C); // A*A^T
    assertArrayEquals(new double[] {35, 44, 44, 56}, C.data, 0.0);
  }

  @Test
  void emptyInnerDimensionScalesC() {
    DoubleMatrix A = new DoubleMatrix(3, 0);
    DoubleMatrix B = new DoubleMatrix(0, 2);
    DoubleMatrix C = new DoubleMatrix(3, 2, 1, 2, 3, 4, 5, 6);
    Blas.gemm(N, N, 1.0, A, B, 2.0, C);
    assertArrayEquals(new double[] {2, 4, 6, 8, 10, 12}, C.data, 0.0);
    Blas.gemm(T, T, 1.0, new DoubleMatrix(0, 3), new DoubleMatrix(2, 0), 0.0, C);
    assertArrayEquals(new double[6], C.data, 0.0);
  }

  @Test
  void emptyResultIsANoOp() {
    Blas.gemm(N, N, 1.0, new DoubleMatrix(0, 3), new DoubleMatrix(3, 2), 0.0,
        new DoubleMatrix(0, 2));
  }

  @Test
  void refusesMismatchedInnerDimensions() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Blas.gemm(N, N, 1.0, new DoubleMatrix(4, 2), new DoubleMatrix(3, 400), 0.0,
                new DoubleMatrix(4, 400)));
    assertEquals(
        "gemm(N, N): op(A) is 4x2 and op(B) is 3x400 (A is 4x2, B is 3x400); columns of op(A)"
            + " must equal rows of op(B)",
        e.getMessage());
  }

  @Test
  void refusesTransposedShapesThatDoNotAgree() {
    // dW = dZ * A^T needs A with as many columns as dZ.
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Blas.gemm(N, T, 1.0, new DoubleMatrix(1, 400), new DoubleMatrix(4, 399), 0.0,
                new DoubleMatrix(1, 4)));
    assertTrue(e.getMessage().contains("op(A) is 1x400 and op(B) is 399x4"), e.getMessage());
  }

  @Test
  void refusesWrongOutputShape() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Blas.gemm(T, N, 1.0, new DoubleMatrix(4, 1), new DoubleMatrix(4, 10), 0.0,
                new DoubleMatrix(4, 10)));
    assertEquals(
        "gemm(T, N): C must be 1x10 (rows of op(A) x columns of op(B)), got 4x10 (A is 4x1, B is"
            + " 4x10)",
        e.getMessage());
  }

  @Test
  void refusesOutputThatIsAnInput() {
    DoubleMatrix A = new DoubleMatrix(3, 3);
    DoubleMatrix B = new DoubleMatrix(3, 3);
    assertThrows(IllegalArgumentException.class, () -> Blas.gemm(N, N, 1, A, B, 0, A));
    assertThrows(IllegalArgumentException.class, () -> Blas.gemm(N, N, 1, A, B, 0, B));
    DoubleMatrix view = new DoubleMatrix(3, 3, B.data); // shares B's array
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Blas.gemm(N, N, 1, A, B, 0, view));
    assertTrue(e.getMessage().contains("must not share storage with B"), e.getMessage());
  }

  @Test
  void refusesDataArrayShorterThanTheShape() {
    DoubleMatrix A = new DoubleMatrix(3, 3);
    A.data = new double[4];
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Blas.gemm(N, N, 1, A, new DoubleMatrix(3, 3), 0, new DoubleMatrix(3, 3)));
    assertEquals("gemm: A is 3x3 but its data array holds 4 values", e.getMessage());
  }

  @Test
  void backendNamesTheLoadedLibraries() {
    String backend = Blas.backend();
    if (Blas.selected() == Blas.Backend.JAVA) {
      assertTrue(backend.startsWith(Blas.JAVA_DESCRIPTION + "\n  threads: "), backend);
      assertTrue(backend.contains("\n  selected: "), backend);
      return;
    }
    if (Blas.selected() == Blas.Backend.OPENBLAS) {
      assertTrue(backend.startsWith("native BLAS: zero-copy OpenBLAS"), backend);
      assertTrue(backend.contains("libnetcblas.so: /"), backend);
      assertTrue(backend.contains("libopenblas.so.0: /"), backend);
      assertTrue(backend.contains("OpenBLAS core: "), backend);
      assertTrue(backend.contains("OpenBLAS config: OpenBLAS 0.3"), backend);
    } else {
      assertTrue(backend.startsWith("native BLAS: jblas 1.2.5"), backend);
      assertTrue(backend.contains("libjblas.so: /"), backend);
    }
    assertTrue(backend.contains("libgfortran.so.5: /"), backend);
    assertTrue(backend.contains("OPENBLAS_CORETYPE"), backend);
    assertTrue(backend.contains("\n  selected: "), backend);
  }
}
