package dev.netc.annotations;

/** The cost {@code J}, averaged over the {@code m} examples. */
public enum Loss {
  /** {@code J = -(1/m) sum [y log a + (1 - y) log(1 - a)]}; needs a {@code SIGMOID} output. */
  BINARY_CROSS_ENTROPY,
  /** {@code J = -(1/m) sum_examples sum_k y_k log a_k}, {@code Y} one-hot; needs {@code SOFTMAX}. */
  CATEGORICAL_CROSS_ENTROPY,
  /** {@code J = (1/(2m)) sum (a - y)^2}. */
  MEAN_SQUARED_ERROR
}
