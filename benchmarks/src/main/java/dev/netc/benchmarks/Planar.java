package dev.netc.benchmarks;

import static dev.netc.annotations.Activation.SIGMOID;
import static dev.netc.annotations.Activation.TANH;
import static dev.netc.annotations.Init.SMALL_RANDOM;
import static dev.netc.annotations.Loss.BINARY_CROSS_ENTROPY;

import dev.netc.annotations.Layer;
import dev.netc.annotations.Network;
import dev.netc.runtime.Model;

/** W1: the course's planar network, 2 -> 4 (tanh) -> 1 (sigmoid). */
@Network(inputs = 2, loss = BINARY_CROSS_ENTROPY)
@Layer(units = 4, activation = TANH, init = SMALL_RANDOM)
@Layer(units = 1, activation = SIGMOID, init = SMALL_RANDOM)
public interface Planar extends Model {}
