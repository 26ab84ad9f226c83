/**
 * Pictures of netc models and training runs, written as PNG files.
 *
 * <p>What this package promises:
 *
 * <ul>
 *   <li>Everything renders into an off-screen image: no window, no display, no global setting is
 *       touched, so it works under {@code -Djava.awt.headless=true} and on a machine without an X
 *       server.
 *   <li>A PNG is written atomically: a temporary file in the same directory, flushed to disk, then
 *       moved over the target; on failure the old file is untouched and an {@link
 *       java.io.IOException} names the path. Missing parent directories are created.
 *   <li>Bad input throws {@link java.lang.IllegalArgumentException} in the house sentence shape
 *       ({@code decisionBoundary: X must be 2xm (n[0] x m), got 3x400}) before anything is
 *       written.
 * </ul>
 *
 * <p>The charts are drawn with XChart ({@code org.knowm.xchart}); no XChart type appears in this
 * package's API.
 */
package dev.netc.plots;
