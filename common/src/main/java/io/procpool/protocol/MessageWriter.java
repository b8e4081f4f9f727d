package io.procpool.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes messages as JSON lines. Writes are buffered: nothing reaches the stream until
 * {@link #flush()} (or the 64 KiB buffer fills), so a sender that has several messages ready
 * pays for one system call. Long strings pass through the buffer a cache-sized chunk at a time.
 *
 * <p>Not thread-safe: callers serialise access (one lock per stream).
 */
public final class MessageWriter implements MessageOutput {
  private static final int BUFFER_BYTES = 1 << 16;

  private static final byte[] HELLO = ascii("{\"type\":\"hello\",\"protocol\":");
  private static final byte[] PID = ascii(",\"pid\":");
  private static final byte[] RUNTIME = ascii(",\"runtime\":");
  private static final byte[] IN_FLIGHT = ascii(",\"inFlight\":");
  private static final byte[] INIT_MICROS = ascii(",\"initMicros\":");
  private static final byte[] READY_AT = ascii(",\"readyAt\":");
  private static final byte[] OFF_LINE = ascii(",\"offLine\":true");
  private static final byte[] RUN = ascii("{\"type\":\"run\",\"id\":");
  private static final byte[] TASK = ascii(",\"task\":");
  private static final byte[] ARGS = ascii(",\"args\":");
  private static final byte[] DONE = ascii("{\"type\":\"done\",\"id\":");
  private static final byte[] THREAD = ascii(",\"thread\":");
  private static final byte[] RESULTS = ascii(",\"results\":[");
  private static final byte[] ERROR = ascii("{\"error\":{\"exception\":");
  private static final byte[] MESSAGE = ascii(",\"message\":");
  private static final byte[] TRACE = ascii(",\"trace\":");
  private static final byte[] VALUE = ascii("{\"value\":");
  private static final byte[] STARTED_AT = ascii(",\"startedAt\":");
  private static final byte[] MICROS = ascii(",\"micros\":");
  private static final byte[] COLUMNS = ascii(",\"columns\":true");
  private static final byte[] VALUES = ascii(",\"values\":[");
  private static final byte[] STARTS = ascii("],\"starts\":[");
  private static final byte[] MICROS_COLUMN = ascii("],\"micros\":[");
  private static final byte[] INVALID = ascii("{\"type\":\"invalid\",\"message\":");
  private static final byte[] LINE = ascii(",\"line\":");

  private final JsonWriter json;

  public MessageWriter(OutputStream out) throws IOException {
    this.json = new JsonWriter(out, BUFFER_BYTES);
  }

  /** Encodes one message to its exact wire text, without the trailing newline. */
  public static String encode(Message message) {
    return MessageOutput.wireText(MessageWriter::new, message);
  }

  @Override
  public void write(Message message) throws IOException {
    // Java 17 has no pattern switch; the sealed family keeps this chain complete.
    if (message instanceof Run run) {
      json.raw(RUN);
      json.number(run.id());
      json.raw(TASK);
      json.string(run.task());
      json.raw(ARGS);
      json.value(run.args());
      if (run.columns()) {
        json.raw(COLUMNS); // only when asked: a run without it reads the same as before
      }
    } else if (message instanceof Done done) {
      json.raw(DONE);
      json.number(done.id());
      json.raw(THREAD);
      json.string(done.thread());
      if (done.writtenInColumns()) {
        writeColumns(done.results());
      } else {
        json.raw(RESULTS);
        writeOutcomes(done.results());
      }
      json.raw(']');
    } else if (message instanceof Hello hello) {
      json.raw(HELLO);
      json.number(hello.protocol());
      json.raw(PID);
      json.number(hello.pid());
      json.raw(RUNTIME);
      json.string(hello.runtime());
      json.raw(IN_FLIGHT);
      json.number(hello.inFlight());
      json.raw(INIT_MICROS);
      json.number(hello.initMicros());
      json.raw(READY_AT);
      json.number(hello.readyAt());
      if (hello.offLine()) {
        json.raw(OFF_LINE); // only when true: a hello without it reads the same as before
      }
      if (hello.columns()) {
        json.raw(COLUMNS);
      }
    } else if (message instanceof Invalid invalid) {
      json.raw(INVALID);
      json.string(invalid.message());
      json.raw(LINE);
      json.string(invalid.line());
    } else {
      throw new IllegalArgumentException("unknown message " + message);
    }
    json.raw('}');
    json.raw('\n');
  }

  private void writeOutcomes(List<Outcome> outcomes) throws IOException {
    boolean first = true;
    for (Outcome outcome : outcomes) {
      if (!first) {
        json.raw(',');
      }
      first = false;
      if (outcome.failed()) {
        RemoteError error = outcome.error();
        json.raw(ERROR);
        json.string(error.exception());
        json.raw(MESSAGE);
        json.string(error.message());
        json.raw(TRACE);
        json.string(error.trace());
        json.raw('}');
      } else {
        json.raw(VALUE);
        json.value(outcome.value());
      }
      json.raw(STARTED_AT);
      json.number(outcome.startedAt());
      json.raw(MICROS);
      json.number(outcome.micros());
      json.raw('}');
    }
  }

  /** The columns form of a done's outcomes, all successes: each start as an offset from the first. */
  private void writeColumns(List<Outcome> outcomes) throws IOException {
    long base = outcomes.isEmpty() ? 0 : outcomes.get(0).startedAt();
    json.raw(STARTED_AT);
    json.number(base);
    json.raw(VALUES);
    for (int i = 0; i < outcomes.size(); i++) {
      if (i > 0) {
        json.raw(',');
      }
      json.value(outcomes.get(i).value());
    }
    json.raw(STARTS);
    for (int i = 0; i < outcomes.size(); i++) {
      if (i > 0) {
        json.raw(',');
      }
      json.number(outcomes.get(i).startedAt() - base);
    }
    json.raw(MICROS_COLUMN);
    for (int i = 0; i < outcomes.size(); i++) {
      if (i > 0) {
        json.raw(',');
      }
      json.number(outcomes.get(i).micros());
    }
  }

  @Override
  public void flush() throws IOException {
    json.flush();
  }

  @Override
  public void close() throws IOException {
    json.close();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
