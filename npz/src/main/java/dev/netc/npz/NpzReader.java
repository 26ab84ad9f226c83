package dev.netc.npz;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a NumPy {@code .npz} archive (a zip of {@code NAME.npy} entries, stored or deflated, as
 * {@code numpy.savez} and {@code numpy.savez_compressed} write) as a stream, handing each array's
 * header to an {@link ArrayVisitor} before any of its data is read, so that a caller that knows
 * what it expects refuses a wrong array before allocating anything for it.
 *
 * <p>It trusts nothing in the file: every failure, whatever its cause (a damaged zip, a truncated
 * stream, a hostile header), ends as one {@link NpzException}, and no allocation is sized by a
 * number read from the file beyond the fixed caps of {@link NpzLimits}. After the last entry it
 * checks the zip's end-of-central-directory record and the central directory itself against the
 * entries it read: NumPy reads an archive through its central directory (at the end of the file),
 * this reader through the local entries (from the start), and the two must agree. A file holding
 * two archives one after the other, which NumPy would read as the second, is refused.
 */
public final class NpzReader {

  /** What to do with each array of an archive; see {@link NpzReader#read}. */
  public interface ArrayVisitor {

    /**
     * Called for each array in archive order once its header is read and, for a stored entry,
     * its size checked, before any data byte is read. {@code data} holds the array's data and ends
     * where the entry ends; the visitor may read all of it, part of it or none (the reader counts
     * and checks whatever is left). To refuse the array, throw an {@link NpzException}: it reaches
     * the caller of {@link NpzReader#read} unchanged.
     */
    void array(String name, NpyHeader header, InputStream data) throws IOException;

    /**
     * Called once the array's entry was read to its end and its CRC and size checked: what {@link
     * #array} read is the array's whole, intact data. {@code dataBytes} is the count of data bytes.
     */
    default void end(String name, NpyHeader header, long dataBytes) throws IOException {}
  }

  /** The end-of-central-directory record: signature, 16 fixed bytes, a comment of 0..65535. */
  private static final int EOCD_BYTES = 22;

  private static final int MAX_ZIP_COMMENT = 0xFFFF;

  /** The zip64 end record (56 bytes) and its locator (20). */
  private static final int ZIP64_END_BYTES = 56 + 20;

  private NpzReader() {}

  /**
   * Reads every array of the {@code .npz} archive in {@code in}, in archive order, through {@code
   * visitor}, then checks the archive's end. Does not close {@code in}; reads it to its end unless
   * a failure stops it. An archive without arrays is read without complaint.
   *
   * @throws NpzException for an empty, non-zip, damaged or truncated archive, an entry that is not
   *     a {@code .npy} array, a duplicate name, a bad or truncated {@code .npy} header, a data size
   *     that does not match the header, or a directory that disagrees with the entries; or what
   *     the visitor threw
   */
  public static void read(InputStream in, ArrayVisitor visitor) throws NpzException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(visitor, "visitor");
    Source source = new Source(in);
    try (ZipInputStream zip = new ZipInputStream(source, UTF_8)) {
      List<ZipEntry> entries = new ArrayList<>();
      Set<String> names = new HashSet<>();
      String previous = null;
      while (true) {
        ZipEntry entry;
        try {
          entry = zip.getNextEntry();
        } catch (IOException | RuntimeException e) {
          throw new NpzException(
              (previous == null ? "" : "after " + previous + ": ")
                  + "damaged zip entry header ("
                  + Text.describe(e)
                  + ")",
              e);
        }
        if (entry == null) {
          break;
        }
        // Names reach compiler messages: no control characters, no terminal escapes.
        String entryName = Text.printable(entry.getName(), 200);
        try {
          readEntry(entry, entryName, zip, names, visitor);
        } catch (NpzException e) {
          throw e;
        } catch (EOFException e) {
          throw new NpzException(entryName + ": the archive ends inside this entry (truncated)", e);
        } catch (IOException | RuntimeException e) {
          throw new NpzException(entryName + ": damaged zip entry (" + Text.describe(e) + ")", e);
        }
        entries.add(entry);
        previous = entryName;
      }
      source.drain();
      checkEnd(source, entries);
    } catch (NpzException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // drain() and close(); also whatever a JDK zip class throws that we did not foresee
      throw new NpzException("unreadable .npz archive (" + Text.describe(e) + ")", e);
    }
  }

  private static void readEntry(
      ZipEntry entry, String entryName, ZipInputStream zip, Set<String> names, ArrayVisitor visitor)
      throws IOException {
    String rawName = entry.getName();
    if (entry.isDirectory() || !rawName.endsWith(".npy")) {
      throw new NpzException(
          entryName + ": not a .npy array; every entry of an .npz must be named NAME.npy");
    }
    String name = rawName.substring(0, rawName.length() - ".npy".length());
    if (name.isEmpty()) {
      throw new NpzException(entryName + ": an array needs a name before .npy");
    }
    if (!names.add(name)) {
      throw new NpzException(entryName + ": appears twice in the archive");
    }
    NpyHeaders.Parsed parsed = NpyHeaders.read(zip, entryName);
    NpyHeader header = parsed.header();
    OptionalLong expected = header.dataBytes();
    long announced = entry.getSize() < 0 ? -1 : entry.getSize() - parsed.length();
    if (expected.isPresent() && announced >= 0 && announced != expected.getAsLong()) {
      // A stored entry states its size up front: refuse a lying header before reading the data.
      throw sizeMismatch(entryName, header, announced, expected.getAsLong());
    }
    Counted data = new Counted(zip);
    visitor.array(name, header, data);
    data.drain();
    if (expected.isPresent() && data.count() != expected.getAsLong()) {
      throw sizeMismatch(entryName, header, data.count(), expected.getAsLong());
    }
    // ZipInputStream checks the CRC and the sizes when the entry's end is read: drain() did.
    visitor.end(name, header, data.count());
  }

  private static NpzException sizeMismatch(
      String entryName, NpyHeader header, long found, long expected) {
    return new NpzException(
        entryName + ": data holds " + found + " bytes but a " + header.shapeText()
            + " array of " + header.descr() + " needs " + expected);
  }

  /**
   * ZipInputStream stops quietly at anything that is not a local entry header, so an empty file,
   * a non-zip file, a valid archive cut short after a whole entry, and two archives one after the
   * other would all read as "no more arrays". Only the records at the very end tell them apart:
   * the end-of-central-directory record and the directory it points to, which is what NumPy reads.
   */
  private static void checkEnd(Source source, List<ZipEntry> entries) throws NpzException {
    int arrays = entries.size();
    if (source.total() == 0) {
      throw NpzException.notAnArchive(
          "the file is empty; an .npz is a zip archive of .npy arrays");
    }
    byte[] head = source.head();
    if (arrays == 0 && startsWith(head, NpyHeaders.MAGIC)) {
      throw NpzException.notAnArchive(
          "this is a single .npy array, not an .npz archive; save it with numpy.savez");
    }
    if (arrays == 0 && !startsWith(head, new byte[] {'P', 'K'})) {
      throw NpzException.notAnArchive(
          "not a zip archive (an .npz starts with PK, this file starts with "
              + Text.printable(head, head.length) + ")");
    }
    byte[] tail = source.tail();
    long tailStart = source.total() - tail.length;
    int eocd = -1;
    for (int at = tail.length - EOCD_BYTES;
        at >= Math.max(0, tail.length - EOCD_BYTES - MAX_ZIP_COMMENT);
        at--) {
      if (tail[at] == 'P' && tail[at + 1] == 'K' && tail[at + 2] == 5 && tail[at + 3] == 6
          && at + EOCD_BYTES + u16(tail, at + 20) == tail.length) {
        eocd = at;
        break;
      }
    }
    if (eocd < 0) {
      throw arrays == 0
          ? NpzException.notAnArchive(
              "not a valid zip archive (no entries and no end-of-archive record)")
          : new NpzException(
              "the archive is truncated or damaged: its end-of-archive record is missing after "
                  + arrays + (arrays == 1 ? " array" : " arrays"));
    }
    long listed = u16(tail, eocd + 10);
    long directorySize = u32(tail, eocd + 12);
    long directoryOffset = u32(tail, eocd + 16);
    int directoryEnd = eocd;
    if (listed == 0xFFFF || directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL) {
      // Zip64: the real values are in the zip64 end record, which its locator points to.
      int locator = eocd - 20;
      if (locator < 0 || !signature(tail, locator, 6, 7)) {
        throw new NpzException(
            "the archive is damaged: its end record announces zip64 but has no zip64 locator");
      }
      long record = u64(tail, locator + 8) - tailStart;
      if (record < 0 || record + 56 > locator || !signature(tail, (int) record, 6, 6)) {
        throw new NpzException("the archive is damaged: its zip64 end record is missing");
      }
      listed = u64(tail, (int) record + 32);
      directorySize = u64(tail, (int) record + 40);
      directoryOffset = u64(tail, (int) record + 48);
      directoryEnd = (int) record;
    }
    if (listed != arrays) {
      // The central directory lists an entry the stream could not reach (junk between entries).
      throw new NpzException(
          "the archive is damaged: its directory lists " + listed + " entries but " + arrays
              + " could be read");
    }
    if (arrays == 0) {
      return;
    }
    long directoryStart = tailStart + directoryEnd - directorySize;
    if (directorySize < 0 || directoryStart < 0 || directoryStart != directoryOffset) {
      // numpy (Python's zipfile) takes the difference as data before the archive and reads the
      // archive the end record describes; this reader has read the first one. Refuse to guess.
      throw new NpzException(
          "the file holds more than one zip archive, or data before its archive (its directory"
              + " starts at byte " + Math.max(0, directoryStart) + " but says " + directoryOffset
              + "); numpy.load would read the last archive and netc the first: write the file"
              + " again with numpy.savez");
    }
    if (directoryStart < tailStart) {
      throw new NpzException(
          "the archive's directory of " + directorySize + " bytes is larger than the "
              + NpzLimits.MAX_DIRECTORY_BYTES + " bytes netc checks");
    }
    checkDirectory(tail, (int) (directoryStart - tailStart), directoryEnd, entries);
  }

  /** Every directory entry names, in order, the local entry read, with its CRC and sizes. */
  private static void checkDirectory(byte[] tail, int at, int end, List<ZipEntry> entries)
      throws NpzException {
    for (ZipEntry entry : entries) {
      if (at + 46 > end || !signature(tail, at, 1, 2)) {
        throw new NpzException(
            "the archive is damaged: its directory does not list " + shown(entry));
      }
      int nameLength = u16(tail, at + 28);
      int extraLength = u16(tail, at + 30);
      int commentLength = u16(tail, at + 32);
      int next = at + 46 + nameLength + extraLength + commentLength;
      if (next > end) {
        throw new NpzException("the archive is damaged: its directory is cut short");
      }
      String name = new String(tail, at + 46, nameLength, UTF_8);
      if (!name.equals(entry.getName()) || u32(tail, at + 16) != entry.getCrc()) {
        throw new NpzException(
            "the archive is damaged: its directory lists " + Text.printable(name, 200)
                + " where the archive holds " + shown(entry)
                + " (numpy.load reads the directory)");
      }
      at = next;
    }
    if (at != end) {
      throw new NpzException("the archive is damaged: its directory holds more than its entries");
    }
  }

  private static String shown(ZipEntry entry) {
    return Text.printable(entry.getName(), 200);
  }

  private static boolean signature(byte[] bytes, int at, int third, int fourth) {
    return at >= 0 && at + 4 <= bytes.length && bytes[at] == 'P' && bytes[at + 1] == 'K'
        && bytes[at + 2] == third && bytes[at + 3] == fourth;
  }

  private static int u16(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8;
  }

  private static long u32(byte[] bytes, int at) {
    return u16(bytes, at) | (long) u16(bytes, at + 2) << 16;
  }

  /** An unsigned 64-bit field; one above 2^63 - 1 reads as negative and fails the checks. */
  private static long u64(byte[] bytes, int at) {
    return u32(bytes, at) | u32(bytes, at + 4) << 32;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** One entry's data as the visitor sees it: counted, and never closing the zip stream. */
  private static final class Counted extends FilterInputStream {
    private long count;

    Counted(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b != -1) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(n);
      count += Math.max(skipped, 0);
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    @Override
    public void close() {}

    void drain() throws IOException {
      byte[] skip = new byte[8192];
      while (read(skip, 0, skip.length) != -1) {
        // counted
      }
    }

    long count() {
      return count;
    }
  }

  /**
   * The caller's stream, which it keeps (close is a no-op), remembering the first bytes and the
   * file's last bytes, where the zip directory and its end record are, up to a fixed size.
   */
  private static final class Source extends FilterInputStream {
    private static final int TAIL_CAP =
        EOCD_BYTES + MAX_ZIP_COMMENT + ZIP64_END_BYTES + NpzLimits.MAX_DIRECTORY_BYTES;
    private final byte[] head = new byte[8];
    private final byte[] single = new byte[1];
    /** Grows to TAIL_CAP, then is used as a ring: a small file costs little. */
    private byte[] ring = new byte[8192];
    private long total;

    Source(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b != -1) {
        single[0] = (byte) b;
        record(single, 0, 1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        record(b, off, n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // Skipped bytes must pass through record(); read them instead.
      byte[] buffer = new byte[(int) Math.max(0, Math.min(n, 8192))];
      int r = read(buffer, 0, buffer.length);
      return Math.max(r, 0);
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    @Override
    public void close() {}

    private void record(byte[] b, int off, int n) {
      while (total + n > ring.length && ring.length < TAIL_CAP) {
        // Still linear (total < ring.length): growing keeps every byte where it was.
        ring = Arrays.copyOf(ring, (int) Math.min(TAIL_CAP, 2L * ring.length));
      }
      if (total < head.length) {
        System.arraycopy(b, off, head, (int) total, (int) Math.min(n, head.length - total));
      }
      // Only the last ring.length bytes can matter; copy them in at most two pieces.
      int skip = Math.max(0, n - ring.length);
      int at = (int) ((total + skip) % ring.length);
      int first = Math.min(n - skip, ring.length - at);
      System.arraycopy(b, off + skip, ring, at, first);
      System.arraycopy(b, off + skip + first, ring, 0, n - skip - first);
      total += n;
    }

    /** Reads past whatever ZipInputStream left, so that the tail really is the file's end. */
    void drain() throws IOException {
      byte[] buffer = new byte[8192];
      while (read(buffer, 0, buffer.length) != -1) {
        // only record() matters
      }
    }

    long total() {
      return total;
    }

    byte[] head() {
      byte[] copy = new byte[(int) Math.min(total, head.length)];
      System.arraycopy(head, 0, copy, 0, copy.length);
      return copy;
    }

    /** The last {@code min(total, ring.length)} bytes, oldest first. */
    byte[] tail() {
      int length = (int) Math.min(total, ring.length);
      byte[] copy = new byte[length];
      int start = (int) ((total - length) % ring.length);
      int first = Math.min(length, ring.length - start);
      System.arraycopy(ring, start, copy, 0, first);
      System.arraycopy(ring, 0, copy, first, length - first);
      return copy;
    }
  }
}
