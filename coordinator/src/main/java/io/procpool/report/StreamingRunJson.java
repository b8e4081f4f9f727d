package io.procpool.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import io.procpool.output.OutputException;
import io.procpool.output.OutputFile;
import io.procpool.process.ProtocolViolation;
import io.procpool.run.RecordSink;
import io.procpool.run.RunReport;
import io.procpool.run.StartupRecord;
import io.procpool.run.TaskRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes {@code run --json} while the run goes: each task's record is written as it arrives
 * and forgotten, so memory stays flat however many tasks there are. The summary fields come
 * after {@code results}, since they are known only at the end. A file is written under a
 * temporary name and renamed into place by {@link #finish}, so it is never seen half-written.
 *
 * <p>Records are written field by field with pre-encoded names rather than through data
 * binding: at a million records that is most of what {@code run} itself costs per task.
 */
public final class StreamingRunJson implements RecordSink, AutoCloseable {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();
  private static final SerializableString INDEX = new SerializedString("index");
  private static final SerializableString SIZE = new SerializedString("size");
  private static final SerializableString VALUE = new SerializedString("value");
  private static final SerializableString ERROR = new SerializedString("error");
  private static final SerializableString TYPE = new SerializedString("type");
  private static final SerializableString EXCEPTION = new SerializedString("exception");
  private static final SerializableString MESSAGE = new SerializedString("message");
  private static final SerializableString TRACE = new SerializedString("trace");
  private static final SerializableString PID = new SerializedString("pid");
  private static final SerializableString THREAD = new SerializedString("thread");
  private static final SerializableString WORKER = new SerializedString("worker");
  private static final SerializableString COMPLETION = new SerializedString("completion");
  private static final SerializableString STARTED = new SerializedString("startedMillis");
  private static final SerializableString FINISHED = new SerializedString("finishedMillis");
  private static final SerializableString MICROS = new SerializedString("micros");
  private static final SerializableString ATTEMPTS = new SerializedString("attempts");

  private final OutputStream out;
  /** The file being written, renamed into place by {@link #finish}; null for stdout. */
  private final OutputFile.Pending file;
  private final String name;
  private final JsonGenerator gen;
  /** Scratch space for {@link #writeHundredths}. */
  private final char[] digits = new char[24];

  /** @param target a file name, or "-" for stdout */
  public StreamingRunJson(String target, String mode, int workers, int tasks, String workload) {
    this(target, "-".equals(target) ? null : OutputFile.of(Path.of(target)).open(), mode, workers, tasks, workload);
  }

  /** Writes to a stream the caller owns (the {@code overhead} probe of run's own cost). */
  public StreamingRunJson(OutputStream stream, String mode, int workers, int tasks, String workload) {
    this("a stream", null, stream, mode, workers, tasks, workload);
  }

  private StreamingRunJson(String target, OutputFile.Pending file, String mode, int workers, int tasks,
      String workload) {
    this(target, file, file != null ? file.stream() : new Json.NonClosing(System.out), mode, workers, tasks, workload);
  }

  private StreamingRunJson(String name, OutputFile.Pending file, OutputStream out, String mode, int workers,
      int tasks, String workload) {
    this.name = name;
    this.file = file;
    this.out = out;
    try {
      this.gen = FACTORY.createGenerator(out);
      gen.setPrettyPrinter(new RunJsonLayout());
      gen.writeStartObject();
      gen.writeStringField("mode", mode);
      gen.writeNumberField("workers", workers);
      gen.writeNumberField("tasks", tasks);
      gen.writeStringField("workload", workload);
      gen.writeArrayFieldStart("results");
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public void accept(TaskRecord record) {
    try {
      gen.writeStartObject();
      gen.writeFieldName(INDEX);
      gen.writeNumber(record.index());
      gen.writeFieldName(SIZE);
      gen.writeNumber(record.size());
      if (record.value() != null) {
        gen.writeFieldName(VALUE);
        writeValue(record.value());
      }
      if (record.error() != null) {
        gen.writeFieldName(ERROR);
        gen.writeStartObject();
        stringField(TYPE, record.error().type());
        stringField(EXCEPTION, record.error().exception());
        stringField(MESSAGE, record.error().message());
        stringField(TRACE, record.error().trace());
        gen.writeEndObject();
      }
      gen.writeFieldName(PID);
      gen.writeNumber(record.pid());
      stringField(THREAD, record.thread());
      stringField(WORKER, record.worker());
      gen.writeFieldName(COMPLETION);
      gen.writeNumber(record.completion());
      gen.writeFieldName(STARTED);
      writeHundredths(record.startedMillis());
      gen.writeFieldName(FINISHED);
      writeHundredths(record.finishedMillis());
      gen.writeFieldName(MICROS);
      gen.writeNumber(record.micros());
      gen.writeFieldName(ATTEMPTS);
      gen.writeNumber(record.attempts());
      gen.writeEndObject();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  private void stringField(SerializableString field, String value) throws IOException {
    if (value != null) {
      gen.writeFieldName(field);
      gen.writeString(value);
    }
  }

  /**
   * A time rounded to hundredths of a millisecond, as {@code 415.17}: exact in two decimals and
   * several times cheaper than a general double-to-text conversion, twice per record.
   */
  private void writeHundredths(double millis) throws IOException {
    long hundredths = Math.round(millis * 100);
    int end = digits.length;
    int at = end;
    long magnitude = Math.abs(hundredths);
    long fraction = magnitude % 100;
    if (fraction % 10 != 0) {
      digits[--at] = (char) ('0' + fraction % 10);
    }
    digits[--at] = (char) ('0' + fraction / 10);
    digits[--at] = '.';
    long whole = magnitude / 100;
    do {
      digits[--at] = (char) ('0' + whole % 10);
      whole /= 10;
    } while (whole > 0);
    if (hundredths < 0) {
      digits[--at] = '-';
    }
    gen.writeNumber(digits, at, end - at);
  }

  /** The common kinds directly; anything else (lists, maps) through data binding. */
  private void writeValue(Object value) throws IOException {
    if (value instanceof String text) {
      gen.writeString(text);
    } else if (value instanceof Long number) {
      gen.writeNumber(number);
    } else if (value instanceof Integer number) {
      gen.writeNumber(number);
    } else if (value instanceof Boolean bool) {
      gen.writeBoolean(bool);
    } else {
      Json.MAPPER.writeValue(gen, value);
    }
  }

  /** Writes the summary fields, ends the document and (for a file) renames it into place. */
  public void finish(RunReport report) {
    try {
      gen.writeEndArray();
      gen.writeStringField("style", report.style());
      gen.writeNumberField("chunksize", report.chunksize());
      gen.writeNumberField("completed", report.completed());
      gen.writeNumberField("failed", report.failed());
      gen.writeNumberField("wallMillis", report.wallMillis());
      gen.writeNumberField("startupMillis", report.startupMillis());
      gen.writeNumberField("processes", report.processes());
      gen.writeArrayFieldStart("pids");
      for (long pid : report.pids()) {
        gen.writeNumber(pid);
      }
      gen.writeEndArray();
      gen.writeNumberField("threads", report.threads());
      gen.writeNumberField("workerProcesses", report.workerProcesses());
      gen.writeArrayFieldStart("workerStartups");
      for (StartupRecord startup : report.workerStartups()) {
        gen.writeStartObject();
        gen.writeStringField("worker", startup.worker());
        gen.writeNumberField("pid", startup.pid());
        gen.writeNumberField("spawnedMillis", startup.spawnedMillis());
        gen.writeNumberField("readyMillis", startup.readyMillis());
        gen.writeEndObject();
      }
      gen.writeEndArray();
      gen.writeArrayFieldStart("protocolViolations");
      for (ProtocolViolation violation : report.protocolViolations()) {
        gen.writeStartObject();
        gen.writeStringField("worker", violation.worker());
        gen.writeNumberField("pid", violation.pid());
        gen.writeStringField("message", violation.message());
        gen.writeEndObject();
      }
      gen.writeEndArray();
      gen.writeEndObject();
      gen.close();
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw failed(e);
    }
    if (file != null) {
      file.commit();
    }
  }

  /** Drops an unfinished file (the target stays as it was); after {@link #finish}, nothing to do. */
  @Override
  public void close() {
    if (file != null) {
      file.discard();
    }
  }

  private OutputException failed(IOException e) {
    if (file != null) {
      file.discard();
    }
    return new OutputException(name, e.getMessage());
  }
}
