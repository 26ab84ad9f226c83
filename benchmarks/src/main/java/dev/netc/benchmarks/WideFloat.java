package dev.netc.benchmarks;

import static dev.netc.annotations.Activation.RELU;
import static dev.netc.annotations.Activation.SOFTMAX;
import static dev.netc.annotations.Loss.CATEGORICAL_CROSS_ENTROPY;

import dev.netc.annotations.Layer;
import dev.netc.annotations.Network;
import dev.netc.annotations.Precision;
import dev.netc.runtime.FloatModel;

/** W3 and W4 in single precision: {@link Wide}'s network on FloatMatrix and sgemm. */
@Network(inputs = 784, loss = CATEGORICAL_CROSS_ENTROPY, precision = Precision.FLOAT)
@Layer(units = 256, activation = RELU)
@Layer(units = 128, activation = RELU)
@Layer(units = 10, activation = SOFTMAX)
public interface WideFloat extends FloatModel {}
