package dev.netc.processor;

import dev.netc.annotations.Precision;
import dev.netc.npz.ArrayHeader;
import dev.netc.npz.NpyValues;
import dev.netc.npz.NpzHeaders;
import dev.netc.npz.ReservedArrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Rule 2 for {@code @Network(weights = "...")}: every array of the named {@code .npz} resource
 * must be what the declaration says, {@code W[l]} {@code n[l] x n[l-1]} and {@code b[l]} {@code
 * n[l] x 1} (or {@code (n[l],)}, as NumPy writes a vector), in a dtype the runtime loads. Adds its
 * findings to the report {@link ShapeChecker} built, all on the {@code weights} attribute.
 *
 * <p>One problem, one finding: a missing array, an extra array, a wrong shape, a wrong dtype and a
 * value that is not finite are reported once per array (a shape is checked before the dtype, the
 * dtype before the values), a file that cannot be found or read once, and a file whose arrays all
 * have foreign names ({@code arr_0, arr_1} from a positional {@code numpy.savez}) once rather than
 * once per array. An array whose expected shape involves a
 * size another rule rejected is not compared. The preprocessing arrays of {@link ReservedArrays}
 * are no extra arrays: they are checked by the rules the run-time loaders apply.
 */
final class WeightsChecker {
  /** How many array names a message lists before it says {@code ...}. */
  private static final int LISTED = 8;

  private final Function<String, WeightsResource.Contents> resources;

  /**
   * @param resources reads a normalized resource path ({@link WeightsResource#read} in javac, a
   *     map in unit tests)
   */
  WeightsChecker(Function<String, WeightsResource.Contents> resources) {
    this.resources = resources;
  }

  void check(NetworkDeclaration network, Report report) {
    Value<String> weights = network.weights();
    if (!weights.known() || weights.value().isEmpty()) {
      return;
    }
    String written = weights.value();
    Site site = weights.site();
    String problem = WeightsResource.pathProblem(written);
    if (problem != null) {
      report.add(
          Message.WEIGHTS_PATH, site, network.name(), JavaLiterals.quote(written, 200), problem);
      return;
    }
    String path = WeightsResource.normalize(written);
    WeightsResource.Contents contents = resources.apply(path);
    if (contents instanceof WeightsResource.Absent absent) {
      report.add(Message.WEIGHTS_ABSENT, site, network.name(), written, absent.looked(), path);
    } else if (contents instanceof WeightsResource.Unreadable unreadable) {
      report.add(
          Message.WEIGHTS_UNREADABLE,
          site,
          network.name(),
          written,
          unreadable.where(),
          unreadable.reason());
    } else if (contents instanceof WeightsResource.Arrays arrays
        && !network.layers().isEmpty()) {
      // Without layers there is nothing to compare against (NO_LAYERS says so).
      checkArrays(network, written, site, arrays.arrays(), arrays.values(), report);
    }
  }

  private static void checkArrays(
      NetworkDeclaration network,
      String written,
      Site site,
      List<ArrayHeader> arrays,
      NpzHeaders.Scan values,
      Report report) {
    Map<String, NpyValues.Found> bad = values.bad();
    // A float32 network rounds float64 values: one beyond float32's range loads as infinity.
    Map<String, NpyValues.Found> beyondFloat =
        network.precision().known() && network.precision().value() == Precision.FLOAT
            ? values.beyondFloat()
            : Map.of();
    Map<String, Expected> expected = expected(network);
    String expectedList = String.join(", ", expected.keySet());
    int layers = network.layerCount();
    List<String> found = new ArrayList<>();
    boolean anyKnown = false;
    for (ArrayHeader array : arrays) {
      found.add(shown(array.name()));
      anyKnown |= expected.containsKey(array.name());
    }
    if (!anyKnown) {
      report.add(
          Message.WEIGHTS_NAMES,
          site,
          network.name(),
          written,
          listed(found),
          layers,
          expectedList);
      return;
    }
    Integer inputs = positive(network.inputs());
    Integer outputs = positive(network.layers().get(network.layers().size() - 1).units());
    for (ArrayHeader array : arrays) {
      Expected want = expected.get(array.name());
      if (want == null && ReservedArrays.isReserved(array.name())) {
        String problem = reservedProblem(array, bad.get(array.name()), inputs, outputs);
        if (problem != null) {
          report.add(
              Message.WEIGHTS_RESERVED, site, network.name(), written, array.name(), problem);
        }
        continue;
      }
      if (want == null) {
        report.add(
            Message.WEIGHTS_EXTRA,
            site,
            network.name(),
            written,
            shown(array.name()),
            actual(array),
            layers,
            expectedList);
        continue;
      }
      String shapeProblem = want.shapeProblem(array);
      if (shapeProblem != null) {
        report.add(
            Message.WEIGHTS_SHAPE,
            site,
            network.name(),
            written,
            want.name(),
            want.shape(),
            want.rule(),
            actual(array),
            shapeProblem);
      } else if (!array.header().isParameterDtype()) {
        // netc-npz's one dtype rule, which the run-time loaders apply too.
        report.add(
            Message.WEIGHTS_DTYPE,
            site,
            network.name(),
            written,
            want.name(),
            WeightsResource.ascii(array.descr(), 40));
      } else if (want.rows() != null && want.columns() != null) {
        NpyValues.Found first = bad.get(array.name());
        NpyValues.Found wide = beyondFloat.get(array.name());
        if (first != null) {
          report.add(
              Message.WEIGHTS_VALUES,
              site,
              network.name(),
              written,
              want.name(),
              first.value() + " at " + NpyValues.position(array.header(), first.index()));
        } else if (wide != null) {
          report.add(
              Message.WEIGHTS_VALUES,
              site,
              network.name(),
              written,
              want.name(),
              wide.value() + " at " + NpyValues.position(array.header(), wide.index())
                  + ", which is infinite as a float32 (precision = FLOAT)");
        }
      }
    }
    List<String> names = arrays.stream().map(ArrayHeader::name).toList();
    if (ReservedArrays.pairProblem(names) != null) {
      boolean hasMean = names.contains(ReservedArrays.MEAN);
      report.add(
          Message.WEIGHTS_RESERVED,
          site,
          network.name(),
          written,
          hasMean ? ReservedArrays.MEAN : ReservedArrays.STD,
          "the file has no " + (hasMean ? ReservedArrays.STD : ReservedArrays.MEAN)
              + " beside it; a standardizer needs both");
    }
    List<String> present = arrays.stream().map(ArrayHeader::name).toList();
    for (Expected want : expected.values()) {
      if (!present.contains(want.name())) {
        report.add(
            Message.WEIGHTS_MISSING,
            site,
            network.name(),
            written,
            want.name(),
            want.described(),
            listed(found),
            layers,
            expectedList);
      }
    }
  }

  /**
   * What the run-time loaders would refuse in reserved array {@code array} ({@link
   * ReservedArrays}), or null; {@code bad} is its first bad value, if any.
   */
  private static String reservedProblem(
      ArrayHeader array, NpyValues.Found bad, Integer inputs, Integer outputs) {
    String problem =
        ReservedArrays.problem(
            array.name(),
            array.header(),
            inputs == null ? 0 : inputs,
            outputs == null ? 0 : outputs);
    if (problem != null) {
      return WeightsResource.ascii(problem, 300);
    }
    if (bad != null) {
      return "it holds " + bad.value() + " at " + NpyValues.position(array.header(), bad.index())
          + (array.name().equals(ReservedArrays.STD)
              ? "; a standard deviation must be finite and at least 0"
              : "; a mean must be finite");
    }
    return null;
  }

  /** {@code W1, b1, ..., WL, bL} in that order, with the shapes the declaration gives them. */
  private static Map<String, Expected> expected(NetworkDeclaration network) {
    Integer[] n = new Integer[network.layerCount() + 1];
    n[0] = positive(network.inputs());
    for (LayerDeclaration layer : network.layers()) {
      n[layer.index()] = positive(layer.units());
    }
    Map<String, Expected> expected = new LinkedHashMap<>();
    for (int l = 1; l <= network.layerCount(); l++) {
      expected.put("W" + l, new Expected("W" + l, l, n[l], n[l - 1], false));
      expected.put("b" + l, new Expected("b" + l, l, n[l], 1, true));
    }
    return expected;
  }

  /** A size the declaration states and another rule accepts, else null: not compared. */
  private static Integer positive(Value<Integer> value) {
    return value.known() && value.value() > 0 ? value.value() : null;
  }

  /**
   * One array the declaration asks for.
   *
   * @param rows {@code n[l]}, or null when unknown or rejected by another rule
   * @param columns {@code n[l-1]} for W, 1 for b; null when unknown
   * @param bias whether this is {@code b[l]}, which may also be the vector {@code (n[l],)}
   */
  private record Expected(String name, int l, Integer rows, Integer columns, boolean bias) {

    /** {@code n[2] x n[1]} or {@code n[2] x 1}. */
    String rule() {
      return bias ? "n[" + l + "] x 1" : "n[" + l + "] x n[" + (l - 1) + "]";
    }

    /** {@code 1x4}; only when both sizes are known. */
    String shape() {
      return rows + "x" + columns;
    }

    /** {@code n[2] x n[1] = 1x4}, or the rule alone when a size is unknown. */
    String described() {
      return rows == null || columns == null ? rule() : rule() + " = " + shape();
    }

    /** Why {@code array} does not fit, as the message's hint; null if it fits or is not checked. */
    String shapeProblem(ArrayHeader array) {
      if (rows == null || columns == null) {
        return null;
      }
      List<Long> shape = array.shape();
      if (shape.size() == 2 && shape.get(0) == (long) rows && shape.get(1) == (long) columns) {
        return null;
      }
      if (bias && shape.size() == 1 && shape.get(0) == (long) rows) {
        return null;
      }
      if (!bias
          && !rows.equals(columns)
          && shape.size() == 2
          && shape.get(0) == (long) columns
          && shape.get(1) == (long) rows) {
        return "that is the transpose: netc stores W[l] as n[l] x n[l-1] (one row per unit),"
            + " so save " + name + ".T";
      }
      if (shape.size() != 2 && !(bias && shape.size() == 1)) {
        return bias
            ? "save it as a matrix of shape (" + rows + ", 1) or a vector of shape (" + rows
                + ",)"
            : "save it as a matrix of shape (" + rows + ", " + columns + ")";
      }
      return "the file was saved for another architecture: retrain for this declaration or fix"
          + " the declaration";
    }
  }

  /** The shape of an array as the file holds it: {@code 1x5}, or {@code shape (5,)}. */
  private static String actual(ArrayHeader array) {
    List<Long> shape = array.shape();
    if (shape.size() == 2) {
      return shape.get(0) + "x" + shape.get(1);
    }
    StringBuilder text = new StringBuilder("shape (");
    for (int i = 0; i < shape.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(shape.get(i));
    }
    return text.append(shape.size() == 1 ? ",)" : ")").toString();
  }

  /** An array name for a message: a hostile file may name an array anything. */
  private static String shown(String name) {
    return WeightsResource.ascii(name, 40);
  }

  /** {@code W1, b1, W2} or {@code arr_0, arr_1, ... (12 arrays)}. */
  private static String listed(List<String> names) {
    if (names.size() <= LISTED) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, LISTED)) + ", ... (" + names.size() + " arrays)";
  }
}
