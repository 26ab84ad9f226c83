package dev.netc.benchmarks;

import static dev.netc.annotations.Activation.RELU;
import static dev.netc.annotations.Activation.SOFTMAX;
import static dev.netc.annotations.Loss.CATEGORICAL_CROSS_ENTROPY;

import dev.netc.annotations.Layer;
import dev.netc.annotations.Network;
import dev.netc.runtime.Model;

/** W3 and W4: an MNIST-sized classifier, 784 -> 256 -> 128 (relu) -> 10 (softmax). */
@Network(inputs = 784, loss = CATEGORICAL_CROSS_ENTROPY)
@Layer(units = 256, activation = RELU)
@Layer(units = 128, activation = RELU)
@Layer(units = 10, activation = SOFTMAX)
public interface Wide extends Model {}
