/**
 * netc's one reader and writer of NumPy {@code .npz} archives and {@code .npy} arrays, JDK only:
 * the run-time loads and saves model files with it and the annotation processor checks {@code
 * @Network(weights = ...)} with it (shaded into the processor jar), so that both apply the same
 * header parser, the same limits ({@link dev.netc.npz.NpzLimits}) and the same dtype rule ({@link
 * dev.netc.npz.NpyHeader#isParameterDtype}).
 *
 * <p>{@link dev.netc.npz.NpzReader} streams an archive and hands each array's header to a visitor
 * before its data, so that a reader that knows the shapes it expects refuses a wrong array before
 * allocating for it; {@link dev.netc.npz.NpyValues} reads the data into arrays the caller sized;
 * {@link dev.netc.npz.NpzWriter} writes what {@code numpy.load} reads.
 */
package dev.netc.npz;
