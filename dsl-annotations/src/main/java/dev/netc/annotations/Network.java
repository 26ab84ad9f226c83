package dev.netc.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a fully connected network on an interface or abstract class. The layers are the
 * {@link Layer} annotations on the same type, in source order.
 *
 * <pre>{@code
 * @Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)
 * @Layer(units = 4, activation = Activation.TANH)
 * @Layer(units = 1, activation = Activation.SIGMOID)
 * public interface PlanarClassifier extends Model {}
 * }</pre>
 *
 * <p>The netc processor checks every dimension rule at compile time and generates {@code
 * PlanarClassifierForward}, {@code PlanarClassifierBackward} and {@code PlanarClassifierModel}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Network {
  /** {@code n[0]}: the number of input features, the rows of {@code X}. */
  int inputs();

  /** The cost function {@code J}. */
  Loss loss() default Loss.BINARY_CROSS_ENTROPY;

  /**
   * Optional class-path resource ({@code .npz}) holding pretrained {@code W1, b1, ...}. Its shapes
   * are checked at compile time.
   */
  String weights() default "";

  /** Element type of every matrix: {@code double} or {@code float}. */
  Precision precision() default Precision.DOUBLE;
}
