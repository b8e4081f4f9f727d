package io.procpool.process;

import java.io.IOException;
import java.util.ArrayList;
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

  /** @param args appended to the command: where this worker's connection is */
  WorkerProcess launch(String id, List<String> args) throws IOException {
    return WorkerProcess.spawn(id, withArgs(command(), args), /* fromArchive= */ false, stderrSink);
  }

  static List<String> withArgs(List<String> command, List<String> args) {
    if (args.isEmpty()) {
      return command;
    }
    List<String> whole = new ArrayList<>(command);
    whole.addAll(args);
    return whole;
  }

  /** The command it starts workers with now. */
  List<String> command() {
    return command;
  }

  /**
   * A worker ended that this launcher started. Called under the pool's lock.
   *
   * @param saidHello whether it had said hello
   * @param ending why the pool ended it, if it did
   * @param effects where slow work it calls for (files) goes, to run after the lock
   * @return false when the worker's command is to blame and was dropped (the class-data
   *     archive): then its end does not count against the command, and a worker that had not
   *     started is started again at once
   */
  boolean workerEnded(WorkerProcess process, WorkerProcess.End end, boolean saidHello, Lifecycle.Ending ending,
      Effects effects) {
    return true;
  }

  /** A worker this launcher started said hello. Called under the pool's lock. */
  void saidHello(Worker worker, Effects effects) {}

  Consumer<String> stderrSink() {
    return stderrSink;
  }
}
