package dev.netc.samples.serving;

import java.util.List;

/**
 * The service's answers as JSON, written by hand: the few shapes it sends need no library.
 * Probabilities are written with {@link Double#toString}, the shortest decimal that reads back as
 * the same double, so a client gets the model's bits.
 */
public final class Json {
  private Json() {}

  /** {@code {"predictions":[{"label":"3","probabilities":[...]},...]}}. */
  public static String predictions(List<Prediction> predictions) {
    StringBuilder b = new StringBuilder("{\"predictions\":[");
    for (int i = 0; i < predictions.size(); i++) {
      Prediction p = predictions.get(i);
      b.append(i == 0 ? "" : ",").append("{\"label\":");
      string(b, p.label());
      b.append(",\"probabilities\":[");
      double[] probabilities = p.probabilities();
      for (int k = 0; k < probabilities.length; k++) {
        b.append(k == 0 ? "" : ",").append(probabilities[k]);
      }
      b.append("]}");
    }
    return b.append("]}\n").toString();
  }

  /** {@code {"status":"ok","features":64,"labels":["0",...]}}. */
  static String health(int features, List<String> labels) {
    StringBuilder b = new StringBuilder("{\"status\":\"ok\",\"features\":");
    b.append(features).append(",\"labels\":[");
    for (int i = 0; i < labels.size(); i++) {
      b.append(i == 0 ? "" : ",");
      string(b, labels.get(i));
    }
    return b.append("]}\n").toString();
  }

  /** {@code {"error":"..."}}. */
  static String error(String message) {
    StringBuilder b = new StringBuilder("{\"error\":");
    string(b, message);
    return b.append("}\n").toString();
  }

  /** A JSON string; everything outside printable ASCII escaped, so the answer is ASCII. */
  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        b.append(c);
      } else {
        b.append(String.format("\\u%04x", (int) c));
      }
    }
    b.append('"');
  }
}
