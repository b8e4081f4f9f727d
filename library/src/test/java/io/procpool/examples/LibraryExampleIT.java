package io.procpool.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.task.CpuHeavy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the library example of docs/library.md so that the document cannot drift from the code. */
final class LibraryExampleIT {

  @Test
  void example_runsAndPrintsWhatTheDocShows() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    LibraryExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals("submit: " + CpuHeavy.xorshift(1_000_000), lines.get(0));
    assertEquals("map: " + CpuHeavy.xorshift(10), lines.get(1));
    assertEquals("map: " + CpuHeavy.xorshift(50), lines.get(5));
    assertTrue(lines.get(6).startsWith("as_completed: slept 50 ms"), lines.get(6));
    assertTrue(lines.get(7).startsWith("as_completed: slept 300 ms"), lines.get(7));
    assertEquals("failed: java.lang.IllegalStateException: procpool fail task: deliberate failure for argument 7",
        lines.get(8));
    assertEquals("remote trace starts: java.lang.IllegalStateException: procpool fail task: deliberate failure "
        + "for argument 7", lines.get(9));
    assertEquals("threads: " + CpuHeavy.xorshift(1_000_000), lines.get(10));
  }
}
