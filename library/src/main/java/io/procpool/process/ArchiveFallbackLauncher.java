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
  WorkerProcess launch(String id) throws IOException {
    if (fellBack) {
      return super.launch(id);
    }
    return WorkerProcess.spawn(id, withArchive, /* fromArchive= */ true, stderrSink());
  }

  @Override
  List<String> command() {
    return fellBack ? super.command() : withArchive;
  }

  /**
   * Asks the archive what this end says about it ({@link WorkerArchive#workerEnded}): a crash
   * counts against it, a kill from outside does not, an exit before the hello makes this pool
   * stop using it. Ends the pool caused, other than crashes, are not its business. Decided
   * here, under the pool's lock; the archive's files (a marker, a removal) are written after it.
   */
  @Override
  boolean workerEnded(WorkerProcess process, WorkerProcess.End end, boolean saidHello, Lifecycle.Ending ending,
      Effects effects) {
    if (!process.fromArchive || fellBack
        || ending != Lifecycle.Ending.NONE && end.cause() != WorkerEnd.Cause.CRASH) {
      return true;
    }
    WorkerEnd workerEnd = new WorkerEnd(end.cause(), saidHello, end.summary());
    boolean keep = WorkerArchive.keeps(workerEnd);
    fellBack = !keep; // so only this end, of all the workers from the same file, reaches the archive
    effects.later(() -> archive.workerEnded(workerEnd));
    return keep;
  }
}
