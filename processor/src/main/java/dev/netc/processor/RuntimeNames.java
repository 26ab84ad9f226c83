package dev.netc.processor;

import com.palantir.javapoet.ClassName;

/**
 * The runtime and jblas types generated code refers to, by name: the processor must not need the
 * runtime on its own class path. What depends on {@code @Network(precision)} is picked in
 * {@link PrecisionNames}.
 */
final class RuntimeNames {
  private static final String RUNTIME = "dev.netc.runtime";
  /** What only generated code calls; no compatibility promise. */
  private static final String INTERNAL = "dev.netc.runtime.internal";

  static final ClassName DOUBLE_MATRIX = ClassName.get("org.jblas", "DoubleMatrix");
  static final ClassName FLOAT_MATRIX = ClassName.get("org.jblas", "FloatMatrix");
  static final ClassName MODEL = ClassName.get(RUNTIME, "Model");
  static final ClassName FLOAT_MODEL = ClassName.get(RUNTIME, "FloatModel");
  static final ClassName ARCHITECTURE = ClassName.get(RUNTIME, "Architecture");
  static final ClassName PARAMETERS = ClassName.get(RUNTIME, "Parameters");
  static final ClassName GRADIENTS = ClassName.get(RUNTIME, "Gradients");
  static final ClassName FLOAT_PARAMETERS = ClassName.get(RUNTIME, "FloatParameters");
  static final ClassName FLOAT_GRADIENTS = ClassName.get(RUNTIME, "FloatGradients");
  static final ClassName BLAS = ClassName.get(INTERNAL, "Blas");
  static final ClassName BLAS_OP = BLAS.nestedClass("Op");
  static final ClassName KERNELS = ClassName.get(INTERNAL, "Kernels");
  static final ClassName ACTIVATIONS = ClassName.get(INTERNAL, "Activations");
  static final ClassName LOSSES = ClassName.get(INTERNAL, "Losses");
  static final ClassName PREDICTIONS = ClassName.get(INTERNAL, "Predictions");
  static final ClassName INITIALIZERS = ClassName.get(INTERNAL, "Initializers");
  static final ClassName TRAINING = ClassName.get(RUNTIME, "Training");
  static final ClassName TRAINABLE = ClassName.get(INTERNAL, "Trainable");
  static final ClassName FLOAT_TRAINABLE = ClassName.get(INTERNAL, "FloatTrainable");
  static final ClassName WORKSPACES = ClassName.get(INTERNAL, "Workspaces");
  static final ClassName TRAINING_REPORT = ClassName.get(RUNTIME, "TrainingReport");
  static final ClassName MODEL_FILES = ClassName.get(RUNTIME, "ModelFiles");
  static final ClassName INPUT_CHECKS = ClassName.get(INTERNAL, "InputChecks");
  static final ClassName TRAINING_LOOP = ClassName.get(INTERNAL, "TrainingLoop");

  static final ClassName ACTIVATION = ClassName.get("dev.netc.annotations", "Activation");
  static final ClassName LOSS = ClassName.get("dev.netc.annotations", "Loss");
  static final ClassName PRECISION = ClassName.get("dev.netc.annotations", "Precision");

  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  static final ClassName PATH = ClassName.get("java.nio.file", "Path");
  static final ClassName IO_EXCEPTION = ClassName.get("java.io", "IOException");
  static final ClassName RANDOM = ClassName.get("java.util", "Random");

  private RuntimeNames() {}
}
