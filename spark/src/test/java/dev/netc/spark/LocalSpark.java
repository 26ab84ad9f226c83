package dev.netc.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One Spark session for every test class of the JVM: {@code local[2,2]}, two task threads and
 * two attempts per task, so that a task failed on purpose is retried.
 */
final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2,2]")
          .appName("netc-spark tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .getOrCreate();
    }
    return session;
  }
}
