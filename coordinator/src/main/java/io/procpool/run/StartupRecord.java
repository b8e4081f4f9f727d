package io.procpool.run;

/**
 * One worker process's start-up in a run's JSON output, in milliseconds since the run started.
 * The library's {@code WorkerStart} in the JSON contract's units and origin (the run's start,
 * which the pool does not know), so the library's type stays free to change.
 *
 * @param worker the worker's id, e.g. {@code w2}
 * @param pid its process id
 * @param spawnedMillis when it was spawned
 * @param readyMillis when its hello arrived (it could take work from then on)
 */
public record StartupRecord(String worker, long pid, double spawnedMillis, double readyMillis) {}
