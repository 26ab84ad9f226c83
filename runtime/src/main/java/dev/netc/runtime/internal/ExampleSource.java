package dev.netc.runtime.internal;

import java.io.IOException;
import org.jblas.DoubleMatrix;

/**
 * Training examples that live outside the heap (a file), read a batch at a time by {@link
 * StreamingLearner}. Columns are examples, as everywhere in netc.
 */
public interface ExampleSource {

  /** {@code m}, the number of examples. */
  int examples();

  /** {@code n[0]}, the rows of {@code X}. */
  int features();

  /** The rows of {@code Y}. */
  int targets();

  /**
   * Reads examples {@code from .. from + X.columns - 1} into {@code X} and {@code Y}, whose shapes
   * are {@code features() x c} and {@code targets() x c}.
   */
  void read(int from, DoubleMatrix X, DoubleMatrix Y) throws IOException;

  /** Reads examples {@code order[from .. from + X.columns - 1]}, in that order. */
  void gather(int[] order, int from, DoubleMatrix X, DoubleMatrix Y) throws IOException;
}
