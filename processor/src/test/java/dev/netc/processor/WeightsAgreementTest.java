package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.netc.annotations.Activation;
import dev.netc.annotations.Init;
import dev.netc.annotations.Loss;
import dev.netc.annotations.Precision;
import dev.netc.runtime.Architecture;
import dev.netc.runtime.ModelFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Every weights file the compile-time check accepts, the run-time loads: {@code pretrained()}
 * never refuses a file that {@code @Network(weights = ...)} let compile. A seeded corpus of
 * generated files (dtypes, orders, versions, vector biases, compression, preprocessing arrays,
 * NaN and infinities, values beyond float32, wrong and missing arrays, two archives in one file,
 * truncations and corrupted bytes) goes through both: {@link WeightsResource#contents} and {@link
 * WeightsChecker} as javac runs them, and {@link ModelFiles#load} / {@link ModelFiles#loadFloat}
 * as the generated {@code pretrained()} calls them, for a double and a float declaration of the
 * planar network {@code 2 -> 4 -> 1}.
 */
final class WeightsAgreementTest {

  private static final int FILES = 1_500;

  private static final Architecture DOUBLE =
      new Architecture(
          "Net",
          new int[] {2, 4, 1},
          new String[] {"", ""},
          new Activation[] {Activation.TANH, Activation.SIGMOID},
          Loss.BINARY_CROSS_ENTROPY);

  private static final Architecture FLOAT =
      new Architecture(
          "Net",
          new int[] {2, 4, 1},
          new String[] {"", ""},
          new Activation[] {Activation.TANH, Activation.SIGMOID},
          Loss.BINARY_CROSS_ENTROPY,
          Precision.FLOAT);

  @Test
  void everyFileTheCompileTimeCheckAcceptsTheRunTimeLoads() {
    Random rng = new Random(2026);
    int[] counts = new int[4]; // both accept, both refuse, only javac refuses, only run time
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      byte[] file = corpus(rng, i);
      for (Precision precision : Precision.values()) {
        boolean compiles = compiles(file, precision);
        String loaded = loads(file, precision == Precision.FLOAT ? FLOAT : DOUBLE);
        counts[compiles ? (loaded == null ? 0 : 3) : (loaded == null ? 2 : 1)]++;
        if (compiles && loaded != null) {
          disagreements.add("file " + i + " " + precision + ": javac accepts, load says " + loaded);
        }
      }
    }
    assertThat(disagreements).isEmpty();
    // The corpus exercises both outcomes, not only refusals.
    assertThat(counts[0]).isGreaterThan(FILES / 5);
    assertThat(counts[1]).isGreaterThan(FILES / 5);
  }

  /** No findings from the compile-time check of {@code @Network(weights = "w.npz")}. */
  private static boolean compiles(byte[] file, Precision precision) {
    WeightsResource.Contents contents =
        WeightsResource.contents("w.npz", new ByteArrayInputStream(file));
    Report report = new Report();
    new WeightsChecker(path -> contents).check(network(precision), report);
    return report.findings().isEmpty();
  }

  /** Null if the run-time loads the file, else its message. */
  private static String loads(byte[] file, Architecture a) {
    try {
      if (a.precision() == Precision.FLOAT) {
        ModelFiles.loadFloat(new ByteArrayInputStream(file), "w.npz", a);
      } else {
        ModelFiles.load(new ByteArrayInputStream(file), "w.npz", a);
      }
      return null;
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  // ---------------------------------------------------------------- the corpus

  /** File {@code i}: a random planar archive, sometimes damaged afterwards. */
  private static byte[] corpus(Random rng, int i) {
    byte[] file = archive(rng);
    switch (i % 10) {
      case 7 -> { // truncated
        return Arrays.copyOf(file, rng.nextInt(file.length));
      }
      case 8 -> { // a few bytes changed
        for (int flips = 1 + rng.nextInt(3); flips > 0; flips--) {
          file[rng.nextInt(file.length)] = (byte) rng.nextInt(256);
        }
        return file;
      }
      case 9 -> { // two archives in one file, or junk around one
        byte[] other = rng.nextBoolean() ? archive(rng) : "junk".getBytes(UTF_8);
        return rng.nextBoolean() ? concat(file, other) : concat(other, file);
      }
      default -> {
        return file;
      }
    }
  }

  private static byte[] archive(Random rng) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    long[][] shapes = {{4, 2}, {4, 1}, {1, 4}, {1, 1}};
    String[] names = {"W1", "b1", "W2", "b2"};
    for (int k = 0; k < 4; k++) {
      if (rng.nextInt(40) == 0) {
        continue; // missing
      }
      long[] shape = shapes[k];
      if (k % 2 == 1 && rng.nextInt(3) == 0) {
        shape = new long[] {shape[0]}; // a vector bias, as numpy writes it
      } else if (rng.nextInt(30) == 0) {
        shape = new long[] {shape[1], shape[0]}; // transposed
      } else if (rng.nextInt(40) == 0) {
        shape = new long[] {shape[0] + 1, shape[1]};
      }
      entries.put(names[k] + ".npy", npy(rng, descr(rng), shape, values(rng)));
    }
    if (rng.nextInt(40) == 0) {
      entries.put("W3.npy", npy(rng, "<f8", new long[] {1, 1}, values(rng)));
    }
    if (rng.nextInt(3) == 0) { // preprocessing
      int mode = rng.nextInt(8);
      if (mode != 1) {
        entries.put("netc_standardizer_mean.npy",
            npy(rng, mode == 2 ? "<i8" : "<f8", new long[] {mode == 3 ? 3 : 2}, values(rng)));
      }
      if (mode != 4) {
        entries.put("netc_standardizer_std.npy", npy(rng, "<f8", new long[] {2},
            mode == 5 ? () -> -1.0 : () -> Math.abs(rng.nextGaussian())));
      }
      int labels = mode == 6 ? 3 : 1 + rng.nextInt(2);
      entries.put("netc_labels.npy", strings(rng, labels));
    }
    return zip(entries, rng.nextBoolean());
  }

  private static String descr(Random rng) {
    int r = rng.nextInt(20);
    return r < 9 ? "<f8" : r < 17 ? "<f4" : r == 17 ? ">f8" : r == 18 ? "<i8" : "|u1";
  }

  private interface Values {
    double next();
  }

  /** Mostly ordinary numbers; sometimes NaN, an infinity, or a value beyond float32's range. */
  private static Values values(Random rng) {
    int r = rng.nextInt(25);
    return () -> {
      if (rng.nextInt(8) != 0) {
        return rng.nextGaussian();
      }
      return switch (r) {
        case 0 -> Double.NaN;
        case 1 -> Double.POSITIVE_INFINITY;
        case 2 -> -1e39;
        case 3 -> 3.4028235677973366e38; // rounds to Float.MAX_VALUE, not to infinity
        default -> rng.nextGaussian();
      };
    };
  }

  /** An {@code .npy} entry of any version, C or Fortran order; integers as small numbers. */
  private static byte[] npy(Random rng, String descr, long[] shape, Values values) {
    int count = 1;
    for (long d : shape) {
      count *= (int) d;
    }
    int itemSize = descr.equals("|u1") ? 1 : descr.equals("<f4") ? 4 : 8;
    ByteBuffer data =
        ByteBuffer.allocate(count * itemSize)
            .order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      double v = values.next();
      switch (descr) {
        case "<f4" -> data.putFloat((float) v);
        case "<i8" -> data.putLong((long) (v * 10));
        case "|u1" -> data.put((byte) (v * 10));
        default -> data.putDouble(v);
      }
    }
    StringBuilder tuple = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      tuple.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    tuple.append(shape.length == 1 ? ",)" : ")");
    String dict =
        "{'descr': '" + descr + "', 'fortran_order': " + (rng.nextBoolean() ? "True" : "False")
            + ", 'shape': " + tuple + ", }";
    return npy(1 + rng.nextInt(3), dict, data.array());
  }

  private static byte[] strings(Random rng, int count) {
    String[] pool = {"no", "yes", "benign", "malignant", "\u00e9t\u00e9", "\ud83d\ude00"};
    int chars = 9;
    ByteBuffer data = ByteBuffer.allocate(4 * chars * count).order(ByteOrder.LITTLE_ENDIAN);
    for (int s = 0; s < count; s++) {
      int start = data.position();
      pool[rng.nextInt(pool.length)].codePoints().forEach(data::putInt);
      data.position(start + 4 * chars);
    }
    String dict = "{'descr': '<U" + chars + "', 'fortran_order': False, 'shape': (" + count
        + ",), }";
    return npy(1, dict, data.array());
  }

  private static byte[] npy(int major, String dict, byte[] data) {
    int lengthBytes = major == 1 ? 2 : 4;
    byte[] text = dict.getBytes(major == 3 ? UTF_8 : ISO_8859_1);
    int unpadded = 8 + lengthBytes + text.length + 1;
    int padding = (64 - unpadded % 64) % 64;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    int length = text.length + padding + 1;
    for (int i = 0; i < lengthBytes; i++) {
      out.write(length >>> (8 * i));
    }
    out.writeBytes(text);
    out.writeBytes(" ".repeat(padding).getBytes(ISO_8859_1));
    out.write('\n');
    out.writeBytes(data);
    return out.toByteArray();
  }

  private static byte[] zip(Map<String, byte[]> entries, boolean deflated) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        byte[] data = e.getValue();
        if (!deflated) {
          CRC32 crc = new CRC32();
          crc.update(data);
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(data.length);
          entry.setCompressedSize(data.length);
          entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  /** The planar network {@code 2 -> 4 -> 1} on {@code w.npz}, as the parser would build it. */
  private static NetworkDeclaration network(Precision precision) {
    List<LayerDeclaration> layers = new ArrayList<>();
    int[] units = {4, 1};
    for (int l = 1; l <= 2; l++) {
      layers.add(
          new LayerDeclaration(
              l,
              Site.none(),
              Value.of(units[l - 1]),
              Value.of(l == 1 ? Activation.TANH : Activation.SIGMOID),
              Value.byDefault(Init.AUTO),
              Value.byDefault(0),
              Value.byDefault(LayerDeclaration.DEFAULT_LEAK),
              Value.byDefault("")));
    }
    return new NetworkDeclaration(
        null,
        Site.none(),
        Value.of(2),
        Value.byDefault(Loss.BINARY_CROSS_ENTROPY),
        Value.of("w.npz"),
        Value.of(precision),
        layers);
  }
}
