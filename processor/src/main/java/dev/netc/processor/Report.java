package dev.netc.processor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.Diagnostic;

/**
 * What the checks found about one declaration, in the order found; nothing is printed until the
 * {@link Reporter} prints it. Built by {@link ShapeChecker}, which never stops at the first
 * finding.
 */
final class Report {
  /** One diagnostic to print: a message, its arguments and where it belongs. */
  record Finding(Message message, List<Object> args, Site site) {
    Finding {
      args = List.copyOf(args);
    }

    Diagnostic.Kind kind() {
      return message.kind();
    }

    /** The printed text, id first: {@code [netc.fan-in] layer 2: ...}. */
    String text() {
      return message.format(args.toArray());
    }

    @Override
    public String toString() {
      return kind() + " " + text();
    }
  }

  private final List<Finding> findings = new ArrayList<>();

  /** Adds one finding; {@code args} fill the message's format in order. */
  void add(Message message, Site site, Object... args) {
    findings.add(new Finding(message, Arrays.asList(args), site));
  }

  List<Finding> findings() {
    return List.copyOf(findings);
  }

  /** Whether any finding is an error: then nothing may be generated for this declaration. */
  boolean hasErrors() {
    return findings.stream().anyMatch(f -> f.kind() == Diagnostic.Kind.ERROR);
  }

  @Override
  public String toString() {
    return findings.toString();
  }
}
