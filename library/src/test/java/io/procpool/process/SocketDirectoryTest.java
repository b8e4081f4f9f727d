package io.procpool.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SocketDirectoryTest {
  @TempDir
  Path base;

  @Test
  void create_leftoversOfADeadCoordinator_removesThemAndKeepsALiveOnes() throws Exception {
    long dead = deadPid();
    Path deadOwners = Files.createDirectory(base.resolve(SocketDirectory.PREFIX + dead + "-abc123"));
    Files.writeString(deadOwners.resolve("pool.sock"), "");
    Path liveOwners = Files.createDirectory(base.resolve(SocketDirectory.PREFIX + ProcessHandle.current().pid() + "-def"));
    Path notOurs = Files.createDirectory(base.resolve(SocketDirectory.PREFIX + "x-1"));

    SocketDirectory directory = SocketDirectory.create(base);

    assertFalse(Files.exists(deadOwners), "a dead coordinator's leftovers are removed");
    assertTrue(Files.exists(liveOwners), "a live coordinator's directory is kept");
    assertTrue(Files.exists(notOurs), "a name without a pid is not ours to judge");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.directory())));
    assertEquals(directory.directory(), directory.socket().getParent());
    directory.delete();
    assertFalse(Files.exists(directory.directory()));
  }

  @Test
  void create_baseMissingOrAFile_saysWhichFolderAndWhy() throws Exception {
    Path file = Files.writeString(base.resolve("a-file"), "");

    IOException missing = assertThrows(IOException.class, () -> SocketDirectory.create(base.resolve("missing")));
    IOException notAFolder = assertThrows(IOException.class, () -> SocketDirectory.create(file));

    assertEquals("the socket's folder " + base.resolve("missing") + " (java.io.tmpdir) does not exist",
        missing.getMessage());
    assertEquals("the socket's folder " + file + " (java.io.tmpdir) is not a folder", notAFolder.getMessage());
  }

  @Test
  void ownerPid_namesOfOtherShapes_areNotRead() {
    assertEquals(Optional.of(123L), SocketDirectory.ownerPid(SocketDirectory.PREFIX + "123-abc"));
    for (String name : List.of("procpool-sockets-", "procpool-sockets-abc-1", "procpool-sockets-12", "other-12-x")) {
      assertEquals(Optional.empty(), SocketDirectory.ownerPid(name), name);
    }
  }

  /** The pid of a process that has exited and been reaped. */
  private static long deadPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    long pid = process.pid();
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    return pid;
  }
}
