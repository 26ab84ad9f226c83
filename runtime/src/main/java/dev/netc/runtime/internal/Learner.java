package dev.netc.runtime.internal;

/**
 * What the one training loop ({@link TrainingLoop}) asks of a model and its data: the loop (epochs,
 * decay, listeners, validation, early stopping, divergence messages, the report) sees only doubles
 * and ints, so it cannot tell a precision, or where the examples live, apart. netc's own learners
 * drive a {@link Trainable} on {@link dev.netc.runtime.Parameters} held in memory, and its float
 * twin; other learners (examples on a cluster, or read batch by batch from a file) implement it and
 * call {@link TrainingLoop#run(dev.netc.runtime.Training, dev.netc.runtime.Architecture, Learner)}.
 *
 * <p>netc's learners allocate their buffers (mini-batches, optimizer state, the best parameters for
 * early stopping) in the constructor, once per {@code fit}; no method allocates.
 */
public interface Learner {

  /** {@code m}, the number of training examples. */
  int examples();

  /** The number of batches per epoch. */
  int batches();

  /** Starts an epoch: a new order of the examples (nothing for full-batch descent). */
  void shuffle();

  /** Makes batch {@code k} (from 0) the current one; returns its number of examples. */
  int select(int k);

  /** The forward pass on the current batch; returns its cost when {@code measureCost}, else 0. */
  double forward(boolean measureCost);

  /** The accuracy of the last {@link #forward} against the current batch's targets. */
  double accuracy();

  /** The backward pass on the current batch, after {@link #forward}. */
  void backward();

  /**
   * {@code dW[l] += scale * W[l]} for every layer (L2); returns {@code sum over l of ||W[l]||^2}
   * when {@code measured}, else 0 without summing the squares.
   */
  double regularise(double scale, boolean measured);

  /**
   * The first NaN or infinite gradient entry, looking at {@code dW1, db1, dW2, ...} in turn, as
   * {@code "dW1(0, 1) is NaN"}; null when every gradient is finite.
   */
  String firstNonFiniteGradient();

  /**
   * Applies the update rule to every parameter; {@code t} counts updates from 1. The parameters
   * before it are kept until the next update, for {@link #undoUpdate}.
   */
  void update(double alpha, int t);

  /**
   * The first NaN or infinite parameter entry, looking at {@code W1, b1, W2, ...} in turn, as
   * {@code "W1(0, 1) is Infinity"}; null when every parameter is finite. The loop asks after every
   * update: finite gradients can still overflow a parameter (a learning rate that is finite in
   * double but infinite in float, or simply too large).
   */
  String firstNonFiniteParameter();

  /** Puts back the parameters as they were before the last {@link #update}. */
  void undoUpdate();

  /** Remembers the current parameters as the best so far (early stopping). */
  void keepBest();

  /** Puts back the parameters last remembered by {@link #keepBest}. */
  void restoreBest();

  /** The cost of the current parameters on the validation set. */
  double validationCost();

  /** The accuracy of the forward pass of the last {@link #validationCost}. */
  double validationAccuracy();

  /** The cost of the current parameters on the whole training set, without the L2 term. */
  double dataCost();
}
