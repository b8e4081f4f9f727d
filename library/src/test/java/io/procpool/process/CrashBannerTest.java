package io.procpool.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.cds.WorkerEnd;
import io.procpool.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** HotSpot's crash banner on the protocol channel, and how a worker's end is classified. */
final class CrashBannerTest {
  @Test
  void accept_hotspotBanner_takesEveryLineAndNamesTheCrash() {
    CrashBanner banner = new CrashBanner();
    String[] lines = {"#", "# A fatal error has been detected by the Java Runtime Environment:", "#",
        "#  SIGSEGV (0xb) at pc=0x00007f1b12ed2f94, pid=9083, tid=9084", "#",
        "# Problematic frame:", "# V  [libjvm.so+0xed2f94]  Unsafe_PutLong+0x124", "[thread 12 also had an error]"};

    for (String line : lines) {
      assertTrue(banner.accept(bad(line)), line);
    }

    assertTrue(banner.seen());
    assertEquals(Optional.of("SIGSEGV (0xb) at pc=0x00007f1b12ed2f94, pid=9083, tid=9084"), banner.headline());
  }

  @Test
  void accept_fatalErrorBanner_headlineHasTheErrorLine() {
    CrashBanner banner = new CrashBanner();
    for (String line : new String[] {"#", "# A fatal error has been detected by the Java Runtime Environment:",
        "#", "#  Internal Error (debug.cpp:362), pid=1, tid=2",
        "#  fatal error: OutOfMemory encountered: Java heap space"}) {
      banner.accept(bad(line));
    }

    assertEquals(Optional.of("Internal Error (debug.cpp:362), pid=1, tid=2; "
        + "fatal error: OutOfMemory encountered: Java heap space"), banner.headline());
  }

  @Test
  void accept_otherJunk_isNotACrash() {
    CrashBanner banner = new CrashBanner();

    assertFalse(banner.accept(bad("hello there")));
    assertFalse(banner.seen());
  }

  @Test
  void accept_hashCommentWithoutTheFatalErrorLine_isTakenButNoCrash() {
    CrashBanner banner = new CrashBanner();

    assertTrue(banner.accept(bad("# a foreign worker's comment")));
    assertFalse(banner.seen());
  }

  @Test
  void cause_bySignalAndBanner() {
    assertEquals(WorkerEnd.Cause.CRASH, WorkerProcess.cause(134, false), "SIGABRT: a JVM's fatal error");
    assertEquals(WorkerEnd.Cause.CRASH, WorkerProcess.cause(135, false), "SIGBUS");
    assertEquals(WorkerEnd.Cause.CRASH, WorkerProcess.cause(139, false), "SIGSEGV");
    assertEquals(WorkerEnd.Cause.CRASH, WorkerProcess.cause(1, true), "a banner, whatever the status");
    assertEquals(WorkerEnd.Cause.KILLED, WorkerProcess.cause(137, false));
    assertEquals(WorkerEnd.Cause.KILLED, WorkerProcess.cause(143, false));
    assertEquals(WorkerEnd.Cause.EXITED, WorkerProcess.cause(86, false));
    assertEquals(WorkerEnd.Cause.EXITED, WorkerProcess.cause(0, false));
  }

  private static ProtocolException bad(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return new ProtocolException("not a JSON object", bytes, bytes.length);
  }
}
