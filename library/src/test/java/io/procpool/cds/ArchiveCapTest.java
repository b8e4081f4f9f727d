package io.procpool.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache keeps its newest archives, with their markers, and never the one being built. */
final class ArchiveCapTest {
  @TempDir
  Path cache;

  @Test
  void keepNewest_moreArchivesThanTheCap_oldestGoWithTheirMarkers() throws IOException {
    for (int i = 0; i < 10; i++) {
      Path archive = Files.writeString(cache.resolve("worker-" + i + ".jsa"), "archive " + i);
      Files.writeString(cache.resolve("worker-" + i + ".jsa.crc"), "crc");
      Files.setLastModifiedTime(archive, FileTime.fromMillis(1_000_000L * (i + 1))); // worker-9 newest
    }
    Path other = Files.writeString(cache.resolve("notes.txt"), "not ours");
    Path building = cache.resolve("worker-new.jsa");

    ArchiveCap.keepNewest(cache, 4, building);

    for (int i = 0; i < 10; i++) {
      boolean kept = i >= 7; // three newest, and room for the one being built
      assertEquals(kept, Files.exists(cache.resolve("worker-" + i + ".jsa")), "worker-" + i);
      assertEquals(kept, Files.exists(cache.resolve("worker-" + i + ".jsa.crc")), "worker-" + i + " crc");
    }
    assertTrue(Files.exists(other));
  }

  @Test
  void keepNewest_fewerThanTheCap_deletesNothing() throws IOException {
    Files.writeString(cache.resolve("worker-a.jsa"), "a");
    Files.writeString(cache.resolve("worker-b.jsa"), "b");

    ArchiveCap.keepNewest(cache, ArchiveCap.MAX_ARCHIVES, cache.resolve("worker-c.jsa"));

    try (Stream<Path> files = Files.list(cache)) {
      assertEquals(2, files.count());
    }
  }
}
