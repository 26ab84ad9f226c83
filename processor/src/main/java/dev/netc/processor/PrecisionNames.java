package dev.netc.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.netc.annotations.Precision;

/**
 * Everything in generated code and in messages that depends on {@code @Network(precision)}, in one
 * place: the writers ask for {@code precision.matrix()} rather than test the precision. Single
 * precision mirrors double precision name for name (the runtime's float entry points are overloads
 * of the double ones), so only the types, the literals and the sizes differ.
 *
 * @param matrix the jblas matrix every workspace and parameter is
 * @param model the runtime interface the generated model implements
 * @param parameters the runtime's {@code W[l]}, {@code b[l]} holder
 * @param gradients the runtime's {@code dW[l]}, {@code db[l]} holder
 * @param trainable what {@code Training} drives
 * @param scalar the type of {@code m} in the backward pass, which scales the products
 * @param literalSuffix appended to a floating-point literal: {@code 1.0f} is a float argument
 * @param bytesPerElement bytes of one matrix entry
 * @param element the entry type as prose: {@code double}
 * @param gemm the BLAS routine the products end in, as prose
 * @param load the {@code ModelFiles} method that reads parameters of this precision
 * @param note a paragraph for the generated class javadoc; empty for double precision, the default,
 *     so that its output stays what it was before float existed
 * @param architectureArgument what follows the loss in {@code new Architecture(...)}: nothing for
 *     double precision (the five-argument constructor means DOUBLE), {@code Precision.FLOAT} else,
 *     which sets the byte figures and the summary
 */
record PrecisionNames(
    ClassName matrix,
    ClassName model,
    ClassName parameters,
    ClassName gradients,
    ClassName trainable,
    TypeName scalar,
    String literalSuffix,
    int bytesPerElement,
    String element,
    String gemm,
    String load,
    String note,
    CodeBlock architectureArgument) {

  static final PrecisionNames DOUBLE =
      new PrecisionNames(
          RuntimeNames.DOUBLE_MATRIX,
          RuntimeNames.MODEL,
          RuntimeNames.PARAMETERS,
          RuntimeNames.GRADIENTS,
          RuntimeNames.TRAINABLE,
          TypeName.DOUBLE,
          "",
          8,
          "double",
          "dgemm",
          "load",
          "",
          CodeBlock.of(""));

  static final PrecisionNames FLOAT =
      new PrecisionNames(
          RuntimeNames.FLOAT_MATRIX,
          RuntimeNames.FLOAT_MODEL,
          RuntimeNames.FLOAT_PARAMETERS,
          RuntimeNames.FLOAT_GRADIENTS,
          RuntimeNames.FLOAT_TRAINABLE,
          TypeName.FLOAT,
          "f",
          4,
          "float",
          "sgemm",
          "loadFloat",
          "\n<p>Single precision ({@code @Network(precision = FLOAT)}): every matrix is a {@code"
              + " FloatMatrix}\nand every product an sgemm; costs are summed in double.\n",
          CodeBlock.of(",\n$T.FLOAT", RuntimeNames.PRECISION));

  static PrecisionNames of(Precision precision) {
    return switch (precision) {
      case DOUBLE -> DOUBLE;
      case FLOAT -> FLOAT;
    };
  }

  /** The precision the declared type was not written for: what a mismatch looks like. */
  PrecisionNames other() {
    return this == DOUBLE ? FLOAT : DOUBLE;
  }

  /** A floating-point literal of this precision: {@code 1.0}, or {@code 1.0f}. */
  String literal(String digits) {
    return digits + literalSuffix;
  }
}
