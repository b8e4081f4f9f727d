package io.procpool.experiments;

import io.procpool.pool.ProcessPoolOptions;
import io.procpool.process.ProcessPool;
import java.util.ArrayList;
import java.util.List;

/**
 * Wall and CPU (coordinator plus workers) per task at a fixed in-flight limit, 2 workers: noop
 * lists at chunksize 1, one-in-flight round trips, and 1 MiB echoes. Arguments:
 * {@code IN_FLIGHT [noop|rt|payload|all] ["WORKER JVM OPTIONS"]}.
 */
public final class PerTaskCosts {
  private PerTaskCosts() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 3 || !List.of("noop", "rt", "payload", "all").contains(what(args))) {
      System.err.println("usage: PerTaskCosts IN_FLIGHT [noop|rt|payload|all] [\"WORKER JVM OPTIONS\"]");
      System.exit(2);
    }
    int inFlight = Integer.parseInt(args[0]);
    List<String> jvmOptions = args.length > 2 ? LabelledSpec.words(args[2]) : List.of();
    ProcessPoolOptions options =
        ProcessPoolOptions.builder().workers(2).maxInFlight(inFlight).jvmOptions(jvmOptions).build();
    try (ProcessPool pool = ProcessPool.start(options)) {
      String what = what(args);
      if (what.equals("all") || what.equals("noop")) {
        noop(pool);
      }
      if (what.equals("all") || what.equals("rt")) {
        roundTrip(pool);
      }
      if (what.equals("all") || what.equals("payload")) {
        payload(pool, inFlight);
      }
    }
  }

  private static String what(String[] args) {
    return args.length > 1 ? args[1] : "all";
  }

  private static void noop(ProcessPool pool) {
    List<Object> noops = Loads.noopArguments(20000);
    List<Double> wall = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    for (int round = 0; round < 6; round++) {
      long cpuBefore = CpuTime.ofThisAnd(pool.pids());
      long nanos = Loads.noopList(pool, noops, 1);
      long cpuAfter = CpuTime.ofThisAnd(pool.pids());
      if (round >= 2) {
        wall.add(nanos / 1e3 / noops.size());
        cpu.add((cpuAfter - cpuBefore) / 1e3 / noops.size());
      }
    }
    System.out.printf("noop c1: wall %.2f us/task, cpu %.2f us/task%n", Medians.of(wall), Medians.of(cpu));
  }

  private static void roundTrip(ProcessPool pool) {
    for (int i = 0; i < 4000; i++) {
      Loads.roundTrip(pool, i);
    }
    List<Double> micros = new ArrayList<>();
    long cpuBefore = CpuTime.ofThisAnd(pool.pids());
    for (int i = 0; i < 8000; i++) {
      micros.add(Loads.roundTrip(pool, i) / 1e3);
    }
    long cpuAfter = CpuTime.ofThisAnd(pool.pids());
    System.out.printf("round trip: p50 %.1f us p90 %.1f us, cpu %.1f us/rt%n", Medians.of(micros),
        Medians.percentile(micros, 90), (cpuAfter - cpuBefore) / 1e3 / micros.size());
  }

  private static void payload(ProcessPool pool, int inFlight) throws InterruptedException {
    int echoes = 150;
    int window = 4 * 2 * Math.max(2, Math.min(inFlight, 8));
    List<Double> mibPerSecond = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      long cpuBefore = CpuTime.ofThisAnd(pool.pids());
      long nanos = Loads.echoes(pool, echoes, window);
      long cpuAfter = CpuTime.ofThisAnd(pool.pids());
      if (round >= 1) {
        mibPerSecond.add(echoes / (nanos / 1e9));
        cpu.add((cpuAfter - cpuBefore) / 1e3 / echoes);
      }
    }
    System.out.printf("payload 1MiB: %.0f MiB/s, cpu %.0f us/task%n", Medians.of(mibPerSecond), Medians.of(cpu));
  }
}
