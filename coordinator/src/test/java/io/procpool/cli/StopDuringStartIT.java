package io.procpool.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.process.WorkerCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real coordinator told to stop (SIGTERM) while it starts many workers: it launches no more,
 * and the workers it launched go with it. The JVMs are counted by pid before and after. Every
 * task sleeps a minute, so the run cannot end by itself before the signal however slowly the
 * machine launches (a single noop task could finish first on a loaded machine).
 */
final class StopDuringStartIT {
  private static final int WORKERS = 60;

  @TempDir
  Path dir;

  @Test
  void sigterm_duringStartOfManyWorkers_launchesNoMoreAndLeavesNone() throws Exception {
    Process coordinator = new ProcessBuilder(List.of(WorkerCommand.javaExecutable(), "-jar",
        Path.of("target", "procpool.jar").toString(), "run", "--mode", "process", "--workers",
        Integer.toString(WORKERS), "--workload", "sleep", "--size", "60000", "--tasks", Integer.toString(WORKERS),
        "--quiet-workers"))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.txt").toFile())
        .start();
    Set<Long> beforeSignal = new HashSet<>();
    try {
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
          .until(() -> seen(coordinator, beforeSignal) >= 3);
      coordinator.destroy(); // SIGTERM
      seen(coordinator, beforeSignal);

      long signalled = System.nanoTime();
      Set<Long> afterSignal = new HashSet<>();
      long lastNewMillis = 0;
      long deadline = signalled + TimeUnit.SECONDS.toNanos(10);
      while (coordinator.isAlive() && System.nanoTime() < deadline) {
        int known = afterSignal.size();
        seen(coordinator, afterSignal);
        afterSignal.removeAll(beforeSignal);
        if (afterSignal.size() > known) {
          lastNewMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
        }
      }
      assertTrue(coordinator.waitFor(10, TimeUnit.SECONDS), "the coordinator did not stop");

      // Launches under way while the signal is delivered and handled may still appear (one
      // launch takes 10-100 ms, depending on the load): a short burst right after it, then none.
      // A start that went on would launch all of them, over seconds.
      assertTrue(lastNewMillis <= 1000, "a worker was launched " + lastNewMillis + " ms after the signal");
      assertTrue(beforeSignal.size() + afterSignal.size() < WORKERS / 2,
          "launched " + beforeSignal.size() + " before the signal and " + afterSignal.size() + " after");
      Set<Long> all = new HashSet<>(beforeSignal);
      all.addAll(afterSignal);
      await().atMost(Duration.ofSeconds(5)).until(() -> all.stream().noneMatch(StopDuringStartIT::running));
      System.out.printf("[procpool-it] SIGTERM during a start of %d workers: %d launched before it, %d after"
          + " (the last %d ms after)%n", WORKERS, beforeSignal.size(), afterSignal.size(), lastNewMillis);
    } finally {
      coordinator.destroyForcibly();
      beforeSignal.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
  }

  /** Adds the coordinator's child processes seen now to {@code pids}; returns how many it holds. */
  private static int seen(Process coordinator, Set<Long> pids) {
    coordinator.toHandle().children().forEach(child -> pids.add(child.pid()));
    return pids.size();
  }

  private static boolean running(long pid) {
    return ProcessHandle.of(pid).map(handle -> handle.isAlive() && !zombie(pid)).orElse(false);
  }

  private static boolean zombie(long pid) {
    try {
      String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state == 'Z' || state == 'X';
    } catch (java.io.IOException e) {
      return true;
    }
  }
}
