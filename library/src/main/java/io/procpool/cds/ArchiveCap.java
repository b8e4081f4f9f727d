package io.procpool.cds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps the cache's archives to a number: each set-up (JDK, JVM options, class path) has its own,
 * about 9 MB, and the other prune rules only replace a set-up's earlier builds or wait a month,
 * so jars built in many places (temporary folders, worktrees, every test's copy) filled a
 * developer's cache with 1.3 GB in a day. The oldest builds go first, with their checksums and
 * markers; one still in use keeps working (its mapping outlives the file) and is built again when
 * next wanted.
 */
final class ArchiveCap {
  /** Archives kept at most, the one just built included. */
  static final int MAX_ARCHIVES = 24;

  private ArchiveCap() {}

  /** Deletes all but the {@code max} newest archives under {@code directory}, never {@code keep}. */
  static void keepNewest(Path directory, int max, Path keep) {
    List<Path> archives = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      files.filter(ArchiveCap::isArchive).filter(file -> !file.equals(keep)).forEach(archives::add);
    } catch (IOException e) {
      return; // nothing pruned
    }
    archives.sort(Comparator.comparing(ArchiveCap::modified).reversed());
    for (Path archive : archives.subList(Math.min(archives.size(), Math.max(0, max - 1)), archives.size())) {
      deleteWithSiblings(archive);
    }
  }

  private static boolean isArchive(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith("worker-") && name.endsWith(".jsa");
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0); // gone or unreadable: first to go
    }
  }

  /** The archive and its {@code .crc} and other markers ({@code NAME.jsa.*}). */
  private static void deleteWithSiblings(Path archive) {
    String prefix = archive.getFileName() + ".";
    try (Stream<Path> files = Files.list(archive.getParent())) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(archive);
    } catch (IOException e) {
      // left for the next prune
    }
  }
}
