package io.procpool.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build lock and candidates of a coordinator that died (SIGKILL) are taken over at once. */
final class ArchiveLockTest {
  @TempDir
  Path dir;

  @Test
  void acquire_lockOfADeadProcess_isTakenOverAtOnce() throws Exception {
    Path lock = Files.writeString(dir.resolve("worker-a.jsa.lock"), Long.toString(deadPid()));

    assertTrue(ArchiveTraining.acquire(lock));
    assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(lock));
  }

  @Test
  void acquire_lockOfALiveProcess_isLeftAlone() throws Exception {
    Process owner = new ProcessBuilder("sleep", "30").start();
    try {
      Path lock = Files.writeString(dir.resolve("worker-a.jsa.lock"), Long.toString(owner.pid()));

      assertFalse(ArchiveTraining.acquire(lock));
    } finally {
      owner.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void acquire_pidReusedByAProcessStartedAfterTheLock_isTakenOver() throws Exception {
    Process stranger = new ProcessBuilder("sleep", "30").start();
    try {
      Path lock = Files.writeString(dir.resolve("worker-a.jsa.lock"), Long.toString(stranger.pid()));
      Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(60)));

      assertTrue(ArchiveTraining.acquire(lock));
    } finally {
      stranger.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void ownerAlive_candidateNamedAfterADeadPid_isNot() throws Exception {
    Path dead = Files.writeString(dir.resolve("worker-a.jsa." + deadPid() + ".tmp"), "x");
    Path mine = Files.writeString(dir.resolve("worker-a.jsa." + ProcessHandle.current().pid() + ".tmp"), "x");

    assertFalse(ArchiveTraining.ownerAlive(dead));
    assertTrue(ArchiveTraining.ownerAlive(mine));
  }

  private static long deadPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor(5, TimeUnit.SECONDS);
    return process.pid();
  }
}
