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
  /** Whether a worker's memory map has been looked at for the archive; once per pool. */
  private boolean mappingChecked;

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
   * Checks once, after the lock, that the first worker started from the archive really mapped
   * it: a JVM rejects an archive from another JDK build, or with a mismatched header, without a
   * word. Such an archive is removed, so the pool's background build replaces it, and the
   * workers started after the check go without it.
   */
  @Override
  void saidHello(Worker worker, Effects effects) {
    if (mappingChecked || fellBack || worker.process == null || !worker.process.fromArchive
        || withArchive.stream().noneMatch(option -> option.startsWith("-XX:SharedArchiveFile="))) {
      return;
    }
    mappingChecked = true;
    long pid = worker.pid();
    String id = worker.id;
    effects.later(() -> {
      if (!ArchiveMapping.mappedOrUnknown(pid, archive.path())) {
        fellBack = true;
        archive.rejectedByJvm("worker " + id + " (pid " + pid + ") started without it");
        stderrSink().accept("[" + id + "] the JVM did not map the class-data archive " + archive.path()
            + " (made by another JDK build, or damaged in its header); removed, to be rebuilt");
      }
    });
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
