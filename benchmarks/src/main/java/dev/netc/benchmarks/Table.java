package dev.netc.benchmarks;

import dev.netc.runtime.internal.Blas;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark (and the course's NumPy code when python3 with numpy is installed) and
 * prints one table: the machine, then per workload netc's and hand-written jblas's time per
 * iteration, the speed-up, the BLAS lower bound, the efficiency and the bytes allocated per
 * iteration.
 *
 * <p>Arguments: {@code long} for longer runs (2 forks, 5 x 2 s warm-up, 10 x 2 s measurement;
 * the default is 1 fork, 3 x 1 s, 5 x 1 s). System properties starting with {@code netc.} are
 * passed on to the forked JVMs (for example a forced BLAS backend).
 */
public final class Table {

  /** The course's NumPy figures quoted in issue 4 (another run, another day). */
  private static final Map<Workload, String> ISSUE_NUMPY = new EnumMap<>(Workload.class);

  static {
    ISSUE_NUMPY.put(Workload.W1, "0.08");
    ISSUE_NUMPY.put(Workload.W2, "6");
    ISSUE_NUMPY.put(Workload.W3, "104");
    ISSUE_NUMPY.put(Workload.W4, "-");
  }

  private Table() {}

  public static void main(String[] args) throws RunnerException, IOException {
    boolean longRun = List.of(args).contains("long");
    Path log = Path.of("target", "jmh.log").toAbsolutePath();
    Files.createDirectories(log.getParent());

    System.out.println(machine());
    String load = loadAverage();
    Map<Workload, String> numpy = numpy();

    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("dev\\.netc\\.benchmarks\\.(TrainingBench|InferenceBench|FloatBench|PeakBench)\\.")
        .forks(longRun ? 2 : 1)
        .warmupIterations(longRun ? 5 : 3)
        .warmupTime(TimeValue.seconds(longRun ? 2 : 1))
        .measurementIterations(longRun ? 10 : 5)
        .measurementTime(TimeValue.seconds(longRun ? 2 : 1))
        .timeUnit(TimeUnit.MILLISECONDS)
        .addProfiler(GCProfiler.class)
        .output(log.toString());
    // W4's X alone is 627 MB; the hand-written forward pass leaves about 1.3 GB garbage per call.
    List<String> jvm = new ArrayList<>(List.of("-Xms6g", "-Xmx6g"));
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("netc.")) {
        jvm.add("-D" + name + "=" + System.getProperty(name));
      }
    }
    options.jvmArgsAppend(jvm.toArray(new String[0]));
    System.out.println("running JMH (" + (longRun ? "long" : "short") + " settings, about "
        + (longRun ? "15" : "5") + " minutes); its log: " + log);
    Collection<RunResult> results = new Runner(options.build()).run();
    System.out.println();
    System.out.println("load average before / after: " + load + " / " + loadAverage());
    System.out.println(table(results, numpy));
  }

  private static String machine() {
    String cpu = "unknown";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      cpu = "unknown (" + e.getMessage() + ")";
    }
    String backend;
    try {
      backend = Blas.backend();
    } catch (RuntimeException e) {
      backend = "cannot load: " + e.getMessage();
    }
    return "machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpu + "\n"
        + "java:    " + System.getProperty("java.vm.name") + " " + System.getProperty(
            "java.runtime.version") + "\n"
        + "BLAS:    " + backend.replace("\n", "\n         ");
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Runs benchmarks/numpy/course_numpy.py; empty map (and a note) when it cannot. */
  private static Map<Workload, String> numpy() {
    Map<Workload, String> out = new EnumMap<>(Workload.class);
    String script = System.getProperty("netc.numpy", "numpy/course_numpy.py");
    if (!Files.exists(Path.of(script))) {
      System.out.println("numpy:   skipped (" + script + " not found)");
      return out;
    }
    List<String> lines = new ArrayList<>();
    int exit;
    try {
      Process p = new ProcessBuilder("python3", script).redirectErrorStream(true).start();
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      }
      exit = p.waitFor();
    } catch (IOException e) {
      System.out.println("numpy:   skipped (python3 not runnable: " + e.getMessage() + ")");
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return out;
    }
    if (exit != 0) {
      System.out.println("numpy:   skipped (python3 " + script + " exited with " + exit + ": "
          + String.join(" / ", lines) + ")");
      return out;
    }
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 2 && f[0].matches("W[1-4]")) {
        out.put(Workload.valueOf(f[0]), f[1]);
      } else {
        System.out.println("numpy:   " + line);
      }
    }
    return out;
  }

  private record Cell(double ms, double bytes) {}

  private static String table(Collection<RunResult> results, Map<Workload, String> numpy) {
    Map<String, Cell> cells = new HashMap<>();
    double peakMs = Double.NaN;
    for (RunResult r : results) {
      String benchmark = r.getParams().getBenchmark();
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      double ms = r.getPrimaryResult().getScore();
      double bytes = Double.NaN;
      for (String key : r.getSecondaryResults().keySet()) {
        if (key.endsWith("gc.alloc.rate.norm")) {
          bytes = r.getSecondaryResults().get(key).getScore();
        }
      }
      if (benchmark.contains("PeakBench")) {
        peakMs = ms;
      } else if (benchmark.contains("FloatBench")) {
        cells.put((method.startsWith("training") ? "W3" : "W4") + ".float"
            + (method.endsWith("Gemm") ? "Gemm" : ""), new Cell(ms, bytes));
      } else {
        String w = benchmark.contains("InferenceBench") ? "W4" : r.getParams().getParam("workload");
        cells.put(w + "." + method, new Cell(ms, bytes));
      }
    }
    double peakGflops = 2.0 * Math.pow(PeakBench.SIZE, 3) / (peakMs * 1e6);
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "peak dgemm (%d^3, through Blas.gemm): %.1f GFLOP/s%n",
        PeakBench.SIZE, peakGflops));
    String head = "%-38s %10s %10s %8s %9s %8s %10s %10s %6s %11s %11s %9s %9s%n";
    String row = "%-38s %10s %10s %8s %9s %8s %10s %10s %6s %11s %11s %9s %9s%n";
    s.append(String.format(Locale.ROOT, head, "workload", "netc", "jblas", "speed-up",
        "GFLOP", "gemm", "bound", "bound@peak", "eff.", "netc alloc", "jblas alloc", "NumPy",
        "NumPy"));
    s.append(String.format(Locale.ROOT, head, "", "ms/it", "ms/it", "x", "per it",
        "GFLOP/s", "ms", "ms", "", "B/it", "B/it", "here ms", "issue ms"));
    for (Workload w : Workload.values()) {
      Cell netc = cells.get(w.name() + ".netc");
      Cell jblas = cells.get(w.name() + ".jblas");
      Cell gemm = cells.get(w.name() + ".gemm");
      double gflop = w.flops() / 1e9;
      double bound = gemm == null ? Double.NaN : gemm.ms;
      s.append(String.format(Locale.ROOT, row, w.title,
          ms(netc), ms(jblas),
          netc == null || jblas == null ? "-" : fmt(jblas.ms / netc.ms, 1),
          fmt(gflop, 3),
          gemm == null ? "-" : fmt(gflop / bound * 1e3, 1),
          fmt(bound, 3),
          fmt(gflop / peakGflops * 1e3, 3),
          netc == null ? "-" : fmt(bound / netc.ms * 100, 0) + "%",
          netc == null ? "-" : fmt(netc.bytes, 0),
          jblas == null ? "-" : fmt(jblas.bytes, 0),
          numpy.getOrDefault(w, "-"),
          ISSUE_NUMPY.get(w)));
    }
    s.append(floatRows(cells));
    s.append("""
        netc: the generated model's fit(X, Y, gradientDescent(lr).iterations(10)) / 10 (it has no
          public single step; fit adds one input check and one final cost pass per 10 iterations);
          W4: forward(X), which returns a copy of A[3].
        jblas: the course's L-layer code by hand on allocating DoubleMatrix operations (computes
          dA[0] as the course does). gemm: the workload's matrix products alone, preallocated,
          through Blas.gemm (forward, dW[l], dA[l-1] for l >= 2).
        bound = the minimal FLOPs at the GFLOP/s those gemm shapes reach (= gemm ms);
          bound@peak = the minimal FLOPs at the square-dgemm peak; eff. = bound / netc.
        alloc: JMH GC profiler gc.alloc.rate.norm, bytes per iteration.
        NumPy here: benchmarks/numpy/course_numpy.py, the course's vectorised code, this run.
        NumPy issue: the figures quoted in issue 4, NOT measured here (other run, other day).
        One run: on a shared machine, load from other processes (see load average) can move each
          row by several times, and eff. above 100% means the gemm benchmark ran under heavier load.
        """);
    return s.toString();
  }

  /** W3 and W4 with {@code @Network(precision = FLOAT)} beside their float64 rows. */
  private static String floatRows(Map<String, Cell> cells) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%nfloat32"
        + " (@Network(precision = FLOAT): FloatMatrix, sgemm), the same data rounded to float:%n"));
    String row = "%-38s %10s %10s %10s %10s %6s %11s%n";
    s.append(String.format(Locale.ROOT, row, "workload", "float32", "float64", "speed-up",
        "bound", "eff.", "netc alloc"));
    s.append(String.format(Locale.ROOT, row, "", "ms/it", "ms/it", "x", "sgemm ms", "",
        "B/it"));
    for (Workload w : new Workload[] {Workload.W3, Workload.W4}) {
      Cell single = cells.get(w.name() + ".float");
      Cell dbl = cells.get(w.name() + ".netc");
      Cell gemm = cells.get(w.name() + ".floatGemm");
      s.append(String.format(Locale.ROOT, row, w.title, ms(single), ms(dbl),
          single == null || dbl == null ? "-" : fmt(dbl.ms / single.ms, 2),
          ms(gemm),
          single == null || gemm == null ? "-" : fmt(gemm.ms / single.ms * 100, 0) + "%",
          single == null ? "-" : fmt(single.bytes, 0)));
    }
    return s.append('\n').toString();
  }

  private static String ms(Cell c) {
    return c == null ? "-" : fmt(c.ms, 3);
  }

  private static String fmt(double v, int decimals) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
