package io.procpool.experiments;

import io.procpool.pool.ProcessPoolOptions;
import io.procpool.process.ProcessPool;
import io.procpool.process.WorkerStartup;
import java.util.ArrayList;
import java.util.List;

/**
 * All levers at once, with each build's defaults and 2 workers: worker spawn-to-ready, the
 * one-in-flight round trip, noop per task at chunksize 1, and 1 MiB echoes 32 outstanding.
 * No arguments; alternate two builds by naming each one's procpool.jar first on the class path.
 */
public final class BeforeAfter {
  private BeforeAfter() {}

  public static void main(String[] args) throws Exception {
    try (ProcessPool pool = start()) {
      pool.execute("noop", 1L).join();
    }
    Thread.sleep(5000); // a build with a class-data archive makes it now, in the background
    List<Double> spawnToReady = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      try (ProcessPool pool = start()) {
        for (WorkerStartup startup : pool.startups()) {
          spawnToReady.add(startup.spawnToReadyMicros() / 1e3);
        }
      }
    }
    try (ProcessPool pool = start()) {
      for (int i = 0; i < 20000; i++) {
        Loads.roundTrip(pool, i);
      }
      List<Double> roundTrips = new ArrayList<>();
      for (int i = 0; i < 20000; i++) {
        roundTrips.add(Loads.roundTrip(pool, i) / 1e3);
      }
      List<Object> noops = Loads.noopArguments(20000);
      List<Double> perTask = new ArrayList<>();
      for (int round = 0; round < 8; round++) {
        long nanos = Loads.noopList(pool, noops, 1);
        if (round >= 5) {
          perTask.add(nanos / 1e3 / noops.size());
        }
      }
      List<Double> mibPerSecond = new ArrayList<>();
      for (int round = 0; round < 4; round++) {
        long nanos = Loads.echoes(pool, 128, 32);
        if (round >= 1) {
          mibPerSecond.add(128 / (nanos / 1e9));
        }
      }
      System.out.printf("spawn-to-ready p50 %.1f ms | round trip p50 %.1f us | noop per task %.2f us"
              + " | 1 MiB echo %.0f MiB/s%n",
          Medians.of(spawnToReady), Medians.of(roundTrips), Medians.of(perTask), Medians.of(mibPerSecond));
    }
  }

  private static ProcessPool start() {
    return ProcessPool.start(ProcessPoolOptions.builder().workers(2).stderr(line -> {}).build());
  }
}
