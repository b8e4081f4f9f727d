package io.procpool.process;

import io.procpool.cds.WorkerArchive;
import io.procpool.cds.WorkerEnd;
import java.io.IOException;
import java.util.List;

/**
 * Starts workers from the class-data archive while the archive, told how each of them ended,
 * says to keep it; without it from then on: a speed-up must never break a start. Guarded by
 * the pool's lock, but for {@link #launch}.
 */
final class ArchiveFallbackLauncher extends Launcher {
  private final WorkerArchive archive;
  private final List<String> withArchive;
  private volatile boolean fellBack;

  /**
   * @param withArchive the command with the archive's options
   * @param plain the launcher without them
   */
  ArchiveFallbackLauncher(WorkerArchive archive, List<String> withArchive, Launcher plain) {
    super(plain.command(), plain.stderrSink());
    this.archive = archive;
    this.withArchive = List.copyOf(withArchive);
  }

  @Override
  WorkerProcess launch(String id, List<String> args) throws IOException {
    if (fellBack) {
      return super.launch(id, args);
    }
    return WorkerProcess.spawn(id, withArgs(withArchive, args), /* fromArchive= */ true, stderrSink());
  }

  @Override
  List<String> command() {
    return fellBack ? super.command() : withArchive;
  }

  /**
   * Asks the archive what this end says about it ({@link WorkerArchive#workerEnded}): a crash
   * counts against it, a kill from outside does not, an exit before the hello makes this pool
   * stop using it. Ends the pool caused, other than crashes, are not its business. (It may
   * write a marker file, rarely, under the pool's lock.)
   */
  @Override
  boolean workerEnded(WorkerProcess process, WorkerProcess.End end, boolean saidHello, Lifecycle.Ending ending) {
    if (!process.fromArchive || fellBack
        || ending != Lifecycle.Ending.NONE && end.cause() != WorkerEnd.Cause.CRASH) {
      return true;
    }
    boolean keep = archive.workerEnded(new WorkerEnd(end.cause(), saidHello, end.summary()));
    fellBack = !keep;
    return keep;
  }
}
