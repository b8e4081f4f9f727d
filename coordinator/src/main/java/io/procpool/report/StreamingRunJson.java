package io.procpool.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.procpool.run.RecordSink;
import io.procpool.run.RunReport;
import io.procpool.run.TaskRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes {@code run --json} while the run goes: each task's record is written as it arrives
 * and forgotten, so memory stays flat however many tasks there are. The summary fields come
 * after {@code results}, since they are known only at the end.
 */
public final class StreamingRunJson implements RecordSink, AutoCloseable {
  private final OutputStream out;
  private final JsonGenerator gen;

  public StreamingRunJson(String target, String mode, int workers, int tasks, String workload) {
    this.out = Json.open(target);
    try {
      this.gen = Json.MAPPER.getFactory().createGenerator(out);
      gen.useDefaultPrettyPrinter();
      gen.writeStartObject();
      gen.writeStringField("mode", mode);
      gen.writeNumberField("workers", workers);
      gen.writeNumberField("tasks", tasks);
      gen.writeStringField("workload", workload);
      gen.writeArrayFieldStart("results");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void accept(TaskRecord record) {
    try {
      Json.MAPPER.writeValue(gen, record);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the summary fields and ends the document. */
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
      gen.writeFieldName("workerStartups");
      Json.MAPPER.writeValue(gen, report.workerStartups());
      gen.writeEndObject();
      gen.flush();
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      gen.close();
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
