package dev.netc.runtime;

/**
 * What a {@link TrainingListener} is told after an epoch (a pass over the training data).
 *
 * @param epoch the epoch just finished, counted from 0
 * @param epochs the epochs training will run at most
 * @param learningRate the learning rate {@code alpha} this epoch used (after decay)
 * @param cost the training cost of this epoch: the mean of the mini-batch costs before their
 *     updates, weighted by batch size, L2 term included. With full-batch descent it is the cost
 *     {@code J} before update number {@code epoch}, as the course notes print it.
 * @param validationCost the cost on the validation set after this epoch, NaN without one
 * @param accuracy the training accuracy measured the way {@code cost} is (NaN for regression)
 * @param validationAccuracy the accuracy on the validation set after this epoch (NaN without one,
 *     or for regression)
 */
public record TrainingProgress(
    int epoch,
    int epochs,
    double learningRate,
    double cost,
    double validationCost,
    double accuracy,
    double validationAccuracy) {}
