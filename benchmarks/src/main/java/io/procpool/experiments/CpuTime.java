package io.procpool.experiments;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

/** CPU time used so far by this JVM and some child processes, so a figure counts both sides. */
final class CpuTime {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private CpuTime() {}

  /** Nanoseconds of CPU of this JVM plus the processes with these pids (gone ones count 0). */
  static long ofThisAnd(List<Long> pids) {
    long total = OS.getProcessCpuTime();
    for (long pid : pids) {
      total += ProcessHandle.of(pid)
          .flatMap(process -> process.info().totalCpuDuration())
          .map(Duration::toNanos)
          .orElse(0L);
    }
    return total;
  }
}
