package dev.netc.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One fully connected layer {@code l}: {@code Z[l] = W[l]·A[l-1] + b[l]}, {@code A[l] =
 * g[l](Z[l])}. Repeat it once per layer, first hidden layer first, output layer last.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(Layer.List.class)
public @interface Layer {
  /** {@code n[l]}: the number of units, the rows of {@code W[l]}. */
  int units();

  /** {@code g[l]}. */
  Activation activation() default Activation.RELU;

  /** How {@code W[l]} starts; {@code b[l]} always starts at zero. */
  Init init() default Init.AUTO;

  /** Optional explicit fan-in; when stated (non-zero) it must equal {@code n[l-1]}. */
  int inputs() default 0;

  /** Slope of {@link Activation#LEAKY_RELU} for {@code z <= 0}, in {@code (0, 1)}. */
  double leak() default 0.01;

  /** Optional readable name used in generated code and messages. */
  String name() default "";

  /** Container of repeated {@link Layer}s; written by javac, not by hand. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface List {
    Layer[] value();
  }
}
