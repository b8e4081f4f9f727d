package io.procpool.process;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Starts worker processes with one command. Slow (a fork and an exec), so the pool calls it
 * outside its lock. {@link ArchiveFallbackLauncher} wraps it to start from the class-data
 * archive while that works.
 */
class Launcher {
  private final List<String> command;
  private final Consumer<String> stderrSink;

  /** @param stderrSink where the workers' stderr lines go */
  Launcher(List<String> command, Consumer<String> stderrSink) {
    this.command = List.copyOf(command);
    this.stderrSink = stderrSink;
  }

  WorkerProcess launch(String id) throws IOException {
    return WorkerProcess.spawn(id, command(), /* fromArchive= */ false, stderrSink);
  }

  /** The command it starts workers with now. */
  List<String> command() {
    return command;
  }

  /**
   * A worker died before its hello, not by the pool's doing. Called under the pool's lock:
   * anything slow goes to {@code effects}.
   *
   * @return whether the cause was the launcher's own and is fixed, so the start does not count
   *     against the command and a replacement should start at once
   */
  boolean startFailed(WorkerProcess process, String why, Effects effects) {
    return false;
  }

  Consumer<String> stderrSink() {
    return stderrSink;
  }
}
