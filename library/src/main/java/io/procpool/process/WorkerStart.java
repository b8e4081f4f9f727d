package io.procpool.process;

/**
 * When one worker was spawned and when it said hello, on the coordinator's clock; for drawing
 * start-up on a timeline. {@link WorkerStartup} has the durations of the workers alive now.
 *
 * @param worker the worker's id, e.g. {@code w2}
 * @param pid its process id
 * @param spawnedAtMicros just before the process was spawned, in epoch microseconds
 * @param readyAtMicros when its hello arrived, in epoch microseconds
 */
public record WorkerStart(String worker, long pid, long spawnedAtMicros, long readyAtMicros) {}
