package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.netc.annotations.Activation;
import dev.netc.annotations.Init;
import dev.netc.annotations.Loss;
import dev.netc.runtime.FloatGradients;
import dev.netc.runtime.FloatModel;
import dev.netc.runtime.Gradients;
import dev.netc.runtime.Model;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The processor never breaks (issue 3, part 6): a few hundred seeded random declarations, valid
 * and not, each compiled on its own. For every one: no exception escapes javac and no {@code
 * [netc.internal]} error is printed; every error is a netc error (the sources are valid Java, so
 * anything else is a bug in netc's generated code). Then, by the independent oracle of {@link
 * RandomDeclaration#problems()}:
 *
 * <ul>
 *   <li>valid: no error at all, and the generated model, loaded from the compilation's class
 *       files, has the declared sizes, matches a reference forward pass and cost, and its
 *       gradients match central differences of its cost (relative error below 1e-6); a
 *       single-precision model instead matches its double-precision twin, compiled from the same
 *       declaration, which passes that check (see {@link GradientCheck#runFloat});
 *   <li>invalid: at least one {@code [netc.*]} error with a source position; exactly one error
 *       when a valid declaration was given one mistake and the oracle sees one problem.
 * </ul>
 *
 * <p>Failures are collected and reported together, each with the run's seed and the case's index,
 * its source and its diagnostics. Reproduce or widen a run with {@code -Dnetc.fuzz.seed=...},
 * {@code -Dnetc.fuzz.cases=...} and {@code -Dnetc.fuzz.only=<index>}.
 */
final class FuzzTest {
  private static final long SEED = Long.getLong("netc.fuzz.seed", 0x5EED_2024L);
  private static final int CASES = Integer.getInteger("netc.fuzz.cases", 300);
  private static final int ONLY = Integer.getInteger("netc.fuzz.only", -1);

  /** Models with more parameters are compiled but not run: they would not fit the heap. */
  private static final long LARGEST_RUN = 200_000;

  private static final double GRADIENT_TOLERANCE = 1e-6;

  @Test
  void randomDeclarationsNeverBreakTheProcessor(TestReporter reporter) {
    long start = System.nanoTime();
    List<String> failures = new ArrayList<>();
    int valid = 0;
    int invalid = 0;
    int checked = 0;
    double worst = 0;
    int tiny = 0;
    int floats = 0;
    double worstFloat = 0;
    Map<String, Integer> validCombinations = new TreeMap<>();
    Map<String, Integer> targets = new TreeMap<>();
    Map<String, Integer> modes = new TreeMap<>();
    Map<String, Integer> extras = new TreeMap<>();
    Map<String, Integer> firstIds = new TreeMap<>();
    for (int index = 0; index < CASES; index++) {
      if (ONLY >= 0 && index != ONLY) {
        continue;
      }
      // Precision from a stream of its own: the rest of each case is what it was without it.
      RandomDeclaration d =
          RandomDeclaration.draw(new Random(caseSeed(index)), index)
              .withPrecision(new Random(~caseSeed(index)));
      List<String> problems = d.problems();
      targets.merge(d.target.name(), 1, Integer::sum);
      extras.merge(d.extra.name() + (d.unnamedPackage ? " (unnamed package)" : ""), 1,
          Integer::sum);
      modes.merge(d.mode + (problems.isEmpty() ? " valid" : " invalid"), 1, Integer::sum);
      Outcome outcome;
      try {
        outcome = run(d, problems);
      } catch (RuntimeException | Error e) {
        // Not swallowed: every case is reported, with the exception and its stack trace.
        outcome = Outcome.failed("exception " + e + "\n" + stackTrace(e), null);
      }
      if (outcome.failure() != null) {
        failures.add(describe(index, d, problems, outcome));
        continue;
      }
      if (problems.isEmpty()) {
        valid++;
        validCombinations.merge(d.combination(), 1, Integer::sum);
        if (outcome.floatGradient() != null) {
          floats++;
          worstFloat = Math.max(worstFloat, outcome.floatGradient().gradientError());
        }
        if (outcome.gradient() != null) {
          checked++;
          if (outcome.gradient().relativeError() < GRADIENT_TOLERANCE) {
            worst = Math.max(worst, outcome.gradient().relativeError());
          } else {
            tiny++;
          }
        }
      } else {
        invalid++;
        firstIds.merge(outcome.firstId(), 1, Integer::sum);
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    String summary =
        String.format(
            "seed %d: %d cases in %.1f s; %d valid (%d run through the gradient check, worst"
                + " relative error %.2e, %d with gradients below rounding; %d in single precision"
                + " against their double twins, worst gradient error %.2e), %d invalid,"
                + " %d failures%n valid output/loss/init: %s%n"
                + " modes: %s%n targets: %s%n extras: %s%n first error ids of invalid cases: %s",
            SEED, valid + invalid + failures.size(), took.toMillis() / 1000.0, valid, checked,
            worst, tiny, floats, worstFloat, invalid, failures.size(), validCombinations, modes,
            targets, extras, firstIds);
    reporter.publishEntry("fuzz", summary);
    System.out.println("FuzzTest " + summary);
    assertWithMessage("seed %s: %s failing cases of %s:\n%s", SEED, failures.size(), CASES,
        String.join("\n\n", failures)).that(failures).isEmpty();
    if (ONLY < 0 && CASES >= 300) {
      // The generator reaches both outcomes and every activation, loss and init among the valid.
      assertWithMessage("seed %s: %s", SEED, summary).that(valid).isAtLeast(CASES / 5);
      assertWithMessage("seed %s: %s", SEED, summary).that(invalid).isAtLeast(CASES / 5);
      assertWithMessage("seed %s: %s", SEED, summary).that(floats).isAtLeast(CASES / 20);
      assertWithMessage("seed %s: %s", SEED, summary)
          .that(firstIds).containsKey("[netc.precision-model]");
      String combinations = String.join(" ", validCombinations.keySet());
      for (Activation g : Activation.values()) {
        assertWithMessage("seed %s: valid output %s in %s", SEED, g, combinations)
            .that(combinations).contains(g + "/");
      }
      for (Loss j : Loss.values()) {
        assertWithMessage("seed %s: valid %s in %s", SEED, j, combinations)
            .that(combinations).contains("/" + j + "/");
      }
      for (Init init : Init.values()) {
        assertWithMessage("seed %s: valid %s in %s", SEED, init, combinations)
            .that(combinations).contains("/" + init);
      }
    }
  }

  /** The gradient check is an oracle worth trusting only if it catches a wrong gradient. */
  @Test
  void gradientCheckCatchesAWrongGradient() {
    RandomDeclaration d = null;
    for (int index = 0; d == null; index++) {
      RandomDeclaration candidate = RandomDeclaration.draw(new Random(caseSeed(index)), index);
      if (candidate.problems().isEmpty() && candidate.layers.size() >= 2
          && candidate.parameterCount() < 1000) {
        d = candidate;
      }
    }
    Compilation c = GeneratedClasses.compile(d.file());
    assertWithMessage("%s", c.diagnostics()).that(c.errors()).isEmpty();
    Model model = GeneratedClasses.of(c).create(d.generatedPrefix() + "Model", 1);
    GradientCheck.Result right = GradientCheck.run(model, d.network(), 5, 3, 1000);
    assertThat(right.agrees(GRADIENT_TOLERANCE)).isTrue();

    // The same model, but dW1 off by 1e-4 in one entry.
    Model wrong =
        (Model)
            Proxy.newProxyInstance(
                FuzzTest.class.getClassLoader(),
                new Class<?>[] {Model.class},
                (proxy, method, args) -> {
                  Object result;
                  try {
                    result = method.invoke(model, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                  if (result instanceof Gradients g) {
                    g.dW(1).data[0] += 1e-4;
                  }
                  return result;
                });
    GradientCheck.Result caught = GradientCheck.run(wrong, d.network(), 5, 3, 1000);
    assertThat(caught.agrees(GRADIENT_TOLERANCE)).isFalse();
  }

  /**
   * The twin comparison is worth trusting only if it catches a float gradient that is wrong by
   * far less than any formula mistake: here one entry of dW1 off by 1e-3 of the gradient's norm.
   */
  @Test
  void floatComparisonCatchesASlightlyWrongGradient() {
    RandomDeclaration d = null;
    for (int index = 0; d == null; index++) {
      RandomDeclaration candidate =
          RandomDeclaration.draw(new Random(caseSeed(index)), index)
              .withPrecision(new Random(~caseSeed(index)));
      if (candidate.isFloat() && candidate.problems().isEmpty()
          && candidate.layers.size() >= 2 && candidate.parameterCount() < 1000) {
        d = candidate;
      }
    }
    String modelClass = d.generatedPrefix() + "Model";
    Compilation c = GeneratedClasses.compile(d.file());
    assertWithMessage("%s", c.diagnostics()).that(c.errors()).isEmpty();
    FloatModel model = GeneratedClasses.of(c).createFloat(modelClass, 1);
    Compilation twinCompilation = GeneratedClasses.compile(d.doubleTwin().file());
    Model twin = GeneratedClasses.of(twinCompilation).create(modelClass, 1);
    GradientCheck.FloatResult right =
        GradientCheck.runFloat(model, twin, d.network(), 5, 3, 1000);
    assertWithMessage("%s", right).that(right.agrees(GRADIENT_TOLERANCE)).isTrue();

    FloatModel wrong =
        (FloatModel)
            Proxy.newProxyInstance(
                FuzzTest.class.getClassLoader(),
                new Class<?>[] {FloatModel.class},
                (proxy, method, args) -> {
                  Object result;
                  try {
                    result = method.invoke(model, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                  if (result instanceof FloatGradients g) {
                    double norm = 0;
                    for (int l = 1; l <= g.layers(); l++) {
                      norm += g.dW(l).norm2() * g.dW(l).norm2() + g.db(l).norm2() * g.db(l).norm2();
                    }
                    g.dW(1).data[0] += (float) (1e-3 * Math.sqrt(norm));
                  }
                  return result;
                });
    GradientCheck.FloatResult caught =
        GradientCheck.runFloat(wrong, twin, d.network(), 5, 3, 1000);
    assertWithMessage("%s", caught).that(caught.agrees(GRADIENT_TOLERANCE)).isFalse();
  }

  /**
   * Declarations that pass every rule netc checks (and docs/architecture.md states under
   * "Compile-time rules") but whose generated code javac rejects: found while fuzzing by hand
   * beyond the generator's vocabulary. Each must end either in a located netc error in the user's
   * file or in generated code that compiles (before the fix each gave javac errors in {@code
   * NetModel.java}). Kept as a regression test for the fix: rules in TypeRules, and JavaPoet's
   * {@code avoidClashesWithNestedClasses} in ModelWriter.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedButBroken")
  void everyAcceptedDeclarationGeneratesCodeThatCompiles(String what, String body) {
    String source =
        "package fuzz;\n\n"
            + "import dev.netc.annotations.*;\n"
            + "import dev.netc.runtime.Model;\n\n"
            + "@Network(inputs = 2)\n"
            + "@Layer(units = 3, activation = Activation.TANH)\n"
            + "@Layer(units = 1, activation = Activation.SIGMOID)\n"
            + body
            + "\n";
    assertCompilesOrFailsInTheDeclaration(what, source);
  }

  /**
   * The same declarations in single precision: {@code FloatModel} for {@code Model}, and a member
   * interface named {@code FloatMatrix} for the one named {@code DoubleMatrix}.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedButBroken")
  void everyAcceptedFloatDeclarationGeneratesCodeThatCompiles(String what, String body) {
    String source =
        "package fuzz;\n\n"
            + "import dev.netc.annotations.*;\n"
            + "import dev.netc.runtime.FloatModel;\n\n"
            + "@Network(inputs = 2, precision = Precision.FLOAT)\n"
            + "@Layer(units = 3, activation = Activation.TANH)\n"
            + "@Layer(units = 1, activation = Activation.SIGMOID)\n"
            + body.replace("Model", "FloatModel").replace("DoubleMatrix", "FloatMatrix")
            + "\n";
    assertCompilesOrFailsInTheDeclaration(what, source);
  }

  private static void assertCompilesOrFailsInTheDeclaration(String what, String source) {
    JavaFileObject file = JavaFileObjects.forSourceString("fuzz.Net", source);
    Compilation c = GeneratedClasses.compile(file);
    for (Diagnostic<? extends JavaFileObject> e : c.errors()) {
      assertWithMessage("%s:\n%s\ngives an error outside the declaration: %s", what, source, e)
          .that(e.getSource())
          .isEqualTo(file);
      assertWithMessage("%s:\n%s\ngives an error that is not netc's: %s", what, source, e)
          .that(e.getMessage(null))
          .startsWith("[netc.");
      assertWithMessage("%s: %s", what, e).that(e.getLineNumber()).isGreaterThan(0L);
    }
  }

  static Stream<Arguments> acceptedButBroken() {
    return Stream.of(
        Arguments.of(
            "a final Model method in the abstract class",
            "public abstract class Net implements Model {\n"
                + "  public final String summary() { return \"mine\"; }\n}"),
        Arguments.of(
            "an Object method redeclared abstract in the abstract class",
            "public abstract class Net implements Model {\n"
                + "  @Override public abstract String toString();\n}"),
        Arguments.of(
            "a member class named like a runtime class the model uses (Parameters)",
            "public interface Net extends Model {\n  class Parameters {}\n}"),
        Arguments.of(
            "a member class named like a JDK class the model uses (Random)",
            "public abstract class Net implements Model {\n  static class Random {}\n}"),
        Arguments.of(
            "a member interface named DoubleMatrix",
            "public interface Net extends Model {\n  interface DoubleMatrix {}\n}"),
        Arguments.of(
            "a member class named like a generated class (NetForward)",
            "public interface Net extends Model {\n  class NetForward {}\n}"),
        Arguments.of(
            "a static create(long) with another return type",
            "public abstract class Net implements Model {\n"
                + "  public static int create(long seed) { return 0; }\n}"),
        Arguments.of(
            "a no-argument constructor that throws a checked exception",
            "public abstract class Net implements Model {\n"
                + "  protected Net() throws java.io.IOException {}\n}"),
        Arguments.of(
            "a sealed interface",
            "public sealed interface Net extends Model permits Other {}\n"
                + "abstract non-sealed class Other implements Net {}"),
        Arguments.of(
            "a public method with the signature of a private helper of the model",
            "public abstract class Net implements Model {\n"
                + "  public double costOfLastForward(org.jblas.DoubleMatrix Y) {\n"
                + "    return 0;\n  }\n}"));
  }

  // ---------------------------------------------------------------- one case

  /**
   * What became of one case.
   *
   * @param failure why the case fails, or null
   * @param compilation the compilation, when there was one
   * @param gradient the gradient check of a valid case that was run (of the double twin, for a
   *     single-precision case)
   * @param floatGradient the comparison of a valid single-precision case with its twin
   * @param firstId the id of the first netc error of an invalid case
   */
  private record Outcome(
      String failure,
      Compilation compilation,
      GradientCheck.Result gradient,
      GradientCheck.FloatResult floatGradient,
      String firstId) {
    Outcome(
        String failure, Compilation compilation, GradientCheck.Result gradient, String firstId) {
      this(failure, compilation, gradient, null, firstId);
    }

    static Outcome failed(String failure, Compilation compilation) {
      return new Outcome(failure, compilation, null, null);
    }
  }

  private static Outcome run(RandomDeclaration d, List<String> problems) {
    JavaFileObject file = d.file();
    // Every other case also prints the compile-time report, which must not break either.
    Compilation c =
        GeneratedClasses.compile(
            d.index % 2 == 1 ? List.of("-Anetc.report=true") : List.of(), file);
    List<Diagnostic<? extends JavaFileObject>> errors = new ArrayList<>(c.errors());
    for (Diagnostic<? extends JavaFileObject> diagnostic : c.diagnostics()) {
      String message = diagnostic.getMessage(null);
      if (message.contains("[netc.internal]") || message.contains("netc failed unexpectedly")) {
        return Outcome.failed("internal error: " + message, c);
      }
    }
    for (Diagnostic<? extends JavaFileObject> e : errors) {
      if (!e.getMessage(null).startsWith("[netc.")) {
        return Outcome.failed("an error that is not netc's: " + e, c);
      }
    }
    if (problems.size() == 1
        && d.mode.equals(RandomDeclaration.ONE_MISTAKE)
        && errors.size() != 1) {
      // House style: one mistake never cascades into several errors.
      return Outcome.failed("one mistake but " + errors.size() + " errors", c);
    }
    if (!problems.isEmpty()) {
      for (Diagnostic<? extends JavaFileObject> e : errors) {
        if (e.getLineNumber() > 0) {
          String message = e.getMessage(null);
          return new Outcome(null, c, null, message.substring(0, message.indexOf(']') + 1));
        }
      }
      return Outcome.failed(
          errors.isEmpty()
              ? "the oracle found problems but netc reported no error"
              : "no netc error has a source position",
          c);
    }
    if (!errors.isEmpty()) {
      return Outcome.failed("the oracle found no problem but netc reported errors", c);
    }
    if (c.status() != Compilation.Status.SUCCESS) {
      return Outcome.failed("compilation did not succeed", c);
    }
    if (d.parameterCount() > LARGEST_RUN) {
      return new Outcome(null, c, null, null);
    }
    String modelClass = d.generatedPrefix() + "Model";
    if (d.isFloat()) {
      return runFloat(d, c, modelClass);
    }
    Model model = GeneratedClasses.of(c).create(modelClass, d.index);
    int[] sizes = model.layerSizes();
    if (!Arrays.equals(sizes, d.sizes())) {
      return Outcome.failed(
          "layerSizes() " + Arrays.toString(sizes) + " but declared "
              + Arrays.toString(d.sizes()),
          c);
    }
    int examples = 1 + d.index % 4;
    GradientCheck.Result r =
        GradientCheck.run(model, d.network(), caseSeed(d.index), examples, 25);
    if (!(r.forwardError() <= 1e-9)) {
      return Outcome.failed("forward() differs from the reference: " + r, c);
    }
    if (!(r.costError() <= 1e-9 * (1 + Math.abs(r.cost())))) {
      return Outcome.failed("cost() differs from the reference: " + r, c);
    }
    if (!r.agrees(GRADIENT_TOLERANCE)) {
      return Outcome.failed("gradients() differ from central differences: " + r, c);
    }
    return new Outcome(null, c, r, null);
  }

  /** A valid single-precision case: compared with its double twin, which is checked itself. */
  private static Outcome runFloat(RandomDeclaration d, Compilation c, String modelClass) {
    FloatModel model = GeneratedClasses.of(c).createFloat(modelClass, d.index);
    if (!Arrays.equals(model.layerSizes(), d.sizes())) {
      return Outcome.failed(
          "layerSizes() " + Arrays.toString(model.layerSizes()) + " but declared "
              + Arrays.toString(d.sizes()),
          c);
    }
    Compilation twinCompilation = GeneratedClasses.compile(d.doubleTwin().file());
    if (twinCompilation.status() != Compilation.Status.SUCCESS) {
      return Outcome.failed("the double twin does not compile: " + twinCompilation.errors(), c);
    }
    Model twin = GeneratedClasses.of(twinCompilation).create(modelClass, d.index);
    int examples = 1 + d.index % 4;
    GradientCheck.FloatResult r =
        GradientCheck.runFloat(model, twin, d.network(), caseSeed(d.index), examples, 25);
    if (!(r.twin().forwardError() <= 1e-9)
        || !(r.twin().costError() <= 1e-9 * (1 + Math.abs(r.twin().cost())))) {
      return Outcome.failed("the double twin differs from the reference: " + r, c);
    }
    if (!r.agrees(GRADIENT_TOLERANCE)) {
      return Outcome.failed("the float model differs from its double twin: " + r, c);
    }
    return new Outcome(null, c, r.twin(), r, null);
  }

  /**
   * The seed of case {@code index}, scrambled: {@code new Random(s)} for consecutive {@code s}
   * gives nearly the same first draws, which would make every case tame or every case wild.
   */
  static long caseSeed(int index) {
    long z = SEED + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static String describe(
      int index, RandomDeclaration d, List<String> problems, Outcome outcome) {
    StringBuilder s = new StringBuilder();
    s.append("case ").append(index).append(" (-Dnetc.fuzz.seed=").append(SEED)
        .append(" -Dnetc.fuzz.only=").append(index).append("): ").append(outcome.failure())
        .append("\n  oracle: ").append(problems.isEmpty() ? "valid" : problems)
        .append("\n  source:\n").append(d.source().indent(4));
    if (outcome.compilation() != null) {
      s.append("  diagnostics:\n");
      for (Diagnostic<? extends JavaFileObject> diagnostic : outcome.compilation().diagnostics()) {
        s.append("    ").append(diagnostic.getKind()).append(" line ")
            .append(diagnostic.getLineNumber()).append(": ")
            .append(diagnostic.getMessage(null)).append('\n');
      }
    }
    return s.toString();
  }

  private static String stackTrace(Throwable e) {
    return Arrays.stream(e.getStackTrace())
        .limit(25)
        .map(frame -> "    at " + frame)
        .collect(Collectors.joining("\n"));
  }
}
