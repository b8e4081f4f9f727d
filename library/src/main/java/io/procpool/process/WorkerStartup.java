package io.procpool.process;

/**
 * How long one worker took to become ready. Not {@link WorkerStart}: durations of the workers
 * alive now, with the worker's own part, for the {@code overhead} figures; that one has instants.
 *
 * @param worker the worker's id
 * @param pid its process id
 * @param spawnToReadyMicros from just before the process was spawned to its hello arriving
 * @param initMicros the part spent in procpool's own code (main entry to ready), as the worker measured
 */
public record WorkerStartup(String worker, long pid, long spawnToReadyMicros, long initMicros) {
  /** The part spent starting the JVM and reaching main, plus the pipe transit of the hello. */
  public long jvmMicros() {
    return spawnToReadyMicros - initMicros;
  }
}
