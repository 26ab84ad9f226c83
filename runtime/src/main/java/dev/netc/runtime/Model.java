package dev.netc.runtime;

import java.io.IOException;
import java.nio.file.Path;
import org.jblas.DoubleMatrix;

/**
 * What every generated model offers. {@code X} is {@code n[0] x m} with one example per column,
 * {@code Y} is {@code n[L] x m}; layers are counted from 1.
 *
 * <p>Every method that takes {@code X} or {@code Y} checks them first against the network's
 * {@link Architecture} ({@code X} is {@code n[0] x m} with {@code m >= 1}, {@code Y} is {@code
 * n[L] x m}, every entry finite, targets that suit the loss) and throws {@link
 * IllegalArgumentException} naming the expected and the actual shape, changing nothing.
 */
public interface Model {

  /** {@code {n[0], n[1], ..., n[L]}}, a fresh copy. */
  int[] layerSizes();

  /** The output {@code A[L]} ({@code n[L] x m}) of the forward pass, a new matrix. */
  DoubleMatrix forward(DoubleMatrix X);

  /**
   * The prediction, a new matrix: 0/1 ({@code A > 0.5}) for binary cross-entropy, the one-hot arg
   * max of every column for categorical cross-entropy, {@code A[L]} for mean squared error.
   */
  DoubleMatrix predict(DoubleMatrix X);

  /** The cost {@code J} of the current parameters on {@code (X, Y)}. */
  double cost(DoubleMatrix X, DoubleMatrix Y);

  /** The gradients of {@link #cost} with respect to every {@code W[l]} and {@code b[l]}. */
  Gradients gradients(DoubleMatrix X, DoubleMatrix Y);

  /** The live parameters: changing them changes the model. */
  Parameters parameters();

  /** Trains the parameters in place on {@code (X, Y)}; see {@link Training}. */
  TrainingReport fit(DoubleMatrix X, DoubleMatrix Y, Training training);

  /** Writes the parameters as NumPy {@code .npz} ({@code W1, b1, ...}); see {@link ModelFiles}. */
  void save(Path file) throws IOException;

  /** A small table of the layers, shapes and parameter counts; see {@link Architecture#summary}. */
  String summary();
}
