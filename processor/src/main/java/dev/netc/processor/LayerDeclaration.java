package dev.netc.processor;

import dev.netc.annotations.Activation;
import dev.netc.annotations.Init;
import java.util.stream.Stream;

/**
 * One {@code @Layer} as written: nothing resolved, nothing checked.
 *
 * @param index {@code l}, counted from 1 in source order
 * @param site that {@code @Layer}'s mirror (for repeated layers, the nested mirror inside the
 *     container, so that diagnostics land on this layer's line)
 */
record LayerDeclaration(
    int index,
    Site site,
    Value<Integer> units,
    Value<Activation> activation,
    Value<Init> init,
    Value<Integer> inputs,
    Value<Double> leak,
    Value<String> name) {

  /** Default of {@code @Layer.leak}, for declarations built by hand. */
  static final double DEFAULT_LEAK = 0.01;

  /**
   * How messages name the layer: {@code layer 2 ("output")}, or {@code layer 2} when it has no
   * name or a name that could not be printed safely.
   */
  String label() {
    String n = name.value();
    if (n == null || n.isEmpty() || nameProblem(n) != null) {
      return "layer " + index;
    }
    return "layer " + index + " (\"" + n + "\")";
  }

  /** True when javac gave every attribute a value (see {@link Value#known()}). */
  boolean complete() {
    return Stream.of(units, activation, init, inputs, leak, name).allMatch(Value::known);
  }

  /**
   * What makes a stated layer name unusable, or null when it is fine. Names are copied into
   * generated comments, javadoc and messages: they must be printable ASCII (javac prints
   * diagnostics in the platform encoding), must not end a comment ({@code *}{@code /}) and must not
   * hold a backslash (javac reads {@code \}{@code u000a} as a line break even inside comments).
   */
  static String nameProblem(String name) {
    if (name.isEmpty()) {
      return null;
    }
    if (name.isBlank()) {
      return "only blanks";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\n' || c == '\r') {
        return "a line break";
      }
      if (c < 0x20 || c == 0x7f) {
        return String.format("the control character U+%04X", (int) c);
      }
      if (c > 0x7e) {
        return String.format("the non-ASCII character U+%04X", (int) c);
      }
      if (c == '\\') {
        return "a backslash";
      }
    }
    if (name.contains("*/")) {
      return "\"*/\", which would end a generated comment";
    }
    return null;
  }
}
