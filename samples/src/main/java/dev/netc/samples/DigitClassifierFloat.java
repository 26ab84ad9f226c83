package dev.netc.samples;

import static dev.netc.annotations.Activation.RELU;
import static dev.netc.annotations.Activation.SOFTMAX;
import static dev.netc.annotations.Init.HE;
import static dev.netc.annotations.Init.XAVIER;
import static dev.netc.annotations.Loss.CATEGORICAL_CROSS_ENTROPY;
import static dev.netc.annotations.Precision.FLOAT;

import dev.netc.annotations.Layer;
import dev.netc.annotations.Network;
import dev.netc.runtime.FloatModel;

/**
 * {@link DigitClassifier} in single precision: the same 64 -> 64 (relu) -> 10 (softmax) network on
 * {@code FloatMatrix}, whose products are sgemm calls and whose parameters take half the bytes.
 * {@code precision = FLOAT} asks for it; the declaration then extends {@link FloatModel} instead of
 * {@code Model}.
 */
@Network(inputs = 64, loss = CATEGORICAL_CROSS_ENTROPY, precision = FLOAT)
@Layer(units = 64, activation = RELU, init = HE, name = "hidden")
@Layer(units = 10, activation = SOFTMAX, init = XAVIER, name = "digit")
public interface DigitClassifierFloat extends FloatModel {}
