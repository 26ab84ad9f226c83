package dev.netc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;

/** What the progress bar says when early stopping ends a run before its last epoch. */
class ProgressBarTest {

  private static final DoubleMatrix[] DATA = LogisticRegression.separable(new Random(5), 200);

  /** Validation labels flipped: the validation cost rises from the start, so training stops. */
  private static String run(boolean terminal, Training training) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TrainingReport report = new LogisticRegression().fit(DATA[0], DATA[1],
        training.progress(new PrintStream(out, true, StandardCharsets.UTF_8), terminal));
    return report.stoppedEarly() + "|" + report.epochs() + "|" + report.bestEpoch() + "|"
        + out.toString(StandardCharsets.UTF_8);
  }

  private static Training stopping() {
    DoubleMatrix flipped = DATA[1].rsub(1);
    return Training.gradientDescent(1.0).iterations(500).validation(DATA[0], flipped)
        .earlyStopping(5, 0.0);
  }

  @Test
  void offATerminalTheLastLinesSayThatEarlyStoppingEndedTheRun() {
    String[] parts = run(false, stopping()).split("\\|", 4);
    assertEquals("true", parts[0], "the run must stop early for this test to mean anything");
    String[] lines = parts[3].split("\n");
    String epochs = parts[1];
    assertTrue(lines[lines.length - 2].startsWith("epoch " + epochs + "/500 ["),
        "the bar at the last epoch run: " + parts[3]);
    assertEquals(
        "stopped early after " + epochs + " of 500 epochs; kept the parameters of epoch "
            + parts[2],
        lines[lines.length - 1]);
  }

  @Test
  void onATerminalTheBarEndsItsLineAndSaysSo() {
    String[] parts = run(true, stopping()).split("\\|", 4);
    assertEquals("true", parts[0]);
    String text = parts[3];
    String epochs = parts[1];
    assertTrue(text.contains("\repoch " + epochs + "/500 ["), text);
    assertTrue(
        text.endsWith("\nstopped early after " + epochs + " of 500 epochs; kept the parameters of"
            + " epoch " + parts[2] + "\n"),
        text);
  }

  @Test
  void aRunThatIsNotCutShortEndsWithTheBarAsBefore() {
    String[] parts = run(false, Training.gradientDescent(1.0).iterations(50)).split("\\|", 4);
    String[] lines = parts[3].split("\n");
    assertEquals(11, lines.length, parts[3]);
    assertTrue(lines[10].startsWith("epoch 50/50 ["), lines[10]);
  }

  @Test
  void aRunThatRanOutButKeptAnEarlierEpochSaysWhich() {
    // Patience longer than the run: never stops early, yet the best validation cost is epoch 0's.
    DoubleMatrix flipped = DATA[1].rsub(1);
    String[] parts = run(false, Training.gradientDescent(1.0).iterations(30)
        .validation(DATA[0], flipped).earlyStopping(100, 0.0)).split("\\|", 4);
    assertEquals("false", parts[0]);
    assertEquals("0", parts[2], "the first epoch is the best on flipped labels");
    String[] lines = parts[3].split("\n");
    assertTrue(lines[lines.length - 2].startsWith("epoch 30/30 ["), parts[3]);
    assertEquals("early stopping kept the parameters of epoch 0 (the best of the 30 run)",
        lines[lines.length - 1]);
  }

  @Test
  void everyListenerHearsTheEndOfTheRunWithItsReport() {
    TrainingReport[] heard = new TrainingReport[1];
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onProgress(TrainingProgress progress) {}

          @Override
          public void onEnd(TrainingReport report) {
            heard[0] = report;
          }
        };
    TrainingReport report = new LogisticRegression().fit(DATA[0], DATA[1],
        stopping().every(10, listener));
    org.junit.jupiter.api.Assertions.assertSame(report, heard[0]);
  }
}
