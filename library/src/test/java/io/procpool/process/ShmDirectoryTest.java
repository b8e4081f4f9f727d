package io.procpool.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.shm.ShmFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ShmDirectoryTest {
  @TempDir
  Path base;

  private final List<String> reports = new ArrayList<>();

  @Test
  void create_leftoverOfDeadCoordinator_isRemovedAndReported() throws Exception {
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    Path leftover = Files.createDirectories(base.resolve(ShmDirectory.PREFIX + finished.pid() + "-1-abc123"));
    Files.write(leftover.resolve("w1.ring"), new byte[16]);

    try (ShmDirectory directory = ShmDirectory.create(base, reports::add)) {
      assertFalse(Files.exists(leftover));
      assertEquals(List.of("removed " + leftover + ": its coordinator is dead"), reports);
      assertTrue(Files.isDirectory(directory.path()));
    }
  }

  @Test
  void create_directoryOfLivingCoordinatorOrForeignName_isKept() throws Exception {
    ProcessHandle self = ProcessHandle.current();
    long started = self.info().startInstant().orElseThrow().toEpochMilli();
    Path living = Files.createDirectories(base.resolve(ShmDirectory.PREFIX + self.pid() + "-" + started + "-abc123"));
    Path foreign = Files.createDirectories(base.resolve(ShmDirectory.PREFIX + "not-a-pid"));

    try (ShmDirectory directory = ShmDirectory.create(base, reports::add)) {
      assertTrue(Files.isDirectory(living));
      assertTrue(Files.isDirectory(foreign));
      assertEquals(List.of(), reports);
      assertTrue(Files.isDirectory(directory.path()));
    }
  }

  @Test
  void create_livingPidStartedAtAnotherTime_isRemoved() throws Exception {
    // Our pid, but a start time that is not ours: the pid was reused, the coordinator is dead.
    Path reused = Files.createDirectories(base.resolve(ShmDirectory.PREFIX + ProcessHandle.current().pid() + "-5-ab"));
    try (ShmDirectory directory = ShmDirectory.create(base, reports::add)) {
      assertFalse(Files.exists(reused));
      assertTrue(Files.isDirectory(directory.path()));
    }
  }

  @Test
  void newFile_andDirectory_areOwnerOnly_andCloseRemovesBoth() throws Exception {
    Path file;
    Path dir;
    try (ShmDirectory directory = ShmDirectory.create(base, reports::add)) {
      dir = directory.path();
      ShmFile ring = directory.newFile("w7", 4096);
      file = ring.path();
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
    assertFalse(Files.exists(file));
    assertFalse(Files.exists(dir));
  }
}
