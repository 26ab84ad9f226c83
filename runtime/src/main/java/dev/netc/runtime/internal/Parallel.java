package dev.netc.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the element-wise kernels of {@link Activations} and {@link Kernels} on two cores when the
 * matrix is large: the caller and one persistent daemon worker thread ({@code netc-kernels}) take
 * chunks of the index range from a shared cursor until none is left. Every element (or, for
 * softmax, every column) is computed by the same code as on one thread and independently of the
 * others, so the results are bit-identical to the single-threaded kernels whichever thread
 * computes which chunk.
 *
 * <p>Nothing is allocated per call: the job lives in the worker's preallocated fields (an op code,
 * not a lambda), the cursor is one {@code long}. Claiming chunks dynamically, rather than handing
 * the worker a fixed half, means a worker that wakes late (it parks after {@value #SPIN_NANOS} ns
 * without work, and the machine may be busy) costs the caller at most the one chunk the worker is
 * still computing: the caller never waits for the worker to start.
 *
 * <p>Each kernel runs on {@code double[]} or {@code float[]} arrays (the same op codes, overloads
 * of {@code run} and {@code range}). The same two threads also look for the first NaN or infinity
 * in large arrays ({@link #firstNonFinite(double[], int)}: input checks, gradient checks).
 *
 * <p>One job runs at a time. A caller that finds the worker busy (another model training on
 * another thread) computes its whole range alone. {@code -Dnetc.threads=1} turns the worker off
 * (it is also off on a one-core machine); the results do not change.
 */
final class Parallel {

  // Op codes: one per kernel, dispatched by range(...); x and y are inputs, out the output.
  static final int SIGMOID = 0;
  static final int TANH = 1;
  static final int RELU = 2;
  static final int LEAKY_RELU = 3;
  static final int SIGMOID_BACKWARD = 4;
  static final int TANH_BACKWARD = 5;
  static final int RELU_BACKWARD = 6;
  static final int LEAKY_RELU_BACKWARD = 7;
  static final int SUBTRACT = 8;
  static final int AXPY = 9;
  static final int SOFTMAX = 10;
  /** Not a kernel: finds the first chunk holding a NaN or infinity, see {@link #firstNonFinite}. */
  static final int SCAN = 11;
  /** x is b, out is Z, a unit is a column: {@link Kernels#broadcastColumns}. */
  static final int BROADCAST = 12;
  /** Not a kernel either: a unit is a part of the columns, see {@link #sumColumnParts}. */
  static final int SUM_PARTS = 13;
  /** Not a kernel: x is a {@link Task}, a unit is whatever it says (JavaGemm: a column block). */
  static final int TASK = 14;

  /** Work that {@link #run(Task, int)} shares out in units; each unit computed exactly once. */
  interface Task {
    /** Computes units {@code [from, to)}. */
    void run(int from, int to);
  }

  /**
   * Marks a job on {@code float[]} arrays in the worker's slot; callers pass the plain op codes to
   * the {@code float[]} overloads of {@link #run} and {@link #range}.
   */
  private static final int FLOAT = 1 << 8;

  /**
   * Fewest elements worth splitting for kernels that call {@code exp} (several ns per element):
   * below this, waking the worker costs more than half the work saves.
   */
  static final int THRESHOLD_EXP = 1 << 13;

  /** Fewest elements worth splitting for the memory-bound kernels (under 1 ns per element). */
  static final int THRESHOLD_CHEAP = 1 << 15;

  /** Smallest chunk, in elements, so that claiming one (a CAS) stays a small fraction of it. */
  private static final int MIN_CHUNK = 2048;

  /**
   * Largest chunk, in bytes of one array. The two threads take alternate chunks, so each streams
   * through memory in pieces of this size: a two-thread relu loop over W4's 205 MB took 17 ms in
   * 16 KB pieces (2048 doubles, the chunk this class used to take) and 11.7 in 256 KB pieces on
   * the development machine (each core's prefetchers restart at every piece and fetch lines of
   * the other core's pieces); {@code Activations.relu} itself went from 18 to 15 ms.
   */
  private static final int MAX_CHUNK_BYTES = 1 << 18;

  /**
   * Chunks per job that the chunk size aims at, at least, below {@link #MAX_CHUNK_BYTES}: the
   * caller never waits for more than one chunk of a worker that started late.
   */
  private static final int TARGET_CHUNKS = 16;

  /** Most chunks per job: the chunk counters are 15-bit fields of the cursor. */
  private static final int MAX_CHUNKS = 1 << 14;

  /** Spins (a few ten ns each) the caller waits for the worker's last chunk before yielding. */
  private static final int YIELD_AFTER = 1000;

  /** How long the worker spins after a job before parking, in ns. */
  static final long SPIN_NANOS = 50_000;

  /** Whether the worker may be used: {@code netc.threads} (default 2) and at least two cores. */
  static final boolean ENABLED =
      Integer.getInteger("netc.threads", 2) >= 2 && Runtime.getRuntime().availableProcessors() >= 2;

  private Parallel() {}

  /**
   * Computes {@code op} over {@code units} units of {@code unit} consecutive elements each (1 for
   * the element-wise kernels, the column length for softmax), on two cores when the range is large
   * and the worker is free, else on the caller alone.
   */
  static void run(int op, double[] x, double[] y, double[] out, double alpha, int unit, int units) {
    long elements = (long) unit * units;
    int threshold = op == SIGMOID || op == TANH || op == SOFTMAX ? THRESHOLD_EXP : THRESHOLD_CHEAP;
    if (ENABLED && elements >= threshold
        && Worker.INSTANCE.tryRun(op, x, y, out, alpha, unit, units) != NOT_RUN) {
      return;
    }
    range(op, x, y, out, alpha, unit, 0, units);
  }

  /**
   * {@link #run(int, double[], double[], double[], double, int, int)} on {@code float[]} arrays,
   * with the same op codes and thresholds (in elements); {@code alpha} is the kernel's scalar
   * widened to double ({@code (float) alpha} gives back a float scalar exactly).
   */
  static void run(int op, float[] x, float[] y, float[] out, double alpha, int unit, int units) {
    long elements = (long) unit * units;
    int threshold = op == SIGMOID || op == TANH || op == SOFTMAX ? THRESHOLD_EXP : THRESHOLD_CHEAP;
    if (ENABLED && elements >= threshold
        && Worker.INSTANCE.tryRun(op | FLOAT, x, y, out, alpha, unit, units) != NOT_RUN) {
      return;
    }
    range(op, x, y, out, alpha, unit, 0, units);
  }

  /**
   * Runs {@code task} on units {@code [0, units)}, one unit per chunk, on the caller and the
   * worker when the worker is free, else on the caller alone. For work whose units each take
   * long (a block of a matrix product): the caller decides that it is worth two cores.
   */
  static void run(Task task, int units) {
    if (ENABLED && units >= 2
        && Worker.INSTANCE.tryRun(TASK, task, null, null, 0.0, 1, units) != NOT_RUN) {
      return;
    }
    task.run(0, units);
  }

  /**
   * The largest of the non-negative values that the threads of one {@link #run(Task, int)} add,
   * whatever their order: NaN is taken as infinite, so that the values' bits order them.
   */
  static final class Largest {
    private final AtomicLong bits = new AtomicLong();

    void reset() {
      bits.set(0L);
    }

    void add(double value) {
      double v = value <= Double.MAX_VALUE ? value : Double.POSITIVE_INFINITY;
      bits.accumulateAndGet(Double.doubleToRawLongBits(v), Math::max);
    }

    double get() {
      return Double.longBitsToDouble(bits.get());
    }
  }

  /**
   * Runs {@code task} on {@code n} elements in units of {@code unit} (the last one shorter), on
   * two cores when {@code n} is large enough for a memory-bound loop ({@link #THRESHOLD_CHEAP}),
   * else on the caller alone.
   */
  static void runElements(Task task, int n, int unit) {
    int units = (n + unit - 1) / unit;
    if (n >= THRESHOLD_CHEAP) {
      run(task, units);
    } else {
      task.run(0, units);
    }
  }

  /** What {@code tryRun} returns when the worker was busy and nothing was computed. */
  private static final int NOT_RUN = -1;

  /**
   * The index of the first NaN or infinite value among {@code d[0, n)}, or -1 when all are
   * finite. On two cores when {@code n} is large: both threads look for the first chunk holding
   * a non-finite value with a loop that never stops early, then the caller finds the exact index
   * in that chunk.
   */
  static int firstNonFinite(double[] d, int n) {
    int from = 0;
    if (ENABLED && n >= THRESHOLD_CHEAP) {
      int start = Worker.INSTANCE.tryRun(SCAN, d, null, null, 0.0, 1, n);
      from = start == NOT_RUN ? 0 : start;
    }
    return Kernels.firstNonFinite(d, from, n);
  }

  /** {@link #firstNonFinite(double[], int)} on floats. */
  static int firstNonFinite(float[] d, int n) {
    int from = 0;
    if (ENABLED && n >= THRESHOLD_CHEAP) {
      int start = Worker.INSTANCE.tryRun(SCAN | FLOAT, d, null, null, 0.0, 1, n);
      from = start == NOT_RUN ? 0 : start;
    }
    return Kernels.firstNonFinite(d, from, n);
  }

  /**
   * {@code sums[k][i]} = the sum of row {@code i} of {@code z} ({@code n x m}, column-major) over
   * part {@code k} of the columns, {@code [k*m/P, (k+1)*m/P)} for {@code P = sums.length}, each
   * in column order: the parts shared between the two cores when the worker is free, else all
   * on the caller. Walking the columns in order is what reads {@code z} fastest; splitting the
   * rows between the cores instead made both fetch every line (each core's prefetchers run ahead
   * into the other's rows).
   */
  static void sumColumnParts(double[] z, double[][] sums, int n, int m) {
    if (!ENABLED
        || Worker.INSTANCE.tryRun(SUM_PARTS, z, sums, null, m, n, sums.length) == NOT_RUN) {
      for (int k = 0; k < sums.length; k++) {
        sumPart(z, sums, n, m, k);
      }
    }
  }

  /** {@link #sumColumnParts(double[], double[][], int, int)} of floats, in double. */
  static void sumColumnParts(float[] z, double[][] sums, int n, int m) {
    if (!ENABLED
        || Worker.INSTANCE.tryRun(SUM_PARTS | FLOAT, z, sums, null, m, n, sums.length)
            == NOT_RUN) {
      for (int k = 0; k < sums.length; k++) {
        sumPart(z, sums, n, m, k);
      }
    }
  }

  private static void sumPart(Object z, double[][] sums, int n, int m, int k) {
    int parts = sums.length;
    int from = (int) ((long) k * m / parts);
    int to = (int) ((long) (k + 1) * m / parts);
    if (z instanceof float[] f) {
      Kernels.sumColumnRange(f, sums[k], n, from, to);
    } else {
      Kernels.sumColumnRange((double[]) z, sums[k], n, from, to);
    }
  }

  /** Computes {@code op} on units {@code [from, to)}, i.e. elements {@code [from*unit, to*unit)}. */
  static void range(
      int op, double[] x, double[] y, double[] out, double alpha, int unit, int from, int to) {
    int i = from * unit;
    int n = to * unit;
    switch (op) {
      case SIGMOID -> Activations.sigmoid(x, out, i, n);
      case TANH -> Activations.tanh(x, out, i, n);
      case RELU -> Activations.relu(x, out, i, n);
      case LEAKY_RELU -> Activations.leakyRelu(x, alpha, out, i, n);
      case SIGMOID_BACKWARD -> Activations.sigmoidBackward(x, y, out, i, n);
      case TANH_BACKWARD -> Activations.tanhBackward(x, y, out, i, n);
      case RELU_BACKWARD -> Activations.reluBackward(x, y, out, i, n);
      case LEAKY_RELU_BACKWARD -> Activations.leakyReluBackward(x, alpha, y, out, i, n);
      case SUBTRACT -> Kernels.subtract(x, y, out, i, n);
      case AXPY -> Kernels.axpy(alpha, x, out, i, n);
      case SOFTMAX -> Activations.softmax(x, out, unit, i, n);
      case BROADCAST -> Kernels.broadcastColumns(x, out, unit, i, n);
      default -> throw new AssertionError("unknown op " + op);
    }
  }

  /** {@link #range(int, double[], double[], double[], double, int, int, int)} on floats. */
  static void range(
      int op, float[] x, float[] y, float[] out, double alpha, int unit, int from, int to) {
    int i = from * unit;
    int n = to * unit;
    switch (op) {
      case SIGMOID -> Activations.sigmoid(x, out, i, n);
      case TANH -> Activations.tanh(x, out, i, n);
      case RELU -> Activations.relu(x, out, i, n);
      case LEAKY_RELU -> Activations.leakyRelu(x, alpha, out, i, n);
      case SIGMOID_BACKWARD -> Activations.sigmoidBackward(x, y, out, i, n);
      case TANH_BACKWARD -> Activations.tanhBackward(x, y, out, i, n);
      case RELU_BACKWARD -> Activations.reluBackward(x, y, out, i, n);
      case LEAKY_RELU_BACKWARD -> Activations.leakyReluBackward(x, alpha, y, out, i, n);
      case SUBTRACT -> Kernels.subtract(x, y, out, i, n);
      case AXPY -> Kernels.axpy((float) alpha, x, out, i, n);
      case SOFTMAX -> Activations.softmax(x, out, unit, i, n);
      case BROADCAST -> Kernels.broadcastColumns(x, out, unit, i, n);
      default -> throw new AssertionError("unknown op " + op);
    }
  }

  /**
   * One chunk of the job in the worker's slot, whose arrays are {@code double[]} or, when {@code
   * op} carries {@link #FLOAT}, {@code float[]}. The casts are per chunk; the loops stay
   * monomorphic.
   */
  private static void chunk(
      int op, Object x, Object y, Object out, double alpha, int unit, int from, int to) {
    if (op == TASK) {
      ((Task) x).run(from, to);
      return;
    }
    if ((op & ~FLOAT) == SUM_PARTS) { // x: dZ; y: the parts' sums; alpha: m; unit: rows
      for (int k = from; k < to; k++) {
        sumPart(x, (double[][]) y, unit, (int) alpha, k);
      }
      return;
    }
    if ((op & ~FLOAT) == SCAN) {
      // a sum of squares that overflowed marks a chunk the caller then searches in vain: rare
      boolean bad =
          (op & FLOAT) != 0
              ? !(Kernels.sumOfSquares((float[]) x, from, to) <= Float.MAX_VALUE)
              : !(Kernels.sumOfSquares((double[]) x, from, to) <= Double.MAX_VALUE);
      if (bad) {
        Worker.INSTANCE.badChunk(from);
      }
      return;
    }
    if ((op & FLOAT) != 0) {
      range(op & ~FLOAT, (float[]) x, (float[]) y, (float[]) out, alpha, unit, from, to);
    } else {
      range(op, (double[]) x, (double[]) y, (double[]) out, alpha, unit, from, to);
    }
  }

  /**
   * Units per chunk for a job of {@code units} units of {@code unit} elements: for the {@code
   * exp}-based kernels, which compute far longer than they wait for memory, {@value #MIN_CHUNK}
   * elements (many small chunks balance best); for the others {@code 1/}{@value #TARGET_CHUNKS}
   * of the job, but at least {@value #MIN_CHUNK} elements and at most {@value #MAX_CHUNK_BYTES}
   * bytes. At least one unit, and few enough chunks for the cursor's 15-bit counters.
   */
  static int chunkUnits(int op, int unit, int units) {
    int kernel = op & ~FLOAT;
    if (kernel == SUM_PARTS) {
      return 1;
    }
    if (kernel == TASK) {
      return Math.max(1, (units + MAX_CHUNKS - 1) / MAX_CHUNKS);
    }
    long target = MIN_CHUNK;
    if (kernel != SIGMOID && kernel != TANH && kernel != SOFTMAX) {
      int bytes = (op & FLOAT) != 0 ? Float.BYTES : Double.BYTES;
      long elements = (long) unit * units;
      target = Math.min(MAX_CHUNK_BYTES / bytes, Math.max(MIN_CHUNK, elements / TARGET_CHUNKS));
    }
    long c = Math.max(1, target / unit);
    return (int) Math.max(c, (units + MAX_CHUNKS - 1) / MAX_CHUNKS);
  }

  /** How many chunks the worker thread has computed since it started (for tests). */
  static long workerChunks() {
    return ENABLED ? Worker.INSTANCE.workerChunks : 0;
  }

  /**
   * The worker thread and the one job slot. The cursor packs the job's sequence number (high 32
   * bits), its chunk count (bits 16-30) and the next unclaimed chunk (bits 0-14); a thread claims
   * a chunk by CAS from {@code c} to {@code c + 1}. A CAS that succeeds proves the job was still
   * current and unfinished from the cursor read to the CAS, so the job fields read in between
   * belong to it (the caller rewrites them only after every chunk is done).
   */
  private static final class Worker implements Runnable {

    // CURSOR first: the constructor starts the thread, which uses it.
    private static final VarHandle CURSOR;

    static {
      try {
        CURSOR = MethodHandles.lookup().findVarHandle(Worker.class, "cursor", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    static final Worker INSTANCE = new Worker();

    final AtomicBoolean busy = new AtomicBoolean();
    private final Thread thread;

    private volatile long cursor;
    /** The worker's progress: the job's sequence number (high 32 bits), chunks it finished. */
    private volatile long workerDone;
    private volatile boolean parked;
    private volatile Throwable failure;
    /** Chunks computed by the worker, ever; written by the worker only. */
    private volatile long workerChunks;

    // The job, written by the caller before it publishes the cursor. Plain fields: see above.
    // The arrays are double[] or float[] (see chunk).
    private int op;
    private Object x;
    private Object y;
    private Object out;
    private double alpha;
    private int unit;
    private int units;
    private int chunk;

    /** Sequence number of the last job; only the caller holding busy touches it. */
    private int seq;

    /** The lowest first unit of the chunks of a {@link #SCAN} job that hold a non-finite value. */
    private final AtomicInteger firstBadChunk = new AtomicInteger();

    private Worker() {
      thread = new Thread(this, "netc-kernels");
      thread.setDaemon(true);
      // It runs only netc's loops: do not pin the first caller's class loader (an app server's).
      thread.setContextClassLoader(null);
      thread.start();
    }

    /** Records that the chunk starting at unit {@code from} of the scan holds a bad value. */
    void badChunk(int from) {
      firstBadChunk.accumulateAndGet(from, Math::min);
    }

    /**
     * Runs the job on both threads; {@link #NOT_RUN} if another job was running. Returns, for a
     * {@link #SCAN}, the first unit of the first chunk holding a non-finite value, or {@code
     * units} when there is none; for the other jobs, anything but {@link #NOT_RUN}.
     */
    int tryRun(int op, Object x, Object y, Object out, double alpha, int unit, int units) {
      if (!busy.compareAndSet(false, true)) {
        return NOT_RUN;
      }
      try {
        firstBadChunk.set(units);
        this.op = op;
        this.x = x;
        this.y = y;
        this.out = out;
        this.alpha = alpha;
        this.unit = unit;
        this.units = units;
        int c = chunkUnits(op, unit, units);
        this.chunk = c;
        int total = (units + c - 1) / c;
        int s = ++seq;
        if (s == 0) { // 0 means "no job yet" to the worker
          s = ++seq;
        }
        long start = ((long) s << 32) | ((long) total << 16);
        cursor = start;
        if (parked) {
          LockSupport.unpark(thread);
        }
        int mine = 0;
        for (long cur = cursor; (int) (cur & 0xFFFF) < total; cur = cursor) {
          if (CURSOR.compareAndSet(this, cur, cur + 1)) {
            int from = (int) (cur & 0xFFFF) * c;
            chunk(op, x, y, out, alpha, unit, from, Math.min(units, from + c));
            mine++;
          }
        }
        // Every chunk is claimed; wait for those the worker is still computing (at most one).
        // If that takes long, the worker has probably been descheduled on a busy machine: yield
        // so that it can run, perhaps on this core.
        for (int spins = 0; ; spins++) {
          long d = workerDone;
          int theirs = (int) (d >>> 32) == s ? (int) d : 0;
          if (mine + theirs >= total) {
            break;
          }
          if (spins < YIELD_AFTER) {
            Thread.onSpinWait();
          } else {
            Thread.yield();
          }
        }
        Throwable t = failure;
        if (t != null) {
          failure = null;
          throw new IllegalStateException("netc-kernels worker failed", t);
        }
        return firstBadChunk.get();
      } finally {
        // Let the matrices be collected; the worker reads these only under a successful claim.
        this.x = null;
        this.y = null;
        this.out = null;
        busy.set(false);
      }
    }

    @Override
    public void run() {
      int seen = 0;
      long lastWork = System.nanoTime();
      int spins = 0;
      while (true) {
        int s = (int) (cursor >>> 32);
        if (s != seen) {
          seen = s;
          help(s);
          lastWork = System.nanoTime();
          continue;
        }
        if ((++spins & 63) != 0 || System.nanoTime() - lastWork < SPIN_NANOS) {
          Thread.onSpinWait();
          continue;
        }
        // Park. Dekker with the caller through the volatiles: either it sees parked and unparks,
        // or this thread sees its new cursor and does not park.
        parked = true;
        if ((int) (cursor >>> 32) == seen) {
          LockSupport.park(this);
        }
        parked = false;
        lastWork = System.nanoTime();
      }
    }

    private void help(int s) {
      int done = 0;
      while (true) {
        long cur = cursor;
        int total = (int) (cur >>> 16) & 0x7FFF;
        int next = (int) (cur & 0xFFFF);
        if ((int) (cur >>> 32) != s || next >= total) {
          return;
        }
        int op = this.op;
        Object x = this.x;
        Object y = this.y;
        Object out = this.out;
        double alpha = this.alpha;
        int unit = this.unit;
        int units = this.units;
        int c = this.chunk;
        if (!CURSOR.compareAndSet(this, cur, cur + 1)) {
          continue;
        }
        int from = next * c;
        try {
          chunk(op, x, y, out, alpha, unit, from, Math.min(units, from + c));
        } catch (Throwable t) {
          failure = t;
        }
        workerDone = ((long) s << 32) | ++done;
        workerChunks++; // one writer, so no lost updates
      }
    }
  }
}
