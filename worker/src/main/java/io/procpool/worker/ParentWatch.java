package io.procpool.worker;

import io.procpool.protocol.Protocol;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Tells whether the coordinator that started this worker is gone, and polls for it on a
 * daemon thread. End of stdin alone cannot tell: the kernel closes a killed coordinator's pipes
 * a moment before it stops being alive, and a process that inherited the pipe can keep it open
 * after the coordinator died. Polling ends the worker within {@link #POLL_MILLIS} either way,
 * even in the middle of a long task.
 */
final class ParentWatch {
  static final long POLL_MILLIS = 250;

  private final ProcessHandle parent;
  private final LongSupplier currentParentPid;
  private final BooleanSupplier coordinatorAlive;

  /**
   * @param parent the parent at start-up, or null when there was none
   * @param currentParentPid the parent's pid now; it changes when the parent exits (the kernel
   *     re-parents orphans at once, before the dead parent is reaped)
   * @param coordinatorAlive whether the coordinator lives, when it is not the parent itself;
   *     null when there is no such coordinator to watch
   */
  ParentWatch(ProcessHandle parent, LongSupplier currentParentPid, BooleanSupplier coordinatorAlive) {
    this.parent = parent;
    this.currentParentPid = currentParentPid;
    this.coordinatorAlive = coordinatorAlive;
  }

  /** Watches this process's parent and the coordinator named by {@link Protocol#COORDINATOR_PID_ENV}. */
  static ParentWatch ofThisProcess() {
    ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
    return new ParentWatch(parent,
        () -> ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L),
        coordinatorAlive(System.getenv(Protocol.COORDINATOR_PID_ENV), parent));
  }

  private static BooleanSupplier coordinatorAlive(String pid, ProcessHandle parent) {
    if (pid == null || pid.isBlank()) {
      return null;
    }
    long coordinatorPid;
    try {
      coordinatorPid = Long.parseLong(pid.trim());
    } catch (NumberFormatException e) {
      return null;
    }
    if (parent != null && parent.pid() == coordinatorPid) {
      return null; // the usual case: the parent check covers it
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(coordinatorPid);
    // The handle remembers the start time, so a recycled pid does not pass for the coordinator.
    return handle.isPresent() ? handle.get()::isAlive : () -> false;
  }

  /** True once the parent or the coordinator has exited. */
  boolean gone() {
    if (parent != null && (!parent.isAlive() || currentParentPid.getAsLong() != parent.pid())) {
      return true;
    }
    return coordinatorAlive != null && !coordinatorAlive.getAsBoolean();
  }

  /** Starts a daemon thread that runs {@code halt} as soon as {@link #gone()}. */
  void startPolling(Runnable halt) {
    if (parent == null && coordinatorAlive == null) {
      return; // nothing to watch
    }
    Thread thread = new Thread(() -> {
      try {
        while (!gone()) {
          Thread.sleep(POLL_MILLIS);
        }
        halt.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "procpool-parent-watch");
    thread.setDaemon(true);
    thread.start();
  }
}
