package io.procpool.experiments;

import io.procpool.pool.ProcessPoolOptions;
import io.procpool.process.ProcessPool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One-in-flight noop round trips of several pools side by side in one JVM, 1000 at a time
 * round-robin for 20 rounds, so the machine's noise falls on all of them alike. Arguments:
 * {@code "label=WORKER JVM OPTIONS" ...} (an empty list of options is the default set-up).
 */
public final class RoundTripAB {
  private RoundTripAB() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: RoundTripAB \"label=WORKER JVM OPTIONS\" ...");
      System.exit(2);
    }
    Map<String, ProcessPool> pools = new LinkedHashMap<>();
    try {
      for (String argument : args) {
        LabelledSpec spec = LabelledSpec.parse(argument);
        pools.put(spec.label(),
            ProcessPool.start(ProcessPoolOptions.builder().workers(2).jvmOptions(spec.words()).build()));
      }
      for (ProcessPool pool : pools.values()) {
        for (int i = 0; i < 20000; i++) {
          Loads.roundTrip(pool, i);
        }
      }
      Map<String, List<Double>> micros = new LinkedHashMap<>();
      Map<String, Long> cpuNanos = new LinkedHashMap<>();
      for (int round = 0; round < 20; round++) {
        for (Map.Entry<String, ProcessPool> entry : pools.entrySet()) {
          ProcessPool pool = entry.getValue();
          List<Double> samples = micros.computeIfAbsent(entry.getKey(), label -> new ArrayList<>());
          long cpuBefore = CpuTime.ofThisAnd(pool.pids());
          for (int i = 0; i < 1000; i++) {
            samples.add(Loads.roundTrip(pool, i) / 1e3);
          }
          cpuNanos.merge(entry.getKey(), CpuTime.ofThisAnd(pool.pids()) - cpuBefore, Long::sum);
        }
      }
      for (String label : pools.keySet()) {
        List<Double> samples = micros.get(label);
        System.out.printf("%-14s p50 %5.1f us  p90 %5.1f us  p99 %6.1f us  cpu %5.1f us/rt%n", label,
            Medians.of(samples), Medians.percentile(samples, 90), Medians.percentile(samples, 99),
            cpuNanos.get(label) / 1e3 / samples.size());
      }
    } finally {
      pools.values().forEach(ProcessPool::close);
    }
  }
}
