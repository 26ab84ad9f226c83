package dev.netc.samples;

import static dev.netc.annotations.Activation.RELU;
import static dev.netc.annotations.Activation.SIGMOID;
import static dev.netc.annotations.Init.HE;
import static dev.netc.annotations.Loss.BINARY_CROSS_ENTROPY;

import dev.netc.annotations.Layer;
import dev.netc.annotations.Network;
import dev.netc.runtime.Model;

/**
 * The course's deep network {@code [n, 20, 7, 5, 1]} (three relu layers, a sigmoid output, He
 * initialisation {@code randn * sqrt(2 / n[l-1])}) on the 8x8 digits: {@code n = 64} pixels in, the
 * probability that the image is a zero out.
 */
@Network(inputs = 64, loss = BINARY_CROSS_ENTROPY)
@Layer(units = 20, activation = RELU, init = HE)
@Layer(units = 7, activation = RELU, init = HE)
@Layer(units = 5, activation = RELU, init = HE)
@Layer(units = 1, activation = SIGMOID, init = HE, name = "zero")
public interface DigitZeroDetector extends Model {}
