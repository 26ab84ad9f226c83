package dev.netc.processor;

import com.palantir.javapoet.ClassName;
import dev.netc.annotations.Activation;
import dev.netc.annotations.Init;
import dev.netc.annotations.Loss;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * A checked network, resolved for writing: every size known, every name chosen. Built only from a
 * declaration whose report holds no error.
 *
 * @param precision the types, literals and sizes of {@code @Network(precision)}
 * @param weights the checked class-path resource with pretrained parameters, without a leading
 *     slash ({@code models/planar.npz}), or empty when {@code @Network(weights)} is not set
 */
record NetworkModel(
    TypeElement type,
    ClassName declared,
    boolean declaredIsInterface,
    String packageName,
    String prefix,
    int inputs,
    Loss loss,
    PrecisionNames precision,
    List<LayerModel> layers,
    String weights) {

  /** One layer {@code l} with its resolved fan-in, init and display name. */
  record LayerModel(
      int index, String name, int units, int fanIn, Activation activation, Init init, double leak) {

    boolean isOutput(NetworkModel network) {
      return index == network.layers().size();
    }

    /** The name a comment or message gives the layer: its own name, else its role. */
    String label(boolean output) {
      return name.isEmpty() ? (output ? "output" : "hidden") : name;
    }
  }

  static NetworkModel of(NetworkDeclaration declaration) {
    TypeElement type = declaration.type();
    ClassName declared = ClassName.get(type);
    String prefix = NetworkDeclaration.generatedPrefix(type);
    List<LayerModel> layers = new ArrayList<>();
    int fanIn = declaration.inputs().value();
    for (LayerDeclaration layer : declaration.layers()) {
      int units = layer.units().value();
      Activation activation = layer.activation().value();
      layers.add(
          new LayerModel(
              layer.index(),
              layer.name().value(),
              units,
              fanIn,
              activation,
              resolve(layer.init().value(), activation),
              layer.leak().value()));
      fanIn = units;
    }
    return new NetworkModel(
        type,
        declared,
        type.getKind() == ElementKind.INTERFACE,
        NetworkDeclaration.packageOf(type).getQualifiedName().toString(),
        prefix,
        declaration.inputs().value(),
        declaration.loss().value(),
        PrecisionNames.of(declaration.precision().value()),
        List.copyOf(layers),
        WeightsResource.normalize(declaration.weights().value()));
  }

  private static Init resolve(Init init, Activation activation) {
    if (init != Init.AUTO) {
      return init;
    }
    return activation == Activation.RELU || activation == Activation.LEAKY_RELU
        ? Init.HE
        : Init.XAVIER;
  }

  int layerCount() {
    return layers.size();
  }

  LayerModel layer(int l) {
    return layers.get(l - 1);
  }

  LayerModel output() {
    return layers.get(layers.size() - 1);
  }

  /** {n[0], n[1], ..., n[L]}. */
  int[] sizes() {
    int[] sizes = new int[layers.size() + 1];
    sizes[0] = inputs;
    for (LayerModel layer : layers) {
      sizes[layer.index()] = layer.units();
    }
    return sizes;
  }

  ClassName forwardName() {
    return generatedName("Forward");
  }

  ClassName backwardName() {
    return generatedName("Backward");
  }

  ClassName modelName() {
    return generatedName("Model");
  }

  /** Every class this network generates, in {@link NetworkDeclaration#GENERATED_SUFFIXES} order. */
  List<ClassName> generatedNames() {
    return NetworkDeclaration.GENERATED_SUFFIXES.stream().map(this::generatedName).toList();
  }

  private ClassName generatedName(String suffix) {
    return ClassName.get(packageName, prefix + suffix);
  }

  /** True when {@code dZ[L] = A[L] - Y} holds: SIGMOID+BCE, SOFTMAX+CCE, LINEAR+MSE. */
  boolean outputIsMatched() {
    Activation g = output().activation();
    return switch (loss) {
      case BINARY_CROSS_ENTROPY -> g == Activation.SIGMOID;
      case CATEGORICAL_CROSS_ENTROPY -> g == Activation.SOFTMAX;
      case MEAN_SQUARED_ERROR -> g == Activation.LINEAR;
    };
  }
}
