/**
 * For generated code only; no compatibility promise. What the models netc generates call: the
 * matrix products ({@link dev.netc.runtime.internal.Blas}), the element-wise kernels ({@link
 * dev.netc.runtime.internal.Kernels}, {@link dev.netc.runtime.internal.Activations}, {@link
 * dev.netc.runtime.internal.Losses}, {@link dev.netc.runtime.internal.Predictions}), weight
 * initialisation, workspaces, the input checks and the training loop with the passes it drives
 * ({@link dev.netc.runtime.internal.Trainable}, {@link dev.netc.runtime.internal.Learner}). These
 * types are public only because generated code lives in the user's packages; they change with
 * netc's code generator, without notice. Users call {@code dev.netc.runtime}.
 *
 * <ul>
 *   <li>Matrices are jblas {@link org.jblas.DoubleMatrix}es ({@link org.jblas.FloatMatrix}es for
 *       networks declared with {@code precision = FLOAT}), column-major, one example per column;
 *       layers are counted from 1 as in the course notes ({@code W[l]} is {@code n[l] x n[l-1]}).
 *   <li>Every matrix product goes through {@link dev.netc.runtime.internal.Blas#gemm}: native
 *       BLAS where it loads, else netc's Java backend, a choice said once on standard error, never
 *       silently (products with a left operand of at most 4x4, and one example or a small batch,
 *       take Java or C loops on purpose, being faster there: see {@link
 *       dev.netc.runtime.internal.Blas}). {@code NativeLibraries} makes jblas load without the
 *       system package {@code libgfortran5} and says what it loaded.
 *   <li>Kernels are static, allocate nothing, take inputs first and overwrite the last argument;
 *       shape mismatches throw {@link java.lang.IllegalArgumentException} naming the shapes.
 *   <li>The same seed gives the same weights on every JVM ({@link
 *       dev.netc.runtime.internal.Initializers}).
 * </ul>
 */
package dev.netc.runtime.internal;
