package dev.netc.spark;

import java.io.Serializable;
import org.jblas.DoubleMatrix;

/**
 * Up to a block size of one partition's examples, one per column: what training keeps cached on
 * the executors, so that a gradient is one gemm per layer and block.
 */
record Block(DoubleMatrix X, DoubleMatrix Y) implements Serializable {
  int examples() {
    return X.columns;
  }
}
