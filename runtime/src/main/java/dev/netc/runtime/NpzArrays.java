package dev.netc.runtime;

import dev.netc.npz.NpyHeader;
import dev.netc.npz.NpzException;
import dev.netc.npz.NpzLimits;
import dev.netc.npz.NpzReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reading that {@link Npz} does in either precision, outside its generated single-precision
 * twin: the checks of every entry, and the source in front of every message.
 */
final class NpzArrays {

  private NpzArrays() {}

  /** Receives one array whose entry was read whole and checked. */
  @FunctionalInterface
  interface Complete {
    void array(String name, NpyHeader header, byte[] data) throws IOException;
  }

  /**
   * Reads every array whose dtype and shape {@link Npz} supports, keeping each entry's data as the
   * bytes that actually arrived (a header claiming more cannot make it allocate more), and hands
   * it over once the reader has checked the entry's size and CRC.
   */
  static void visit(InputStream in, String source, Complete complete) throws IOException {
    Map<String, byte[]> pending = new LinkedHashMap<>();
    try {
      NpzReader.read(in, new NpzReader.ArrayVisitor() {
        @Override
        public void array(String name, NpyHeader header, InputStream data) throws IOException {
          String where = name + ".npy";
          if (!header.isParameterDtype()) {
            throw new NpzException(
                where + " has dtype '" + header.descr() + "'; only '<f8' (float64) and '<f4'"
                    + " (float32) are supported");
          }
          List<Long> shape = header.shape();
          if (shape.isEmpty() || shape.size() > 2) {
            throw new NpzException(
                where + " has shape " + header.tupleText()
                    + "; only (n, m) and (n,) arrays are supported");
          }
          long dataBytes = header.dataBytes().getAsLong();
          if (dataBytes > NpzLimits.MAX_ARRAY_BYTES) {
            throw new NpzException(
                where + " has shape " + header.tupleText() + ", " + dataBytes
                    + " bytes of data; at most " + NpzLimits.MAX_ARRAY_BYTES + " are supported");
          }
          // readNBytes grows its buffer with what actually arrives.
          pending.put(name, data.readNBytes((int) dataBytes));
        }

        @Override
        public void end(String name, NpyHeader header, long dataBytes) throws IOException {
          complete.array(name, header, pending.remove(name));
        }
      });
    } catch (NpzException e) {
      throw from(source, e);
    }
  }

  /** {@code e} with {@code source} in front: {@code model.npz: W1.npy: ...}. */
  static NpzException from(String source, NpzException e) {
    return new NpzException(
        (e.notAnArchive() ? source + " is not an .npz archive: " : source + ": ")
            + e.getMessage(),
        e);
  }

  /** The rows of an array of shape {@code (n, m)} or {@code (n,)}: {@code n}. */
  static int rows(NpyHeader header) {
    return (int) (long) header.shape().get(0);
  }

  /** The columns of an array of shape {@code (n, m)} or {@code (n,)}: {@code m}, or 1. */
  static int columns(NpyHeader header) {
    return header.shape().size() == 2 ? (int) (long) header.shape().get(1) : 1;
  }
}
