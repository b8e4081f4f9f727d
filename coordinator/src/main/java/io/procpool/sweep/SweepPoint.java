package io.procpool.sweep;

/**
 * One mode at one worker count: an entry of {@code sweep --json}'s {@code points}.
 *
 * @param mode the mode's name
 * @param workers how many threads or worker processes
 * @param wallMillis the run's wall time, worker start-up included (the best of the repeats)
 * @param startupMillis the part before all workers were ready (0 for in-JVM modes)
 * @param speedup the serial baseline's wall time over this one's
 * @param speedupExcludingStartup the same with this run's start-up taken off its wall time
 * @param idealSpeedup what perfect scaling would give: the worker count
 */
public record SweepPoint(String mode, int workers, double wallMillis, double startupMillis, double speedup,
    double speedupExcludingStartup, double idealSpeedup) {}
