package dev.netc.runtime;

import java.util.Objects;

/**
 * A model file's parameters ({@link Parameters} or {@link FloatParameters}) with the
 * preprocessing saved beside them; see {@link ModelFiles#loadBundle} and {@link Preprocessing}.
 *
 * @param <P> {@link Parameters} or {@link FloatParameters}
 */
public record ModelBundle<P>(P parameters, Preprocessing preprocessing) {

  public ModelBundle {
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(preprocessing, "preprocessing");
  }
}
