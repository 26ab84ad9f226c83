package dev.netc.runtime.internal;

import dev.netc.runtime.Gradients;
import dev.netc.runtime.Metrics;
import dev.netc.runtime.Parameters;
import dev.netc.runtime.Training;
import org.jblas.DoubleMatrix;

// twin: f32
/**
 * netc's own learner: a {@link Trainable} with its {@link Parameters} and {@link Gradients} and the
 * examples in memory. Costs, L2 sums and accuracies are doubles in both precisions.
 */
final class DoubleLearner implements Learner {
  private final Parameters parameters;
  private final Gradients gradients;
  private final Trainable model;
  private final DoubleMatrix X;
  private final DoubleMatrix Y;
  private final DoubleMatrix validationX;
  private final DoubleMatrix validationY;
  private final DoubleBatches batches;
  private final Updates updates;

  /** The outputs of the last forward passes; fields, so that nothing is allocated. */
  private DoubleMatrix A;

  private DoubleMatrix validationA;

  /**
   * @param validationX the checked validation set, or null (with {@code validationY})
   * @param batchSize the mini-batch size, 0 for full-batch descent
   * @param keepBest whether to allocate the copy that {@link #keepBest} fills
   */
  DoubleLearner(
      Parameters parameters,
      Gradients gradients,
      Trainable model,
      DoubleMatrix X,
      DoubleMatrix Y,
      DoubleMatrix validationX,
      DoubleMatrix validationY,
      Training.UpdateRule rule,
      int batchSize,
      long seed,
      boolean keepBest) {
    this.parameters = parameters;
    this.gradients = gradients;
    this.model = model;
    this.X = X;
    this.Y = Y;
    this.validationX = validationX;
    this.validationY = validationY;
    this.batches = new DoubleBatches(X, Y, batchSize, seed);
    this.updates = new Updates(rule, parameters, keepBest);
  }

  @Override
  public int examples() {
    return X.columns;
  }

  @Override
  public int batches() {
    return batches.count();
  }

  @Override
  public void shuffle() {
    batches.shuffle();
  }

  @Override
  public int select(int k) {
    batches.select(k);
    return batches.X().columns;
  }

  @Override
  public double forward(boolean measureCost) { // twin: scalar forward
    A = model.forward(batches.X());
    return measureCost ? model.costOfLastForward(batches.Y()) : 0.0;
  }

  @Override
  public double accuracy() { // twin: scalar accuracy
    return Metrics.accuracy(A, batches.Y());
  }

  @Override
  public void backward() {
    model.backward(batches.X(), batches.Y());
  }

  @Override
  public double regularise(double scale, boolean measured) { // twin: scalar regularise, scale
    return updates.regularise(gradients, scale, measured);
  }

  @Override
  public String firstNonFiniteGradient() {
    return updates.firstNonFiniteGradient(gradients);
  }

  @Override
  public String firstNonFiniteParameter() {
    return updates.firstNonFiniteParameter();
  }

  @Override
  public void update(double alpha, int t) { // twin: scalar alpha
    updates.apply(gradients, alpha, t);
  }

  @Override
  public void undoUpdate() {
    updates.undo();
  }

  @Override
  public void keepBest() {
    updates.keepBest();
  }

  @Override
  public void restoreBest() {
    updates.restoreBest();
  }

  @Override
  public double validationCost() { // twin: scalar validationCost
    validationA = model.forward(validationX);
    return model.costOfLastForward(validationY);
  }

  @Override
  public double validationAccuracy() { // twin: scalar validationAccuracy
    return Metrics.accuracy(validationA, validationY);
  }

  @Override
  public double dataCost() { // twin: scalar dataCost
    model.forward(X);
    return model.costOfLastForward(Y);
  }
}
