package io.procpool.cli;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * How many worker JVMs one pool may start. Each costs 50-70 MB of memory and a share of the
 * processors, and 100000 of them would take the machine down before the first task ran; so
 * the limit is one per {@link #MEMORY_PER_WORKER} of the machine's memory, and never fewer
 * than the processors. {@code --no-worker-limit} lifts it. Thread pools are not limited.
 */
final class WorkerLimit {
  static final long MEMORY_PER_WORKER = 128L << 20;

  private WorkerLimit() {}

  /** Why {@code count} worker JVMs are too many here, or null when they are not. */
  static String exceededBy(int count) {
    int processors = Runtime.getRuntime().availableProcessors();
    if (count <= processors) {
      return null; // the common case needs no look at the machine's memory
    }
    long memory = totalMemory();
    long limit = Math.max(processors, memory / MEMORY_PER_WORKER);
    if (count <= limit) {
      return null;
    }
    return String.format(Locale.ROOT, "%d worker JVMs are more than this machine's limit of %d (one per %d MiB"
        + " of its %.1f GiB of memory, at least one per processor); use --no-worker-limit to start them anyway",
        count, limit, MEMORY_PER_WORKER >> 20, memory / (double) (1L << 30));
  }

  private static long totalMemory() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return Runtime.getRuntime().maxMemory() * 4; // the default heap is a quarter of it
  }
}
