package io.procpool.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

final class ParentProcessTest {

  @Test
  void procSelfStat_agreesWithProcessHandle() {
    assumeTrue(Files.exists(Path.of("/proc/self/stat")), "needs Linux /proc");

    long[] ids = ParentProcess.procSelfStat();

    assertEquals(ProcessHandle.current().pid(), ids[0]);
    assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), ids[1]);
  }

  @Test
  void capture_knowsOwnPidAndALiveParent() {
    ParentProcess parent = ParentProcess.capture();

    assertEquals(ProcessHandle.current().pid(), parent.pid());
    assertFalse(parent.getAsBoolean(), "the test runner is alive");
  }
}
