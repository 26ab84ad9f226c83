package dev.netc.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelEncodingTest {

  @Test
  void factoriesRefuseBadClasses() {
    assertEquals(
        "binary: negative and positive must differ but both are \"a\"",
        assertThrows(IllegalArgumentException.class, () -> LabelEncoding.binary("a", "a"))
            .getMessage());
    assertEquals(
        "binary: positive must be a non-empty label but is \"\"",
        assertThrows(IllegalArgumentException.class, () -> LabelEncoding.binary("a", ""))
            .getMessage());
    assertEquals(
        "oneHot: class \"b\" is given twice; classes must be distinct",
        assertThrows(IllegalArgumentException.class, () -> LabelEncoding.oneHot("a", "b", "b"))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> LabelEncoding.oneHot("a"));
    assertThrows(IllegalArgumentException.class, () -> LabelEncoding.oneVsRest(""));
    assertThrows(NullPointerException.class, () -> LabelEncoding.binary(null, "a"));
  }

  @Test
  void whatEachAccepts() {
    assertNull(LabelEncoding.binary("n", "p").reject("p"));
    assertEquals(
        "is \"q\" but the label encoding accepts only \"n\", \"p\"",
        LabelEncoding.binary("n", "p").reject("q"));
    assertNull(LabelEncoding.oneVsRest("p").reject("anything"));
    assertNull(LabelEncoding.oneHot().reject("anything"));
    assertEquals(
        "is \"d\" but the label encoding accepts only \"a\", \"b\", \"c\"",
        LabelEncoding.oneHot("a", "b", "c").reject("d"));
  }

  @Test
  void classesAndRows() {
    assertEquals(List.of("n", "p"), LabelEncoding.binary("n", "p").classes(List.of("p")));
    assertEquals(List.of("rest", "p"), LabelEncoding.oneVsRest("p").classes(List.of("x")));
    assertEquals(List.of(), LabelEncoding.numeric().classes(List.of()));
    assertEquals(
        List.of("-1.5", "2", "+3", "1e1"),
        LabelEncoding.oneHot().classes(List.of("1e1", "+3", "-1.5", "2")));
    assertNull(LabelEncoding.oneHot().classes(List.of("only")));
    assertEquals(1, LabelEncoding.binary("n", "p").rows(List.of("n", "p")));
    assertEquals(2, LabelEncoding.oneHot("n", "p").rows(List.of("n", "p")));
  }

  @Test
  void valueSemantics() {
    assertEquals(LabelEncoding.binary("n", "p"), LabelEncoding.binary("n", "p"));
    assertNotEquals(LabelEncoding.binary("n", "p"), LabelEncoding.binary("p", "n"));
    assertNotEquals(LabelEncoding.oneHot("n", "p"), LabelEncoding.binary("n", "p"));
    assertEquals("binary(\"n\", \"p\")", LabelEncoding.binary("n", "p").toString());
    assertEquals("numeric()", LabelEncoding.numeric().toString());
  }
}
