package dev.netc.processor;

import dev.netc.annotations.Loss;
import dev.netc.annotations.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @Network} type as written, with its layers in source order: nothing resolved, nothing
 * checked. Every value remembers its {@link Site} so that a finding lands on the attribute to
 * blame.
 *
 * @param type the annotated type; null only in unit tests
 * @param site the {@code @Network} mirror
 */
record NetworkDeclaration(
    TypeElement type,
    Site site,
    Value<Integer> inputs,
    Value<Loss> loss,
    Value<String> weights,
    Value<Precision> precision,
    List<LayerDeclaration> layers) {

  NetworkDeclaration {
    layers = List.copyOf(layers);
  }

  /** The type's simple name, as messages name the network ({@code "network"} in unit tests). */
  String name() {
    return type == null ? "network" : type.getSimpleName().toString();
  }

  /** {@code L}, the number of layers. */
  int layerCount() {
    return layers.size();
  }

  /** The last layer, or null when there is none. */
  LayerDeclaration output() {
    return layers.isEmpty() ? null : layers.get(layers.size() - 1);
  }

  /** True when javac gave every attribute a value (see {@link Value#known()}). */
  boolean complete() {
    return Stream.of(inputs, loss, weights, precision).allMatch(Value::known)
        && layers.stream().allMatch(LayerDeclaration::complete);
  }

  /**
   * The prefix of every generated name: the simple names from the outermost type down, joined by
   * {@code _} ({@code p.Outer.Foo} gives {@code Outer_Foo}, hence {@code Outer_FooModel}).
   */
  /** What netc appends to {@link #generatedPrefix}: FooForward, FooBackward, FooModel. */
  static final List<String> GENERATED_SUFFIXES = List.of("Forward", "Backward", "Model");

  /** The package the generated classes go to: the declared type's own. */
  static PackageElement packageOf(Element element) {
    Element e = element;
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return (PackageElement) e;
  }

  static String generatedPrefix(TypeElement type) {
    List<String> names = new ArrayList<>();
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      names.add(0, e.getSimpleName().toString());
    }
    return String.join("_", names);
  }
}
