package dev.netc.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Over a thousand seeded declarations, compiled in batches (one javac run per batch, each case in a
 * package of its own) so that CI can afford them: {@link RandomDeclaration}'s cases, redeclared
 * {@code Model} methods, {@code @Network} on local types and networks of 600 layers. Whatever the
 * oracle accepts must generate code that compiles; whatever it refuses must draw at least one
 * located netc error in its own file, and only netc errors. {@link FuzzTest} runs fewer cases one
 * by one, through the gradient check.
 *
 * <p>A batch that breaks is compiled again case by case, so that a failure names its case. Seed,
 * size: {@code -Dnetc.bulk.seed=...}, {@code -Dnetc.bulk.cases=...} (random declarations).
 *
 * <p>{@link #shadowingNamesAndDeeperNetworks} holds the generated code to its promises: no user name
 * can shadow what it refers to, and its methods are split below the JVM's 64 KB limit.
 */
final class BulkFuzzTest {
  private static final long SEED = Long.getLong("netc.bulk.seed", 0xB01_2026L);
  private static final int CASES = Integer.getInteger("netc.bulk.cases", 900);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int VALID_BATCH = 80;
  private static final int INVALID_BATCH = 150;

  /** What one case is, and what netc must make of it. */
  private record Case(
      String what, JavaFileObject file, String expectedId, boolean valid, boolean deep) {
    Case(String what, JavaFileObject file, String expectedId, boolean valid) {
      this(what, file, expectedId, valid, false);
    }
  }

  @Test
  void overAThousandDeclarationsCompileOrFailWithNetcErrorsOnly() {
    long start = System.nanoTime();
    long cpu = THREADS.getCurrentThreadCpuTime();
    Random random = new Random(SEED);
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      cases.add(random(i));
    }
    int next = CASES;
    for (int i = 0; i < 80; i++) {
      cases.add(redeclared(next++, random));
    }
    for (int i = 0; i < 40; i++) {
      cases.add(local(next++, random));
    }
    for (int layers : new int[] {600, 620}) {
      cases.add(deep(next++, layers));
    }
    List<String> failures = check(cases);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
    long valid = cases.stream().filter(Case::valid).count();
    System.out.printf(
        "BulkFuzzTest seed %d: %d cases (%d valid, %d invalid) in %.1f s (%.1f s of CPU on this"
            + " thread, which runs javac), %d failures%n",
        SEED, cases.size(), valid, cases.size() - valid, seconds, cpuSeconds, failures.size());
    assertWithMessage("seed %s:\n%s", SEED, String.join("\n\n", failures)).that(failures).isEmpty();
    assertWithMessage("cases").that(cases.size()).isAtLeast(1000);
  }

  /**
   * Cases that need the generated code to refer to java.lang and netc's own types in a way no user
   * name can shadow, and generated methods split so that any depth compiles.
   */
  @Test
  void shadowingNamesAndDeeperNetworks() {
    Random random = new Random(SEED + 1);
    List<Case> cases = new ArrayList<>();
    int next = 0;
    for (String name : SHADOWING) {
      cases.add(shadowing(next++, name, "member", random));
      cases.add(shadowing(next++, name, "sibling", random));
    }
    for (String name : List.of("Math", "String", "Override", "Object", "Double")) {
      cases.add(namedNetwork(next++, name));
    }
    for (int layers : new int[] {700, 1000, 3000}) {
      cases.add(deep(next++, layers));
    }
    List<String> failures = check(cases);
    assertWithMessage("seed %s:\n%s", SEED, String.join("\n\n", failures)).that(failures).isEmpty();
  }

  /** Names of java.lang, the JDK and netc's runtime that generated code uses. */
  private static final List<String> SHADOWING =
      List.of(
          "Math",
          "String",
          "Override",
          "Object",
          "Integer",
          "Double",
          "Float",
          "Long",
          "System",
          "Model",
          "FloatModel",
          "Parameters",
          "Gradients",
          "Training",
          "TrainingReport",
          "Architecture",
          "Random",
          "Path",
          "IOException",
          "Generated",
          "DoubleMatrix",
          "FloatMatrix",
          "Activation",
          "Loss",
          "Initializers",
          "Losses",
          "Predictions");

  // ---------------------------------------------------------------- cases

  private static Case random(int index) {
    RandomDeclaration d =
        RandomDeclaration.draw(new Random(FuzzTest.caseSeed(index + 10_000)), index)
            .withPrecision(new Random(~FuzzTest.caseSeed(index + 10_000)));
    String pkg = "fuzz.c" + index;
    String source = d.source();
    source =
        source.startsWith("package fuzz;")
            ? "package " + pkg + ";" + source.substring("package fuzz;".length())
            : "package " + pkg + ";\n\n" + source;
    String top = d.target.nested() ? "Outer" : "Net";
    JavaFileObject file = JavaFileObjects.forSourceString(pkg + "." + top, source);
    return new Case("random " + index + " (" + d.mode + ")", file, null, d.problems().isEmpty());
  }

  /** A body line that redeclares a method of Model, with the netc error it must get, or null. */
  private record Redeclaration(boolean inInterface, String line, String expectedId) {}

  private static final List<Redeclaration> REDECLARATIONS =
      List.of(
          new Redeclaration(true, "void save(Path file);", "[netc.method-throws]"),
          new Redeclaration(
              true,
              "void save(Path file) throws java.io.FileNotFoundException;",
              "[netc.method-throws]"),
          new Redeclaration(true, "void save(Path file) throws java.io.IOException;", null),
          new Redeclaration(true, "String summary();", null),
          new Redeclaration(true, "int[] layerSizes();", null),
          new Redeclaration(
              true, "default String summary() { return \"x\"; }", "[netc.method-body]"),
          new Redeclaration(true, "static int create(long seed) { return 0; }", null),
          new Redeclaration(true, "static String load(Path file) { return \"\"; }", null),
          new Redeclaration(true, "static void pretrained() {}", null),
          new Redeclaration(false, "public abstract void save(Path file);", "[netc.method-throws]"),
          new Redeclaration(
              false, "public String summary() { return \"\"; }", "[netc.method-body]"),
          new Redeclaration(false, "public abstract String summary();", null),
          new Redeclaration(
              false, "static Net create(long seed) { return null; }", "[netc.hidden-method]"),
          new Redeclaration(false, "static int create(int seed) { return seed; }", null));

  private static Case redeclared(int index, Random random) {
    Redeclaration r = REDECLARATIONS.get(random.nextInt(REDECLARATIONS.size()));
    String pkg = "fuzz.c" + index;
    String header =
        r.inInterface()
            ? "public interface Net extends Model {"
            : "public abstract class Net" + " implements Model {";
    String source =
        "package "
            + pkg
            + ";\n\n"
            + "import dev.netc.annotations.*;\n"
            + "import dev.netc.runtime.Model;\n"
            + "import java.nio.file.Path;\n\n"
            + network(random)
            + header
            + "\n  "
            + r.line()
            + "\n}\n";
    JavaFileObject file = JavaFileObjects.forSourceString(pkg + ".Net", source);
    return new Case(
        "redeclared " + index + ": " + r.line(), file, r.expectedId(), r.expectedId() == null);
  }

  private static Case local(int index, Random random) {
    String pkg = "fuzz.c" + index;
    String kind =
        List.of(
                "interface Local extends Model {}",
                "abstract class Local implements" + " Model {}",
                "interface Local {}")
            .get(random.nextInt(3));
    String source =
        "package "
            + pkg
            + ";\n\n"
            + "import dev.netc.annotations.*;\n"
            + "import dev.netc.runtime.Model;\n\n"
            + "public class Main {\n"
            + "  void run() {\n"
            + network(random).replace("\n", "\n    ").replaceFirst("^", "    ")
            + kind
            + "\n"
            + "  }\n"
            + "}\n";
    JavaFileObject file = JavaFileObjects.forSourceString(pkg + ".Main", source);
    return new Case("local " + index, file, "[netc.type-local]", false);
  }

  private static Case deep(int index, int layers) {
    StringBuilder s = new StringBuilder();
    s.append("package fuzz.c")
        .append(index)
        .append(";\n\n")
        .append("import dev.netc.annotations.*;\nimport dev.netc.runtime.Model;\n\n")
        .append("@Network(inputs = 3)\n");
    for (int l = 1; l < layers; l++) {
      s.append("@Layer(units = ").append(2 + l % 3).append(", activation = Activation.TANH)\n");
    }
    s.append("@Layer(units = 1, activation = Activation.SIGMOID)\n");
    s.append("public interface Net extends Model {}\n");
    JavaFileObject file = JavaFileObjects.forSourceString("fuzz.c" + index + ".Net", s.toString());
    return new Case(layers + " layers", file, null, true, true);
  }

  private static Case shadowing(int index, String name, String where, Random random) {
    String pkg = "fuzz.c" + index;
    String body = where.equals("member") ? "\n  class " + name + " {}\n" : "";
    String source =
        "package "
            + pkg
            + ";\n\n"
            + qualified(network(random))
            + "public interface Net extends dev.netc.runtime.Model {"
            + body
            + "}\n"
            + (where.equals("sibling") ? "\nclass " + name + " {}\n" : "");
    JavaFileObject file = JavaFileObjects.forSourceString(pkg + ".Net", source);
    return new Case("a " + where + " type named " + name, file, null, true);
  }

  /**
   * The annotations with qualified names: the user's own file must stay valid Java when one of its
   * types is named like a netc annotation or enum ({@code Activation}).
   */
  private static String qualified(String annotations) {
    return annotations
        .replace("@Network(", "@dev.netc.annotations.Network(")
        .replace("@Layer(", "@dev.netc.annotations.Layer(")
        .replace("Activation.", "dev.netc.annotations.Activation.");
  }

  private static Case namedNetwork(int index, String name) {
    String pkg = "fuzz.c" + index;
    String source =
        "package "
            + pkg
            + ";\n\n"
            + "import dev.netc.annotations.*;\n\n"
            + "@Network(inputs = 2)\n@Layer(units = 1, activation = Activation.SIGMOID)\n"
            + "public interface "
            + name
            + " extends dev.netc.runtime.Model {}\n";
    JavaFileObject file = JavaFileObjects.forSourceString(pkg + "." + name, source);
    return new Case("a network named " + name, file, null, true);
  }

  /** A small valid {@code @Network} with its layers, one annotation a line. */
  private static String network(Random random) {
    int hidden = 1 + random.nextInt(5);
    return "@Network(inputs = "
        + (1 + random.nextInt(4))
        + ")\n"
        + "@Layer(units = "
        + hidden
        + ", activation = Activation.TANH)\n"
        + "@Layer(units = 1, activation = Activation.SIGMOID)\n";
  }

  // ---------------------------------------------------------------- checks

  private static List<String> check(List<Case> cases) {
    List<String> failures = new ArrayList<>();
    List<Case> valid = cases.stream().filter(Case::valid).toList();
    List<Case> invalid = cases.stream().filter(c -> !c.valid()).toList();
    for (int from = 0; from < valid.size(); from += VALID_BATCH) {
      List<Case> batch = valid.subList(from, Math.min(valid.size(), from + VALID_BATCH));
      long t = System.nanoTime();
      boolean broken = !compile(batch).errors().isEmpty();
      System.out.printf(
          "BulkFuzzTest valid batch of %d: %.1f s%n", batch.size(), (System.nanoTime() - t) / 1e9);
      if (broken) {
        // Find which: alone, each valid case must compile.
        for (Case c : batch) {
          Compilation alone = compile(List.of(c));
          if (!alone.errors().isEmpty()) {
            failures.add(
                c.what()
                    + ": accepted but does not compile:\n"
                    + source(c)
                    + "\n"
                    + alone.errors());
          }
        }
      }
    }
    for (int from = 0; from < invalid.size(); from += INVALID_BATCH) {
      List<Case> batch = invalid.subList(from, Math.min(invalid.size(), from + INVALID_BATCH));
      long t = System.nanoTime();
      checkInvalid(batch, compile(batch), failures);
      System.out.printf(
          "BulkFuzzTest invalid batch of %d: %.1f s%n",
          batch.size(), (System.nanoTime() - t) / 1e9);
    }
    return failures;
  }

  private static void checkInvalid(List<Case> batch, Compilation c, List<String> failures) {
    Map<JavaFileObject, List<String>> errors = new IdentityHashMap<>();
    for (Case one : batch) {
      errors.put(one.file(), new ArrayList<>());
    }
    for (Diagnostic<? extends JavaFileObject> e : c.errors()) {
      String message = e.getMessage(null);
      List<String> ofFile = e.getSource() == null ? null : errors.get(e.getSource());
      if (ofFile == null || !message.startsWith("[netc.") || e.getLineNumber() <= 0) {
        failures.add("an error that is not a located netc error in a declaration: " + e);
      } else {
        ofFile.add(message);
      }
    }
    for (Case one : batch) {
      List<String> messages = errors.get(one.file());
      if (messages.isEmpty()) {
        failures.add(one.what() + ": refused by the oracle but no netc error:\n" + source(one));
      } else if (one.expectedId() != null
          && messages.stream().noneMatch(m -> m.startsWith(one.expectedId()))) {
        failures.add(
            one.what()
                + ": expected "
                + one.expectedId()
                + " but got "
                + messages
                + "\n"
                + source(one));
      }
    }
  }

  private static Compilation compile(List<Case> cases) {
    List<String> options = new ArrayList<>();
    // javac prints 100 errors by default; a batch of refused cases has more.
    options.addAll(List.of("-Xmaxerrs", "100000", "-Xmaxwarns", "100000"));
    if (cases.stream().noneMatch(Case::deep)) {
      // Attribution and flow analysis find every error of small generated code; writing class
      // files would only cost time. A deep network's "code too large" is found when writing.
      options.add("-XDshould-stop.ifNoError=FLOW");
    }
    return javac()
        .withProcessors(new NetcProcessor(), new LocalNetworkFinder())
        .withOptions(options)
        .compile(cases.stream().map(Case::file).toList());
  }

  private static String source(Case c) {
    try {
      return c.file().getCharContent(true).toString();
    } catch (java.io.IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
