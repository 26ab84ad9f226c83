package dev.netc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one command: names, the list, and what an unknown name says. */
final class SamplesTest {
  private static final List<String> NAMES =
      List.of(
          "planar", "breast-cancer", "digit-zero", "digits", "digits-float", "diabetes", "serving");

  @Test
  void everySampleIsListedInOrderWithItsDescription() {
    assertEquals(NAMES, Samples.ALL.stream().map(Samples.Sample::name).toList());
    String[] lines = Samples.list().split("\n");
    assertEquals(NAMES.size(), lines.length);
    for (int i = 0; i < lines.length; i++) {
      Samples.Sample sample = Samples.ALL.get(i);
      assertTrue(lines[i].startsWith(sample.name() + " "), lines[i]);
      assertTrue(lines[i].endsWith(sample.description()), lines[i]);
    }
  }

  @Test
  void noNameRunsThemAllPlanarFirst() {
    // A bare -Dsample reaches main as "true".
    for (String all : List.of("", "all", "true")) {
      assertEquals(Samples.ALL, Samples.select(all), "\"" + all + "\"");
    }
    assertEquals("planar", Samples.select("").get(0).name());
  }

  @Test
  void aNameRunsThatSample() {
    for (String name : NAMES) {
      List<Samples.Sample> chosen = Samples.select(name);
      assertEquals(1, chosen.size());
      assertEquals(name, chosen.get(0).name());
    }
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Samples.main(new String[] {"iris"}));
    assertEquals(
        "Samples: there is no sample \"iris\"; the samples are planar, breast-cancer, digit-zero,"
            + " digits, digits-float, diabetes, serving (or \"list\" to describe them, nothing to"
            + " run them all)",
        e.getMessage());
  }

  @Test
  void twoArgumentsAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Samples.main(new String[] {"digits", "diabetes"}));
    assertTrue(e.getMessage().contains("at most one argument"), e.getMessage());
  }

  @Test
  void theDataFilesAreOnTheClassPath() throws Exception {
    for (String name : List.of("breast_cancer.csv", "digits.csv", "diabetes.csv")) {
      Path file = SampleData.file(name);
      assertEquals(name, file.getFileName().toString());
      assertTrue(Files.size(file) > 10_000, name + " has " + Files.size(file) + " bytes");
    }
    FileNotFoundException e =
        assertThrows(FileNotFoundException.class, () -> SampleData.file("iris.csv"));
    assertTrue(e.getMessage().contains("dev/netc/samples/data/iris.csv"), e.getMessage());
  }

  @Test
  void theClosingLineSaysHowManyRanAndWhereThePlotsAre() {
    java.nio.file.Path plots = java.nio.file.Path.of("target", "plots");
    assertEquals(
        "== done: " + Samples.ALL.size() + " samples in 34.2 s; plots in "
            + plots.toAbsolutePath().normalize() + " ==",
        Samples.summary(Samples.ALL, 34.24, plots));
    assertEquals(
        "== done: 1 sample in 2.0 s ==",
        Samples.summary(Samples.select("digits"), 1.96, plots));
  }
}
