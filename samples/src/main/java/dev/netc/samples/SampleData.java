package dev.netc.samples;

import dev.netc.data.CsvReader;
import dev.netc.data.DataSet;
import dev.netc.data.LabelEncoding;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The data files the samples ship in {@code src/main/resources/dev/netc/samples/data/} (their
 * sources and licences are in {@code SOURCES.md} there), read with {@link CsvReader}.
 */
final class SampleData {
  private static final String FOLDER = "data/";

  private SampleData() {}

  /**
   * Reads the class-path data file {@code name} with {@code label} encoded by {@code encoding} and
   * every other column as a feature.
   *
   * @throws IOException if the file is missing or its data are bad
   */
  static DataSet read(String name, String label, LabelEncoding encoding) throws IOException {
    return CsvReader.of(file(name)).label(label, encoding).read();
  }

  /**
   * A file holding the class-path data file {@code name}: the file itself when the class path is a
   * directory (running from {@code target/classes}), else a copy in a temporary directory (inside a
   * jar), named as the original so that error messages name it.
   *
   * @throws FileNotFoundException if there is no such resource
   */
  static Path file(String name) throws IOException {
    URL url = SampleData.class.getResource(FOLDER + name);
    if (url == null) {
      throw new FileNotFoundException(
          "SampleData: no resource dev/netc/samples/" + FOLDER + name + " on the class path");
    }
    if ("file".equals(url.getProtocol())) {
      try {
        return Path.of(url.toURI());
      } catch (URISyntaxException | IllegalArgumentException e) {
        // An unusual file URL: fall through to the copy, which always works.
      }
    }
    Path directory = Files.createTempDirectory("netc-samples");
    // deleteOnExit deletes in reverse order of registration: the file first, then its directory.
    directory.toFile().deleteOnExit();
    Path copy = directory.resolve(name);
    copy.toFile().deleteOnExit();
    try (InputStream in = url.openStream()) {
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
    }
    return copy;
  }
}
