package com.example;

import dev.netc.annotations.Activation;
import dev.netc.annotations.Init;
import dev.netc.annotations.Layer;
import dev.netc.annotations.Loss;
import dev.netc.annotations.Network;
import dev.netc.runtime.Model;

/** A user's network: every annotation element but weights (precision: see SpamFloat). */
@Network(inputs = 3, loss = Loss.BINARY_CROSS_ENTROPY)
@Layer(units = 5, activation = Activation.LEAKY_RELU, leak = 0.05, init = Init.HE, name = "hidden")
@Layer(units = 4, inputs = 5, activation = Activation.TANH, init = Init.XAVIER)
@Layer(units = 1, activation = Activation.SIGMOID, init = Init.ZEROS, name = "verdict")
public interface Spam extends Model {}
