package dev.netc.samples;

import static dev.netc.annotations.Activation.SIGMOID;
import static dev.netc.annotations.Init.ZEROS;
import static dev.netc.annotations.Loss.BINARY_CROSS_ENTROPY;

import dev.netc.annotations.Layer;
import dev.netc.annotations.Network;
import dev.netc.runtime.Model;

/**
 * Logistic regression on the planar flower, the baseline of the notes: one sigmoid unit on the two
 * coordinates. Its decision boundary is a straight line, so it cannot follow the petals. Zero
 * initial weights are fine here: with a single unit there is no symmetry to break.
 */
@Network(inputs = 2, loss = BINARY_CROSS_ENTROPY)
@Layer(units = 1, activation = SIGMOID, init = ZEROS)
public interface PlanarLogisticRegression extends Model {}
