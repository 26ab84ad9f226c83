package dev.netc.samples;

import static dev.netc.annotations.Activation.SIGMOID;
import static dev.netc.annotations.Activation.TANH;
import static dev.netc.annotations.Init.SMALL_RANDOM;
import static dev.netc.annotations.Loss.BINARY_CROSS_ENTROPY;

import dev.netc.annotations.Layer;
import dev.netc.annotations.Network;
import dev.netc.runtime.Model;

/**
 * The course's shallow network for the planar flower: 2 inputs (the point's coordinates), one
 * hidden layer of 4 tanh units, one sigmoid output (the probability of class 1), trained on the
 * binary cross-entropy. Weights start as {@code randn * 0.01}, as in the notes.
 *
 * <p>netc generates {@code PlanarClassifierModel} from this declaration at compile time.
 */
@Network(inputs = 2, loss = BINARY_CROSS_ENTROPY)
@Layer(units = 4, activation = TANH, init = SMALL_RANDOM, name = "hidden")
@Layer(units = 1, activation = SIGMOID, init = SMALL_RANDOM, name = "output")
public interface PlanarClassifier extends Model {}
