package dev.netc.processor;

import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;

/**
 * The only class that prints: findings at their sites, through {@link Messager} or, for a repeated
 * {@code @Layer} that {@code Messager} cannot place, through {@link TreeSites}. Counts errors.
 */
final class Reporter {
  private final Messager messager;
  private final TreeSites treeSites;
  private int errors;

  /**
   * @param treeSites where repeated annotations are, or null (not javac): their findings then land
   *     on the type's declaration
   */
  Reporter(Messager messager, TreeSites treeSites) {
    this.messager = messager;
    this.treeSites = treeSites;
  }

  /** Prints every finding of the report, in order, but warnings {@link Suppressions} silences. */
  void report(Report report) {
    for (Report.Finding finding : report.findings()) {
      if (!Suppressions.suppressed(finding.message(), finding.site())) {
        print(finding.kind(), finding.text(), finding.site());
      }
    }
  }

  /** Prints one message at a site, unless it is a warning {@link Suppressions} silences. */
  void print(Message message, Site site, Object... args) {
    if (!Suppressions.suppressed(message, site)) {
      print(message.kind(), message.format(args), site);
    }
  }

  /** Prints one message on a local type, which only {@link TreeSites} can place. */
  void print(Message message, TreeSites.LocalNetwork local, Object... args) {
    if (message.kind() == Diagnostic.Kind.ERROR) {
      errors++;
    }
    treeSites.print(message.kind(), message.format(args), local);
  }

  /** How many errors this reporter has printed. */
  int errorCount() {
    return errors;
  }

  private void print(Diagnostic.Kind kind, String text, Site site) {
    if (kind == Diagnostic.Kind.ERROR) {
      errors++;
    }
    if (treeSites != null && treeSites.print(kind, text, site)) {
      return;
    }
    if (site.element() == null) {
      messager.printMessage(kind, text);
    } else if (site.annotation() == null) {
      messager.printMessage(kind, text, site.element());
    } else if (site.value() == null) {
      messager.printMessage(kind, text, site.element(), site.annotation());
    } else {
      messager.printMessage(kind, text, site.element(), site.annotation(), site.value());
    }
  }
}
