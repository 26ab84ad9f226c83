package dev.netc.runtime;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress bar of {@link Training#progress()}: on a terminal one line redrawn at most ten
 * times a second; elsewhere (logs, CI) a plain line after every tenth of the epochs. When early
 * stopping ends the run before its last epoch, the bar is drawn at the last epoch run and a line
 * says so: {@code stopped early after 98 of 500 epochs; kept the parameters of epoch 77}. A run
 * that early stopping did not cut short but whose best epoch was an earlier one ends with {@code
 * early stopping kept the parameters of epoch 430 (the best of the 500 run)}.
 */
final class ProgressBar implements TrainingListener {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintStream out;
  private final boolean terminal;
  private long start = -1;
  private long lastDrawn;
  private int lastTenth = -1;
  private TrainingProgress latest; // the last epoch heard
  private boolean drawn; // whether the bar shows latest

  ProgressBar(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public void onProgress(TrainingProgress p) {
    long now = System.nanoTime();
    if (start < 0 || p.epoch() == 0) {
      start = now;
      lastDrawn = now - REDRAW_NANOS;
      lastTenth = -1;
    }
    int done = p.epoch() + 1;
    boolean last = done == p.epochs();
    latest = p;
    drawn = false;
    if (terminal) {
      if (last || now - lastDrawn >= REDRAW_NANOS) {
        lastDrawn = now;
        out.print("\r" + line(p, done, now) + (last ? "\n" : ""));
        out.flush();
        drawn = true;
      }
    } else {
      int tenth = (int) (10L * done / p.epochs());
      if (tenth != lastTenth || last) {
        lastTenth = tenth;
        out.println(line(p, done, now));
        drawn = true;
      }
    }
  }

  /**
   * A run cut short by early stopping would otherwise leave the bar at some earlier epoch ("epoch
   * 100/500 20%") with no word of why.
   */
  @Override
  public void onEnd(TrainingReport report) {
    if (latest == null) {
      return;
    }
    if (!report.stoppedEarly()) {
      // Early stopping may still have put back an earlier epoch's parameters.
      if (report.bestEpoch() >= 0 && report.bestEpoch() != report.epochs() - 1) {
        out.println(
            "early stopping kept the parameters of epoch "
                + report.bestEpoch()
                + " (the best of the "
                + report.epochs()
                + " run)");
        out.flush();
      }
      return;
    }
    long now = System.nanoTime();
    int done = latest.epoch() + 1;
    if (terminal) {
      out.print("\r" + line(latest, done, now) + "\n");
    } else if (!drawn) {
      out.println(line(latest, done, now));
    }
    out.println(
        "stopped early after "
            + report.epochs()
            + " of "
            + latest.epochs()
            + " epochs; kept the parameters of epoch "
            + report.bestEpoch());
    out.flush();
  }

  /** {@code epoch 350/1000 [==========>         ]  35% cost 0.2871 val 0.3012 acc 91.2% 0:03 left}. */
  String line(TrainingProgress p, int done, long now) {
    int filled = (int) ((long) WIDTH * done / p.epochs());
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "epoch %d/%d [", done, p.epochs()));
    for (int i = 0; i < WIDTH; i++) {
      s.append(i < filled ? '=' : i == filled ? '>' : ' ');
    }
    s.append(String.format(Locale.ROOT, "] %3d%% cost %.4f", 100L * done / p.epochs(), p.cost()));
    if (!Double.isNaN(p.validationCost())) {
      s.append(String.format(Locale.ROOT, " val %.4f", p.validationCost()));
    }
    if (!Double.isNaN(p.accuracy())) {
      s.append(String.format(Locale.ROOT, " acc %.1f%%", 100 * p.accuracy()));
    }
    if (!Double.isNaN(p.validationAccuracy())) {
      s.append(String.format(Locale.ROOT, " val acc %.1f%%", 100 * p.validationAccuracy()));
    }
    double seconds = (now - start) / 1e9;
    double left = done == p.epochs() ? 0 : seconds / done * (p.epochs() - done);
    s.append(done == p.epochs()
        ? String.format(Locale.ROOT, " %s", clock(seconds))
        : String.format(Locale.ROOT, " %s left", clock(left)));
    return s.toString();
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
