package dev.netc.samples;

import static dev.netc.annotations.Activation.SIGMOID;
import static dev.netc.annotations.Init.ZEROS;
import static dev.netc.annotations.Loss.BINARY_CROSS_ENTROPY;

import dev.netc.annotations.Layer;
import dev.netc.annotations.Network;
import dev.netc.runtime.Model;

/**
 * Logistic regression on the 30 features of the Breast Cancer Wisconsin (Diagnostic) data: one
 * sigmoid unit, {@code a = sigmoid(w . x + b)}, the probability that the tumour is malignant.
 * Zero initial weights are fine: a single unit has no symmetry to break.
 */
@Network(inputs = 30, loss = BINARY_CROSS_ENTROPY)
@Layer(units = 1, activation = SIGMOID, init = ZEROS, name = "malignant")
public interface BreastCancerClassifier extends Model {}
