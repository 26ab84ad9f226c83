/**
 * netc used as a user project would use it: declare a network on an interface, let the netc
 * processor generate the model at compile time, train it on real data.
 *
 * <ul>
 *   <li>{@link dev.netc.samples.PlanarClassifier} and {@link
 *       dev.netc.samples.PlanarLogisticRegression}: the declarations; {@code
 *       PlanarClassifierModel} and {@code PlanarLogisticRegressionModel} are generated from them.
 *   <li>{@link dev.netc.samples.PlanarFlower}: the runnable example that trains both, compares
 *       them and plots the network's cost curve and both decision boundaries.
 *   <li>{@link dev.netc.samples.PlanarData}: the course's planar flower data set, the same doubles
 *       as NumPy's {@code load_planar_dataset()}, drawn by {@link dev.netc.samples.NumpyRandom}, a
 *       bit-for-bit port of NumPy's legacy {@code RandomState}.
 *   <li>On real data, each a declaration and a runnable sample: {@link
 *       dev.netc.samples.BreastCancerClassifier} in {@link dev.netc.samples.BreastCancer}
 *       (logistic regression), {@link dev.netc.samples.DigitZeroDetector} in {@link
 *       dev.netc.samples.DigitZero} (the course's deep network, one digit against the rest),
 *       {@link dev.netc.samples.DigitClassifier} in {@link dev.netc.samples.Digits} (softmax),
 *       {@link dev.netc.samples.DigitClassifierFloat} in {@link dev.netc.samples.DigitsFloat} (the
 *       same network in single precision, compared with it) and {@link
 *       dev.netc.samples.DiabetesRegressor} in {@link dev.netc.samples.Diabetes} (regression).
 *       The data files and their sources are in {@code data/} next to these classes, read through
 *       {@code SampleData}.
 *   <li>{@link dev.netc.samples.Samples}: lists and runs them all ({@code mvn -q -DskipTests
 *       -Dsample package}; {@code -Dsample=list}; {@code -Dsample=digits}).
 * </ul>
 *
 * <p>What this package promises: the data are exactly those of the notes on every machine and
 * JVM, and a fixed seed gives the same trained model (and the same printed metrics) everywhere
 * the same native BLAS runs.
 */
package dev.netc.samples;
