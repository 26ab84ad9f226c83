package dev.netc.spark;

import dev.netc.annotations.Activation;
import dev.netc.annotations.Layer;
import dev.netc.annotations.Loss;
import dev.netc.annotations.Network;
import dev.netc.runtime.Model;

/**
 * The benchmark's network, the layers of MLlib's {@code MultilayerPerceptronClassifier} with
 * {@code layers = [100, 64, 10]}: sigmoid hidden units, a softmax output.
 */
@Network(inputs = 100, loss = Loss.CATEGORICAL_CROSS_ENTROPY)
@Layer(units = 64, activation = Activation.SIGMOID)
@Layer(units = 10, activation = Activation.SOFTMAX)
public interface Mlp100 extends Model {}
