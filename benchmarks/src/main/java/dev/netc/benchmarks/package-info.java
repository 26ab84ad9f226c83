/**
 * JMH benchmarks of generated networks against the same networks hand-written on jblas and
 * against the BLAS limit; {@link dev.netc.benchmarks.Table} runs them and prints one table.
 * Nothing here is part of the library's API.
 */
package dev.netc.benchmarks;
