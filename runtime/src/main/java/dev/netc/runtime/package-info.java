/**
 * The netc runtime: what generated models and their users call.
 *
 * <p>What this package promises:
 *
 * <ul>
 *   <li>Matrices are jblas {@link org.jblas.DoubleMatrix}es ({@link org.jblas.FloatMatrix}es for
 *       networks declared with {@code precision = FLOAT}: {@link dev.netc.runtime.FloatModel},
 *       {@link dev.netc.runtime.FloatParameters}, and float overloads of every kernel), column-major,
 *       one example per column; layers are counted from 1 as in the course notes ({@code W[l]} is
 *       {@code n[l] x n[l-1]}).
 *   <li>Every matrix product goes through {@link dev.netc.runtime.Blas#gemm} on native BLAS; there
 *       is no silent fallback to Java loops (products with a left operand of at most 4x4 run in
 *       Java loops on purpose, being faster there: see {@link dev.netc.runtime.Blas}). {@link dev.netc.runtime.NativeLibraries} makes jblas
 *       load without the system package {@code libgfortran5} and says what it loaded.
 *   <li>Kernels ({@link dev.netc.runtime.Kernels}, {@link dev.netc.runtime.Activations}, {@link
 *       dev.netc.runtime.Losses}) are static, allocate nothing, take inputs first and overwrite
 *       the last argument; shape mismatches throw {@link java.lang.IllegalArgumentException}
 *       naming the shapes.
 *   <li>Bad input throws {@link java.lang.IllegalArgumentException} in the house sentence shape
 *       ({@code PlanarClassifier: X must be 2xm (n[0] x m), got 3x400}) and changes nothing.
 *   <li>The same seed gives the same weights on every JVM ({@link
 *       dev.netc.runtime.Initializers}); the same parameters give the same {@code .npz} bytes
 *       ({@link dev.netc.runtime.Npz}); saving is atomic ({@link dev.netc.runtime.ModelFiles}).
 * </ul>
 */
package dev.netc.runtime;
