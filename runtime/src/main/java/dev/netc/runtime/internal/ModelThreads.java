package dev.netc.runtime.internal;

import java.lang.ref.WeakReference;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What lets one generated model be called from many threads at once; for generated code only, no
 * compatibility promise. Written once for both precisions: {@code P} is the parameter set
 * ({@code Parameters} or {@code FloatParameters}), {@code S} the model's per-thread passes.
 *
 * <p>Each thread gets its own passes (forward and backward workspaces, gradients) from a {@link
 * ThreadLocal}, so no two threads ever write the same workspace. Predictions read the <em>served
 * </em> parameters: the live set, except while {@code fit} runs, when it is a copy taken before
 * the first update. So a prediction sees the parameters from before a fit or from after it, never
 * a mix. The hot path takes no lock: a thread announces which set it reads in a volatile field of
 * its own passes, a {@link ThreadSlot} (no other thread writes that cache line), and {@link
 * #beginFit} waits for every thread that announced the live set before training writes into it.
 * That wait is short: it ends with the pass those threads are running.
 *
 * <p>Writing into the live parameters ({@code model.parameters()}) while other threads predict is
 * not covered: such a prediction may read some entries before the write and some after it.
 *
 * @param <P> the parameter set
 * @param <S> one thread's passes
 */
public final class ModelThreads<P, S extends ThreadSlot> {

  private final String network;
  private final P live;
  private final UnaryOperator<P> copy;
  private final Supplier<S> passes;
  private final ThreadLocal<S> perThread = ThreadLocal.withInitial(this::newSlot);
  // Weak: the passes of a thread that ended go with it; only a running thread can hold a pass.
  private final Queue<WeakReference<ThreadSlot>> slots = new ConcurrentLinkedQueue<>();
  private final AtomicReference<Thread> fitting = new AtomicReference<>();
  private volatile P served;

  /**
   * @param network the declaration's simple name, the prefix of every message
   * @param live the model's own parameters, which {@code fit} trains in place
   * @param copy a deep copy of a parameter set: the snapshot predictions read while {@code fit}
   *     runs
   * @param passes new passes for one thread
   */
  public ModelThreads(String network, P live, UnaryOperator<P> copy, Supplier<S> passes) {
    this.network = network;
    this.live = live;
    this.copy = copy;
    this.passes = passes;
    this.served = live;
  }

  /** This thread's passes, made on its first call. */
  public S passes() {
    return perThread.get();
  }

  /**
   * Begins a pass of this thread: the parameter set it must read, until {@link #exit}. The live
   * set, except while another thread's {@code fit} runs (then the copy taken before that fit); on
   * the thread running {@code fit} (a training listener, say) the live set, as far as it got.
   */
  public P enter(S slot) {
    P parameters = served;
    if (parameters != live && fitting.get() == Thread.currentThread()) {
      return live;
    }
    while (true) {
      // A volatile write then a volatile read: either fit's wait sees this announcement, or
      // this re-read sees the snapshot fit published (the Dekker pattern; no lock, no CAS).
      slot.announce(parameters);
      P again = served;
      if (again == parameters) {
        return parameters;
      }
      parameters = again;
    }
  }

  /** Ends the pass that {@link #enter} began. */
  public void exit(S slot) {
    slot.clear();
  }

  /**
   * Begins {@code fit} on this thread: publishes a copy of the live parameters for predictions,
   * then waits until no thread reads the live set any more. Call {@link #endFit} in a {@code
   * finally} once training returns.
   *
   * @throws IllegalStateException if another {@code fit} runs on this model
   */
  public void beginFit() {
    Thread current = Thread.currentThread();
    if (!fitting.compareAndSet(null, current)) {
      Thread other = fitting.get();
      throw new IllegalStateException(
          network + ": fit is already running on this model"
              + (other == null ? "" : " (thread \"" + other.getName() + "\")")
              + "; one model trains one fit at a time: wait for it to return, or fit another model"
              + " (load() or create())");
    }
    try {
      served = copy.apply(live);
      for (WeakReference<ThreadSlot> reference : slots) {
        ThreadSlot slot = reference.get();
        int spins = 0;
        while (slot != null && slot.reading() == live) {
          if (++spins < 1_000) {
            Thread.onSpinWait();
          } else {
            Thread.yield();
          }
        }
      }
    } catch (RuntimeException | Error e) {
      served = live;
      fitting.set(null);
      throw e;
    }
  }

  /** Ends what {@link #beginFit} began: predictions read the live, trained parameters again. */
  public void endFit() {
    served = live;
    fitting.set(null);
  }

  private S newSlot() {
    S slot = passes.get();
    slots.removeIf(reference -> reference.get() == null);
    slots.add(new WeakReference<>(slot));
    return slot;
  }
}
