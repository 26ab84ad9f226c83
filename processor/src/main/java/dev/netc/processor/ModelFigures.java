package dev.netc.processor;

import dev.netc.processor.NetworkModel.LayerModel;
import java.util.ArrayList;
import java.util.List;

/**
 * What a checked network costs, as exact integers: parameters, multiply-adds per example of the
 * two generated passes, and bytes. Printed by the {@code -Anetc.report=true} note ({@link
 * ReportNote}) and written as constants on the generated model ({@link FigureConstants}).
 *
 * <p>The runtime's {@code Architecture} computes the same figures from the same sizes, activations
 * and loss for {@code summary()}; {@code ModelFiguresTest} proves both agree. With {@code n[l]} the
 * units of layer {@code l}, {@code L} the number of layers and {@code e} bytes per entry (8 per
 * double, 4 per float: see {@link PrecisionNames}):
 *
 * <ul>
 *   <li>{@code parameterCount = sum over l of n[l]*n[l-1] + n[l]} (every {@code W[l]}, {@code
 *       b[l]});
 *   <li>{@code parameterBytes = e * parameterCount};
 *   <li>{@code forwardMultiplyAdds = sum over l of n[l]*n[l-1]}: the products {@code Z[l] =
 *       W[l]*A[l-1]}; element-wise work (bias, activation) is not counted;
 *   <li>{@code backwardMultiplyAdds = sum over l of n[l]*n[l-1] + sum over l >= 2 of
 *       n[l]*n[l-1]}: {@code dW[l] = (1/m) dZ[l]*A[l-1]^T} for every layer and {@code dA[l-1] =
 *       W[l]^T*dZ[l]} for {@code l >= 2} only, since no {@code dA[0]} is computed;
 *   <li>{@code workspaceBytesPerExample = e * (sum over l of 3 n[l] + sum over l < L of n[l] +
 *       (matched ? 0 : n[L]))}: what {@code FooForward} ({@code Z[l]}, {@code A[l]}) and {@code
 *       FooBackward} ({@code dZ[l]}; {@code dA[l]} for {@code l < L}; {@code dA[L]} only when the
 *       output is not matched to the loss) allocate per column of {@code X}.
 * </ul>
 *
 * <p>Per-example figures are per column of {@code X}: a batch of {@code m} examples costs {@code m}
 * times as much. The parameters, and the gradients, take {@code parameterBytes} each whatever
 * {@code m}. A figure that no long holds is {@code Long.MAX_VALUE}: only layers far too large to
 * allocate get there (a {@code W[l]} lives in one Java array), and netc must not fail on them.
 */
record ModelFigures(
    List<LayerFigures> layers,
    long parameterCount,
    long parameterBytes,
    long forwardMultiplyAdds,
    long backwardMultiplyAdds,
    long workspaceBytesPerExample) {

  /** The share of one layer {@code l}: {@code W[l]} is {@code units x fanIn}. */
  record LayerFigures(
      int index,
      int units,
      int fanIn,
      long parameters,
      long forwardMultiplyAdds,
      long backwardMultiplyAdds,
      long workspaceBytesPerExample) {}

  static ModelFigures of(NetworkModel network) {
    return of(network.sizes(), network.outputIsMatched(), network.precision().bytesPerElement());
  }

  /** The figures of a double-precision network: what the runtime's {@code Architecture} gives. */
  static ModelFigures of(int[] sizes, boolean outputIsMatched) {
    return of(sizes, outputIsMatched, PrecisionNames.DOUBLE.bytesPerElement());
  }

  /**
   * @param sizes {@code {n[0], ..., n[L]}}, each at least 1
   * @param outputIsMatched true when {@code dZ[L] = A[L] - Y}, so that no {@code dA[L]} exists
   * @param bytesPerElement 8 for double precision, 4 for single
   */
  static ModelFigures of(int[] sizes, boolean outputIsMatched, int bytesPerElement) {
    int last = sizes.length - 1;
    List<LayerFigures> layers = new ArrayList<>();
    long parameters = 0;
    long forward = 0;
    long backward = 0;
    long workspace = 0;
    for (int l = 1; l <= last; l++) {
      // Both factors are ints, so the product (at most 2^62) and twice it fit a long.
      long weights = (long) sizes[l] * sizes[l - 1];
      long layerParameters = weights + sizes[l];
      long layerBackward = l >= 2 ? 2 * weights : weights;
      int matrices = l < last || !outputIsMatched ? 4 : 3;
      long layerWorkspace = (long) bytesPerElement * matrices * sizes[l];
      layers.add(
          new LayerFigures(
              l, sizes[l], sizes[l - 1], layerParameters, weights, layerBackward, layerWorkspace));
      parameters = add(parameters, layerParameters);
      forward = add(forward, weights);
      backward = add(backward, layerBackward);
      workspace = add(workspace, layerWorkspace);
    }
    long parameterBytes =
        parameters > Long.MAX_VALUE / bytesPerElement
            ? Long.MAX_VALUE
            : bytesPerElement * parameters;
    return new ModelFigures(
        List.copyOf(layers), parameters, parameterBytes, forward, backward, workspace);
  }

  /** {@code a + b} for non-negative figures, {@code Long.MAX_VALUE} where that overflows. */
  private static long add(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
