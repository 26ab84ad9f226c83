package dev.netc.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelThreads} on its own, with a plain {@code int[]} as the parameter set: which set a
 * pass reads, and that {@code beginFit} waits for the passes still reading the live set before
 * training may write it.
 */
final class ModelThreadsTest {
  private static final class Passes extends ThreadSlot {}

  private final int[] live = {1, 2, 3};
  private final ModelThreads<int[], Passes> threads =
      new ModelThreads<>("Net", live, int[]::clone, Passes::new);
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void eachThreadHasItsOwnPassesAndReadsTheLiveSetOutsideFit() throws Exception {
    Passes mine = threads.passes();
    assertSame(mine, threads.passes());
    assertNotSame(mine, pool.submit(threads::passes).get());
    assertSame(live, threads.enter(mine));
    threads.exit(mine);
  }

  @Test
  void duringFitOtherThreadsReadACopyAndTheFittingThreadTheLiveSet() throws Exception {
    threads.beginFit();
    try {
      int[] seen = pool.submit(() -> {
        Passes passes = threads.passes();
        try {
          return threads.enter(passes);
        } finally {
          threads.exit(passes);
        }
      }).get();
      assertNotSame(live, seen);
      assertEquals(3, seen[2]);
      live[2] = 30; // training writes the live set; the copy keeps what it was
      assertEquals(3, seen[2]);
      assertSame(live, threads.enter(threads.passes()));
      threads.exit(threads.passes());
    } finally {
      threads.endFit();
    }
    Passes passes = pool.submit(threads::passes).get();
    assertSame(live, threads.enter(passes));
  }

  @Test
  void beginFitWaitsForAPassThatReadsTheLiveSet() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    AtomicReference<int[]> read = new AtomicReference<>();
    Future<?> reader = pool.submit(() -> {
      Passes passes = threads.passes();
      read.set(threads.enter(passes));
      entered.countDown();
      try {
        finish.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        threads.exit(passes);
      }
      return null;
    });
    assertTrue(entered.await(10, TimeUnit.SECONDS));
    assertSame(live, read.get());
    Future<?> fit = pool.submit(() -> {
      threads.beginFit();
      return null;
    });
    // the reader is still in its pass on the live set: fit must not begin to write it
    assertThrows(TimeoutException.class, () -> fit.get(300, TimeUnit.MILLISECONDS));
    assertFalse(fit.isDone());
    finish.countDown();
    reader.get(10, TimeUnit.SECONDS);
    fit.get(10, TimeUnit.SECONDS);
    IllegalStateException second = assertThrows(IllegalStateException.class, threads::beginFit);
    assertTrue(second.getMessage().startsWith("Net: fit is already running on this model"),
        second.getMessage());
  }
}
