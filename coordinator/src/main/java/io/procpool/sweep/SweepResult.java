package io.procpool.sweep;

import java.util.List;

/**
 * What {@code sweep --json} writes. Field names are a documented contract.
 *
 * @param workload the task's name
 * @param tasks how many tasks each run had (the same list every time)
 * @param sizes the task sizes, e.g. {@code size 100000000}
 * @param availableProcessors the cores this JVM saw: past them no speedup is to be had
 * @param java the Java version that ran the sweep
 * @param repeat how many times each point ran; the fastest counts
 * @param serialMillis the serial baseline's wall time
 * @param points one entry per mode and worker count, mode by mode
 */
public record SweepResult(String workload, int tasks, String sizes, int availableProcessors, String java, int repeat,
    double serialMillis, List<SweepPoint> points) {}
