package dev.netc.samples;

import static dev.netc.annotations.Activation.LINEAR;
import static dev.netc.annotations.Activation.RELU;
import static dev.netc.annotations.Init.HE;
import static dev.netc.annotations.Init.XAVIER;
import static dev.netc.annotations.Loss.MEAN_SQUARED_ERROR;

import dev.netc.annotations.Layer;
import dev.netc.annotations.Network;
import dev.netc.runtime.Model;

/**
 * Regression on the diabetes data: 10 measurements of a patient in, two relu hidden layers, one
 * linear unit out, the (scaled) disease progression one year later; trained on the mean squared
 * error {@code J = (1/(2m)) sum (a - y)^2}.
 */
@Network(inputs = 10, loss = MEAN_SQUARED_ERROR)
@Layer(units = 16, activation = RELU, init = HE)
@Layer(units = 8, activation = RELU, init = HE)
@Layer(units = 1, activation = LINEAR, init = XAVIER, name = "progression")
public interface DiabetesRegressor extends Model {}
