package io.procpool.process;

import static io.procpool.process.PoolFixture.answer;
import static io.procpool.process.PoolFixture.runs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.Execution;
import io.procpool.pool.FailureKind;
import io.procpool.protocol.Done;
import io.procpool.protocol.Hello;
import io.procpool.protocol.Invalid;
import io.procpool.protocol.Protocol;
import io.procpool.protocol.ProtocolException;
import io.procpool.protocol.Run;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The protocol rule on fake connections: from the first violation on, nothing is taken. */
final class WorkerMessagesTest {
  private final PoolFixture pool = new PoolFixture();

  @Test
  void duplicateDone_laterAnswersAreNotTaken_andTasksFailAsProtocolError() {
    Worker worker = pool.ready();
    List<CompletableFuture<Execution>> first = pool.submit(1L);
    List<CompletableFuture<Execution>> second = pool.submit(2L);
    Run run1 = runs(worker).get(0);
    Run run2 = runs(worker).get(1);
    pool.receive(worker, answer(run1));

    pool.receive(worker, answer(run1)); // the same id again
    pool.receive(worker, answer(run2));

    assertEquals(1L, first.get(0).join().value());
    assertFalse(second.get(0).isDone(), "an answer after the violation was taken");
    pool.decide(effects -> pool.core.onEnd(worker, DispatcherTest.end(worker), effects));
    Execution failed = second.get(0).join();
    assertEquals(FailureKind.PROTOCOL_ERROR, failed.failure().kind());
    String message = failed.failure().message();
    assertTrue(message.contains("protocol error from worker w1 (pid -1): answered request " + run1.id()
        + " but the oldest request it holds is " + run2.id()), message);
    assertTrue(message.contains("{\"type\":\"done\",\"id\":" + run1.id()), message);
    assertEquals(1, pool.stderr.count("protocol error from worker w1"), pool.stderr.dump());
  }

  @Test
  void answerUnderWayWhenAStopKilledTheWorker_isNoViolation() {
    Worker worker = pool.ready();
    List<CompletableFuture<Execution>> futures = pool.submit(1L);
    Run run = runs(worker).get(0);
    Stopping stopping = new Stopping(pool.lock, pool.lock.newCondition(), pool.core, /* writers= */ null,
        /* endpoint= */ null);
    pool.decide(effects -> stopping.killAfterGrace(/* deadline= */ System.nanoTime(), effects));

    pool.receive(worker, answer(run)); // it was in the pipe when the kill came

    assertEquals(FailureKind.INTERRUPTED, futures.get(0).join().failure().kind());
    assertNull(worker.violation);
    assertTrue(pool.core.violations.isEmpty(), "recorded as a violation: " + pool.core.violations);
    assertEquals(0, pool.stderr.count("protocol error"), pool.stderr.dump());
  }

  @Test
  void secondHello_isAViolation() {
    Worker worker = pool.ready();

    pool.receive(worker, new Hello(Protocol.VERSION, 5, "fake", 1, 1, 1));

    assertTrue(worker.violation.contains("said hello twice: {\"type\":\"hello\""), worker.violation);
    assertTrue(worker.killed);
  }

  @Test
  void doneBeforeHello_isAFailedStart() {
    Worker worker = pool.launched();

    pool.receive(worker, new Done(1, "main", List.of()));
    pool.decide(effects -> pool.core.onEnd(worker, DispatcherTest.end(worker), effects));

    assertTrue(worker.violation.contains("sent \"done\" before its hello"), worker.violation);
    assertEquals(1, pool.core.startFailures.inARow());
    assertEquals(1, pool.stderr.count("protocol error from worker w1"), "logged once: " + pool.stderr.dump());
  }

  @Test
  void invalidBeforeHello_isAFailedStart() {
    Worker worker = pool.launched();

    pool.receive(worker, new Invalid("what?", ""));

    assertTrue(worker.violation.contains("sent \"invalid\" before its hello"), worker.violation);
  }

  @Test
  void badLineBeforeHello_meantAsJson_isAViolationAtOnce() {
    Worker worker = pool.launched();
    byte[] line = "{\"type\":\"hello\",\"protocol\":1,\"inFlight\":0}".getBytes(StandardCharsets.UTF_8);
    ProtocolException bad = new ProtocolException("hello needs a pid", line, line.length);

    boolean keepReading = pool.decide0(effects -> pool.core.messages.onBadLine(worker, bad, effects));

    assertFalse(keepReading);
    assertTrue(worker.killed);
  }

  @Test
  void badLineBeforeHello_plainText_isNoise() {
    Worker worker = pool.launched();
    byte[] line = "Picked up JAVA_TOOL_OPTIONS".getBytes(StandardCharsets.UTF_8);
    ProtocolException bad = new ProtocolException("not a JSON object", line, line.length);

    boolean keepReading = pool.decide0(effects -> pool.core.messages.onBadLine(worker, bad, effects));

    assertTrue(keepReading);
    assertFalse(worker.killed);
  }

  @Test
  void invalid_afterHello_failsHeldTasksAsProtocolErrorAndIgnoresTheRest() {
    Worker worker = pool.ready();
    List<CompletableFuture<Execution>> futures = pool.submit(1L);

    pool.receive(worker, new Invalid("cannot read", "xx"));
    pool.receive(worker, answer(runs(worker).get(0)));
    pool.decide(effects -> pool.core.onEnd(worker, DispatcherTest.end(worker), effects));

    assertEquals(FailureKind.PROTOCOL_ERROR, futures.get(0).join().failure().kind());
    assertTrue(futures.get(0).join().failure().message().contains("rejected a request: cannot read"));
  }
}
