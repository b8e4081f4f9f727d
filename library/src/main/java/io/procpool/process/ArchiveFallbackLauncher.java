package io.procpool.process;

import io.procpool.cds.WorkerArchive;
import java.io.IOException;
import java.util.List;

/**
 * Starts workers from the class-data archive, and without it once a worker started from it
 * failed to start: a speed-up must never break a start. The archive is then marked broken, so
 * later pools do not use it either. Guarded by the pool's lock, but for {@link #launch}.
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

  @Override
  boolean startFailed(WorkerProcess process, String why, Effects effects) {
    if (!process.fromArchive) {
      return false;
    }
    if (!fellBack) {
      fellBack = true;
      effects.report("[" + process.id + "] failed to start with the class-data archive; "
          + "starting without it: " + why);
      effects.later(() -> archive.markBroken(why));
    }
    return true;
  }
}
