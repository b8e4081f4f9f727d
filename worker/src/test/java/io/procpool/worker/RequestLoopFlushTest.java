package io.procpool.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.protocol.Done;
import io.procpool.protocol.Invalid;
import io.procpool.protocol.Message;
import io.procpool.protocol.MessageReader;
import io.procpool.protocol.MessageWriter;
import io.procpool.protocol.Outcome;
import io.procpool.protocol.Protocol;
import io.procpool.protocol.Run;
import io.procpool.task.TaskRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

final class RequestLoopFlushTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final AtomicInteger halts = new AtomicInteger();

  @Test
  void serve_endOfInputWithParentAlive_answersEverythingAndExitsOk() throws IOException {
    int status = loop(requests(new Run(1, "noop", List.of(7L)), new Run(2, "counter", List.of(0L))), false).serve();

    assertEquals(RequestLoop.EXIT_OK, status);
    List<Message> answers = answers();
    assertEquals(List.of(1L, 2L), answers.stream().map(m -> ((Done) m).id()).toList());
    assertEquals(0, halts.get());
  }

  @Test
  void serve_nextTaskRunning_previousAnswerAlreadyWritten() throws Exception {
    // Should the running task end the process, the answer before it must already be out.
    InputStream in = requests(new Run(1, "noop", List.of(1L)), new Run(2, "sleep", List.of(1500L)));
    RequestLoop loop = loop(in, false);
    CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(loop::serve);

    await().atMost(Duration.ofMillis(1000)).until(() -> written().contains("\"id\":1"));

    assertFalse(serving.isDone(), "the sleep is still running");
    assertEquals(RequestLoop.EXIT_OK, serving.get(5, TimeUnit.SECONDS));
  }

  @Test
  void serve_resultThatCannotBeEncoded_failsThatTaskAndTheNextOneRuns() throws IOException {
    InputStream in = requests(new Run(1, "self-containing", List.of(0L)), new Run(2, "noop", List.of(2L)));

    int status = loop(in, false).serve();

    assertEquals(RequestLoop.EXIT_OK, status);
    List<Message> answers = answers();
    Outcome bad = ((Done) answers.get(0)).results().get(0);
    assertTrue(bad.failed());
    assertTrue(bad.error().message().contains("deeper than"), bad.error().message());
    assertEquals(2L, ((Done) answers.get(1)).results().get(0).value());
  }

  @Test
  void serve_endOfInputWithParentGone_halts() throws IOException {
    loop(requests(), true).serve();

    assertEquals(1, halts.get());
  }

  @Test
  @Timeout(10) // the bug this guards against is a worker that waits forever
  void serve_readerThrowsRuntimeException_answersInvalidInsteadOfWaitingForever() throws IOException {
    InputStream broken = new InputStream() {
      @Override
      public int read() {
        throw new IllegalStateException("stream exploded");
      }

      @Override
      public int read(byte[] b, int off, int len) {
        throw new IllegalStateException("stream exploded");
      }
    };
    InputStream in = new SequenceInputStream(requests(new Run(1, "noop", List.of(1L))), broken);

    int status = loop(in, false).serve();

    assertEquals(Protocol.EXIT_INVALID_INPUT, status);
    List<Message> answers = answers();
    assertEquals(2, answers.size());
    Invalid invalid = (Invalid) answers.get(1);
    assertTrue(invalid.message().contains("stream exploded"), invalid.message());
  }

  private String written() {
    return out.toString(StandardCharsets.UTF_8); // synchronized with the serving thread's writes
  }

  private RequestLoop loop(InputStream in, boolean parentGone) throws IOException {
    return new RequestLoop(TaskRegistry.builtIn(), new MessageReader(in), new MessageWriter(out),
        () -> parentGone, halts::incrementAndGet);
  }

  private static InputStream requests(Run... runs) {
    StringBuilder text = new StringBuilder();
    for (Run run : runs) {
      text.append(MessageWriter.encode(run)).append('\n');
    }
    return new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private List<Message> answers() throws IOException {
    MessageReader reader = new MessageReader(new ByteArrayInputStream(out.toByteArray()));
    List<Message> messages = new ArrayList<>();
    for (Message m = reader.read(); m != null; m = reader.read()) {
      messages.add(m);
    }
    return messages;
  }
}
