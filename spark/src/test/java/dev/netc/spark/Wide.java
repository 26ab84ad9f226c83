package dev.netc.spark;

import dev.netc.annotations.Activation;
import dev.netc.annotations.Layer;
import dev.netc.annotations.Loss;
import dev.netc.annotations.Network;
import dev.netc.runtime.Model;

/** The larger-than-heap test's network: 100 features, one sigmoid output. */
@Network(inputs = 100, loss = Loss.BINARY_CROSS_ENTROPY)
@Layer(units = 16, activation = Activation.RELU)
@Layer(units = 1, activation = Activation.SIGMOID)
public interface Wide extends Model {}
