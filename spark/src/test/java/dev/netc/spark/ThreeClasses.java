package dev.netc.spark;

import dev.netc.annotations.Activation;
import dev.netc.annotations.Layer;
import dev.netc.annotations.Loss;
import dev.netc.annotations.Network;
import dev.netc.runtime.Model;

/** The tests' classifier: 5 features, 3 classes. */
@Network(inputs = 5, loss = Loss.CATEGORICAL_CROSS_ENTROPY)
@Layer(units = 8, activation = Activation.TANH)
@Layer(units = 3, activation = Activation.SOFTMAX)
public interface ThreeClasses extends Model {}
