package dev.netc.runtime;

import dev.netc.annotations.Activation;
import dev.netc.annotations.Loss;
import dev.netc.annotations.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/**
 * The shape of a network as declared: its name, {@code sizes = {n[0], ..., n[L]}}, the name and
 * activation of every layer and the loss. Generated models keep one as a constant; it checks run
 * time inputs and writes the messages, so that every model words them the same way.
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
    this.sizes = Parameters.checkSizes(sizes);
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
    return activations[Parameters.checkLayer(l, layers()) - 1];
  }

  /** The cost function. */
  public Loss loss() {
    return loss;
  }

  /** {@code layer 2 ("output")} for a named layer, {@code layer 2} otherwise. */
  public String layerName(int l) {
    String name = layerNames[Parameters.checkLayer(l, layers()) - 1];
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
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder s = new StringBuilder(network).append(": ").append(describe()).append('\n');
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        line.append(row[c]);
        if (c < row.length - 1) {
          line.append(" ".repeat(widths[c] - row[c].length() + 2));
        }
      }
      s.append(line.toString().stripTrailing()).append('\n');
    }
    return s.append("loss: ").append(name(loss)).append('\n')
        .append("parameters: ").append(parameterCount())
        .append(precision == Precision.FLOAT ? " floats, " : " doubles, ")
        .append(parameterBytes()).append(" bytes\n")
        .append("per example: ").append(forwardMultiplyAddsPerExample())
        .append(" multiply-adds forward, ").append(backwardMultiplyAddsPerExample())
        .append(" backward, ").append(workspaceBytesPerExample()).append(" bytes of workspace\n")
        .toString();
  }

  /**
   * Checks that {@code X} is {@code n[0] x m} with {@code m >= 1} and only finite entries.
   *
   * @throws IllegalArgumentException e.g. {@code PlanarClassifier: X must be 2xm (n[0] x m), got
   *     3x400}
   */
  public void checkInput(DoubleMatrix X) {
    checkInput(X == null ? null : new Doubles(X));
  }

  /**
   * {@link #checkInput(DoubleMatrix)} in single precision, with the same messages (a bad entry is
   * shown as the float it is).
   */
  public void checkInput(FloatMatrix X) {
    checkInput(X == null ? null : new Floats(X));
  }

  /**
   * Checks {@code X} as {@link #checkInput} does, then that {@code Y} is {@code n[L] x m} with
   * finite entries that suit the loss: binary cross-entropy targets lie in {@code [0, 1]};
   * categorical cross-entropy target columns are non-negative and sum to 1 (one-hot).
   *
   * @throws IllegalArgumentException e.g. {@code PlanarClassifier: Y must be 1x400 (n[2] x m), got
   *     2x400}, naming the first bad entry or column
   */
  public void checkTargets(DoubleMatrix X, DoubleMatrix Y) {
    checkTargets(X == null ? null : new Doubles(X), Y == null ? null : new Doubles(Y));
  }

  /**
   * {@link #checkTargets(DoubleMatrix, DoubleMatrix)} in single precision, with the same messages;
   * the column sums of categorical targets are taken in double.
   */
  public void checkTargets(FloatMatrix X, FloatMatrix Y) {
    checkTargets(X == null ? null : new Floats(X), Y == null ? null : new Floats(Y));
  }

  /**
   * The checks of {@link #checkInput(DoubleMatrix)} that read no entry of {@code X}: not null,
   * {@code n[0] x m} with {@code m >= 1}, a data array that holds it. Generated models whose first
   * layer is narrower than their input ({@code n[1] < n[0]}) call it before their forward pass
   * and check the entries after it, through {@link #checkInputEntries(DoubleMatrix,
   * DoubleMatrix)}, which reads {@code n[1]/n[0]} as much memory as a scan of {@code X}.
   *
   * @throws IllegalArgumentException as {@link #checkInput(DoubleMatrix)} does for these checks
   */
  public void checkInputShape(DoubleMatrix X) {
    checkShape(X == null ? null : new Doubles(X));
  }

  /** {@link #checkInputShape(DoubleMatrix)} in single precision, with the same messages. */
  public void checkInputShape(FloatMatrix X) {
    checkShape(X == null ? null : new Floats(X));
  }

  /**
   * {@link #checkTargets(DoubleMatrix, DoubleMatrix)} but for the entries of {@code X}, which
   * {@link #checkInputEntries(DoubleMatrix, DoubleMatrix)} checks after the first layer's product
   * (see {@link #checkInputShape(DoubleMatrix)}). When {@code Y} is refused, the entries of {@code
   * X} are checked first, so that every {@code (X, Y)} gets the exception {@code checkTargets}
   * gives it.
   *
   * @throws IllegalArgumentException as {@link #checkTargets(DoubleMatrix, DoubleMatrix)} does,
   *     except for a NaN or an infinity in an {@code X} that passes the other checks with {@code
   *     Y}
   */
  public void checkTargetsAndInputShape(DoubleMatrix X, DoubleMatrix Y) {
    checkTargetsAndShape(X == null ? null : new Doubles(X), Y == null ? null : new Doubles(Y));
  }

  /**
   * {@link #checkTargetsAndInputShape(DoubleMatrix, DoubleMatrix)} in single precision, with the
   * same messages.
   */
  public void checkTargetsAndInputShape(FloatMatrix X, FloatMatrix Y) {
    checkTargetsAndShape(X == null ? null : new Floats(X), Y == null ? null : new Floats(Y));
  }

  /**
   * Completes the check of {@code X} that {@link #checkInputShape(DoubleMatrix)} or {@link
   * #checkTargetsAndInputShape(DoubleMatrix, DoubleMatrix)} began, once the first layer has
   * computed {@code Z1 = W1*X + b1} from it: throws what {@link #checkInput(DoubleMatrix)} throws
   * for a NaN or an infinity in {@code X}. A NaN or an infinity in column {@code j} of {@code X}
   * makes every entry of column {@code j} of {@code Z1} NaN or infinite: {@code w*inf} is
   * infinite or (for {@code w = 0}) NaN, {@code w*NaN} is NaN, and a sum with a NaN or an
   * infinity in it is NaN or infinite; netc's products (both BLAS backends, and the Java loops
   * for small ones) compute every term, none is skipped. So where {@code Z1} is finite, {@code X}
   * is, and only {@code Z1} ({@code n[1] x m}) is read. Otherwise {@code X} is scanned as {@code
   * checkInput} scans it; it may well be finite (non-finite parameters, or an overflow), and then
   * nothing is thrown.
   *
   * @throws IllegalArgumentException e.g. {@code Classifier: X(3, 16) is NaN; every entry of X
   *     must be finite}
   */
  public void checkInputEntries(DoubleMatrix X, DoubleMatrix Z1) {
    if (Kernels.firstNonFinite(Z1) >= 0) {
      checkFinite(new Doubles(X), "X");
    }
  }

  /** {@link #checkInputEntries(DoubleMatrix, DoubleMatrix)} in single precision. */
  public void checkInputEntries(FloatMatrix X, FloatMatrix Z1) {
    if (Kernels.firstNonFinite(Z1) >= 0) {
      checkFinite(new Floats(X), "X");
    }
  }

  private void checkShape(Entries X) {
    if (X == null) {
      throw new IllegalArgumentException(network + ": X is null; it must be " + sizes[0] + "xm");
    }
    if (X.rows() != sizes[0]) {
      throw new IllegalArgumentException(
          network + ": X must be " + sizes[0] + "xm (n[0] x m), got " + X.rows() + "x"
              + X.columns());
    }
    if (X.columns() < 1) {
      throw new IllegalArgumentException(network + ": X has no columns; m must be at least 1");
    }
    checkStorage(X, "X");
  }

  private void checkTargetsAndShape(Entries X, Entries Y) {
    checkShape(X);
    try {
      checkY(X, Y);
    } catch (IllegalArgumentException e) {
      checkFinite(X, "X"); // checkTargets reports a bad X before a bad Y
      throw e;
    }
  }

  private void checkInput(Entries X) {
    checkShape(X);
    checkFinite(X, "X");
  }

  private void checkTargets(Entries X, Entries Y) {
    checkInput(X);
    checkY(X, Y);
  }

  /** The checks of {@code Y} against an {@code X} of the right shape. */
  private void checkY(Entries X, Entries Y) {
    int out = sizes[layers()];
    String expected = out + "x" + X.columns() + " (n[" + layers() + "] x m)";
    if (Y == null) {
      throw new IllegalArgumentException(network + ": Y is null; it must be " + expected);
    }
    if (Y.rows() != out || Y.columns() != X.columns()) {
      throw new IllegalArgumentException(
          network + ": Y must be " + expected + ", got " + Y.rows() + "x" + Y.columns());
    }
    checkStorage(Y, "Y");
    checkFinite(Y, "Y");
    int rows = Y.rows();
    switch (loss) {
      case BINARY_CROSS_ENTROPY:
        for (int i = 0; i < rows * Y.columns(); i++) {
          double v = Y.get(i);
          if (v < 0.0 || v > 1.0) {
            throw new IllegalArgumentException(
                network + ": Y(" + (i % rows) + ", " + (i / rows) + ") is " + Y.show(i)
                    + "; binary cross-entropy targets must lie in [0, 1]");
          }
        }
        break;
      case CATEGORICAL_CROSS_ENTROPY:
        for (int j = 0; j < Y.columns(); j++) {
          double sum = 0.0;
          for (int i = 0; i < rows; i++) {
            double v = Y.get(j * rows + i);
            if (v < 0.0) {
              throw new IllegalArgumentException(
                  network + ": Y(" + i + ", " + j + ") is " + Y.show(j * rows + i)
                      + "; categorical cross-entropy targets must be non-negative and every"
                      + " column must sum to 1 (one-hot)");
            }
            sum += v;
          }
          // A tolerance, not ==: smoothed or computed targets rarely sum to exactly 1.
          if (Math.abs(sum - 1.0) > 1e-6) {
            throw new IllegalArgumentException(
                network + ": column " + j + " of Y sums to " + sum
                    + "; categorical cross-entropy target columns must sum to 1 (one-hot)");
          }
        }
        break;
      default:
        break;
    }
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

  private void checkStorage(Entries M, String what) {
    if (M.stored() < M.rows() * M.columns()) {
      throw new IllegalArgumentException(
          network + ": " + what + " is " + M.rows() + "x" + M.columns()
              + " but its data array holds "
              + (M.stored() < 0 ? "nothing" : M.stored() + " values"));
    }
  }

  private void checkFinite(Entries M, String what) {
    int i = M.firstNonFinite();
    if (i >= 0) {
      throw new IllegalArgumentException(
          network + ": " + what + "(" + (i % M.rows()) + ", " + (i / M.rows()) + ") is "
              + M.show(i) + "; every entry of " + what + " must be finite");
    }
  }

  /**
   * A matrix of either precision as the checks read it, so that one check serves both without
   * copying floats into doubles.
   */
  private interface Entries {
    int rows();

    int columns();

    /** The length of the data array, -1 when there is none. */
    int stored();

    /** See {@link Kernels#firstNonFinite(DoubleMatrix)}. */
    int firstNonFinite();

    /** Entry {@code i} of the data array. */
    double get(int i);

    /** Entry {@code i} as a message shows it: a float as the float it is ({@code 0.1}). */
    String show(int i);
  }

  private record Doubles(DoubleMatrix M) implements Entries {
    @Override
    public int rows() {
      return M.rows;
    }

    @Override
    public int columns() {
      return M.columns;
    }

    @Override
    public int stored() {
      return M.data == null ? -1 : M.data.length;
    }

    @Override
    public int firstNonFinite() {
      return Kernels.firstNonFinite(M);
    }

    @Override
    public double get(int i) {
      return M.data[i];
    }

    @Override
    public String show(int i) {
      return Double.toString(M.data[i]);
    }
  }

  private record Floats(FloatMatrix M) implements Entries {
    @Override
    public int rows() {
      return M.rows;
    }

    @Override
    public int columns() {
      return M.columns;
    }

    @Override
    public int stored() {
      return M.data == null ? -1 : M.data.length;
    }

    @Override
    public int firstNonFinite() {
      return Kernels.firstNonFinite(M);
    }

    @Override
    public double get(int i) {
      return M.data[i];
    }

    @Override
    public String show(int i) {
      return Float.toString(M.data[i]);
    }
  }
}
