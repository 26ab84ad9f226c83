package com.example;

import dev.netc.annotations.Activation;
import dev.netc.annotations.Layer;
import dev.netc.annotations.Loss;
import dev.netc.annotations.Network;
import dev.netc.annotations.Precision;
import dev.netc.runtime.FloatModel;

/** The same user's network in single precision: the one element Spam leaves out. */
@Network(inputs = 3, loss = Loss.BINARY_CROSS_ENTROPY, precision = Precision.FLOAT)
@Layer(units = 5, activation = Activation.LEAKY_RELU, leak = 0.05, name = "hidden")
@Layer(units = 4, activation = Activation.TANH)
@Layer(units = 1, activation = Activation.SIGMOID, name = "verdict")
public interface SpamFloat extends FloatModel {}
