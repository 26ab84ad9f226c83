package dev.netc.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where a diagnostic belongs, as narrow as {@code Messager} can point: an element, optionally one
 * annotation on it, optionally one attribute of that annotation. An IDE underlines the attribute
 * when there is one, else the annotation, else the element's declaration.
 *
 * @param element the annotated element; null only in unit tests, which build declarations by hand
 * @param annotation the annotation mirror on {@code element}, or null for the element itself
 * @param value the attribute of {@code annotation} to blame, or null for the whole annotation
 */
record Site(Element element, AnnotationMirror annotation, AnnotationValue value) {

  /** The element's declaration itself. */
  static Site of(Element element) {
    return new Site(element, null, null);
  }

  /** One whole annotation on the element. */
  static Site of(Element element, AnnotationMirror annotation) {
    return new Site(element, annotation, null);
  }

  /** A site that points nowhere: for declarations built by hand in tests. */
  static Site none() {
    return new Site(null, null, null);
  }

  /** The same annotation, without the attribute: where a value left at its default is blamed. */
  Site annotationOnly() {
    return new Site(element, annotation, null);
  }
}
