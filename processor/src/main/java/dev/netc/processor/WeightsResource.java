package dev.netc.processor;

import dev.netc.npz.ArrayHeader;
import dev.netc.npz.NpzException;
import dev.netc.npz.NpzHeaders;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.StandardLocation;

/**
 * Finds the {@code .npz} file that {@code @Network(weights = "...")} names and reads its array
 * headers, at compile time, through the {@link Filer} only.
 *
 * <p>The value is a class-path resource path, relative to the class-path root (a leading {@code /}
 * is allowed and ignored), because that is how the generated {@code pretrained()} finds the file at
 * run time. javac cannot see the run-time class path, so the file is looked for, in order, in:
 *
 * <ol>
 *   <li>the class output ({@code -d}): Maven copies {@code src/main/resources} there in the
 *       process-resources phase, before javac runs;
 *   <li>the source path ({@code -sourcepath}), where a build can point javac at its resource
 *       directory (Gradle leaves the source path empty unless told otherwise);
 *   <li>the class path, when the compiler's Filer can read it (javac can; others may refuse).
 * </ol>
 *
 * <p>The first location that holds the file wins, even if it cannot be read: a damaged file in the
 * class output is what the build will package, so a good copy elsewhere must not hide it.
 *
 * <p>Reading a file no build tool sees as an input of the declaration is one reason netc declares
 * no Gradle incremental-processing category (there is no {@code
 * META-INF/gradle/incremental.annotation.processors}); the others are {@link Suppressions}, which
 * reads the SOURCE-retention {@code @SuppressWarnings}, and {@link TreeSites}, which needs javac's
 * own processing environment. Gradle then recompiles everything when anything changes.
 */
final class WeightsResource {

  /** What looking for one resource found: exactly one of three outcomes. */
  sealed interface Contents permits Arrays, Unreadable, Absent {}

  /**
   * The file was found and read.
   *
   * @param where the file, for messages (a path, or a URI for a file inside a jar)
   * @param arrays every array's header, in archive order
   * @param values what the float arrays' values hold ({@link NpzHeaders#scan}: NaN, infinities,
   *     values beyond float32), read while the reader passes over the data anyway, so it costs
   *     no extra read and no allocation
   */
  record Arrays(String where, List<ArrayHeader> arrays, NpzHeaders.Scan values)
      implements Contents {
    Arrays {
      arrays = List.copyOf(arrays);
    }

    /** An archive whose values are all fine. */
    Arrays(String where, List<ArrayHeader> arrays) {
      this(where, arrays, new NpzHeaders.Scan(arrays, Map.of(), Map.of()));
    }
  }

  /**
   * The file was found but is not a readable {@code .npz} archive.
   *
   * @param where the file, for messages
   * @param reason why, lowercase, ASCII ({@link NpzException}'s message)
   */
  record Unreadable(String where, String reason) implements Contents {}

  /**
   * No location holds the file.
   *
   * @param looked where it was looked for, for messages: {@code the class output
   *     (/p/target/classes/planar.npz), the source path and the class path}
   */
  record Absent(String looked) implements Contents {}

  private static final int MAX_SEGMENT = 255;

  private final Filer filer;
  /** Several networks may share one file; read it once per compilation. */
  private final Map<String, Contents> cache = new HashMap<>();

  WeightsResource(Filer filer) {
    this.filer = filer;
  }

  /**
   * What is wrong with {@code weights} as a resource path, or null when it is usable. Each name
   * between slashes must use the POSIX portable file name characters only (letters, digits,
   * {@code .}, {@code _}, {@code -}), must not be {@code .} or {@code ..}, and must not be empty:
   * the same path then works on every file system, in a jar, in a URI, in the generated Java string
   * literal and in its javadoc, and {@code Filer} accepts it as a relative name.
   */
  static String pathProblem(String weights) {
    String path = normalize(weights);
    if (path.isEmpty()) {
      return weights.isEmpty() ? "it is empty" : "it names the class-path root, not a file";
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        return "it has an empty name between two slashes";
      }
      if (segment.equals(".") || segment.equals("..")) {
        return "it contains \"" + segment + "\" (a resource path cannot leave or restate"
            + " its directory)";
      }
      if (segment.length() > MAX_SEGMENT) {
        return "a name in it is longer than " + MAX_SEGMENT + " characters";
      }
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        boolean portable =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
        if (!portable) {
          return "it contains " + describe(c);
        }
      }
    }
    return null;
  }

  /** The path relative to the class-path root: {@code weights} without one leading slash. */
  static String normalize(String weights) {
    return weights.startsWith("/") ? weights.substring(1) : weights;
  }

  /**
   * Looks for {@code path} (normalized, without {@link #pathProblem}) in the class output, the
   * source path and the class path, and reads the array headers of the first file found.
   */
  Contents read(String path) {
    return cache.computeIfAbsent(path, this::lookUp);
  }

  private Contents lookUp(String path) {
    List<String> looked = new ArrayList<>();
    for (StandardLocation location :
        List.of(
            StandardLocation.CLASS_OUTPUT,
            StandardLocation.SOURCE_PATH,
            StandardLocation.CLASS_PATH)) {
      FileObject file;
      try {
        file = filer.getResource(location, "", path);
      } catch (FileNotFoundException | NoSuchFileException e) {
        looked.add(name(location));
        continue;
      } catch (IOException | RuntimeException e) {
        // A Filer may refuse a location it does not serve (javac's serves all three): go on.
        looked.add(name(location) + " (which this compiler does not let processors read)");
        continue;
      }
      String where = where(file);
      InputStream in;
      try {
        in = file.openInputStream();
      } catch (FileNotFoundException | NoSuchFileException e) {
        // javac hands out the class output's file objects whether or not the file exists.
        looked.add(name(location) + (where == null ? "" : " (" + where + ")"));
        continue;
      } catch (IOException | RuntimeException e) {
        return new Unreadable(orLocation(where, location), "cannot open it: " + message(e));
      }
      try {
        return contents(orLocation(where, location), in);
      } finally {
        try {
          in.close();
        } catch (IOException e) {
          // Everything needed has been read.
        }
      }
    }
    return new Absent(joined(looked));
  }

  /**
   * What the file {@code where} holds, read from {@code in}: its arrays or why it is unreadable.
   * The whole compile-time reading of a weights file, Filer aside.
   */
  static Contents contents(String where, InputStream in) {
    try {
      NpzHeaders.Scan scan = NpzHeaders.scan(in);
      return new Arrays(where, scan.arrays(), scan);
    } catch (NpzException e) {
      return new Unreadable(where, e.getMessage());
    }
  }

  private static String name(JavaFileManager.Location location) {
    if (location == StandardLocation.CLASS_OUTPUT) {
      return "the class output";
    }
    return location == StandardLocation.SOURCE_PATH ? "the source path" : "the class path";
  }

  private static String orLocation(String where, JavaFileManager.Location location) {
    return where != null ? where : name(location);
  }

  /** The file for a message: a plain path for a file on disk, else its URI; ASCII only. */
  private static String where(FileObject file) {
    try {
      URI uri = file.toUri();
      if (uri == null) {
        return null;
      }
      String text = "file".equals(uri.getScheme()) ? Path.of(uri).toString() : uri.toString();
      return ascii(text, 300);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  private static String joined(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and " + items.get(items.size() - 1);
  }

  private static String message(Throwable e) {
    String message = e.getMessage();
    return ascii(
        message == null || message.isBlank() ? e.getClass().getSimpleName() : message, 200);
  }

  private static String describe(char c) {
    if (c == ' ') {
      return "a space";
    }
    if (c == '\\') {
      return "a backslash (use '/' between directories)";
    }
    if (c >= 0x21 && c < 0x7f) {
      return "'" + c + "'";
    }
    return String.format("the character U+%04X", (int) c);
  }

  /**
   * At most {@code limit} characters of {@code text}, anything but printable ASCII as {@code
   * \}{@code uXXXX}: javac prints messages in the platform encoding.
   */
  static String ascii(String text, int limit) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (; i < text.length() && out.length() < limit; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return i < text.length() ? out + "..." : out.toString();
  }
}
