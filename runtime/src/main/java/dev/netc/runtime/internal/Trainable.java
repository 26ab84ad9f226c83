package dev.netc.runtime.internal;

import org.jblas.DoubleMatrix;

// twin: f32
/**
 * The passes of one model that {@link dev.netc.runtime.Training} drives; generated models
 * implement it on their own parameters and workspaces. Training calls {@link #forward}, then
 * {@link #costOfLastForward} and {@link #backward} for the same examples, and applies the update
 * itself.
 */
public interface Trainable {

  /**
   * Runs the forward pass on {@code X} ({@code n[0] x m}) and returns {@code A[L]}: a workspace,
   * overwritten by the next pass. {@code X} is already checked.
   */
  DoubleMatrix forward(DoubleMatrix X);

  /** The cost {@code J} of the last forward pass against {@code Y} ({@code n[L] x m}). */
  double costOfLastForward(DoubleMatrix Y); // twin: scalar costOfLastForward

  /**
   * Runs the backward pass for the last forward pass, which ran on {@code X}: writes {@code dW[l]}
   * and {@code db[l]}, the gradients of {@code J}, into the model's {@link
   * dev.netc.runtime.Gradients}.
   */
  void backward(DoubleMatrix X, DoubleMatrix Y);
}
