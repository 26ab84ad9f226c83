package dev.netc.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains on 315 MB of examples in a JVM of 64 MB of heap, and gets the parameters that the
 * in-memory fit gets here.
 */
class BatchesLargerThanHeapTest {
  private static final int M = 393_216;
  private static final int N = 100;
  private static final String HEAP = "-Xmx64m";

  @Test
  void trainsOnAFileFiveTimesItsHeapWithTheInMemoryResult(@TempDir Path dir) throws Exception {
    DoubleMatrix X = new DoubleMatrix(N, M);
    DoubleMatrix Y = new DoubleMatrix(1, M);
    Random random = new Random(17);
    for (int j = 0; j < M; j++) {
      double s = 0;
      for (int i = 0; i < N; i++) {
        double v = random.nextDouble() * 2 - 1;
        X.data[j * N + i] = v;
        s += i < 10 ? v : 0;
      }
      Y.data[j] = s > 0 ? 1 : 0;
    }
    Path x = dir.resolve("X.npy");
    Path y = dir.resolve("Y.npy");
    NpyFiles.write(x, X, false);
    NpyFiles.write(y, Y, false);
    long bytes = Files.size(x);
    assertTrue(bytes > 300_000_000L, bytes + " bytes");

    Path out = dir.resolve("trained.npz");
    String classpath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
        "-cp", classpath, LargerThanHeap.class.getName(), x.toString(), y.toString(),
        out.toString()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, child.exitValue(), output);
    long heap = Long.parseLong(output.replaceAll("(?s).*heap (\\d+) final cost.*", "$1"));
    assertTrue(bytes > 4 * heap, bytes + " bytes of data, " + heap + " bytes of heap");

    WideModel memory = WideModel.create(3);
    memory.fit(X, Y, LargerThanHeap.TRAINING);
    WideModel file = WideModel.load(out);
    for (int l = 1; l <= 2; l++) {
      assertArrayEquals(memory.parameters().W(l).data, file.parameters().W(l).data, "W" + l);
      assertArrayEquals(memory.parameters().b(l).data, file.parameters().b(l).data, "b" + l);
    }
  }
}
