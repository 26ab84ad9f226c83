package dev.netc.processor;

/**
 * One attribute of a declaration and where it came from.
 *
 * @param value the attribute's value, or null when javac could not give one (a missing required
 *     attribute or an erroneous expression: javac reports those itself)
 * @param site the attribute when it is stated, else the whole annotation that left it at default
 * @param explicit whether the source states the attribute
 */
record Value<T>(T value, Site site, boolean explicit) {

  /** A stated value whose site points nowhere: for declarations built by hand in tests. */
  static <T> Value<T> of(T value) {
    return new Value<>(value, Site.none(), true);
  }

  /** A default value whose site points nowhere: for declarations built by hand in tests. */
  static <T> Value<T> byDefault(T value) {
    return new Value<>(value, Site.none(), false);
  }

  /** Whether javac gave a value: false only when javac itself reports an error for it. */
  boolean known() {
    return value != null;
  }
}
