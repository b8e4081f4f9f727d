package io.procpool.overhead;

import io.procpool.cds.WorkerArchive;
import io.procpool.process.ProcessPool;
import io.procpool.process.WorkerStartup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts pools and keeps each worker's spawn-to-ready time. With a class-data archive possible,
 * it makes sure the archive exists first, then alternates starts with and without it, so both
 * rows see the same machine load.
 */
final class StartupProbe {
  private static final Duration ARCHIVE_WAIT = Duration.ofSeconds(90);

  private StartupProbe() {}

  /** The figures, the default configuration first; and the archive's status. */
  static Result measure(ProcessPools pools, int starts) {
    Optional<WorkerArchive> archive = pools.archive();
    if (archive.isPresent() && !archive.get().ready()) {
      pools.start().close(); // a first start builds the archive in the background
      archive.get().awaitReady(ARCHIVE_WAIT);
    }
    List<WorkerStartup> with = new ArrayList<>();
    List<WorkerStartup> without = new ArrayList<>();
    for (int i = 0; i < starts; i++) {
      if (archive.isPresent()) {
        with.addAll(startups(pools.start(true)));
      }
      without.addAll(startups(pools.start(false)));
    }
    List<StartupFigures> figures = new ArrayList<>();
    String status = archive.map(WorkerArchive::status).orElse("not applicable");
    if (archive.isPresent()) {
      figures.add(StartupFigures.of("with class-data archive (" + status + ")", with));
      figures.add(StartupFigures.of("without it (JDK's default CDS only)", without));
    } else {
      figures.add(StartupFigures.of("no archive (class path has directories, or switched off)", without));
    }
    return new Result(figures, status);
  }

  private static List<WorkerStartup> startups(ProcessPool pool) {
    try (pool) {
      return pool.startups();
    }
  }

  record Result(List<StartupFigures> figures, String archiveStatus) {}
}
