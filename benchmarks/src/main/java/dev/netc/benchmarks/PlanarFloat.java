package dev.netc.benchmarks;

import static dev.netc.annotations.Activation.SIGMOID;
import static dev.netc.annotations.Activation.TANH;
import static dev.netc.annotations.Init.SMALL_RANDOM;
import static dev.netc.annotations.Loss.BINARY_CROSS_ENTROPY;

import dev.netc.annotations.Layer;
import dev.netc.annotations.Network;
import dev.netc.annotations.Precision;
import dev.netc.runtime.FloatModel;

/** {@link Planar}'s network in single precision, for the serving latencies. */
@Network(inputs = 2, loss = BINARY_CROSS_ENTROPY, precision = Precision.FLOAT)
@Layer(units = 4, activation = TANH, init = SMALL_RANDOM)
@Layer(units = 1, activation = SIGMOID, init = SMALL_RANDOM)
public interface PlanarFloat extends FloatModel {}
