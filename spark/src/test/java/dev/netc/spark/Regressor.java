package dev.netc.spark;

import dev.netc.annotations.Activation;
import dev.netc.annotations.Layer;
import dev.netc.annotations.Loss;
import dev.netc.annotations.Network;
import dev.netc.runtime.Model;

/** A regressor for the tests: 3 features, one linear output, mean squared error. */
@Network(inputs = 3, loss = Loss.MEAN_SQUARED_ERROR)
@Layer(units = 4, activation = Activation.TANH)
@Layer(units = 1, activation = Activation.LINEAR)
public interface Regressor extends Model {}
