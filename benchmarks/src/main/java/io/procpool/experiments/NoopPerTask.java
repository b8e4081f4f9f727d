package io.procpool.experiments;

import io.procpool.pool.ProcessPoolOptions;
import io.procpool.process.ProcessPool;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-task cost of noop with 2 workers: 15 measured lists of 20000 tasks after 5 warm-up lists,
 * wall and CPU (coordinator plus workers). Arguments:
 * {@code IN_FLIGHT [CHUNKSIZE] ["WORKER JVM OPTIONS"]}.
 */
public final class NoopPerTask {
  private NoopPerTask() {}

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 3) {
      System.err.println("usage: NoopPerTask IN_FLIGHT [CHUNKSIZE] [\"WORKER JVM OPTIONS\"]");
      System.exit(2);
    }
    int inFlight = Integer.parseInt(args[0]);
    int chunksize = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    List<String> jvmOptions = args.length > 2 ? LabelledSpec.words(args[2]) : List.of();
    ProcessPoolOptions options =
        ProcessPoolOptions.builder().workers(2).maxInFlight(inFlight).jvmOptions(jvmOptions).build();
    try (ProcessPool pool = ProcessPool.start(options)) {
      List<Object> noops = Loads.noopArguments(20000);
      List<Double> wall = new ArrayList<>();
      long cpuBefore = 0;
      for (int round = 0; round < 20; round++) {
        if (round == 5) {
          cpuBefore = CpuTime.ofThisAnd(pool.pids());
        }
        long nanos = Loads.noopList(pool, noops, chunksize);
        if (round >= 5) {
          wall.add(nanos / 1e3 / noops.size());
        }
      }
      double cpu = (CpuTime.ofThisAnd(pool.pids()) - cpuBefore) / 1e3 / (noops.size() * wall.size());
      System.out.printf("wall min %.2f p25 %.2f p50 %.2f us/task, cpu %.2f us/task%n",
          Medians.percentile(wall, 0), Medians.percentile(wall, 25), Medians.of(wall), cpu);
    }
  }
}
