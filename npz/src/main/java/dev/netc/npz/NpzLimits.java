package dev.netc.npz;

/**
 * The limits every netc reader applies to an {@code .npz} file: the compile-time check and the
 * run-time loaders share them, so a file one accepts the other does not refuse for its size.
 */
public final class NpzLimits {

  /**
   * The largest {@code .npy} header read: v2/v3 headers announce a 4-byte length and numpy writes
   * a few hundred bytes at most (its own reader stops at 10,000 by default); 1 MiB leaves room for
   * any structured dtype while a hostile length cannot make a reader allocate more.
   */
  public static final int MAX_HEADER_BYTES = 1 << 20;

  /**
   * The largest zip central directory checked against the entries read (about 10,000 arrays): the
   * reader keeps this much of the file's end, which is where the directory is.
   */
  public static final int MAX_DIRECTORY_BYTES = 1 << 20;

  /** The largest array data a loader materializes: what one Java array can index. */
  public static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

  private NpzLimits() {}
}
