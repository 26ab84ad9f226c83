/**
 * The netc runtime as its users see it: the models netc generates ({@link dev.netc.runtime.Model},
 * {@link dev.netc.runtime.FloatModel}), their parameters and gradients, how to train them ({@link
 * dev.netc.runtime.Training}) and what training reports, metrics, model files and the network's
 * {@link dev.netc.runtime.Architecture}. What generated code calls lives in {@code
 * dev.netc.runtime.internal}, which makes no compatibility promise.
 *
 * <p>What this package promises:
 *
 * <ul>
 *   <li>Matrices are jblas {@link org.jblas.DoubleMatrix}es ({@link org.jblas.FloatMatrix}es for
 *       networks declared with {@code precision = FLOAT}: {@link dev.netc.runtime.FloatModel},
 *       {@link dev.netc.runtime.FloatParameters}), column-major, one example per column; layers are
 *       counted from 1 as in the course notes ({@code W[l]} is {@code n[l] x n[l-1]}).
 *   <li>Bad input throws {@link java.lang.IllegalArgumentException} in the house sentence shape
 *       ({@code PlanarClassifier: X must be 2xm (n[0] x m), got 3x400}) and changes nothing.
 *   <li>The same parameters give the same {@code .npz} bytes ({@link dev.netc.runtime.Npz}); saving
 *       is atomic ({@link dev.netc.runtime.ModelFiles}).
 *   <li>Loading compares every array of a model file with the network before reading its data
 *       (no file makes it allocate more than the network needs) and refuses parameters that are
 *       not finite, with the reader and the rules the compile-time check of {@code
 *       @Network(weights = ...)} applies (netc-npz): a file that compiles, loads.
 *   <li>A model file may carry its {@link dev.netc.runtime.Preprocessing} (standardisation and
 *       label names, {@link dev.netc.runtime.ModelBundle}), which {@code numpy.load} reads too.
 * </ul>
 */
package dev.netc.runtime;
