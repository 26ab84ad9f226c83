package dev.netc.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The part of one thread's passes that {@link ModelThreads} reads: which parameter set the thread
 * is reading now, if any. The passes of generated models extend it; for generated code only, no
 * compatibility promise. A top-level class, not a nested one, so that generated code can name it
 * by one simple name whatever types the user's declaration holds.
 */
public abstract class ThreadSlot {
  private static final VarHandle READING;

  static {
    try {
      READING = MethodHandles.lookup().findVarHandle(ThreadSlot.class, "reading", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The parameter set this thread's pass reads, or null between passes. */
  @SuppressWarnings("unused") // read and written through READING
  private volatile Object reading;

  /** For subclasses: the generated passes of one model. */
  protected ThreadSlot() {}

  /** A volatile write: {@link ModelThreads#beginFit} sees it before it reads the slot again. */
  void announce(Object parameters) {
    READING.setVolatile(this, parameters);
  }

  /** Ends the pass: a release write, enough for a fit that waits on this slot to see it. */
  void clear() {
    READING.setRelease(this, null);
  }

  Object reading() {
    return READING.getVolatile(this);
  }
}
