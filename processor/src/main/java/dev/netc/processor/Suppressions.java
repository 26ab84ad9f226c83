package dev.netc.processor;

import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * {@code @SuppressWarnings} for netc's warnings, as javac honours it for its own lint warnings: a
 * warning is not printed when its site's element, or an element enclosing it, carries {@code
 * @SuppressWarnings} with the warning's id ({@code "netc.mse-sigmoid"}) or {@link #ALL}. Errors are
 * never suppressed: the generated code relies on every rule that makes one. Notes are not
 * warnings and are never suppressed either.
 */
final class Suppressions {
  /** Suppresses every netc warning. */
  static final String ALL = "netc";

  private Suppressions() {}

  /** Whether a finding of {@code message} at {@code site} must not be printed. */
  static boolean suppressed(Message message, Site site) {
    Diagnostic.Kind kind = message.kind();
    if (kind != Diagnostic.Kind.WARNING && kind != Diagnostic.Kind.MANDATORY_WARNING) {
      return false;
    }
    for (Element e = site.element(); e != null; e = e.getEnclosingElement()) {
      SuppressWarnings suppress = e.getAnnotation(SuppressWarnings.class);
      if (suppress == null) {
        continue;
      }
      for (String token : suppress.value()) {
        if (token.equals(ALL) || token.equals(message.id())) {
          return true;
        }
      }
    }
    return false;
  }
}
