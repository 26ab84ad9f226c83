package dev.netc.annotations;

/** The activation {@code g[l]} of a layer and, in brackets, its derivative. */
public enum Activation {
  /** {@code 1 / (1 + e^-z)}  ({@code a(1 - a)}). */
  SIGMOID,
  /** {@code tanh z}  ({@code 1 - a^2}). */
  TANH,
  /** {@code max(0, z)}  ({@code 1[z > 0]}). */
  RELU,
  /** {@code z} for {@code z > 0}, else {@code leak * z}  ({@code 1[z > 0] + leak * 1[z <= 0]}). */
  LEAKY_RELU,
  /** {@code z}  ({@code 1}). */
  LINEAR,
  /** {@code e^z_k / sum_j e^z_j} per column; only as output with categorical cross-entropy. */
  SOFTMAX
}
