package io.procpool.cli;

import io.procpool.report.Json;
import io.procpool.run.RunReport;
import io.procpool.run.TaskRecord;
import java.util.List;

/**
 * Whether every mode of a compare returned the same thing for each task: equal values (as JSON
 * text, so a Long and an Integer of the same number agree) or the same kind of failure.
 *
 * @param identical all modes agreed on every task
 * @param acceptable identical, or the task says its values legitimately depend on where it ran
 * @param message one line for the user
 */
record Agreement(boolean identical, boolean acceptable, String message) {

  static Agreement check(List<RunReport> runs, boolean deterministic) {
    RunReport first = runs.get(0);
    for (RunReport other : runs.subList(1, runs.size())) {
      for (int i = 0; i < first.results().size(); i++) {
        String expected = outcome(first.results().get(i));
        String actual = outcome(other.results().get(i));
        if (!expected.equals(actual)) {
          String detail = "task " + i + ": " + first.mode() + " gave " + expected + ", " + other.mode() + " gave " + actual;
          return deterministic
              ? new Agreement(false, false, "MISMATCH: the modes returned different results; " + detail)
              : new Agreement(false, true, "The modes returned different values, as expected for "
                  + first.workload() + " (it depends on where it runs); first difference: " + detail);
        }
      }
    }
    return new Agreement(true, true, "All " + runs.size() + " modes returned identical results for all "
        + first.tasks() + " tasks.");
  }

  private static String outcome(TaskRecord record) {
    if (record.failed()) {
      return "error " + record.error().type() + " " + record.error().exception();
    }
    try {
      return Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(record.value());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return String.valueOf(record.value());
    }
  }
}
