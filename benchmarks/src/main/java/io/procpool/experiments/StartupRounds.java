package io.procpool.experiments;

import io.procpool.pool.ProcessPoolOptions;
import io.procpool.process.ProcessPool;
import io.procpool.process.WorkerStartup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Starts a pool of each set-up in turn, round after round, and prints each one's start-up medians. */
final class StartupRounds {
  private final Map<String, ProcessPoolOptions> setUps;
  private final Map<String, List<Double>> spawnToReady = new LinkedHashMap<>();
  private final Map<String, List<Double>> jvm = new LinkedHashMap<>();
  private final Map<String, List<Double>> procpool = new LinkedHashMap<>();

  StartupRounds(Map<String, ProcessPoolOptions> setUps) {
    this.setUps = setUps;
  }

  /** Starts and closes a pool of each set-up once without recording: the first start of a set-up builds its archive. */
  void warmUp() {
    setUps.values().forEach(options -> ProcessPool.start(options).close());
  }

  void measure(int rounds) {
    for (int round = 0; round < rounds; round++) {
      for (Map.Entry<String, ProcessPoolOptions> setUp : setUps.entrySet()) {
        try (ProcessPool pool = ProcessPool.start(setUp.getValue())) {
          for (WorkerStartup startup : pool.startups()) {
            add(spawnToReady, setUp.getKey(), startup.spawnToReadyMicros());
            add(jvm, setUp.getKey(), startup.jvmMicros());
            add(procpool, setUp.getKey(), startup.initMicros());
          }
        }
      }
    }
  }

  void print() {
    for (String label : setUps.keySet()) {
      System.out.printf("%-22s spawn-to-ready p50 %6.1f ms (jvm %6.1f, procpool %5.1f) n=%d%n", label,
          Medians.of(spawnToReady.get(label)), Medians.of(jvm.get(label)), Medians.of(procpool.get(label)),
          spawnToReady.get(label).size());
    }
  }

  private static void add(Map<String, List<Double>> samples, String label, long micros) {
    samples.computeIfAbsent(label, key -> new ArrayList<>()).add(micros / 1e3);
  }
}
