package io.procpool.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The codec's first, Jackson-based writer: the {@code jackson} {@link Codec}, and the reference
 * the hand-written codec is checked against byte for byte.
 *
 * <p>Writes messages as JSON lines. Writes are buffered: nothing reaches the stream until
 * {@link #flush()}, so a sender that has several messages ready pays for one system call.
 *
 * <p>Not thread-safe: callers serialise access (one lock per stream).
 */
final class JacksonMessageWriter implements MessageOutput {
  /**
   * Without Jackson's default cap of 20 million characters a string (or 1000 digits a number):
   * the line limit bounds a message here, as it does for procpool's own codec.
   */
  static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(Integer.MAX_VALUE)
          .maxNumberLength(Integer.MAX_VALUE)
          .build())
      .build();

  private final JsonGenerator gen;

  JacksonMessageWriter(OutputStream out) throws IOException {
    this.gen = FACTORY.createGenerator(out);
    gen.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
  }

  /** Encodes one message to its exact wire text, without the trailing newline. */
  public static String encode(Message message) {
    return MessageOutput.wireText(JacksonMessageWriter::new, message);
  }

  @Override
  public void write(Message message) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("type", message.type());
    // Java 17 has no pattern switch; the sealed family keeps this chain complete.
    if (message instanceof Hello hello) {
      gen.writeNumberField("protocol", hello.protocol());
      gen.writeNumberField("pid", hello.pid());
      gen.writeStringField("runtime", hello.runtime());
      gen.writeNumberField("inFlight", hello.inFlight());
      gen.writeNumberField("initMicros", hello.initMicros());
      gen.writeNumberField("readyAt", hello.readyAt());
      if (hello.offLine()) {
        gen.writeBooleanField("offLine", true);
      }
      if (hello.columns()) {
        gen.writeBooleanField("columns", true);
      }
    } else if (message instanceof Run run) {
      gen.writeNumberField("id", run.id());
      gen.writeStringField("task", run.task());
      gen.writeFieldName("args");
      JacksonValues.write(gen, run.args());
      if (run.columns()) {
        gen.writeBooleanField("columns", true);
      }
    } else if (message instanceof Done done) {
      gen.writeNumberField("id", done.id());
      gen.writeStringField("thread", done.thread());
      if (done.writtenInColumns()) {
        writeColumns(done.results());
      } else {
        gen.writeFieldName("results");
        writeOutcomes(done.results());
      }
    } else if (message instanceof Invalid invalid) {
      gen.writeStringField("message", invalid.message());
      gen.writeStringField("line", invalid.line());
    } else {
      throw new IllegalArgumentException("unknown message " + message);
    }
    gen.writeEndObject();
    gen.writeRaw('\n');
  }

  private void writeOutcomes(List<Outcome> outcomes) throws IOException {
    gen.writeStartArray();
    for (Outcome outcome : outcomes) {
      gen.writeStartObject();
      if (outcome.failed()) {
        RemoteError error = outcome.error();
        gen.writeObjectFieldStart("error");
        gen.writeStringField("exception", error.exception());
        gen.writeStringField("message", error.message());
        gen.writeStringField("trace", error.trace());
        gen.writeEndObject();
      } else {
        gen.writeFieldName("value");
        JacksonValues.write(gen, outcome.value());
      }
      gen.writeNumberField("startedAt", outcome.startedAt());
      gen.writeNumberField("micros", outcome.micros());
      gen.writeEndObject();
    }
    gen.writeEndArray();
  }

  /** As {@link MessageWriter}'s columns form. */
  private void writeColumns(List<Outcome> outcomes) throws IOException {
    long base = outcomes.isEmpty() ? 0 : outcomes.get(0).startedAt();
    gen.writeNumberField("startedAt", base);
    gen.writeArrayFieldStart("values");
    for (Outcome outcome : outcomes) {
      JacksonValues.write(gen, outcome.value());
    }
    gen.writeEndArray();
    gen.writeArrayFieldStart("starts");
    for (Outcome outcome : outcomes) {
      gen.writeNumber(outcome.startedAt() - base);
    }
    gen.writeEndArray();
    gen.writeArrayFieldStart("micros");
    for (Outcome outcome : outcomes) {
      gen.writeNumber(outcome.micros());
    }
    gen.writeEndArray();
  }

  @Override
  public void flush() throws IOException {
    gen.flush();
  }

  @Override
  public void close() throws IOException {
    gen.close();
  }
}
