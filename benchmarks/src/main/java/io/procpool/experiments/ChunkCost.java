package io.procpool.experiments;

import io.procpool.pool.ProcessPoolOptions;
import io.procpool.process.ProcessPool;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-task cost of noop at one chunksize with 2 workers, warm: wall time (median and minimum of
 * the timed lists) and CPU split between the coordinator and the workers, which is what a
 * change to the wire or the pool's bookkeeping moves even when the machine is too loaded for
 * the wall time to show it. The first third of the lists warms up. Arguments:
 * {@code CHUNKSIZE [TASKS] [LISTS]} (default 200000 tasks, 60 lists).
 */
public final class ChunkCost {
  private ChunkCost() {}

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 3) {
      System.err.println("usage: ChunkCost CHUNKSIZE [TASKS] [LISTS]");
      System.exit(2);
    }
    int chunksize = Integer.parseInt(args[0]);
    int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int lists = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    int warmup = lists / 3;
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (ProcessPool pool = ProcessPool.start(ProcessPoolOptions.builder().workers(2).build())) {
      List<Object> noops = Loads.noopArguments(tasks);
      List<Double> wall = new ArrayList<>();
      long coordinatorBefore = 0;
      long workersBefore = 0;
      for (int list = 0; list < lists; list++) {
        if (list == warmup) {
          coordinatorBefore = os.getProcessCpuTime();
          workersBefore = workersCpu(pool.pids());
        }
        long nanos = Loads.noopList(pool, noops, chunksize);
        if (list >= warmup) {
          wall.add(nanos / 1e3 / tasks);
        }
      }
      double timedTasks = (double) tasks * wall.size();
      double coordinator = (os.getProcessCpuTime() - coordinatorBefore) / 1e3 / timedTasks;
      double workers = (workersCpu(pool.pids()) - workersBefore) / 1e3 / timedTasks;
      System.out.printf("wall min %.3f p50 %.3f us/task; cpu coordinator %.3f + workers %.3f = %.3f us/task%n",
          Medians.percentile(wall, 0), Medians.of(wall), coordinator, workers, coordinator + workers);
    }
  }

  /** CPU nanoseconds of the worker processes (gone ones count 0). */
  private static long workersCpu(List<Long> pids) {
    long total = 0;
    for (long pid : pids) {
      total += ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration())
          .map(Duration::toNanos).orElse(0L);
    }
    return total;
  }
}
