/**
 * {@code procpool overhead}: what the process model costs, measured in one run — worker
 * start-up, one-in-flight round-trip latency, per-task cost with many in flight, payload
 * throughput, and where the time of one round trip goes.
 */
package io.procpool.overhead;
