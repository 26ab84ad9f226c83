package dev.netc.runtime.internal;

import java.util.Random;

/**
 * The batches of one training run. Full-batch descent hands out {@code X} and {@code Y}
 * themselves; mini-batches copy the columns of a seeded permutation into two buffers allocated
 * once, so that an epoch allocates nothing. The permutation is shared; {@link DoubleBatches}
 * and its float twin copy the columns of one precision.
 */
abstract class MiniBatches {

  /** The number of examples {@code m}. */
  private final int examples;
  private final int size;
  /** Null for full-batch descent. */
  private final int[] order;
  private final Random random;

  /**
   * Batches of {@code size} of the {@code examples}, shuffled with {@code new Random(seed)}; one
   * unshuffled batch of them all when {@code size} is 0 or at least {@code examples}.
   */
  MiniBatches(int examples, int size, long seed) {
    this.examples = examples;
    if (size == 0 || size >= examples) {
      this.size = examples;
      this.order = null;
      this.random = null;
    } else {
      this.size = size;
      this.order = new int[examples];
      for (int j = 0; j < examples; j++) {
        order[j] = j;
      }
      this.random = new Random(seed);
    }
  }

  /** True when the buffers are copies, not the whole {@code X} and {@code Y}. */
  final boolean copies() {
    return order != null;
  }

  /** Number of batches per epoch: {@code ceil(m / size)}. */
  final int count() {
    return (examples + size - 1) / size;
  }

  /** A new permutation of the examples (Fisher-Yates); nothing for full-batch descent. */
  final void shuffle() {
    if (order == null) {
      return;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  /** Makes batch number {@code k} (from 0) the one {@code X()} and {@code Y()} return. */
  final void select(int k) {
    if (order == null) {
      return;
    }
    int from = k * size;
    gather(order, from, Math.min(size, examples - from));
  }

  /** Copies the columns {@code order[from ..]} into the buffers, reshaped to {@code columns}. */
  abstract void gather(int[] order, int from, int columns);
}
