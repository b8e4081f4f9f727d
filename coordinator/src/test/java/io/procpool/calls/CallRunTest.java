package io.procpool.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.Pools;
import io.procpool.calls.InputLines.Call;
import io.procpool.fn.Invocation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class CallRunTest {
  /** The user's method: a call that takes a while. */
  public static long nap(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return millis;
  }

  @Test
  void run_serialPoolStoppedAsItStarts_cancelsTheCallsItHasNotRun() {
    Invocation nap = Invocation.ofMethod(CallRunTest.class.getName() + "::nap", CallRunTest.class.getClassLoader());
    List<Call> calls = IntStream.rangeClosed(1, 5).mapToObj(line -> new Call(line, nap.argumentsFromJson("300"))).toList();
    List<OutputLine> lines = new CopyOnWriteArrayList<>();

    // A serial pool runs the calls on this very thread: the stop comes from another, as a signal's does.
    CallRun run = CallRun.run(Pools::serial, nap, calls, 1, /* asCompleted= */ false, /* failFast= */ false,
        pool -> new Thread(() -> pool.stop(Duration.ofSeconds(30))).start(), lines::add);

    assertEquals(5, lines.size(), lines.toString());
    long cancelled = lines.stream().filter(line -> line.failed() && line.errorJson().contains("the run was stopped")).count();
    assertTrue(cancelled >= 4, "at most the call running at the stop may finish: " + lines);
    assertEquals(cancelled, run.failed());
  }
}
