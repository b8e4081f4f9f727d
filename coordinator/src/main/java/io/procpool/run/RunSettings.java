package io.procpool.run;

/**
 * How to run a workload, beyond the pool itself.
 *
 * @param style {@code map} (results consumed in task order) or {@code as-completed}
 * @param chunksize tasks per request
 * @param keepResults keep every record in the report (false when they are streamed elsewhere)
 * @param failFast stop at the first failed task: cancel what is queued and stop the pool
 */
public record RunSettings(Style style, int chunksize, boolean keepResults, boolean failFast) {
  public RunSettings {
    if (chunksize < 1) {
      throw new IllegalArgumentException("chunksize must be at least 1, was " + chunksize);
    }
  }
}
