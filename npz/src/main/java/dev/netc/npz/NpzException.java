package dev.netc.npz;

import java.io.IOException;

/**
 * A file cannot be read as an {@code .npz} archive, or an array in it is not what its reader asked
 * for. The message is lowercase ASCII and names the entry first when there is one ({@code W1.npy:
 * truncated header (expected 118 bytes, found 40)}), so that it can follow a file name in a
 * compiler error or an exception message.
 */
public final class NpzException extends IOException {
  private static final long serialVersionUID = 1L;

  private final boolean notAnArchive;

  /** A damaged or unsupported archive or array. */
  public NpzException(String message) {
    this(message, null, false);
  }

  /** A damaged or unsupported archive or array, found through {@code cause}. */
  public NpzException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private NpzException(String message, Throwable cause, boolean notAnArchive) {
    super(Text.ascii(message), cause);
    this.notAnArchive = notAnArchive;
  }

  /** The file is not a zip archive at all (empty, another format, a bare {@code .npy}). */
  static NpzException notAnArchive(String message) {
    return new NpzException(message, null, true);
  }

  /**
   * True when the file is not a zip archive at all (an empty file, another format, a bare {@code
   * .npy}), as opposed to a damaged archive or an array that does not fit.
   */
  public boolean notAnArchive() {
    return notAnArchive;
  }
}
