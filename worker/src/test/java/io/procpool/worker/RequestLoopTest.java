package io.procpool.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.protocol.Done;
import io.procpool.protocol.Hello;
import io.procpool.protocol.Invalid;
import io.procpool.protocol.Message;
import io.procpool.protocol.MessageReader;
import io.procpool.protocol.MessageWriter;
import io.procpool.protocol.Outcome;
import io.procpool.protocol.Protocol;
import io.procpool.protocol.ProtocolException;
import io.procpool.protocol.RemoteError;
import io.procpool.task.CpuHeavy;
import io.procpool.task.Fail;
import io.procpool.task.TaskRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The worker's request loop on in-memory streams: what comes back for what goes in. */
final class RequestLoopTest {
  private static final Duration LIMIT = Duration.ofSeconds(20);
  private static final TaskRegistry REGISTRY = TaskRegistry.builtIn();

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final AtomicBoolean halted = new AtomicBoolean();
  private volatile String servedBy;

  @Test
  void serve_severalRuns_oneDonePerRunInArrivalOrder() throws IOException {
    int exit = serve(run(5, "cpu-heavy", "1000") + run(3, "echo", "\"three\"") + run(9, "noop", "{\"k\":[1,null]}"));

    List<Message> out = output();
    assertEquals(RequestLoop.EXIT_OK, exit);
    assertEquals(List.of(5L, 3L, 9L), out.stream().map(m -> ((Done) m).id()).toList());
    assertEquals(CpuHeavy.xorshift(1000), value(out.get(0), 0));
    assertEquals("three", value(out.get(1), 0));
    assertEquals(Map.of("k", Arrays.asList(1L, null)), value(out.get(2), 0));
  }

  @Test
  void serve_chunkOfSeveralArguments_thatManyOutcomesInOrder() throws IOException {
    serve(run(1, "cpu-heavy", "0,1,2,10"));

    Done done = (Done) output().get(0);
    assertEquals(4, done.results().size());
    for (int i = 0; i < 4; i++) {
      Outcome outcome = done.results().get(i);
      assertFalse(outcome.failed());
      assertEquals(CpuHeavy.xorshift(new long[] {0, 1, 2, 10}[i]), outcome.value());
      assertTrue(outcome.startedAt() > 0, "startedAt is an epoch time in microseconds");
      assertTrue(outcome.micros() >= 0);
    }
    assertEquals(servedBy, done.thread(), "tasks run on the thread that called serve");
  }

  @Test
  void serve_chunkAskingForColumns_answersInColumnsWithEveryOutcome() throws IOException {
    serve(run(1, "noop", "5,6,7").replace("]}", "],\"columns\":true}"));

    String wire = stdout.toString(StandardCharsets.UTF_8);
    assertTrue(wire.contains(",\"values\":[5,6,7],\"starts\":[0,") && !wire.contains("\"results\""), wire);
    Done done = (Done) output().get(0);
    assertTrue(done.columns());
    assertEquals(List.of(5L, 6L, 7L), done.results().stream().map(Outcome::value).toList());
    assertTrue(done.results().get(0).startedAt() > 0, "startedAt is an epoch time in microseconds");
    for (int i = 1; i < 3; i++) {
      assertTrue(done.results().get(i).startedAt() >= done.results().get(i - 1).startedAt(), "calls start in order");
    }
  }

  @Test
  void serve_columnsAskedButACallFails_answersInTheClassicForm() throws IOException {
    serve(run(1, "cpu-heavy", "\"many\",1").replace("]}", "],\"columns\":true}"));

    assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("\"results\":[{\"error\""));
    Done done = (Done) output().get(0);
    assertFalse(done.columns());
    assertEquals("java.lang.IllegalArgumentException", done.results().get(0).error().exception());
    assertEquals(CpuHeavy.xorshift(1), done.results().get(1).value());
  }

  @Test
  void serve_throwingTask_errorOutcomeWithClassMessageAndTraceThenCarriesOn() throws IOException {
    int exit = serve(run(1, "fail", "7") + run(2, "noop", "8"));

    List<Message> out = output();
    assertEquals(RequestLoop.EXIT_OK, exit);
    RemoteError error = ((Done) out.get(0)).results().get(0).error();
    assertEquals("java.lang.IllegalStateException", error.exception());
    assertEquals(Fail.MESSAGE_PREFIX + " for argument 7", error.message());
    assertTrue(error.trace().startsWith("java.lang.IllegalStateException: " + Fail.MESSAGE_PREFIX), error.trace());
    assertTrue(error.trace().contains("\tat io.procpool.task.Fail.run("), error.trace());
    assertEquals(8L, value(out.get(1), 0));
  }

  @Test
  void serve_chunkWithOneBadArgument_onlyThatOutcomeFails() throws IOException {
    serve(run(1, "cpu-heavy", "\"many\",1"));

    Done done = (Done) output().get(0);
    assertEquals("java.lang.IllegalArgumentException", done.results().get(0).error().exception());
    assertEquals(CpuHeavy.xorshift(1), done.results().get(1).value());
  }

  @Test
  void serve_unknownTask_errorOutcomePerArgumentListingTasks() throws IOException {
    int exit = serve(run(1, "nope", "1,2") + run(2, "noop", "3"));

    List<Message> out = output();
    Done done = (Done) out.get(0);
    assertEquals(RequestLoop.EXIT_OK, exit);
    assertEquals(2, done.results().size());
    for (Outcome outcome : done.results()) {
      assertEquals("io.procpool.task.UnknownTaskException", outcome.error().exception());
      assertTrue(outcome.error().message().startsWith("unknown task 'nope'; available: chatter, counter, cpu-heavy"),
          outcome.error().message());
      assertEquals(0, outcome.micros());
    }
    assertEquals(3L, value(out.get(1), 0));
  }

  @Test
  void serve_endOfInput_exitZeroWithNothingWritten() {
    int exit = serve("");

    assertEquals(RequestLoop.EXIT_OK, exit);
    assertEquals(0, stdout.size());
    assertFalse(halted.get());
  }

  @Test
  void serve_blankAndCrlfLines_tolerated() throws IOException {
    int exit = serve("\n\r\n" + run(1, "noop", "1").replace("\n", "\r\n") + "\n");

    assertEquals(RequestLoop.EXIT_OK, exit);
    assertEquals(1, output().size());
  }

  @Test
  void serve_badLine_answersEarlierRunsThenInvalidAndExit65() throws IOException {
    int exit = serve(run(1, "noop", "1") + "garbage\n" + run(2, "noop", "2"));

    List<Message> out = output();
    assertEquals(Protocol.EXIT_INVALID_INPUT, exit);
    assertEquals(2, out.size(), "nothing after the bad line is answered");
    assertEquals(1L, ((Done) out.get(0)).id());
    Invalid invalid = (Invalid) out.get(1);
    assertTrue(invalid.message().startsWith("not a JSON object"), invalid.message());
    assertEquals("\"garbage\"", invalid.line());
  }

  @Test
  void serve_messageOtherThanRun_invalidAndExit65() throws IOException {
    String hello = MessageWriter.encode(new Hello(1, 1, "x", 1, 0, 0));

    int exit = serve(hello + "\n");

    Invalid invalid = (Invalid) output().get(0);
    assertEquals(Protocol.EXIT_INVALID_INPUT, exit);
    assertEquals("a worker only accepts \"run\" messages, got \"hello\"", invalid.message());
    assertEquals(hello, invalid.line());
  }

  @Test
  void serve_lineOverLimit_invalidNamingLimitAndExit65() throws IOException {
    String input = run(1, "echo", "\"" + "x".repeat(200) + "\"");
    RequestLoop loop = loop(new MessageReader(bytes(input), 100), stdout);

    int exit = assertTimeoutPreemptively(LIMIT, loop::serve);

    Invalid invalid = (Invalid) output().get(0);
    assertEquals(Protocol.EXIT_INVALID_INPUT, exit);
    assertTrue(invalid.message().contains("exceeds the limit of 100 bytes"), invalid.message());
  }

  @Test
  void serve_endlessRequestLine_invalidOnceLimitPassedAndExit65() throws IOException {
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 'x';
      }

      @Override
      public int read(byte[] target, int offset, int length) {
        Arrays.fill(target, offset, offset + length, (byte) 'x');
        return length;
      }
    };
    RequestLoop loop = loop(new MessageReader(endless, 100_000), stdout);

    int exit = assertTimeoutPreemptively(LIMIT, loop::serve);

    Invalid invalid = (Invalid) output().get(0);
    assertEquals(Protocol.EXIT_INVALID_INPUT, exit);
    assertTrue(invalid.message().matches("line of at least \\d+ bytes exceeds the limit of 100000 bytes: \"xxx.*"),
        invalid.message());
  }

  @Test
  void serve_integersBeyond64Bits_taskErrorsNamingTheValue() throws IOException {
    int exit = serve(run(1, "cpu-heavy", "9223372036854775808") + run(2, "sleep", "-9223372036854775809"));

    List<Message> out = output();
    assertEquals(RequestLoop.EXIT_OK, exit);
    RemoteError steps = ((Done) out.get(0)).results().get(0).error();
    RemoteError millis = ((Done) out.get(1)).results().get(0).error();
    assertEquals("java.lang.IllegalArgumentException", steps.exception());
    assertTrue(steps.message().endsWith("fits in 64 bits (from -9223372036854775808 to 9223372036854775807),"
        + " got 9223372036854775808"), steps.message());
    assertTrue(millis.message().startsWith("sleep needs an integer argument that fits in 64 bits"), millis.message());
    assertTrue(millis.message().endsWith("got -9223372036854775809"), millis.message());
  }

  @Test
  void serve_echoOf900Levels_answeredAndOf901_taskError() throws IOException {
    String deepest = "[".repeat(Protocol.MAX_VALUE_DEPTH) + "1" + "]".repeat(Protocol.MAX_VALUE_DEPTH);

    serve(run(1, "echo", deepest + ",[" + deepest + "]"));

    Done done = (Done) output().get(0);
    Object expected = 1L;
    for (int level = 0; level < Protocol.MAX_VALUE_DEPTH; level++) {
      expected = List.of(expected);
    }
    assertEquals(expected, value(done, 0));
    RemoteError tooDeep = done.results().get(1).error();
    assertTrue(tooDeep.message().startsWith("value nested deeper than 900 levels"), tooDeep.message());
  }

  @Test
  void serve_inputStreamFails_treatedAsEndOfInput() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("pipe broke");
      }
    };

    int exit = assertTimeoutPreemptively(LIMIT, loop(new MessageReader(broken), stdout)::serve);

    assertEquals(RequestLoop.EXIT_OK, exit);
  }

  @Test
  void serve_outputFails_exit74() {
    OutputStream broken = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("coordinator gone");
      }
    };
    RequestLoop loop = loop(new MessageReader(bytes(run(1, "noop", "1"))), broken);

    assertEquals(RequestLoop.EXIT_OUTPUT_FAILED, assertTimeoutPreemptively(LIMIT, loop::serve));
  }

  @Test
  void sayHello_announcesJavaRuntimeAndInFlight() throws IOException {
    RequestLoop loop = loop(new MessageReader(bytes("")), stdout);

    loop.sayHello(4242, 70_000, 1_795_445_022_483_778L);

    String runtime = "java " + System.getProperty("java.version");
    assertEquals(List.of(new Hello(Protocol.VERSION, 4242, runtime, RequestLoop.IN_FLIGHT, 70_000, 1_795_445_022_483_778L,
        /* offLine= */ false, /* columns= */ true)), output());
  }

  @Test
  void serve_claimedStreams_taskPrintingToSystemOutDoesNotReachProtocol() throws IOException {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    int exit;
    try {
      System.setErr(new PrintStream(stderr, true)); // chatter writes there too
      OutputStream protocol = ProtocolStreams.claim(stdout, stderr);
      RequestLoop loop = loop(new MessageReader(bytes(run(1, "chatter", "3"))), protocol);
      exit = assertTimeoutPreemptively(LIMIT, loop::serve);
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }

    List<Message> out = output();
    String err = stderr.toString(StandardCharsets.UTF_8);
    assertEquals(RequestLoop.EXIT_OK, exit);
    assertEquals(1, out.size(), "only the answer is on the protocol stream");
    assertEquals(3L, value(out.get(0), 0));
    assertTrue(err.contains("chatter stdout line 2 {\"type\":\"done\",\"id\":-1}"), err);
    assertTrue(err.contains("chatter stderr line 2"), err);
  }

  @Test
  void serve_endOfInputWhileParentGone_haltCalled() {
    int exit = serve("", () -> true);

    assertTrue(halted.get());
    assertEquals(RequestLoop.EXIT_OK, exit);
  }

  @Test
  void serve_endOfInputWhileParentGone_haltCalledBeforeRunningTaskEnds() throws Exception {
    PipedOutputStream coordinator = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(coordinator);
    RequestLoop loop = new RequestLoop(REGISTRY, new MessageReader(stdin), new MessageWriter(stdout),
        () -> true, () -> halted.set(true));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serving = new Thread(() -> exit.set(loop.serve()), "serving");
    serving.start();

    coordinator.write(run(1, "sleep", "60000").getBytes(StandardCharsets.UTF_8));
    coordinator.close();

    await().atMost(Duration.ofSeconds(10)).untilTrue(halted);
    assertEquals(0, stdout.size(), "halted while the task was still running");
    serving.interrupt(); // the recorder does not really halt; end the sleeping task instead
    serving.join(LIMIT.toMillis());
    assertFalse(serving.isAlive());
    assertEquals(RequestLoop.EXIT_OK, exit.get());
  }

  @Test
  void serve_requestsArriveWhileTaskRuns_allAnsweredInOrder() throws Exception {
    PipedOutputStream coordinator = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(coordinator, 1 << 16);
    RequestLoop loop = loop(new MessageReader(stdin), stdout);
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serving = new Thread(() -> exit.set(loop.serve()), "serving");
    serving.start();

    coordinator.write(run(1, "sleep", "200").getBytes(StandardCharsets.UTF_8));
    for (int id = 2; id <= 50; id++) {
      coordinator.write(run(id, "noop", String.valueOf(id)).getBytes(StandardCharsets.UTF_8));
    }
    coordinator.flush();
    await().atMost(Duration.ofSeconds(10)).until(() -> lines() == 50);
    coordinator.close();
    serving.join(LIMIT.toMillis());

    List<Long> ids = new ArrayList<>();
    output().forEach(m -> ids.add(((Done) m).id()));
    assertEquals(RequestLoop.EXIT_OK, exit.get());
    assertEquals(LongStream.rangeClosed(1, 50).boxed().toList(), ids);
    assertNull(((Done) output().get(0)).results().get(0).error());
  }

  @Test
  void serve_answerFollowedByLongTask_answerFlushedBeforeLongTaskEnds() throws Exception {
    PipedOutputStream coordinator = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(coordinator);
    RequestLoop loop = loop(new MessageReader(stdin), stdout);
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serving = new Thread(() -> exit.set(loop.serve()), "serving");
    serving.start();

    // Both requests arrive together, as they do with inFlight 2, so the second is queued when
    // the first ends: that answer must not wait in the buffer behind the slow call.
    coordinator.write((run(1, "sleep", "100") + run(2, "sleep", "60000")).getBytes(StandardCharsets.UTF_8));
    coordinator.flush();

    await().atMost(Duration.ofSeconds(10)).until(() -> lines() == 1);
    assertEquals(1L, ((Done) output().get(0)).id());
    serving.interrupt(); // ends the sleeping call early
    coordinator.close();
    serving.join(LIMIT.toMillis());
    assertEquals(RequestLoop.EXIT_OK, exit.get());
    assertEquals(2, output().size());
  }

  @Test
  void serve_oneThreadChannel_readsRunsAndAnswersOnTheCallingThreadInOrder() throws IOException {
    Set<String> readBy = ConcurrentHashMap.newKeySet();
    InputStream watched = new FilterInputStream(bytes(run(2, "echo", "\"two\"") + run(1, "noop", "1,2"))) {
      @Override
      public int read(byte[] bytes, int offset, int length) throws IOException {
        readBy.add(Thread.currentThread().getName());
        return super.read(bytes, offset, length);
      }
    };
    RequestLoop loop = new RequestLoop(REGISTRY,
        new PipeChannel(new MessageReader(watched), writer(stdout), /* oneThread= */ true), () -> false,
        () -> halted.set(true));

    int exit = assertTimeoutPreemptively(LIMIT, () -> {
      servedBy = Thread.currentThread().getName();
      return loop.serve();
    });

    assertEquals(RequestLoop.EXIT_OK, exit);
    assertEquals(Set.of(servedBy), readBy, "no reader thread of its own");
    List<Message> out = output();
    assertEquals(List.of(2L, 1L), out.stream().map(m -> ((Done) m).id()).toList());
    assertEquals("two", value(out.get(0), 0));
    assertEquals(servedBy, ((Done) out.get(1)).thread());
  }

  @Test
  void serve_oneThreadChannelBadLineOrParentGone_invalidOrHaltAsWithAReaderThread() throws IOException {
    RequestLoop bad = new RequestLoop(REGISTRY,
        new PipeChannel(new MessageReader(bytes("{\"type\":\"run\"\n")), writer(stdout), /* oneThread= */ true),
        () -> false, () -> halted.set(true));
    assertEquals(Protocol.EXIT_INVALID_INPUT, assertTimeoutPreemptively(LIMIT, bad::serve));
    assertTrue(output().get(0) instanceof Invalid, output().toString());

    RequestLoop orphan = new RequestLoop(REGISTRY,
        new PipeChannel(new MessageReader(bytes("")), writer(new ByteArrayOutputStream()), /* oneThread= */ true),
        () -> true, () -> halted.set(true));
    assertEquals(RequestLoop.EXIT_OK, assertTimeoutPreemptively(LIMIT, orphan::serve));
    assertTrue(halted.get(), "end of input with the parent gone halts");
  }

  @Test
  void serve_resultLongerThanTheCoordinatorReads_failsAloneAsTaskErrorAndTheLineFits() throws Exception {
    int lineBytes = 64 << 10;
    RequestLoop loop = new RequestLoop(REGISTRY, new PipeChannel(new MessageReader(bytes(
        run(1, "echo", "\"small\",\"" + "x".repeat(lineBytes) + "\",\"after\""))), writer(stdout)),
        () -> false, () -> halted.set(true), lineBytes, 0);

    assertEquals(RequestLoop.EXIT_OK, assertTimeoutPreemptively(LIMIT, loop::serve));

    String line = stdout.toString(StandardCharsets.UTF_8);
    assertTrue(line.length() < lineBytes, "the answer fits the line: " + line.length() + " bytes");
    Done done = (Done) output().get(0);
    assertEquals("small", value(done, 0));
    RemoteError refused = done.results().get(1).error();
    assertEquals("java.lang.IllegalArgumentException", refused.exception());
    assertTrue(refused.message().startsWith("the result is " + (lineBytes + 2) + " bytes of JSON, more than one"
        + " protocol line holds (" + lineBytes + " bytes)"), refused.message());
    assertEquals("after", value(done, 2));
    assertFalse(halted.get());
  }

  private int serve(String input) {
    return serve(input, () -> false);
  }

  private int serve(String input, BooleanSupplier parentGone) {
    RequestLoop loop = new RequestLoop(REGISTRY, new MessageReader(bytes(input)), writer(stdout), parentGone,
        () -> halted.set(true));
    return assertTimeoutPreemptively(LIMIT, () -> {
      servedBy = Thread.currentThread().getName();
      return loop.serve();
    });
  }

  private RequestLoop loop(MessageReader reader, OutputStream out) {
    return new RequestLoop(REGISTRY, reader, writer(out), () -> false, () -> halted.set(true));
  }

  private static MessageWriter writer(OutputStream out) {
    try {
      return new MessageWriter(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String run(long id, String task, String args) {
    return "{\"type\":\"run\",\"id\":" + id + ",\"task\":\"" + task + "\",\"args\":[" + args + "]}\n";
  }

  private static InputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private long lines() {
    return stdout.toString(StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
  }

  /** Every line written, decoded; each must be a whole line with nothing before the object. */
  private List<Message> output() throws ProtocolException {
    String text = stdout.toString(StandardCharsets.UTF_8);
    List<Message> messages = new ArrayList<>();
    if (text.isEmpty()) {
      return messages;
    }
    assertTrue(text.endsWith("\n"), "every message ends with a newline");
    for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
      assertTrue(line.startsWith("{\"type\":"), line);
      messages.add(MessageReader.decode(line));
    }
    return messages;
  }

  private static Object value(Message done, int index) {
    Outcome outcome = ((Done) done).results().get(index);
    assertNull(outcome.error(), () -> "unexpected error " + outcome.error());
    return outcome.value();
  }
}
