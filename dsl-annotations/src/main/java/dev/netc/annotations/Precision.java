package dev.netc.annotations;

/** Element type of the generated model's matrices. */
public enum Precision {
  /** {@code double}: jblas {@code DoubleMatrix}, dgemm. */
  DOUBLE,
  /** {@code float}: jblas {@code FloatMatrix}, sgemm. */
  FLOAT
}
