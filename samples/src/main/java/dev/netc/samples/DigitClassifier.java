package dev.netc.samples;

import static dev.netc.annotations.Activation.RELU;
import static dev.netc.annotations.Activation.SOFTMAX;
import static dev.netc.annotations.Init.HE;
import static dev.netc.annotations.Init.XAVIER;
import static dev.netc.annotations.Loss.CATEGORICAL_CROSS_ENTROPY;

import dev.netc.annotations.Layer;
import dev.netc.annotations.Network;
import dev.netc.runtime.Model;

/**
 * The 8x8 handwritten digits, all ten classes: 64 pixels in, one hidden layer of 64 relu units,
 * a softmax over the digits 0..9 out, trained on the categorical cross-entropy against one-hot
 * targets.
 */
@Network(inputs = 64, loss = CATEGORICAL_CROSS_ENTROPY)
@Layer(units = 64, activation = RELU, init = HE, name = "hidden")
@Layer(units = 10, activation = SOFTMAX, init = XAVIER, name = "digit")
public interface DigitClassifier extends Model {}
