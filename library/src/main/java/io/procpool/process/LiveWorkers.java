package io.procpool.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every worker process this JVM has started and not yet seen exit. A shutdown hook kills the
 * ones left when the coordinator exits, is interrupted (Ctrl-C) or gets SIGTERM.
 */
final class LiveWorkers {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
  /** Set once the hook has run: a worker launched after it (a start-up still going on) is killed at once. */
  private static volatile boolean exiting;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(LiveWorkers::killAll, "procpool-kill-workers"));
  }

  private LiveWorkers() {}

  static void add(Process process) {
    LIVE.add(process);
    process.onExit().thenRun(() -> LIVE.remove(process));
    if (exiting) {
      killTree(process.toHandle());
    }
  }

  static void killAll() {
    exiting = true;
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
