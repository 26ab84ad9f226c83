package dev.netc.processor;

import dev.netc.processor.ModelFigures.LayerFigures;
import dev.netc.processor.NetworkModel.LayerModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model report that {@code -Anetc.report=true} prints as one note per network: the layers,
 * {@code W[l]} and {@code b[l]} shapes, parameters, multiply-adds per example of both passes and
 * bytes, as {@link ModelFigures} computes them. For example
 *
 * <pre>
 * [netc.report] PlanarClassifier: 2 -&gt; 4 (tanh) -&gt; 1 (sigmoid)
 * layer  name    units  activation  W    b    parameters  forward  backward  workspace
 * 0      input   2
 * 1      hidden  4      tanh        4x2  4x1  12          8        8         128
 * 2      -       1      sigmoid     1x4  1x1  5           4        8         24
 * total                                       17          12       16        152
 * loss: binary cross-entropy
 * parameters: 17 doubles, 136 bytes
 * per example: 12 multiply-adds forward, 16 backward, 152 bytes of workspace
 * </pre>
 *
 * <p>The text after the id is exactly what the generated model's {@code summary()} returns (the
 * runtime's {@code Architecture.summary()}, less the final line break): one table, whether read at
 * compile time or at run time. {@code ReportNoteTest} holds the two to the same text.
 *
 * <p>A {@code precision = FLOAT} network counts floats at 4 bytes ({@code parameters: 17 floats, 68
 * bytes}), as its {@code PARAMETER_BYTES} and {@code WORKSPACE_BYTES_PER_EXAMPLE} do and as the
 * runtime's {@code Architecture} built with {@code Precision.FLOAT} does.
 */
final class ReportNote {
  private ReportNote() {}

  /**
   * Whether the report is on: {@code -Anetc.report=true} (or a bare {@code -Anetc.report}) turns it
   * on, {@code false} or no option leaves it off; any other value warns, naming the option, and
   * leaves it off. Case is ignored, as in {@link Boolean#parseBoolean}.
   */
  static boolean enabled(Map<String, String> options, Reporter reporter) {
    if (!options.containsKey(NetcProcessor.REPORT_OPTION)) {
      return false;
    }
    String value = options.get(NetcProcessor.REPORT_OPTION);
    if (value == null || value.equalsIgnoreCase("true")) {
      return true;
    }
    if (!value.equalsIgnoreCase("false")) {
      reporter.print(Message.REPORT_OPTION, Site.none(), NetcProcessor.REPORT_OPTION, value);
    }
    return false;
  }

  /** The table, ending without a line break (javac adds its own). */
  static String text(NetworkModel network) {
    ModelFigures figures = ModelFigures.of(network);
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "layer", "name", "units", "activation", "W", "b", "parameters", "forward", "backward",
          "workspace"
        });
    rows.add(new String[] {"0", "input", Integer.toString(network.inputs()), "", "", "", "", "",
        "", ""});
    for (LayerFigures layer : figures.layers()) {
      LayerModel declared = network.layer(layer.index());
      rows.add(
          new String[] {
            Integer.toString(layer.index()),
            declared.name().isEmpty() ? "-" : declared.name(),
            Integer.toString(layer.units()),
            Notation.name(declared.activation()),
            Notation.shape(layer.units(), layer.fanIn()),
            Notation.shape(layer.units(), 1),
            Long.toString(layer.parameters()),
            Long.toString(layer.forwardMultiplyAdds()),
            Long.toString(layer.backwardMultiplyAdds()),
            Long.toString(layer.workspaceBytesPerExample())
          });
    }
    rows.add(
        new String[] {
          "total", "", "", "", "", "",
          Long.toString(figures.parameterCount()),
          Long.toString(figures.forwardMultiplyAdds()),
          Long.toString(figures.backwardMultiplyAdds()),
          Long.toString(figures.workspaceBytesPerExample())
        });
    StringBuilder text =
        new StringBuilder(network.declared().simpleName())
            .append(": ")
            .append(Notation.architecture(network))
            .append('\n');
    for (String line : table(rows)) {
      text.append(line).append('\n');
    }
    return text.append(
            String.format(
                Locale.ROOT,
                "loss: %s\nparameters: %d %ss, %d bytes\nper example: %d multiply-adds forward,"
                    + " %d backward, %d bytes of workspace",
                Notation.name(network.loss()),
                figures.parameterCount(),
                network.precision().element(),
                figures.parameterBytes(),
                figures.forwardMultiplyAdds(),
                figures.backwardMultiplyAdds(),
                figures.workspaceBytesPerExample()))
        .toString();
  }

  /** Left-aligned columns two spaces apart, no trailing blanks: the runtime's summary layout. */
  private static List<String> table(List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        line.append(row[c]);
        if (c < row.length - 1) {
          line.append(" ".repeat(widths[c] - row[c].length() + 2));
        }
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }
}
