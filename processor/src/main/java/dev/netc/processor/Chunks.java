package dev.netc.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * How generated methods with one block per layer are split on deep networks. The JVM refuses a
 * method of more than 64 KB of bytecode ("code too large" above about 635 layers), and HotSpot
 * does not JIT-compile one of more than 8,000 bytes; a block is 60 to 110 bytes, so a method holds
 * at most {@link #LAYERS} layers. Networks of up to that many layers keep one method per pass.
 */
final class Chunks {
  /** Layers per method. */
  static final int LAYERS = 50;

  private Chunks() {}

  /** Layers {@code first..last}, counted from 1, in the order the pass visits them. */
  record Range(int first, int last) {
    /** {@code layers1To50}, or {@code layers100To51} for a backward range. */
    String method(String prefix) {
      return prefix + first + "To" + last;
    }

    /** The layers of the range in visiting order. */
    int[] layers() {
      int step = first <= last ? 1 : -1;
      int[] layers = new int[Math.abs(last - first) + 1];
      for (int i = 0, l = first; i < layers.length; i++, l += step) {
        layers[i] = l;
      }
      return layers;
    }

    int lowest() {
      return Math.min(first, last);
    }

    int highest() {
      return Math.max(first, last);
    }
  }

  /** Whether a pass over {@code layers} layers is split. */
  static boolean split(int layers) {
    return layers > LAYERS;
  }

  /** {@code 1..50, 51..100, ...}: the forward order. */
  static List<Range> forward(int layers) {
    List<Range> ranges = new ArrayList<>();
    for (int first = 1; first <= layers; first += LAYERS) {
      ranges.add(new Range(first, Math.min(layers, first + LAYERS - 1)));
    }
    return ranges;
  }

  /** {@code L..L-49, ...}: the backward order, ranges of the same layers as {@link #forward}. */
  static List<Range> backward(int layers) {
    List<Range> ranges = new ArrayList<>();
    List<Range> forward = forward(layers);
    for (int i = forward.size() - 1; i >= 0; i--) {
      ranges.add(new Range(forward.get(i).last(), forward.get(i).first()));
    }
    return ranges;
  }
}
