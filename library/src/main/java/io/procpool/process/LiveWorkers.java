package io.procpool.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every worker process this JVM has started and not yet seen exit. A shutdown hook kills the
 * ones left when the coordinator exits, is interrupted (Ctrl-C) or gets SIGTERM; from then on
 * no pool starts another.
 */
final class LiveWorkers {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
  /** Set once the hook has run: a worker launched after it (a start-up still going on) is killed at once. */
  private static volatile boolean stopping;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(LiveWorkers::killAll, "procpool-kill-workers"));
  }

  private LiveWorkers() {}

  /** Whether the coordinator is exiting: no worker may be started any more. */
  static boolean stopping() {
    return stopping;
  }

  /** Tracks a process just started; one started while the coordinator exits is killed at once. */
  static void add(Process process) {
    LIVE.add(process);
    process.onExit().thenRun(() -> LIVE.remove(process));
    if (stopping) {
      killTree(process.toHandle());
    }
  }

  static void killAll() {
    stopping = true;
    for (Process process : LIVE) {
      killTree(process.toHandle());
    }
  }

  /** Kills a process and everything it started (a worker command may be a wrapper script). */
  static void killTree(ProcessHandle process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
