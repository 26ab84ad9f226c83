package dev.netc.spark;

import dev.netc.annotations.Activation;
import dev.netc.annotations.Layer;
import dev.netc.annotations.Loss;
import dev.netc.annotations.Network;
import dev.netc.runtime.Model;

/** A binary classifier for the tests: 3 features, one sigmoid output. */
@Network(inputs = 3, loss = Loss.BINARY_CROSS_ENTROPY)
@Layer(units = 4, activation = Activation.RELU)
@Layer(units = 1, activation = Activation.SIGMOID)
public interface Binary extends Model {}
