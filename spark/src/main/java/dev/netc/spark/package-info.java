/**
 * netc networks on Apache Spark: {@link dev.netc.spark.NetcClassifier} (a Spark ML {@code
 * Estimator}) trains a generated model by synchronous data-parallel gradient descent through the
 * runtime's one training loop, and {@link dev.netc.spark.NetcClassificationModel} (a Spark ML
 * {@code Model}) scores a {@code Dataset} in blocks of rows, one gemm per layer and block.
 *
 * <p>What this package promises:
 *
 * <ul>
 *   <li>Spark ML's conventions: a {@code features} column of {@code org.apache.spark.ml.linalg}
 *       vectors with {@code n[0]} entries, a numeric {@code label} column (a class index for a
 *       softmax output, 0 or 1 for one sigmoid output, the target for mean squared error), a
 *       double {@code prediction} and a vector {@code probability} column.
 *   <li>No Scala type in any public signature: compiled against Spark 3.5 for Scala 2.12, the
 *       same jar runs on clusters of either Scala line.
 *   <li>Models never travel: Spark ships a {@link dev.netc.spark.NetworkFactory} and broadcast
 *       parameters, and every task makes its own generated model.
 * </ul>
 */
package dev.netc.spark;
