/**
 * netc used as a user project would use it: declare a network on an interface, let the netc
 * processor generate the model at compile time, train it on real data.
 *
 * <ul>
 *   <li>{@link dev.netc.samples.PlanarClassifier} and {@link
 *       dev.netc.samples.PlanarLogisticRegression}: the declarations; {@code
 *       PlanarClassifierModel} and {@code PlanarLogisticRegressionModel} are generated from them.
 *   <li>{@link dev.netc.samples.PlanarFlower}: the runnable example ({@code mvn -pl samples
 *       exec:java}) that trains both and compares them.
 *   <li>{@link dev.netc.samples.PlanarData}: the course's planar flower data set, the same doubles
 *       as NumPy's {@code load_planar_dataset()}, drawn by {@link dev.netc.samples.NumpyRandom}, a
 *       bit-for-bit port of NumPy's legacy {@code RandomState}.
 * </ul>
 *
 * <p>What this package promises: the data are exactly those of the notes on every machine and
 * JVM, and a fixed seed gives the same trained model everywhere the same native BLAS runs.
 */
package dev.netc.samples;
