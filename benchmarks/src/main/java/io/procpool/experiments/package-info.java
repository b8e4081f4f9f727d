/**
 * The experiments behind the figures in docs/overhead.md: small programs run against a build of
 * procpool, each printing medians for one lever. Run as
 * {@code java -cp coordinator/target/procpool.jar:benchmarks/target/benchmarks.jar
 * io.procpool.experiments.NAME ARGS}; the procpool jar comes first, so the same experiment
 * measures an older build when that build's jar is named instead (they call only API that the
 * first build already had).
 */
package io.procpool.experiments;
