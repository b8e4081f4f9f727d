package io.procpool.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class OutputFileTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/tmp                 | is a folder",
      "/etc/passwd/x.json   | /etc/passwd is not a folder",
      "/dev/full            | not a regular file",
      "/nonexistent/d/x.json | no such folder /nonexistent/d (folders are not created)",
      "/proc/x.png          | cannot create a file in /proc",
      "'  '                 | the file name is empty",
  })
  void check_pathThatCannotBeWritten_failsWithOneLineNamingIt(String name, String expected) {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> OutputFile.check(name));

    assertTrue(error.getMessage().contains(expected), error.getMessage());
    assertEquals(1, error.getMessage().lines().count());
    assertFalse(Files.exists(Path.of("/nonexistent")), "a folder was created");
  }

  @Test
  void write_existingFile_replacesItWholeAndLeavesNoTemporary() throws IOException {
    Path target = dir.resolve("out.json");
    Files.writeString(target, "old");

    OutputFile.check(target.toString()).write(out -> out.write("new".getBytes(StandardCharsets.UTF_8)));

    assertEquals("new", Files.readString(target));
    assertEquals(List.of(target), entries());
  }

  @Test
  void write_nameIsASymbolicLink_replacesTheFileItLeadsToAndKeepsTheLink() throws IOException {
    Path real = Files.writeString(Files.createDirectory(dir.resolve("runs")).resolve("today.json"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("latest.json"), Path.of("runs", "today.json"));

    OutputFile.check(link.toString()).write(out -> out.write("new".getBytes(StandardCharsets.UTF_8)));

    assertTrue(Files.isSymbolicLink(link), "the link was replaced by a file");
    assertEquals("new", Files.readString(real));
    try (Stream<Path> files = Files.list(real.getParent())) {
      assertEquals(List.of(real), files.toList(), "a temporary left beside the file");
    }
  }

  @Test
  void write_nameIsADanglingSymbolicLink_createsTheFileItNames() throws IOException {
    Files.createDirectory(dir.resolve("runs"));
    Path link = Files.createSymbolicLink(dir.resolve("latest.json"), Path.of("runs", "today.json"));

    OutputFile.check(link.toString()).write(out -> out.write("new".getBytes(StandardCharsets.UTF_8)));

    assertTrue(Files.isSymbolicLink(link), "the link was replaced by a file");
    assertEquals("new", Files.readString(dir.resolve("runs").resolve("today.json")));
  }

  @Test
  void write_contentThatFails_leavesTheOldFileAndNoTemporary() throws IOException {
    Path target = dir.resolve("out.json");
    Files.writeString(target, "old");

    OutputException error = assertThrows(OutputException.class, () -> OutputFile.check(target.toString())
        .write(out -> {
          out.write("half".getBytes(StandardCharsets.UTF_8));
          throw new IOException("No space left on device");
        }));

    assertTrue(error.getMessage().contains("No space left on device"), error.getMessage());
    assertEquals("old", Files.readString(target));
    assertEquals(List.of(target), entries());
  }

  @Test
  void open_untilCommitted_theTargetDoesNotExist() throws IOException {
    Path target = dir.resolve("run.json");
    OutputFile.Pending pending = OutputFile.check(target.toString()).open();
    pending.stream().write('{');
    pending.stream().flush();

    assertFalse(Files.exists(target));
    pending.stream().write('}');
    pending.commit();
    assertEquals("{}", Files.readString(target));
  }

  @Test
  void check_temporaryOfADeadCoordinator_removesIt() throws IOException {
    long deadPid = ProcessHandle.current().pid() + 4_000_000; // above any pid_max
    Path stale = Files.writeString(dir.resolve(".run.json.procpool-" + deadPid + "-1a2b.tmp"), "{\"half");
    Path live = Files.writeString(dir.resolve(".run.json.procpool-" + ProcessHandle.current().pid() + "-3c.tmp"), "");

    OutputFile.check(dir.resolve("run.json").toString());

    assertFalse(Files.exists(stale));
    assertTrue(Files.exists(live), "a live coordinator's temporary was removed");
  }

  private List<Path> entries() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
