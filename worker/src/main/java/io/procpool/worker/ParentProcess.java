package io.procpool.worker;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * This worker's pid, and whether the coordinator that started it has died. On Linux both come
 * from {@code /proc/self/stat}: {@link ProcessHandle} would start the JDK's process-reaper
 * machinery and its lambdas, some ten milliseconds of every worker's start-up. Elsewhere it
 * falls back to {@link ProcessHandle}.
 */
final class ParentProcess implements BooleanSupplier {
  private final long pid;
  /** The parent's pid at start; -1 when /proc cannot tell. */
  private final long parentPid;
  /** Only without /proc: the parent as ProcessHandle saw it at start. */
  private final Optional<ProcessHandle> parent;

  private ParentProcess(long pid, long parentPid, Optional<ProcessHandle> parent) {
    this.pid = pid;
    this.parentPid = parentPid;
    this.parent = parent;
  }

  static ParentProcess capture() {
    long[] ids = procSelfStat();
    if (ids != null) {
      return new ParentProcess(ids[0], ids[1], Optional.empty());
    }
    ProcessHandle self = ProcessHandle.current();
    return new ParentProcess(self.pid(), -1, self.parent());
  }

  long pid() {
    return pid;
  }

  /**
   * True when the parent has died: an orphan is re-parented, so its parent pid changes. (Only
   * called at end of input, to tell a dead coordinator from one that closed our stdin.)
   */
  @Override
  public boolean getAsBoolean() {
    if (parentPid >= 0) {
      long[] ids = procSelfStat();
      return ids != null && ids[1] != parentPid;
    }
    return parent.map(handle -> !handle.isAlive()).orElse(false);
  }

  /** {pid, parent pid} from /proc/self/stat ("pid (comm) state ppid ..."), or null. */
  static long[] procSelfStat() {
    byte[] stat = new byte[512];
    int length;
    try (FileInputStream in = new FileInputStream("/proc/self/stat")) {
      length = in.read(stat);
    } catch (IOException | SecurityException e) {
      return null;
    }
    int close = -1;
    for (int i = 0; i < length; i++) {
      if (stat[i] == ')') {
        close = i; // the command name may itself contain ')': the last one ends it
      }
    }
    if (close < 0 || close + 4 >= length) {
      return null;
    }
    long pid = number(stat, 0, length);
    long parentPid = number(stat, close + 4, length); // skip ") S "
    return pid > 0 && parentPid >= 0 ? new long[] {pid, parentPid} : null;
  }

  private static long number(byte[] bytes, int from, int to) {
    long value = 0;
    int i = from;
    while (i < to && bytes[i] >= '0' && bytes[i] <= '9') {
      value = value * 10 + (bytes[i++] - '0');
    }
    return i == from ? -1 : value;
  }
}
