package dev.netc.benchmarks;

import dev.netc.runtime.FloatModel;
import dev.netc.runtime.Model;
import dev.netc.runtime.Training;
import dev.netc.runtime.internal.Blas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/**
 * The targets of issue 4 that are ratios (efficiency = bound / netc for W2-W4 in float64, float32
 * against float64 for W3 and W4), measured so that a busy machine disturbs them least: every
 * measurement of every row runs in one JVM, in rounds that take each once, in turn, so a slow
 * spell of a shared machine falls on all of them; then the least and the median of each over the
 * rounds. The same work as {@link TrainingBench}, {@link InferenceBench} and {@link FloatBench}
 * ({@code fit} for {@value TrainingBench#ITERATIONS} iterations, {@code forward}, and the products
 * alone). Not JMH: the table's figures come from {@link Table}; this tells whether a difference
 * between two runs of the table is the code or the machine.
 *
 * <p>Run with {@code java -Xmx10g -cp benchmarks/target/benchmarks.jar
 * dev.netc.benchmarks.TargetCheck [rounds [rows]]} (default 12 rounds of every row; {@code rows}
 * is a comma-separated list of row-name prefixes, {@code W3} for W3's rows in both precisions).
 */
public final class TargetCheck {

  private TargetCheck() {}

  /** A measurement: {@code call} covers {@code iterations} iterations (or passes). */
  private record Row(String name, Runnable call, int iterations, double[] times) {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    List<String> only = args.length > 1 ? List.of(args[1].split(",")) : List.of("");
    System.out.println(Blas.backend().lines().findFirst().orElse(""));
    System.out.println("load average: " + Table.loadAverage());
    List<Row> rows = new ArrayList<>();
    for (Workload w : List.of(Workload.W2, Workload.W3)) {
      DoubleMatrix X = w.inputs();
      DoubleMatrix Y = w.targets();
      Model model = w.model();
      Training t = Training.gradientDescent(w.learningRate).iterations(TrainingBench.ITERATIONS);
      GemmWork gemm = new GemmWork(w);
      int repeat = w == Workload.W2 ? 10 : 1;
      rows.add(row(w + " netc", () -> model.fit(X, Y, t), repeat * TrainingBench.ITERATIONS,
          repeat, rounds));
      rows.add(row(w + " gemm", () -> runTimes(gemm, TrainingBench.ITERATIONS),
          repeat * TrainingBench.ITERATIONS, repeat, rounds));
    }
    {
      Workload w = Workload.W3;
      FloatMatrix X = w.inputs().toFloat();
      FloatMatrix Y = w.targets().toFloat();
      FloatModel model = w.floatModel();
      Training t = Training.gradientDescent(w.learningRate).iterations(TrainingBench.ITERATIONS);
      GemmWork gemm = GemmWork.inFloat(w);
      rows.add(row("W3 float netc", () -> model.fit(X, Y, t), TrainingBench.ITERATIONS, 1,
          rounds));
      rows.add(row("W3 float gemm", () -> runTimes(gemm, TrainingBench.ITERATIONS),
          TrainingBench.ITERATIONS, 1, rounds));
    }
    {
      Workload w = Workload.W4;
      DoubleMatrix X = w.inputs();
      Model model = w.model();
      GemmWork gemm = new GemmWork(w);
      rows.add(row("W4 netc", () -> model.forward(X), 1, 1, rounds));
      rows.add(row("W4 gemm", gemm::run, 1, 1, rounds));
      FloatMatrix Xf = X.toFloat();
      FloatModel single = w.floatModel();
      GemmWork gemmFloat = GemmWork.inFloat(w);
      rows.add(row("W4 float netc", () -> single.forward(Xf), 1, 1, rounds));
      rows.add(row("W4 float gemm", gemmFloat::run, 1, 1, rounds));
    }
    rows.removeIf(r -> only.stream().noneMatch(r.name::startsWith));
    for (Row r : rows) { // warm-up
      for (int i = 0; i < 3; i++) {
        time(r);
      }
    }
    for (int round = 0; round < rounds; round++) {
      for (Row r : rows) {
        r.times[round] = time(r);
      }
    }
    System.out.println("load average: " + Table.loadAverage());
    System.out.printf(Locale.ROOT,
        "%n%-14s %10s %10s %10s   (ms per iteration or pass, %d rounds)%n", "", "least",
        "median", "most", rounds);
    for (Row r : rows) {
      double[] s = r.times.clone();
      Arrays.sort(s);
      System.out.printf(Locale.ROOT, "%-14s %10.3f %10.3f %10.3f%n", r.name, s[0], median(s),
          s[s.length - 1]);
    }
    System.out.println();
    for (String w : List.of("W2", "W3", "W4")) {
      report("efficiency " + w + " (bound / netc)", rows, w + " gemm", w + " netc");
    }
    report("efficiency W3 float (bound / netc)", rows, "W3 float gemm", "W3 float netc");
    report("efficiency W4 float (bound / netc)", rows, "W4 float gemm", "W4 float netc");
    report("W3 float speed-up over float64", rows, "W3 netc", "W3 float netc");
    report("W4 float speed-up over float64", rows, "W4 netc", "W4 float netc");
  }

  private static Object runTimes(GemmWork gemm, int n) {
    for (int i = 0; i < n; i++) {
      gemm.run();
    }
    return gemm.result();
  }

  /** {@code repeat} calls of {@code call}, which together cover {@code iterations}. */
  private static Row row(String name, Runnable call, int iterations, int repeat, int rounds) {
    return new Row(name, () -> {
      for (int i = 0; i < repeat; i++) {
        call.run();
      }
    }, iterations, new double[rounds]);
  }

  /** Milliseconds per iteration (or pass) of one timed call of the row. */
  private static double time(Row r) {
    long start = System.nanoTime();
    r.call.run();
    return (System.nanoTime() - start) / 1e6 / r.iterations;
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * {@code numerator / denominator} from the least times, from the medians, and the median of
   * the ratios of each round (the two measured back to back).
   */
  private static void report(String what, List<Row> rows, String numerator, String denominator) {
    if (rows.stream().noneMatch(r -> r.name.equals(numerator))
        || rows.stream().noneMatch(r -> r.name.equals(denominator))) {
      return; // a row left out by the command line
    }
    double[] a = find(rows, numerator).times;
    double[] b = find(rows, denominator).times;
    double[] perRound = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      perRound[i] = a[i] / b[i];
    }
    double[] sa = a.clone();
    double[] sb = b.clone();
    Arrays.sort(sa);
    Arrays.sort(sb);
    Arrays.sort(perRound);
    System.out.printf(Locale.ROOT,
        "%-36s least %.3f  median %.3f  median of rounds %.3f (%.3f .. %.3f)%n", what,
        sa[0] / sb[0], median(sa) / median(sb), median(perRound), perRound[0],
        perRound[perRound.length - 1]);
  }

  private static Row find(List<Row> rows, String name) {
    return rows.stream().filter(r -> r.name.equals(name)).findFirst().orElseThrow();
  }
}
