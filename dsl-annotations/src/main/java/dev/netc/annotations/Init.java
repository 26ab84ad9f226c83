package dev.netc.annotations;

/** How {@code W[l]} starts (seeded Gaussian {@code randn} unless said); {@code b[l]} is zero. */
public enum Init {
  /** {@code randn * 0.01}, the course's choice for shallow networks. */
  SMALL_RANDOM,
  /** {@code randn * sqrt(1 / n[l-1])}. */
  XAVIER,
  /** {@code randn * sqrt(2 / n[l-1])}. */
  HE,
  /** All zeros: only for the output layer or a one-layer network (symmetry). */
  ZEROS,
  /** {@link #HE} for {@code RELU} and {@code LEAKY_RELU}, otherwise {@link #XAVIER}. */
  AUTO
}
