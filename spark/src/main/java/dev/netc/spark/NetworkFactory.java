package dev.netc.spark;

import dev.netc.runtime.Model;
import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Objects;

/**
 * Makes a generated model on the driver and on every executor: Spark ships this factory, never a
 * model (models hold workspaces and are not serializable). {@link #of(Class)} calls the generated
 * {@code static FooModel create(long seed)}; a lambda {@code seed -> FooModel.create(seed)} does
 * the same and is serializable because this interface is.
 *
 * @param <M> the generated model class
 */
@FunctionalInterface
public interface NetworkFactory<M extends Model> extends Serializable {

  /** A new model initialised from {@code seed}, as the generated {@code create(seed)} does. */
  M create(long seed);

  /**
   * The factory of a generated model class: its public {@code static create(long)}, found by
   * reflection once on each JVM.
   *
   * @throws IllegalArgumentException if {@code modelClass} has no public static {@code
   *     create(long)} returning it (it is not a class netc generated)
   */
  static <M extends Model> NetworkFactory<M> of(Class<M> modelClass) {
    Objects.requireNonNull(modelClass, "modelClass");
    Reflective.create(modelClass); // fails here, on the driver, rather than in a task
    return new Reflective<>(modelClass);
  }

  /** {@link #of(Class)}: ships the class, whose loader on the executor is the user's jar. */
  final class Reflective<M extends Model> implements NetworkFactory<M> {
    private static final long serialVersionUID = 1L;
    private final Class<M> modelClass;
    private transient Method create;

    private Reflective(Class<M> modelClass) {
      this.modelClass = modelClass;
    }

    static Method create(Class<?> modelClass) {
      try {
        Method m = modelClass.getMethod("create", long.class);
        if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != modelClass) {
          throw new NoSuchMethodException();
        }
        return m;
      } catch (NoSuchMethodException e) {
        throw new IllegalArgumentException(
            modelClass.getName() + " must have a public static " + modelClass.getSimpleName()
                + " create(long seed), as the models netc generates have; pass the generated"
                + " FooModel class, not the @Network interface, or use a lambda factory", e);
      }
    }

    @Override
    public M create(long seed) {
      if (create == null) {
        create = create(modelClass);
      }
      try {
        return modelClass.cast(create.invoke(null, seed));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(modelClass.getName() + ".create(long) is not accessible",
            e);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(modelClass.getName() + ".create(long) failed", cause);
      }
    }

    @Override
    public String toString() {
      return modelClass.getName() + "::create";
    }
  }
}
