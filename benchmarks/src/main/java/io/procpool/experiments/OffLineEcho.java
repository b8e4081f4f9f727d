package io.procpool.experiments;

import io.procpool.pool.ProcessPoolOptions;
import io.procpool.pool.Transport;
import io.procpool.process.ProcessPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Echo throughput in the steady state, with and without values off the line: 2 workers, at most
 * 32 MiB outstanding as {@code overhead} does, but runs of many tasks after two such runs of
 * warm-up (the off-line path's heap and JIT settle only after a few hundred MiB), and the CPU
 * time of all processes per echo, which a shared machine disturbs less than the wall time.
 *
 * <p>Arguments: {@code TRANSPORT THRESHOLD BYTES TASKS}, e.g. {@code pipe 65536 1048576 500}.
 * The JVM needs {@code --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED} when the
 * threshold is above 0 or the transport is {@code shm}.
 */
public final class OffLineEcho {
  private static final int RUNS = 7;
  private static final int WARMUP_RUNS = 2;

  private OffLineEcho() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: OffLineEcho TRANSPORT THRESHOLD BYTES TASKS, e.g. pipe 65536 1048576 500");
      System.exit(2);
    }
    Transport transport = Transport.valueOf(args[0].toUpperCase(Locale.ROOT));
    int threshold = Integer.parseInt(args[1]);
    int bytes = Integer.parseInt(args[2]);
    int tasks = Integer.parseInt(args[3]);
    int window = (int) Math.max(8, (32L << 20) / bytes);
    String value = "x".repeat(bytes);
    try (ProcessPool pool = ProcessPool.start(ProcessPoolOptions.builder().workers(2).transport(transport)
        .offLineThreshold(threshold).stderr(line -> { }).build())) {
      if (!value.equals(pool.execute("echo", value).join().value())) {
        throw new IllegalStateException("the echo came back different");
      }
      List<Double> mibPerSecond = new ArrayList<>();
      long cpuBefore = 0;
      for (int run = 0; run < RUNS; run++) {
        if (run == WARMUP_RUNS) {
          cpuBefore = CpuTime.ofThisAnd(pool.pids());
        }
        long nanos = Loads.echoes(pool, value, tasks, window);
        if (run >= WARMUP_RUNS) {
          mibPerSecond.add((double) tasks * bytes / (1 << 20) / (nanos / 1e9));
        }
      }
      double cpuMicrosPerEcho = (CpuTime.ofThisAnd(pool.pids()) - cpuBefore) / 1e3 / ((RUNS - WARMUP_RUNS) * tasks);
      System.out.printf("%s, off-line threshold %d, echo of %d bytes: %.0f MiB/s (median of %d runs of %d), "
              + "CPU %.0f us per echo, all processes%n",
          args[0], threshold, bytes, Medians.of(mibPerSecond), RUNS - WARMUP_RUNS, tasks, cpuMicrosPerEcho);
    }
  }
}
