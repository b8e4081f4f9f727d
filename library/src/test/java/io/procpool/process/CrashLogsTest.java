package io.procpool.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's crashes/ folder stays bounded: the newest logs are kept, nothing else is touched. */
final class CrashLogsTest {
  @TempDir
  Path cache;

  @AfterEach
  void tearDown() {
    System.clearProperty("procpool.cache.dir");
  }

  @Test
  void jvmOption_moreLogsThanKept_removesTheOldestAndNothingElse() throws Exception {
    System.setProperty("procpool.cache.dir", cache.toString());
    Path crashes = Path.of(CrashLogs.jvmOption().substring("-XX:ErrorFile=".length())).getParent();
    assertEquals(cache.resolve("crashes"), crashes);
    int written = CrashLogs.KEPT + 7;
    long now = System.currentTimeMillis();
    for (int i = 0; i < written; i++) {
      // pid i, written i minutes ago: the first ones are the newest
      Path log = Files.writeString(crashes.resolve("hs_err_pid" + (1000 + i) + ".log"), "# A fatal error " + i);
      Files.setLastModifiedTime(log, FileTime.fromMillis(now - i * 60_000L));
    }
    Path other = Files.writeString(crashes.resolve("notes.txt"), "not a crash log");
    Path replay = Files.writeString(crashes.resolve("replay_pid1.log"), "not ours to prune");

    CrashLogs.jvmOption(); // the next pool

    try (Stream<Path> files = Files.list(crashes)) {
      List<String> logs = files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith("hs_err"))
          .sorted().toList();
      assertEquals(CrashLogs.KEPT, logs.size(), logs.toString());
      assertEquals("hs_err_pid1000.log", logs.get(0));
      assertEquals("hs_err_pid" + (1000 + CrashLogs.KEPT - 1) + ".log", logs.get(logs.size() - 1));
    }
    assertTrue(Files.exists(other) && Files.exists(replay));
  }
}
