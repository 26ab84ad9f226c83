package dev.netc.runtime;

import java.util.Arrays;

/**
 * The checks of {@code sizes = {n[0], ..., n[L]}} and of layer numbers that parameters, gradients
 * and architectures of both precisions share, so that their messages are the same.
 */
final class Sizes {

  private Sizes() {}

  static int[] check(int[] sizes) {
    if (sizes == null || sizes.length < 2) {
      throw new IllegalArgumentException(
          "sizes must be {n[0], n[1], ..., n[L]} with at least one layer, got "
              + Arrays.toString(sizes));
    }
    for (int l = 0; l < sizes.length; l++) {
      if (sizes[l] < 1) {
        throw new IllegalArgumentException(
            "n[" + l + "] is " + sizes[l] + " in " + Arrays.toString(sizes)
                + "; every size must be at least 1");
      }
    }
    return sizes.clone();
  }

  /** Refuses to copy parameters of sizes {@code from} into parameters of sizes {@code to}. */
  static void checkSame(int[] from, int[] to) {
    if (!Arrays.equals(to, from)) {
      throw new IllegalArgumentException(
          "cannot copy parameters of sizes "
              + Arrays.toString(from)
              + " into parameters of sizes "
              + Arrays.toString(to));
    }
  }

  static int checkLayer(int l, int layers) {
    if (l < 1 || l > layers) {
      throw new IllegalArgumentException(
          "layer " + l + " does not exist; layers are 1.." + layers);
    }
    return l;
  }
}
