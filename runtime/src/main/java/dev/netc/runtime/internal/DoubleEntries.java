package dev.netc.runtime.internal;

import org.jblas.DoubleMatrix;

// twin: f32
/** A matrix as the input checks read it, so that one check serves both precisions. */
record DoubleEntries(DoubleMatrix M) implements InputChecks.Entries {
  @Override
  public int rows() {
    return M.rows;
  }

  @Override
  public int columns() {
    return M.columns;
  }

  @Override
  public int stored() {
    return M.data == null ? -1 : M.data.length;
  }

  @Override
  public int firstNonFinite() {
    return Kernels.firstNonFinite(M);
  }

  @Override
  public double get(int i) { // twin: scalar get
    return M.data[i];
  }

  @Override
  public String show(int i) {
    return Double.toString(M.data[i]);
  }
}
