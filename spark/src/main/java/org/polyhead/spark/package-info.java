/**
 * Sweeps on an Apache Spark 4.2.0 standalone cluster, one trial per Spark job. The driver side is {@link
 * org.polyhead.spark.SparkTrials} (a {@link org.polyhead.sweep.TrialExecutor}, opened by {@link
 * org.polyhead.spark.SparkExecutorFactory} through {@code META-INF/services}); the executor side is {@link
 * org.polyhead.spark.TrialTask}, which reopens the driver's run and resumes the trial from its checkpoint. {@link
 * org.polyhead.spark.LocalCluster} is polyhead's own master and worker on 127.0.0.1, {@link
 * org.polyhead.spark.SparkHome} the class path they share. Before a sweep's first trial the driver waits for an
 * executor ({@link org.polyhead.spark.Executors}) and refuses a cluster of another Spark version ({@link
 * org.polyhead.spark.SparkVersions}). Spark's dependencies stay in this module: the CLI runs with this module's class
 * path ({@link org.polyhead.spark.SparkMain}) only for {@code spark}, {@code sweep --parallel} or {@code --master},
 * {@code bench --sweep} and the top-level help. Another engine would be another {@code TrialExecutor.Factory} in its
 * own module.
 */
package org.polyhead.spark;
