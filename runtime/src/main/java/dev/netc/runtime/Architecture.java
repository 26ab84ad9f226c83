package dev.netc.runtime;

import dev.netc.annotations.Activation;
import dev.netc.annotations.Loss;
import dev.netc.annotations.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The shape of a network as declared: its name, {@code sizes = {n[0], ..., n[L]}}, the name and
 * activation of every layer, the loss and the precision. Generated models keep one as a constant,
 * which their input checks, messages, files and {@link #summary} read.
 *
 * <p>Arrays passed to the constructor are indexed {@code 0..L-1} for layers {@code 1..L}; methods
 * taking a layer {@code l} count from 1 as the course notes do.
 *
 * <p>The figures ({@link #parameterCount}, {@link #parameterBytes}, the multiply-adds and the
 * workspace per example) are the ones the annotation processor writes as constants on the generated
 * model and prints with {@code -Anetc.report=true}, by the same formulas. A figure that no long
 * holds is {@code Long.MAX_VALUE}; only layers far too large to allocate get there.
 */
public final class Architecture {
  private final String network;
  private final int[] sizes;
  private final String[] layerNames;
  private final Activation[] activations;
  private final Loss loss;
  private final Precision precision;

  /**
   * A double-precision network; see {@link #Architecture(String, int[], String[], Activation[],
   * Loss, Precision)}.
   */
  public Architecture(
      String network, int[] sizes, String[] layerNames, Activation[] activations, Loss loss) {
    this(network, sizes, layerNames, activations, loss, Precision.DOUBLE);
  }

  /**
   * @param network the simple name of the declaration, used as the prefix of every message
   * @param sizes {@code {n[0], n[1], ..., n[L]}}, each at least 1
   * @param layerNames {@code layerNames[l-1]} is the name of layer {@code l}, {@code ""} if unnamed
   * @param activations {@code activations[l-1]} is {@code g[l]}
   * @param loss the cost function
   * @param precision the element type of every matrix: it sets the byte figures and the summary
   */
  public Architecture(
      String network,
      int[] sizes,
      String[] layerNames,
      Activation[] activations,
      Loss loss,
      Precision precision) {
    if (network == null || network.isEmpty()) {
      throw new IllegalArgumentException("network name must not be empty");
    }
    this.network = network;
    this.sizes = Sizes.check(sizes);
    int layers = sizes.length - 1;
    if (layerNames == null || layerNames.length != layers) {
      throw new IllegalArgumentException(
          network + ": layerNames must have " + layers + " entries (one per layer), got "
              + (layerNames == null ? "null" : layerNames.length));
    }
    if (activations == null || activations.length != layers) {
      throw new IllegalArgumentException(
          network + ": activations must have " + layers + " entries (one per layer), got "
              + (activations == null ? "null" : activations.length));
    }
    for (int i = 0; i < layers; i++) {
      if (layerNames[i] == null || activations[i] == null) {
        throw new IllegalArgumentException(
            network + ": layer " + (i + 1) + " has a null name or activation");
      }
    }
    if (loss == null) {
      throw new IllegalArgumentException(network + ": loss must not be null");
    }
    this.layerNames = layerNames.clone();
    this.activations = activations.clone();
    if (precision == null) {
      throw new IllegalArgumentException(network + ": precision must not be null");
    }
    this.loss = loss;
    this.precision = precision;
  }

  /** The element type of the network's matrices: {@code double} or {@code float}. */
  public Precision precision() {
    return precision;
  }

  /** 8 for double, 4 for float. */
  private int bytesPerElement() {
    return precision == Precision.FLOAT ? Float.BYTES : Double.BYTES;
  }

  /** The simple name of the declaration, e.g. {@code PlanarClassifier}. */
  public String network() {
    return network;
  }

  /** {@code {n[0], ..., n[L]}}, a fresh copy. */
  public int[] sizes() {
    return sizes.clone();
  }

  /** {@code L}. */
  public int layers() {
    return sizes.length - 1;
  }

  /** {@code n[l]} for {@code l = 0..L} ({@code n[0]} is the number of inputs). */
  public int units(int l) {
    if (l < 0 || l > layers()) {
      throw new IllegalArgumentException(
          "n[" + l + "] does not exist; sizes are n[0]..n[" + layers() + "]");
    }
    return sizes[l];
  }

  /** {@code g[l]} for {@code l = 1..L}. */
  public Activation activation(int l) {
    return activations[Sizes.checkLayer(l, layers()) - 1];
  }

  /** The cost function. */
  public Loss loss() {
    return loss;
  }

  /** {@code layer 2 ("output")} for a named layer, {@code layer 2} otherwise. */
  public String layerName(int l) {
    String name = layerNames[Sizes.checkLayer(l, layers()) - 1];
    return name.isEmpty() ? "layer " + l : "layer " + l + " (\"" + name + "\")";
  }

  /** {@code sum over l of n[l] * n[l-1] + n[l]}. */
  public long parameterCount() {
    long count = 0;
    for (int l = 1; l <= layers(); l++) {
      count = add(count, parameters(l));
    }
    return count;
  }

  /**
   * {@code 8 * parameterCount()} for double ({@code 4 *} for float): every {@code W[l]} and
   * {@code b[l]}.
   */
  public long parameterBytes() {
    long count = parameterCount();
    int bytes = bytesPerElement();
    return count > Long.MAX_VALUE / bytes ? Long.MAX_VALUE : bytes * count;
  }

  /**
   * Multiply-adds of the forward pass per example (per column of {@code X}): the products
   * {@code Z[l] = W[l]*A[l-1]} cost {@code sum over l of n[l] * n[l-1]}. Element-wise work (bias,
   * activation) is not counted. Training on {@code m} examples costs {@code m} times this.
   */
  public long forwardMultiplyAddsPerExample() {
    long count = 0;
    for (int l = 1; l <= layers(); l++) {
      count = add(count, forwardMultiplyAdds(l));
    }
    return count;
  }

  /**
   * Multiply-adds of the backward pass per example, as the generated code computes it:
   * {@code dW[l] = (1/m) dZ[l]*A[l-1]^T} costs {@code n[l] * n[l-1]} for every layer and {@code
   * dA[l-1] = W[l]^T*dZ[l]} costs {@code n[l] * n[l-1]} again for {@code l >= 2} only (nobody needs
   * {@code dA[0]}): {@code sum over l of n[l] * n[l-1] + sum over l >= 2 of n[l] * n[l-1]}.
   */
  public long backwardMultiplyAddsPerExample() {
    long count = 0;
    for (int l = 1; l <= layers(); l++) {
      count = add(count, backwardMultiplyAdds(l));
    }
    return count;
  }

  /**
   * Bytes the generated passes allocate per example (per column of {@code X}), 8 per double (4
   * per float): the
   * forward pass keeps {@code Z[l]} and {@code A[l]} for every layer, the backward pass {@code
   * dZ[l]} for every layer and {@code dA[l]} for {@code l < L}, plus {@code dA[L]} when the output
   * is not matched to the loss (see {@link #outputIsMatched}): {@code 8 * (sum over l of 3 n[l] +
   * sum over l < L of n[l] + (matched ? 0 : n[L]))}. The parameters and the gradients take {@link
   * #parameterBytes} each on top, whatever {@code m}.
   */
  public long workspaceBytesPerExample() {
    long bytes = 0;
    for (int l = 1; l <= layers(); l++) {
      bytes = add(bytes, workspaceBytes(l));
    }
    return bytes;
  }

  /**
   * True when the output and the loss are one of the matched pairs (SIGMOID with binary
   * cross-entropy, SOFTMAX with categorical cross-entropy, LINEAR with mean squared error), whose
   * {@code dZ[L] = A[L] - Y} needs no {@code dA[L]}.
   */
  public boolean outputIsMatched() {
    Activation g = activations[layers() - 1];
    switch (loss) {
      case BINARY_CROSS_ENTROPY:
        return g == Activation.SIGMOID;
      case CATEGORICAL_CROSS_ENTROPY:
        return g == Activation.SOFTMAX;
      default:
        return g == Activation.LINEAR;
    }
  }

  /** {@code n[l] * n[l-1] + n[l]}: at most {@code 2^62 + 2^31}. */
  private long parameters(int l) {
    return weights(l) + sizes[l];
  }

  /**
   * {@code a + b} for non-negative figures, {@code Long.MAX_VALUE} where that overflows: only sizes
   * far too large to allocate get there, and summary() must not fail on them.
   */
  private static long add(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  /** {@code n[l] * n[l-1]}, the entries of {@code W[l]}: at most {@code 2^62}. */
  private long weights(int l) {
    return (long) sizes[l] * sizes[l - 1];
  }

  private long forwardMultiplyAdds(int l) {
    return weights(l);
  }

  private long backwardMultiplyAdds(int l) {
    return l >= 2 ? 2 * weights(l) : weights(l);
  }

  /** Z[l], A[l], dZ[l], and dA[l] unless l = L with a matched output. */
  private long workspaceBytes(int l) {
    int matrices = l < layers() || !outputIsMatched() ? 4 : 3;
    return (long) bytesPerElement() * matrices * sizes[l];
  }

  /** {@code 2 -> 4 (tanh) -> 1 (sigmoid)}. */
  public String describe() {
    StringBuilder s = new StringBuilder().append(sizes[0]);
    for (int l = 1; l <= layers(); l++) {
      s.append(" -> ").append(sizes[l]).append(" (").append(name(activations[l - 1])).append(')');
    }
    return s.toString();
  }

  /**
   * A text table of the layers and what they cost, for example
   *
   * <pre>
   * PlanarClassifier: 2 -&gt; 4 (tanh) -&gt; 1 (sigmoid)
   * layer  name    units  activation  W    b    parameters  forward  backward  workspace
   * 0      input   2
   * 1      -       4      tanh        4x2  4x1  12          8        8         128
   * 2      output  1      sigmoid     1x4  1x1  5           4        8         24
   * total                                       17          12       16        152
   * loss: binary cross-entropy
   * parameters: 17 doubles, 136 bytes
   * per example: 12 multiply-adds forward, 16 backward, 152 bytes of workspace
   * </pre>
   *
   * <p>{@code forward} and {@code backward} are the multiply-adds per example of {@link
   * #forwardMultiplyAddsPerExample} and {@link #backwardMultiplyAddsPerExample}, {@code workspace}
   * the bytes per example of {@link #workspaceBytesPerExample}, each split by layer. The annotation
   * processor's {@code -Anetc.report=true} note prints the same text.
   */
  public String summary() {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "layer", "name", "units", "activation", "W", "b", "parameters", "forward", "backward",
          "workspace"
        });
    rows.add(new String[] {"0", "input", Integer.toString(sizes[0]), "", "", "", "", "", "", ""});
    for (int l = 1; l <= layers(); l++) {
      String name = layerNames[l - 1];
      rows.add(
          new String[] {
            Integer.toString(l),
            name.isEmpty() ? "-" : name,
            Integer.toString(sizes[l]),
            name(activations[l - 1]),
            sizes[l] + "x" + sizes[l - 1],
            sizes[l] + "x1",
            Long.toString(parameters(l)),
            Long.toString(forwardMultiplyAdds(l)),
            Long.toString(backwardMultiplyAdds(l)),
            Long.toString(workspaceBytes(l))
          });
    }
    rows.add(
        new String[] {
          "total", "", "", "", "", "", Long.toString(parameterCount()),
          Long.toString(forwardMultiplyAddsPerExample()),
          Long.toString(backwardMultiplyAddsPerExample()),
          Long.toString(workspaceBytesPerExample())
        });
    StringBuilder s = new StringBuilder(network).append(": ").append(describe()).append('\n');
    SummaryTable.append(rows, s);
    return s.append("loss: ").append(name(loss)).append('\n')
        .append("parameters: ").append(parameterCount())
        .append(precision == Precision.FLOAT ? " floats, " : " doubles, ")
        .append(parameterBytes()).append(" bytes\n")
        .append("per example: ").append(forwardMultiplyAddsPerExample())
        .append(" multiply-adds forward, ").append(backwardMultiplyAddsPerExample())
        .append(" backward, ").append(workspaceBytesPerExample()).append(" bytes of workspace\n")
        .toString();
  }

  @Override
  public String toString() {
    return network + ": " + describe() + ", " + name(loss);
  }

  static String name(Activation activation) {
    return activation.name().toLowerCase(Locale.ROOT);
  }

  static String name(Loss loss) {
    switch (loss) {
      case BINARY_CROSS_ENTROPY:
        return "binary cross-entropy";
      case CATEGORICAL_CROSS_ENTROPY:
        return "categorical cross-entropy";
      default:
        return "mean squared error";
    }
  }
}
