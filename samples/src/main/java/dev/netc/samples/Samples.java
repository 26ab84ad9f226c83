package dev.netc.samples;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Lists and runs the samples: {@code Samples} runs every one in order, each after a header line;
 * {@code Samples list} lists their names with a one-line description; {@code Samples <name>} runs
 * one. From Maven: {@code mvn -q -DskipTests -Dsample package} (all), {@code -Dsample=digits}
 * (one), {@code -Dsample=list}. A bare {@code -Dsample} reaches this program as the argument
 * {@code "true"} (Maven gives a {@code -D} without a value that value), so "true", "all" and an
 * empty argument all mean every sample.
 */
public final class Samples {

  /** A sample's entry point: its {@code main}. */
  @FunctionalInterface
  interface Main {
    void run() throws Exception;
  }

  /**
   * One runnable sample.
   *
   * @param name what to pass to run it
   * @param description one line: the network and the data
   * @param main what runs it
   */
  record Sample(String name, String description, Main main) {}

  /** Every sample, in the order they run. */
  static final List<Sample> ALL =
      List.of(
          new Sample(
              "planar",
              "the course's planar flower: 2 -> 4 (tanh) -> 1 (sigmoid) against logistic"
                  + " regression, with plots",
              () -> PlanarFlower.main(new String[0])),
          new Sample(
              "breast-cancer",
              "logistic regression on the Breast Cancer Wisconsin (Diagnostic) data, 30 features",
              () -> BreastCancer.main(new String[0])),
          new Sample(
              "digit-zero",
              "the course's deep network [64, 20, 7, 5, 1] on 8x8 digits: zero against the rest",
              () -> DigitZero.main(new String[0])),
          new Sample(
              "digits",
              "softmax over the ten 8x8 handwritten digits, Adam, L2 and early stopping",
              () -> Digits.main(new String[0])),
          new Sample(
              "digits-float",
              "the digits network in single precision (float32, sgemm) against the float64 one",
              () -> DigitsFloat.main(new String[0])),
          new Sample(
              "diabetes",
              "regression with relu hidden layers and a linear output on the diabetes data",
              () -> Diabetes.main(new String[0])),
          new Sample(
              "serving",
              "the digits network behind an HTTP endpoint: a thread pool sharing one model,"
                  + " a short checked load, latencies",
              () -> Serving.main(new String[0])));

  private Samples() {}

  /**
   * Runs the samples {@code args} asks for, as described on the class.
   *
   * @throws IllegalArgumentException for an unknown sample name or more than one argument
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 1) {
      throw new IllegalArgumentException(
          "Samples: give at most one argument (a sample name, \"list\" or none for all), got "
              + args.length
              + " "
              + List.of(args));
    }
    String argument = args.length == 0 ? "" : args[0].trim();
    if (argument.equals("list")) {
      System.out.print(list());
      return;
    }
    List<Sample> chosen = select(argument);
    long start = System.nanoTime();
    for (int i = 0; i < chosen.size(); i++) {
      if (i > 0) {
        System.out.println();
      }
      Sample sample = chosen.get(i);
      System.out.println(header(sample));
      sample.main().run();
    }
    System.out.println();
    System.out.println(
        summary(chosen, (System.nanoTime() - start) / 1e9, PlanarFlower.plotDirectory()));
  }

  /**
   * The closing line, so that the end of a long output says the run is over and where the plots
   * are: {@code == done: 6 samples in 34.2 s; plots in /home/me/netc/target/plots ==}.
   */
  static String summary(List<Sample> ran, double seconds, Path plots) {
    boolean plotted = ran.stream().anyMatch(s -> s.name().equals("planar"));
    return String.format(
        Locale.ROOT,
        "== done: %d sample%s in %.1f s%s ==",
        ran.size(),
        ran.size() == 1 ? "" : "s",
        seconds,
        plotted ? "; plots in " + plots.toAbsolutePath().normalize() : "");
  }

  /**
   * The samples {@code argument} names: all of them for "", "all" or "true", else the one of that
   * name.
   *
   * @throws IllegalArgumentException naming the known samples if there is none of that name
   */
  static List<Sample> select(String argument) {
    if (argument.isEmpty() || argument.equals("all") || argument.equals("true")) {
      return ALL;
    }
    for (Sample sample : ALL) {
      if (sample.name().equals(argument)) {
        return List.of(sample);
      }
    }
    throw new IllegalArgumentException(
        "Samples: there is no sample \""
            + argument
            + "\"; the samples are "
            + ALL.stream().map(Sample::name).collect(Collectors.joining(", "))
            + " (or \"list\" to describe them, nothing to run them all)");
  }

  /** One line per sample: its name, padded, and its description. */
  static String list() {
    int width = ALL.stream().mapToInt(s -> s.name().length()).max().orElse(0);
    StringBuilder s = new StringBuilder();
    for (Sample sample : ALL) {
      s.append(
          String.format(
              Locale.ROOT, "%-" + width + "s  %s%n", sample.name(), sample.description()));
    }
    return s.toString();
  }

  /** The line printed before a sample runs: {@code == planar: the course's planar ... ==}. */
  static String header(Sample sample) {
    return "== " + sample.name() + ": " + sample.description() + " ==";
  }
}
