package io.procpool.report;

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
import java.util.List;

/**
 * Writes {@code run --json}: each task's record is written as the run hands it over (after its
 * wall clock stops, or a buffer-full at a time during a long run) and forgotten, so memory stays
 * flat however many tasks there are. The summary fields come after {@code results}, since they
 * are known only at the end. A file is written under a
 * temporary name and renamed into place by {@link #finish}, so it is never seen half-written.
 *
 * <p>The layout: one top-level field per line, and one line per element of its arrays (a task's
 * record, a worker's start-up), compact inside; readable, greppable line by line. Records are
 * written as bytes from their fields with pre-encoded names ({@link JsonBytes}), not through a
 * generator: at a million records in a cold JVM that was most of what {@code run} itself cost.
 */
public final class StreamingRunJson implements RecordSink, AutoCloseable {
  private static final byte[] FIRST_ELEMENT = JsonBytes.ascii("\n    ");
  private static final byte[] NEXT_ELEMENT = JsonBytes.ascii(",\n    ");
  private static final byte[] END_ARRAY = JsonBytes.ascii("\n  ]");
  private static final byte[] INDEX = JsonBytes.ascii("{\"index\":");
  private static final byte[] SIZE = JsonBytes.ascii(",\"size\":");
  private static final byte[] VALUE = JsonBytes.ascii(",\"value\":");
  private static final byte[] ERROR_TYPE = JsonBytes.ascii(",\"error\":{\"type\":");
  private static final byte[] EXCEPTION = JsonBytes.ascii(",\"exception\":");
  private static final byte[] MESSAGE = JsonBytes.ascii(",\"message\":");
  private static final byte[] TRACE = JsonBytes.ascii(",\"trace\":");
  private static final byte[] PID = JsonBytes.ascii(",\"pid\":");
  private static final byte[] THREAD = JsonBytes.ascii(",\"thread\":");
  private static final byte[] WORKER = JsonBytes.ascii(",\"worker\":");
  private static final byte[] COMPLETION = JsonBytes.ascii(",\"completion\":");
  private static final byte[] STARTED = JsonBytes.ascii(",\"startedMillis\":");
  private static final byte[] FINISHED = JsonBytes.ascii(",\"finishedMillis\":");
  private static final byte[] MICROS = JsonBytes.ascii(",\"micros\":");
  private static final byte[] ATTEMPTS = JsonBytes.ascii(",\"attempts\":");

  private final OutputStream out;
  /** The file being written, renamed into place by {@link #finish}; null for stdout. */
  private final OutputFile.Pending file;
  private final String name;
  private final JsonBytes json;
  private boolean anyRecord;

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
    this.json = new JsonBytes(out);
    try {
      json.raw('{');
      field(true, "mode");
      json.string(mode);
      field(false, "workers");
      json.number(workers);
      field(false, "tasks");
      json.number(tasks);
      field(false, "workload");
      json.string(workload);
      field(false, "results");
      json.raw('[');
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public void accept(TaskRecord record) {
    try {
      json.raw(anyRecord ? NEXT_ELEMENT : FIRST_ELEMENT);
      anyRecord = true;
      json.raw(INDEX);
      json.number(record.index());
      json.raw(SIZE);
      json.number(record.size());
      if (record.value() != null) {
        json.raw(VALUE);
        json.value(record.value());
      }
      TaskRecord.ErrorRecord error = record.error();
      if (error != null) {
        json.raw(ERROR_TYPE);
        json.string(error.type());
        optional(EXCEPTION, error.exception());
        optional(MESSAGE, error.message());
        optional(TRACE, error.trace());
        json.raw('}');
      }
      json.raw(PID);
      json.number(record.pid());
      optional(THREAD, record.thread());
      optional(WORKER, record.worker());
      json.raw(COMPLETION);
      json.number(record.completion());
      json.raw(STARTED);
      json.hundredths(record.startedMillis());
      json.raw(FINISHED);
      json.hundredths(record.finishedMillis());
      json.raw(MICROS);
      json.number(record.micros());
      json.raw(ATTEMPTS);
      json.number(record.attempts());
      json.raw('}');
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /** A string field that is left out when null, as data binding leaves it out. */
  private void optional(byte[] field, String value) throws IOException {
    if (value != null) {
      json.raw(field);
      json.string(value);
    }
  }

  /** A top-level field's name on a line of its own. */
  private void field(boolean first, String field) throws IOException {
    json.raw(first ? "\n  \"" : ",\n  \"");
    json.raw(field);
    json.raw("\": ");
  }

  /** Writes the summary fields, ends the document and (for a file) renames it into place. */
  public void finish(RunReport report) {
    try {
      json.raw(anyRecord ? END_ARRAY : new byte[] {']'});
      field(false, "style");
      json.string(report.style());
      field(false, "chunksize");
      json.number(report.chunksize());
      field(false, "completed");
      json.number(report.completed());
      field(false, "failed");
      json.number(report.failed());
      field(false, "wallMillis");
      json.decimal(report.wallMillis());
      field(false, "startupMillis");
      json.decimal(report.startupMillis());
      field(false, "writeMillis");
      json.decimal(report.writeMillis());
      field(false, "processes");
      json.number(report.processes());
      field(false, "pids");
      json.raw('[');
      for (int i = 0; i < report.pids().size(); i++) {
        json.raw(i == 0 ? FIRST_ELEMENT : NEXT_ELEMENT);
        json.number(report.pids().get(i));
      }
      json.raw(report.pids().isEmpty() ? new byte[] {']'} : END_ARRAY);
      field(false, "threads");
      json.number(report.threads());
      field(false, "workerProcesses");
      json.number(report.workerProcesses());
      field(false, "workerStartups");
      json.raw('[');
      List<StartupRecord> startups = report.workerStartups();
      for (int i = 0; i < startups.size(); i++) {
        StartupRecord startup = startups.get(i);
        json.raw(i == 0 ? FIRST_ELEMENT : NEXT_ELEMENT);
        json.raw("{\"worker\":");
        json.string(startup.worker());
        json.raw(",\"pid\":");
        json.number(startup.pid());
        json.raw(",\"spawnedMillis\":");
        json.decimal(startup.spawnedMillis());
        json.raw(",\"readyMillis\":");
        json.decimal(startup.readyMillis());
        json.raw('}');
      }
      json.raw(startups.isEmpty() ? new byte[] {']'} : END_ARRAY);
      field(false, "protocolViolations");
      json.raw('[');
      List<ProtocolViolation> violations = report.protocolViolations();
      for (int i = 0; i < violations.size(); i++) {
        ProtocolViolation violation = violations.get(i);
        json.raw(i == 0 ? FIRST_ELEMENT : NEXT_ELEMENT);
        json.raw("{\"worker\":");
        json.string(violation.worker());
        json.raw(",\"pid\":");
        json.number(violation.pid());
        json.raw(",\"message\":");
        json.string(violation.message());
        json.raw('}');
      }
      json.raw(violations.isEmpty() ? new byte[] {']'} : END_ARRAY);
      json.raw("\n}\n");
      json.flush();
      out.flush();
    } catch (IOException e) {
      throw failed(e);
    }
    if (file != null) {
      file.commit();
    } else if ("-".equals(name)) {
      Json.flushStdout();
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
