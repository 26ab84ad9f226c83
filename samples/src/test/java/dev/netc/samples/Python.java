package dev.netc.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python interpreters the interop tests run (NumPy, PyTorch): which one can import what they
 * need, and running a script of {@code src/test/python} with a time limit. Debian's own
 * interpreter comes first because that is where {@code apt-get install python3-numpy} and {@code
 * python3-torch} (as .ci/run does) put them; a {@code python3} earlier on the PATH (pyenv, a
 * virtualenv) may lack them.
 */
final class Python {
  private static final List<String> INTERPRETERS = List.of("/usr/bin/python3", "python3");

  private Python() {}

  /**
   * The first interpreter that runs {@code probe} (e.g. {@code "import numpy"}) successfully, or
   * null; each one tried and why it failed is added to {@code tried}.
   */
  static String find(String probe, long timeoutSeconds, List<String> tried)
      throws InterruptedException {
    for (String python : INTERPRETERS) {
      try {
        Process process =
            new ProcessBuilder(python, "-c", probe).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String text = new String(process.getInputStream().readAllBytes(), UTF_8).strip();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          tried.add(python + " (timed out)");
        } else if (process.exitValue() == 0) {
          return python;
        } else {
          String[] lines = text.split("\n");
          tried.add(python + " (" + lines[lines.length - 1] + ")");
        }
      } catch (IOException e) {
        tried.add(python + " (" + e.getMessage() + ")");
      }
    }
    return null;
  }

  /**
   * Runs {@code script} (relative to the samples module) with {@code args} and returns the
   * non-empty lines it printed; fails with its output if it fails or outlasts the limit.
   */
  static List<String> run(String python, String script, long timeoutSeconds, String... args)
      throws Exception {
    Path file = Path.of(System.getProperty("basedir", "")).resolve(script).toAbsolutePath();
    assertTrue(Files.isRegularFile(file), file + " must exist (run the test from samples/)");
    List<String> command = new ArrayList<>(List.of(python, file.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String text = new String(process.getInputStream().readAllBytes(), UTF_8);
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(python + " " + file + " did not finish in " + timeoutSeconds + " s:\n" + text);
    }
    assertEquals(0, process.exitValue(), python + " " + file + " failed:\n" + text);
    return text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
