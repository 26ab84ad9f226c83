package dev.netc.benchmarks;

import static dev.netc.annotations.Activation.RELU;
import static dev.netc.annotations.Activation.SIGMOID;
import static dev.netc.annotations.Loss.BINARY_CROSS_ENTROPY;

import dev.netc.annotations.Layer;
import dev.netc.annotations.Network;
import dev.netc.runtime.Model;

/** W2: the course's cat network, 12288 -> 20 -> 7 -> 5 (relu) -> 1 (sigmoid). */
@Network(inputs = 12288, loss = BINARY_CROSS_ENTROPY)
@Layer(units = 20, activation = RELU)
@Layer(units = 7, activation = RELU)
@Layer(units = 5, activation = RELU)
@Layer(units = 1, activation = SIGMOID)
public interface Deep extends Model {}
