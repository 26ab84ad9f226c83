import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the single-precision twin of every runtime source marked {@code // twin: f32}: the float32
 * runtime is generated from the float64 source at build time, as EJML generates its F32 classes
 * from its F64 ones, so that each kernel, optimizer and holder is written once.
 *
 * <p>Run by the runtime's build with the JDK's source launcher: {@code java FloatTwins.java <source
 * root> <output root>}. JDK only; the output is not committed.
 *
 * <p>The rules, applied line by line to a marked file:
 *
 * <ul>
 *   <li>{@code DoubleMatrix} becomes {@code FloatMatrix}; in code (not in comments) the type {@code
 *       double} becomes {@code float}, {@code Double.} becomes {@code Float.}, and a floating-point
 *       literal outside a string gets the suffix {@code f}.
 *   <li>Every class marked as a twin is renamed in every twin: {@code Parameters} becomes {@code
 *       FloatParameters}, a name starting with {@code Double} starts with {@code Float} instead.
 *   <li>{@code // twin: f32} makes a class of its own ({@code FloatParameters}); {@code // twin:
 *       f32 inherited} makes a package-private abstract class that the double class extends ({@code
 *       Kernels extends FloatKernels}), so that generated code keeps calling {@code Kernels.axpy}
 *       with either precision, the float overloads being inherited.
 *   <li>{@code // twin: f32 inherited; rename load loadFloat, readDoubles readFloats} (the list may
 *       follow a plain {@code f32} too) renames members in this twin only, for float entry points
 *       that cannot be overloads ({@code ModelFiles.load} returns {@code Parameters}, its twin
 *       {@code loadFloat} a {@code FloatParameters}) or calls that differ by name ({@code
 *       NpyValues.readDoubles}). Each pair {@code old new}, separated by {@code ", "}, renames the
 *       whole identifier {@code old}: everywhere in code outside string literals, qualified or not
 *       ({@code npz.writeDoubles} too), and in comments only as a member reference {@code #old}
 *       ({@code {@link #load}} and {@code {@link #load(Path, Architecture)}} become {@code {@link
 *       #loadFloat}}...), so that prose and {@code {@code numpy.load}} stay. All pairs are applied
 *       at once (a name is renamed once), after the rules above, on {@code keep} lines too but not
 *       on {@code as} lines or in {@code only} regions, which are verbatim. A malformed marker, a
 *       name renamed twice or to itself, and a name that the twin never uses fail the build. A
 *       marker ending in {@code ,} goes on in the {@code // } comment of the next line.
 * </ul>
 *
 * <p>The opt-outs, for what must differ on purpose (each line marker may also stand alone on the
 * line before the one it applies to, where it would not fit at its end):
 *
 * <ul>
 *   <li>{@code // twin: keep} at the end of a line copies it unchanged (a sum kept in double).
 *   <li>{@code // twin: as CODE} at the end of a line puts {@code CODE} in its place, verbatim.
 *   <li>{@code // twin: scalar a, b} at the end of a line keeps {@code double a} and {@code double
 *       b} double: scale and hyper-parameter arguments have one type in both precisions.
 *   <li>{@code // twin: round} at the end of a declaration {@code double x = e;} makes it {@code
 *       float x = (float) (e);} with {@code e} unchanged: computed in double, rounded once; at the
 *       end of an assignment {@code x = e;} ({@code x} a name or an array element) it makes it
 *       {@code x = (float) (e);}.
 *   <li>Lines between {@code // twin: skip} and {@code // twin: end} are left out of the twin
 *       (hand-written float code, or double code without a float twin).
 *   <li>Lines between {@code // twin: only} and {@code // twin: end} are comments ({@code // }) in
 *       the double source and code in the twin, uncommented and otherwise unchanged.
 * </ul>
 */
public final class FloatTwins {

  /** Any line meant as a file's marker, well formed or not. */
  private static final Pattern MARKER = Pattern.compile("^\\s*// twin: f32.*$");
  private static final Pattern TWIN =
      Pattern.compile("^\\s*// twin: f32( inherited)?(?:; rename (\\S.*?))?\\s*$");
  private static final Pattern PAIR =
      Pattern.compile("^([A-Za-z_$][\\w$]*) ([A-Za-z_$][\\w$]*)$");
  private static final Pattern CLASS =
      Pattern.compile(
          "^((?:public |protected |private |static |final |abstract |sealed )*)"
              + "(class|interface|record) (\\w+)(.*)$");
  private static final Pattern MARK =
      Pattern.compile("\\s*// twin: (keep|round|scalar [\\w, ]+|as .+)$");
  private static final Pattern MARK_ALONE =
      Pattern.compile("^\\s*// twin: (keep|round|scalar [\\w, ]+|as .+)$");
  private static final Pattern LITERAL =
      Pattern.compile(
          "(?<![\\w.])((?:\\d+\\.\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?|\\d+[eE][-+]?\\d+)(?![\\w.])");
  private static final Pattern ROUND = Pattern.compile("^(\\s*)(final )?double (\\w+) = (.+);$");
  private static final Pattern SIMPLE = Pattern.compile("[\\w.]+");
  /** A javadoc link, whose parameter list (if any) is swapped in prose too. */
  private static final Pattern LINK = Pattern.compile("\\{@link(?:plain)? [^}]*\\}");
  /** An assignment to a name or an array element: {@code s[i] = e;}. */
  private static final Pattern ASSIGNMENT =
      Pattern.compile("^(\\s*)([\\w.]+(?:\\[[^\\]]+\\])*) = (.+);$");

  private FloatTwins() {}

  /**
   * A file's {@code // twin: f32} marker: its first and last line (from 1), whether the twin is
   * inherited, and the member renames ({@code old -> new}, in the marker's order).
   */
  record Marker(int line, int last, boolean inherited, Map<String, String> members) {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: java FloatTwins.java <source root> <output root>");
    }
    Path sources = Path.of(args[0]);
    Path output = Path.of(args[1]);
    Map<Path, Marker> twins = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        Marker marker = marker(file, Files.readAllLines(file, StandardCharsets.UTF_8));
        if (marker != null) {
          twins.put(file, marker);
        }
      }
    }
    Map<String, String> renames = new LinkedHashMap<>();
    for (Map.Entry<Path, Marker> twin : twins.entrySet()) {
      if (!twin.getValue().inherited()) {
        String name = className(twin.getKey());
        renames.put(name, twinName(name));
      }
    }
    for (Map.Entry<Path, Marker> twin : twins.entrySet()) {
      Path file = twin.getKey();
      String name = className(file);
      Path target =
          output.resolve(sources.relativize(file)).resolveSibling(twinName(name) + ".java");
      Files.createDirectories(target.getParent());
      String text = generate(file, name, twin.getValue(), renames);
      if (!Files.exists(target) || !Files.readString(target).equals(text)) {
        Files.writeString(target, text, StandardCharsets.UTF_8);
      }
    }
  }

  /**
   * The marker of a file, or null if it has none.
   *
   * @throws IllegalStateException naming the file and line of a malformed or second marker
   */
  static Marker marker(Path file, List<String> lines) {
    Marker marker = null;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (!MARKER.matcher(line).matches()) {
        continue;
      }
      String where = file.getFileName() + ":" + (n + 1);
      if (marker != null) {
        throw new IllegalStateException(
            where + ": a second twin: f32 marker (the first is on line " + marker.line() + ")");
      }
      String text = line.strip();
      int last = n;
      while (text.endsWith(",") && last + 1 < lines.size()
          && lines.get(last + 1).strip().startsWith("// ")) { // the rename list goes on
        last++;
        text += " " + lines.get(last).strip().substring("// ".length()).strip();
      }
      Matcher m = TWIN.matcher(text);
      if (!m.matches()) {
        throw new IllegalStateException(
            where + ": malformed marker `" + text + "`; expected `// twin: f32` or `// twin: f32"
                + " inherited`, optionally followed by `; rename old new, old2 new2`");
      }
      Map<String, String> members = new LinkedHashMap<>();
      if (m.group(2) != null) {
        for (String pair : m.group(2).split(",", -1)) {
          Matcher p = PAIR.matcher(pair.strip());
          if (!p.matches()) {
            throw new IllegalStateException(
                where + ": malformed rename `" + pair.strip() + "`; expected `old new`, two Java"
                    + " identifiers, pairs separated by `, `");
          }
          if (p.group(1).equals(p.group(2))) {
            throw new IllegalStateException(
                where + ": rename " + pair.strip() + " renames nothing");
          }
          if (members.put(p.group(1), p.group(2)) != null) {
            throw new IllegalStateException(where + ": " + p.group(1) + " is renamed twice");
          }
        }
      }
      marker =
          new Marker(n + 1, last + 1, m.group(1) != null, Collections.unmodifiableMap(members));
      n = last;
    }
    return marker;
  }

  static String className(Path file) {
    String f = file.getFileName().toString();
    return f.substring(0, f.length() - ".java".length());
  }

  static String twinName(String name) {
    return name.startsWith("Double") ? "Float" + name.substring("Double".length()) : "Float" + name;
  }

  /**
   * The twin of {@code file} (class {@code name}, marked {@code marker}), with the twin classes
   * renamed as {@code renames} says.
   */
  static String generate(Path file, String name, Marker marker, Map<String, String> renames) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    boolean inherited = marker.inherited();
    Map<String, String> members = marker.members();
    Set<String> renamed = new LinkedHashSet<>();
    String twin = twinName(name);
    List<String> out = new ArrayList<>();
    Set<String> imports = new LinkedHashSet<>();
    imports.add("import javax.annotation.processing.Generated;");
    String region = null;
    String pending = null;
    boolean declared = false;
    int importAt = -1;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      String trimmed = line.trim();
      String where = file.getFileName() + ":" + (n + 1);
      if (trimmed.equals("// twin: skip") || trimmed.equals("// twin: only")) {
        if (region != null) {
          throw new IllegalStateException(where + ": a float region is already open");
        }
        region = trimmed.substring("// twin: ".length());
        continue;
      }
      if (trimmed.equals("// twin: end")) {
        if (region == null) {
          throw new IllegalStateException(where + ": no float region to end");
        }
        region = null;
        continue;
      }
      if (n + 1 >= marker.line() && n + 1 <= marker.last() || "skip".equals(region)) {
        continue;
      }
      if ("only".equals(region)) {
        int slashes = line.indexOf("// ");
        if (slashes < 0 && !trimmed.equals("//")) {
          throw new IllegalStateException(where + ": a twin: only line must be a // comment");
        }
        out.add(slashes < 0 ? "" : line.substring(0, slashes) + line.substring(slashes + 3));
        continue;
      }
      if (line.startsWith("import ")) {
        if (importAt < 0) {
          importAt = out.size();
        }
        imports.add(line); // what only-regions use
        imports.add(rename(swapTypes(line, Set.of()), renames));
        continue;
      }
      Matcher alone = MARK_ALONE.matcher(line);
      if (alone.matches()) { // a marker for the next line, where it would not fit
        pending = alone.group(1);
        continue;
      }
      Matcher mark = MARK.matcher(line);
      String kind = mark.find() ? mark.group(1) : pending;
      String code = kind != null && kind != pending ? line.substring(0, mark.start()) : line;
      pending = null;
      if ("keep".equals(kind)) {
        out.add(renameMembers(rename(code, renames), members, renamed));
      } else if (kind != null && kind.startsWith("as ")) {
        out.add(
            code.substring(0, code.length() - code.stripLeading().length())
                + kind.substring("as ".length()));
      } else if ("round".equals(kind)) {
        Matcher r = ROUND.matcher(code);
        Matcher assignment = ASSIGNMENT.matcher(code);
        if (r.matches()) {
          out.add(
              r.group(1)
                  + (r.group(2) == null ? "" : r.group(2))
                  + "float "
                  + r.group(3)
                  + " = "
                  + rounded(r.group(4))
                  + ";");
        } else if (assignment.matches()) {
          out.add(
              assignment.group(1) + assignment.group(2) + " = " + rounded(assignment.group(3))
                  + ";");
        } else {
          throw new IllegalStateException(
              where + ": twin: round needs `double x = e;` or `x = e;`");
        }
      } else {
        Set<String> scalars = new LinkedHashSet<>();
        if (kind != null) {
          for (String s : kind.substring("scalar ".length()).split(",")) {
            scalars.add(s.trim());
          }
        }
        String swapped =
            renameMembers(rename(swapTypes(code, scalars), renames), members, renamed);
        Matcher c = CLASS.matcher(swapped);
        if (!declared && c.matches()) {
          declared = true;
          out.add("@Generated(value = \"FloatTwins\", comments = \"from " + name + ".java\")");
          if (inherited) {
            String rest = c.group(4).replaceAll("\\s*extends " + twin + "\\b", "");
            swapped = "abstract " + c.group(2) + " " + twin + rest;
          } else {
            swapped = c.group(1) + c.group(2) + " " + twin + c.group(4);
          }
        }
        if (inherited) {
          swapped = swapped.replace("private " + name + "() {}", twin + "() {}");
        }
        out.add(swapped);
      }
    }
    if (region != null) {
      throw new IllegalStateException(file + ": twin: " + region + " is never ended");
    }
    if (!declared) {
      throw new IllegalStateException(file + ": no class declaration found");
    }
    for (String member : members.keySet()) {
      if (!renamed.contains(member)) {
        throw new IllegalStateException(
            file.getFileName() + ":" + marker.line() + ": rename " + member + ": the twin never"
                + " uses " + member);
      }
    }
    List<String> sorted = new ArrayList<>(imports);
    sorted.removeIf(i -> i.equals("import " + packageOf(lines) + "." + twin + ";"));
    sorted.sort(null);
    List<String> statics =
        new ArrayList<>(sorted.stream().filter(i -> i.startsWith("import static ")).toList());
    sorted.removeAll(statics);
    List<String> block = new ArrayList<>(statics);
    if (!statics.isEmpty()) {
      block.add("");
    }
    block.addAll(sorted);
    if (importAt < 0) {
      importAt = 2; // after the package line and its blank line
      block.add("");
    }
    out.addAll(importAt, block);
    StringBuilder s = new StringBuilder();
    s.append("// Generated by FloatTwins from ")
        .append(name)
        .append(".java: do not edit; change ")
        .append(name)
        .append(".java instead.\n");
    for (String line : out) {
      s.append(line).append('\n');
    }
    return s.toString();
  }

  /** {@code (float) e}, with parentheses unless {@code e} is a name. */
  private static String rounded(String e) {
    return "(float) " + (SIMPLE.matcher(e).matches() ? e : "(" + e + ")");
  }

  private static String packageOf(List<String> lines) {
    for (String line : lines) {
      if (line.startsWith("package ")) {
        return line.substring("package ".length(), line.length() - 1);
      }
    }
    return "";
  }

  /** The type swaps, outside string literals; {@code scalars} keep their type double. */
  static String swapTypes(String line, Set<String> scalars) {
    boolean code = !isProse(line);
    return inCode(
        line,
        c -> swapCode(c, scalars, code),
        comment -> swapCode(comment, scalars, false)); // prose: no literal suffixes
  }

  /**
   * {@code line} with {@code code} applied to its stretches of code and {@code comment} to a
   * trailing {@code //} comment; string literals are left as they are.
   */
  static String inCode(String line, UnaryOperator<String> code, UnaryOperator<String> comment) {
    StringBuilder s = new StringBuilder();
    int i = 0;
    while (i < line.length()) {
      int quote = line.indexOf('"', i);
      int slashes = line.indexOf("//", i);
      if (slashes >= 0 && (quote < 0 || slashes < quote)) {
        s.append(code.apply(line.substring(i, slashes)));
        s.append(comment.apply(line.substring(slashes)));
        return s.toString();
      }
      if (quote < 0) {
        s.append(code.apply(line.substring(i)));
        return s.toString();
      }
      s.append(code.apply(line.substring(i, quote)));
      int end = quote + 1;
      while (end < line.length() && line.charAt(end) != '"') {
        end += line.charAt(end) == '\\' ? 2 : 1;
      }
      end = Math.min(end + 1, line.length());
      s.append(line, quote, end);
      i = end;
    }
    return s.toString();
  }

  /** Javadoc and block comment lines. */
  private static boolean isProse(String line) {
    String t = line.trim();
    return t.startsWith("*") || t.startsWith("/*");
  }

  /**
   * The swaps of one stretch of code or prose; in prose ({@code literals} false) the word "double"
   * stays, as it usually means the arithmetic ("summed in double").
   */
  private static String swapCode(String code, Set<String> scalars, boolean literals) {
    if (!literals) {
      // A link's parameter list names the twin's own types; an array is never a scalar argument.
      return LINK.matcher(code.replaceAll("\\bDoubleMatrix\\b", "FloatMatrix"))
          .replaceAll(m -> Matcher.quoteReplacement(m.group().replace("double[]", "float[]")));
    }
    String s = code;
    for (String scalar : scalars) {
      s = s.replaceAll("\\bdouble(\\s+)" + scalar + "\\b", "SCALAR_KEEP$1" + scalar);
    }
    s = s.replaceAll("\\bDoubleMatrix\\b", "FloatMatrix");
    s = s.replaceAll("\\bdouble\\b", "float");
    s = s.replaceAll("\\bDouble\\.", "Float.");
    s = s.replace("SCALAR_KEEP", "double");
    if (literals) {
      s = LITERAL.matcher(s).replaceAll("$1f");
    }
    return s;
  }

  /**
   * The member renames of a marker applied to one line: whole identifiers in code outside string
   * literals, {@code #member} references in comments; {@code renamed} collects the names renamed.
   */
  static String renameMembers(String line, Map<String, String> members, Set<String> renamed) {
    if (members.isEmpty()) {
      return line;
    }
    StringBuilder names = new StringBuilder();
    for (String member : members.keySet()) {
      names.append(names.length() == 0 ? "" : "|").append(Pattern.quote(member));
    }
    Pattern code = Pattern.compile("(?<![\\w$])(" + names + ")(?![\\w$])");
    Pattern reference = Pattern.compile("(?<=#)(" + names + ")(?![\\w$])");
    if (isProse(line)) {
      return replace(reference, line, members, renamed);
    }
    return inCode(
        line,
        c -> replace(code, c, members, renamed),
        comment -> replace(reference, comment, members, renamed));
  }

  private static String replace(
      Pattern names, String text, Map<String, String> members, Set<String> renamed) {
    return names.matcher(text).replaceAll(r -> {
      renamed.add(r.group(1));
      return Matcher.quoteReplacement(members.get(r.group(1)));
    });
  }

  static String rename(String line, Map<String, String> renames) {
    String s = line;
    for (Map.Entry<String, String> r : renames.entrySet()) {
      s = s.replaceAll("(?<![\\w])" + r.getKey() + "\\b", r.getValue());
    }
    return s;
  }
}
