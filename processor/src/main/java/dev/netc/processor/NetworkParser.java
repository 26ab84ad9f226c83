package dev.netc.processor;

import dev.netc.annotations.Activation;
import dev.netc.annotations.Init;
import dev.netc.annotations.Loss;
import dev.netc.annotations.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * Reads a {@code @Network} type into a {@link NetworkDeclaration}. It reads annotation mirrors,
 * never {@code getAnnotation}: mirrors keep the source order of repeated layers, tell a stated
 * value from a default, and give each value a site for diagnostics. It checks nothing: a value
 * javac could not compute (a missing required attribute, an erroneous expression, which javac
 * reports itself) is read as an unknown value.
 */
final class NetworkParser {
  static final String NETWORK = "dev.netc.annotations.Network";
  static final String LAYER = "dev.netc.annotations.Layer";
  static final String LAYER_LIST = "dev.netc.annotations.Layer.List";

  /** Whether the qualified name is one of netc's annotations. */
  static boolean isNetcAnnotation(String name) {
    return name.equals(NETWORK) || name.equals(LAYER) || name.equals(LAYER_LIST);
  }

  /** Reads the declaration on {@code type}, which must carry {@code @Network}. */
  NetworkDeclaration parse(TypeElement type) {
    AnnotationMirror network = mirror(type, NETWORK);
    if (network == null) {
      throw new IllegalArgumentException(type + " has no @Network");
    }
    List<LayerDeclaration> layers = new ArrayList<>();
    for (AnnotationMirror layer : layerMirrors(type)) {
      layers.add(layer(type, layers.size() + 1, layer));
    }
    return new NetworkDeclaration(
        type,
        Site.of(type, network),
        value(type, network, "inputs", Integer.class),
        enumValue(type, network, "loss", Loss::valueOf),
        value(type, network, "weights", String.class),
        enumValue(type, network, "precision", Precision::valueOf),
        layers);
  }

  private static LayerDeclaration layer(TypeElement type, int index, AnnotationMirror layer) {
    Value<Number> leak = value(type, layer, "leak", Number.class);
    return new LayerDeclaration(
        index,
        Site.of(type, layer),
        value(type, layer, "units", Integer.class),
        enumValue(type, layer, "activation", Activation::valueOf),
        enumValue(type, layer, "init", Init::valueOf),
        value(type, layer, "inputs", Integer.class),
        // A double attribute holds a Double; Number also accepts what an older javac might keep.
        new Value<>(
            leak.value() == null ? null : leak.value().doubleValue(), leak.site(), leak.explicit()),
        value(type, layer, "name", String.class));
  }

  /**
   * The {@code @Layer} mirrors on {@code element} in source order: a single {@code @Layer}, or the
   * ones nested in the {@code @Layer.List} container javac writes for repeated layers (or both, if
   * someone writes the container by hand next to a single layer).
   */
  static List<AnnotationMirror> layerMirrors(Element element) {
    List<AnnotationMirror> layers = new ArrayList<>();
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      String name = nameOf(mirror);
      if (name.equals(LAYER)) {
        layers.add(mirror);
      } else if (name.equals(LAYER_LIST)) {
        AnnotationValue value = explicitValue(mirror, "value");
        if (value != null && value.getValue() instanceof List<?> nested) {
          for (Object item : nested) {
            if (item instanceof AnnotationValue v
                && v.getValue() instanceof AnnotationMirror layer) {
              layers.add(layer);
            }
          }
        }
      }
    }
    return layers;
  }

  /** The annotation of the given qualified type name on {@code element}, or null. */
  static AnnotationMirror mirror(Element element, String annotation) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (nameOf(mirror).equals(annotation)) {
        return mirror;
      }
    }
    return null;
  }

  private static String nameOf(AnnotationMirror mirror) {
    Element type = mirror.getAnnotationType().asElement();
    return type instanceof TypeElement t ? t.getQualifiedName().toString() : "";
  }

  private static <T> Value<T> value(
      Element element, AnnotationMirror mirror, String attribute, Class<T> type) {
    return read(element, mirror, attribute, v -> type.isInstance(v) ? type.cast(v) : null);
  }

  private static <E> Value<E> enumValue(
      Element element, AnnotationMirror mirror, String attribute, Function<String, E> valueOf) {
    return read(
        element,
        mirror,
        attribute,
        v -> {
          if (!(v instanceof VariableElement constant)) {
            return null;
          }
          try {
            return valueOf.apply(constant.getSimpleName().toString());
          } catch (IllegalArgumentException e) {
            // A constant this processor does not know (annotations newer than the processor).
            return null;
          }
        });
  }

  /**
   * The stated value, at the site of that attribute; else the attribute's default, at the site of
   * the whole annotation (there is no attribute to underline). The value is null when javac gave
   * none that converts.
   */
  private static <T> Value<T> read(
      Element element, AnnotationMirror mirror, String attribute, Function<Object, T> convert) {
    AnnotationValue stated = explicitValue(mirror, attribute);
    if (stated != null) {
      return new Value<>(convert.apply(stated.getValue()), new Site(element, mirror, stated), true);
    }
    AnnotationValue byDefault = defaultValue(mirror, attribute);
    T value = byDefault == null ? null : convert.apply(byDefault.getValue());
    return new Value<>(value, Site.of(element, mirror), false);
  }

  private static AnnotationValue explicitValue(AnnotationMirror mirror, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(attribute)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static AnnotationValue defaultValue(AnnotationMirror mirror, String attribute) {
    Element type = mirror.getAnnotationType().asElement();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (method.getSimpleName().contentEquals(attribute)) {
        return method.getDefaultValue();
      }
    }
    return null;
  }
}
