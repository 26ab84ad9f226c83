package dev.netc.runtime;

import java.io.IOException;
import java.nio.file.Path;
import org.jblas.FloatMatrix;

/**
 * What every generated single-precision model ({@code @Network(precision = FLOAT)}) offers: {@link
 * Model} on {@link FloatMatrix}. {@code X} is {@code n[0] x m} with one example per column, {@code
 * Y} is {@code n[L] x m}; layers are counted from 1.
 *
 * <p>Parameters, gradients, workspaces and optimizer state are floats and every matrix product is
 * an {@code sgemm}; costs and metrics are summed in double and returned as {@code double}.
 *
 * <p>Every method that takes {@code X} or {@code Y} checks them first against the network's
 * {@link Architecture} ({@code X} is {@code n[0] x m} with {@code m >= 1}, {@code Y} is {@code
 * n[L] x m}, every entry finite, targets that suit the loss) and throws {@link
 * IllegalArgumentException} naming the expected and the actual shape, changing nothing.
 */
public interface FloatModel {

  /** {@code {n[0], n[1], ..., n[L]}}, a fresh copy. */
  int[] layerSizes();

  /** The output {@code A[L]} ({@code n[L] x m}) of the forward pass, a new matrix. */
  FloatMatrix forward(FloatMatrix X);

  /**
   * The prediction, a new matrix: 0/1 ({@code A > 0.5}) for binary cross-entropy, the one-hot arg
   * max of every column for categorical cross-entropy, {@code A[L]} for mean squared error.
   */
  FloatMatrix predict(FloatMatrix X);

  /** The cost {@code J} of the current parameters on {@code (X, Y)}, summed in double. */
  double cost(FloatMatrix X, FloatMatrix Y);

  /** The gradients of {@link #cost} with respect to every {@code W[l]} and {@code b[l]}. */
  FloatGradients gradients(FloatMatrix X, FloatMatrix Y);

  /** The live parameters: changing them changes the model. */
  FloatParameters parameters();

  /** Trains the parameters in place on {@code (X, Y)}; see {@link Training}. */
  TrainingReport fit(FloatMatrix X, FloatMatrix Y, Training training);

  /**
   * Writes the parameters as NumPy {@code .npz} ({@code W1, b1, ...} as float32); see {@link
   * ModelFiles#save(Path, FloatParameters)}.
   */
  void save(Path file) throws IOException;

  /** A small table of the layers, shapes and parameter counts; see {@link Architecture#summary}. */
  String summary();
}
