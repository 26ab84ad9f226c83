package dev.netc.runtime;

import java.io.IOException;
import java.nio.file.Path;
import org.jblas.DoubleMatrix;

// twin: f32
/**
 * What every generated model offers. {@code X} is {@code n[0] x m} with one example per column,
 * {@code Y} is {@code n[L] x m}; layers are counted from 1.
 *
 * <p>Every method that takes {@code X} or {@code Y} checks them first against the network's
 * {@link Architecture} ({@code X} is {@code n[0] x m} with {@code m >= 1}, {@code Y} is {@code
 * n[L] x m}, every entry finite, targets that suit the loss) and throws {@link
 * IllegalArgumentException} naming the expected and the actual shape, changing nothing.
 *
 * <p><b>Threads.</b> {@link #forward}, {@link #predict}, {@link #cost}, {@link #gradients}, {@link
 * #save} and the one-example methods may be called from any number of threads at once on one model
 * and give exactly (bit for bit) the results of one thread: each thread runs its own passes on its
 * own workspaces, and none takes a lock. While {@link #fit} runs, calls from other threads read a
 * copy of the parameters taken before its first update, and once it has returned the trained ones:
 * never a mix of the two. Two {@code fit} calls at once on one model are refused ({@link
 * IllegalStateException}). The one unsynchronised path is a write into the matrices of {@link
 * #parameters()} while other threads call the model: a call running during the write may read some
 * entries before it and some after it, so change parameters only while no other thread uses the
 * model (or give the other threads a new model from {@code load} or {@code create}). Each thread's
 * workspaces stay allocated (for the largest batch it ran) while the thread and the model live.
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

  /**
   * The output {@code A[L]} of the forward pass for one example {@code x} ({@code n[0]} values), a
   * new array of {@code n[L]}: the same checks and the same bits as {@link #forward(DoubleMatrix)}
   * on a one-column {@code X}.
   *
   * @param x the example, {@code n[0]} finite values; read, not kept
   * @return {@code A[L]} of {@code x}
   * @throws IllegalArgumentException if {@code x} is null, has another length than {@code n[0]} or
   *     holds a NaN or an infinity
   */
  double[] forward(double[] x);

  /**
   * {@link #forward(double[])} into {@code out}, allocating nothing once this thread has run one
   * pass: the serving path.
   *
   * @param x the example, {@code n[0]} finite values; read, not kept
   * @param out receives {@code A[L]}, {@code n[L]} values; may be {@code x} itself
   * @throws IllegalArgumentException if {@code x} or {@code out} is null or of the wrong length, or
   *     {@code x} holds a NaN or an infinity; {@code out} is then unchanged
   */
  void forward(double[] x, double[] out);

  /**
   * The prediction for one example, a new array of {@code n[L]}: what {@link
   * #predict(DoubleMatrix)} gives for a one-column {@code X}, bit for bit.
   *
   * @param x the example, {@code n[0]} finite values; read, not kept
   * @return 0/1, one-hot or {@code A[L]}, as {@link #predict(DoubleMatrix)} says
   * @throws IllegalArgumentException as {@link #forward(double[])} does
   */
  double[] predict(double[] x);

  /** The cost {@code J} of the current parameters on {@code (X, Y)}, summed in double. */
  double cost(DoubleMatrix X, DoubleMatrix Y); // twin: scalar cost

  /** The gradients of {@link #cost} with respect to every {@code W[l]} and {@code b[l]}. */
  Gradients gradients(DoubleMatrix X, DoubleMatrix Y);

  /**
   * The live parameters: changing them changes the model. Not synchronised: write into them
   * only while no other thread calls this model (see the class comment).
   */
  Parameters parameters();

  /**
   * Trains the parameters in place on {@code (X, Y)}; see {@link Training}. Other threads'
   * calls meanwhile read the parameters from before this call.
   *
   * @throws IllegalStateException if another {@code fit} runs on this model
   */
  TrainingReport fit(DoubleMatrix X, DoubleMatrix Y, Training training);

  /** Writes the parameters as NumPy {@code .npz} ({@code W1, b1, ...}); see {@link ModelFiles}. */
  void save(Path file) throws IOException;

  /** A small table of the layers, shapes and parameter counts; see {@link Architecture#summary}. */
  String summary();
}
