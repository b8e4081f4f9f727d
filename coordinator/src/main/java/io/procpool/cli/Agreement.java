package io.procpool.cli;

import io.procpool.report.Json;
import io.procpool.run.RecordSink;
import io.procpool.run.TaskRecord;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Whether every mode of a compare returned the same thing for each task: equal values (as JSON
 * text, so a Long and an Integer of the same number agree) or the same kind of failure. Checked
 * as the records stream by: the first mode leaves a 64-bit hash per task (8 bytes, not the
 * record), and each later mode is compared with it task by task.
 */
final class Agreement {
  /** Bytes of heap the check needs per task. */
  static final int BYTES_PER_TASK = Long.BYTES;

  private final long[] baseline;
  /** What one item of the list is called in the verdict: a task, or a user's call. */
  private final String item;
  private String baselineMode;
  private final Set<String> modes = new LinkedHashSet<>();
  private String difference;

  Agreement(int tasks, String item) {
    this.baseline = new long[tasks];
    this.item = item;
  }

  /** The sink for the next mode's records, in task order. */
  RecordSink mode(String mode) {
    boolean first = modes.isEmpty();
    modes.add(mode);
    if (first) {
      baselineMode = mode;
      return record -> baseline[record.index()] = hash(outcome(record));
    }
    return record -> {
      if (difference == null) {
        String actual = outcome(record);
        if (hash(actual) != baseline[record.index()]) {
          difference = item + " " + record.index() + ": " + mode + " gave " + actual + ", not what "
              + baselineMode + " gave";
        }
      }
    };
  }

  /**
   * @param identical all modes agreed on every task
   * @param acceptable identical, or the task says its values legitimately depend on where it ran
   * @param message one line for the user
   */
  record Verdict(boolean identical, boolean acceptable, String message) {}

  Verdict verdict(boolean deterministic, String workload) {
    if (difference == null) {
      return new Verdict(true, true, "All " + modes.size() + " modes returned identical results for all "
          + baseline.length + " " + item + "s.");
    }
    return deterministic
        ? new Verdict(false, false, "MISMATCH: the modes returned different results; " + difference)
        : new Verdict(false, true, "The modes returned different values, as expected for " + workload
            + " (it depends on where it runs); first difference: " + difference);
  }

  private static long hash(String text) {
    long hash = 1125899906842597L;
    for (int i = 0; i < text.length(); i++) {
      hash = 31 * hash + text.charAt(i);
    }
    return hash ^ (hash >>> 29) * 0x9E3779B97F4A7C15L;
  }

  private static String outcome(TaskRecord record) {
    if (record.failed()) {
      return "error " + record.error().type() + " " + record.error().exception();
    }
    Object value = record.value();
    if (value == null || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    try {
      return Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
