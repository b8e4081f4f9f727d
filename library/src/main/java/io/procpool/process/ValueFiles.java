package io.procpool.process;

import io.procpool.protocol.LargeValues;
import io.procpool.shm.ShmFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * This coordinator's share of the off-line value files and arenas: the folder, the prefix that names
 * this JVM (pid and start time, so that a later pool can prove it dead), and the clean-up of
 * the files of coordinators that were killed.
 */
final class ValueFiles {
  static final Path DIRECTORY = LargeValues.directory();
  static final String POOL_PREFIX = LargeValues.poolPrefix(ProcessHandle.current().pid(),
      startMillis(ProcessHandle.current()).orElse(0L));

  private ValueFiles() {}

  /**
   * Fails with one line naming the missing JVM option when this JVM cannot map value arenas
   * (Agrona's buffers use the JDK's Unsafe), instead of an {@code IllegalAccessError} later.
   */
  static void requireAccess() {
    if (!Object.class.getModule().isExported("jdk.internal.misc", LargeValues.class.getModule())) {
      throw new IllegalStateException("values off the line need the JVM option " + ShmFile.JVM_OPTION
          + " (Agrona's buffers use the JDK's Unsafe)");
    }
  }

  /** The coordinator's side for one worker. */
  static LargeValues forWorker(long workerPid, int threshold) {
    return LargeValues.coordinator(DIRECTORY, POOL_PREFIX, workerPid, threshold);
  }

  /** Deletes what coordinators that no longer run left behind; returns how many files. */
  static int removeLeftovers() {
    return LargeValues.removeLeftovers(DIRECTORY, ValueFiles::alive);
  }

  /**
   * Alive unless proven dead: no process has the pid, or the one that has it started at another
   * time. Without a start time to compare (0), a running pid counts as alive.
   */
  private static boolean alive(long pid, long startMillis) {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return false;
    }
    Optional<Long> started = startMillis(process.get());
    return startMillis == 0 || started.isEmpty() || started.get() == startMillis;
  }

  private static Optional<Long> startMillis(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli);
  }
}
