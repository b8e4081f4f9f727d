package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LargeValuesTest {
  private static final String POOL = LargeValues.poolPrefix(100, 200);

  @TempDir
  Path dir;

  @Test
  void hello_offLine_writtenOnlyWhenTrueAndReadByBothCodecs() throws ProtocolException {
    Hello hello = new Hello(1, 7, "java 17", 1, 0, 0, true);
    String line = MessageWriter.encode(hello);

    assertTrue(line.endsWith(",\"readyAt\":0,\"offLine\":true}"), line);
    assertEquals(line, JacksonMessageWriter.encode(hello));
    assertEquals(hello, MessageReader.decode(line));
    assertEquals(hello, JacksonMessageReader.decode(line));
    assertFalse(MessageWriter.encode(new Hello(1, 7, "java 17", 1, 0, 0)).contains("offLine"));
  }

  @Test
  void roundTrip_largeArgumentsAndResult_throughOwnerOnlyArenasDeletedAtTheEnd() throws IOException {
    LargeValues coordinator = enabledCoordinator();
    LargeValues worker = LargeValues.worker(dir, POOL, 42, 10);
    String latin1 = "é".repeat(11);
    String other = "€".repeat(11);

    String runLine = encode(coordinator, new Run(1, "echo", List.of(latin1, "small", other)));
    Path arguments = dir.resolve(POOL + "42-" + LargeValues.ARGUMENTS_ARENA);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(arguments)));
    assertTrue(runLine.contains("[{\"$offLine\":{\"at\":0,\"bytes\":11,\"latin1\":true}},\"small\","
        + "{\"$offLine\":{\"at\":11,\"bytes\":33}}]"), runLine);
    assertEquals(List.of(latin1, "small", other), ((Run) worker.input(lines(runLine)).read()).args());

    String doneLine = encode(worker, new Done(1, "main", List.of(Outcome.success(other, 0, 0))));
    assertTrue(doneLine.contains("{\"$offLine\":{\"at\":0,\"bytes\":33}}"), doneLine);
    Done done = (Done) coordinator.input(lines(doneLine)).read();

    assertEquals(other, done.results().get(0).value());
    assertEquals(2, dir.toFile().list().length, "one arena each way, and nothing else");
    coordinator.deleteAll();
    assertEquals(List.of(), List.of(dir.toFile().list()));
  }

  @Test
  void roundTrip_jacksonCodec_readsAndWritesTheSameReferences() throws IOException {
    LargeValues coordinator = enabledCoordinator();
    LargeValues worker = LargeValues.worker(dir, POOL, 42, 10);
    String large = "x".repeat(11);

    ByteArrayOutputStream run = new ByteArrayOutputStream();
    try (MessageOutput out = coordinator.output(Codec.JACKSON.output(run))) {
      out.write(new Run(1, "echo", List.of(large)));
    }
    assertTrue(run.toString(StandardCharsets.UTF_8).contains("{\"$offLine\":{\"at\":0,\"bytes\":11,\"latin1\":true}}"));
    MessageInput in = worker.input(Codec.JACKSON.input(new ByteArrayInputStream(run.toByteArray()), 1 << 20, 0));

    assertEquals(List.of(large), ((Run) in.read()).args());
  }

  @Test
  void roundTrip_valueLargerThanTheArena_throughAFileTheCoordinatorDeletes() throws IOException {
    LargeValues coordinator = enabledCoordinator().arenaCapacity(16);
    LargeValues worker = LargeValues.worker(dir, POOL, 42, 10).arenaCapacity(16);
    String large = "é".repeat(17);

    String runLine = encode(coordinator, new Run(1, "echo", List.of(large)));
    Path argument = dir.resolve(POOL + "42-a1");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(argument)));
    assertTrue(runLine.contains("{\"$offLine\":{\"file\":\"" + POOL + "42-a1\",\"chars\":17}}"), runLine);
    assertEquals(List.of(large), ((Run) worker.input(lines(runLine)).read()).args());

    String doneLine = encode(worker, new Done(1, "main", List.of(Outcome.success(large, 0, 0))));
    Done done = (Done) coordinator.input(lines(doneLine)).read();

    assertEquals(large, done.results().get(0).value());
    assertFalse(Files.exists(argument), "the argument's file, deleted on the answer");
    assertFalse(Files.exists(dir.resolve(POOL + "42-r1")), "the result's file, deleted once read");
  }

  @Test
  void worker_referencesOutsideTheArenaOrBehindWhatWasRead_refusedAsProtocolViolations() throws IOException {
    LargeValues coordinator = enabledCoordinator().arenaCapacity(64);
    LargeValues worker = LargeValues.worker(dir, POOL, 42, 10);
    String runLine = encode(coordinator, new Run(1, "echo", List.of("y".repeat(20))));
    MessageInput in = worker.input(lines(runLine));
    in.read();

    for (Map<String, Object> target : List.<Map<String, Object>>of(Map.of("at", 0L, "bytes", 20L),
        Map.of("at", 50L, "bytes", 20L), Map.of("at", 20L, "bytes", -1L), Map.of("at", 20L, "bytes", 65L))) {
      String line = MessageWriter.encode(new Run(2, "echo", List.of(Map.of(LargeValues.KEY, target))));
      ProtocolException bad = assertThrows(ProtocolException.class, () -> worker.input(lines(line)).read());
      assertTrue(bad.getMessage().contains("is outside " + POOL + "42-" + LargeValues.ARGUMENTS_ARENA), bad.getMessage());
    }
  }

  @Test
  void coordinator_resultReferenceBehindWhatWasRead_refusedAsAProtocolViolation() throws IOException {
    LargeValues coordinator = enabledCoordinator();
    LargeValues worker = LargeValues.worker(dir, POOL, 42, 10);
    String doneLine = encode(worker, new Done(1, "main", List.of(Outcome.success("r".repeat(20), 0, 0))));
    coordinator.input(lines(doneLine)).read();

    ProtocolException replayed = assertThrows(ProtocolException.class, () -> coordinator.input(lines(doneLine)).read());
    assertTrue(replayed.getMessage().contains("is outside " + POOL + "42-" + LargeValues.RESULTS_ARENA),
        replayed.getMessage());
  }

  @Test
  void worker_referenceBeforeAnyArenaExists_refusedAsAProtocolViolation() {
    LargeValues worker = LargeValues.worker(dir, POOL, 42, 10);
    String line = MessageWriter.encode(new Run(1, "echo", List.of(Map.of(LargeValues.KEY, Map.of("at", 0L, "bytes", 5L)))));

    ProtocolException bad = assertThrows(ProtocolException.class, () -> worker.input(lines(line)).read());
    assertTrue(bad.getMessage().contains("in an arena that cannot be mapped"), bad.getMessage());
  }

  @Test
  void coordinator_workerThatDidNotSayOffLine_keepsValuesOnTheLine() throws IOException {
    LargeValues coordinator = LargeValues.coordinator(dir, POOL, 42, 10);
    coordinator.input(lines(MessageWriter.encode(new Hello(1, 42, "x", 1, 0, 0)))).read();

    String line = encode(coordinator, new Run(1, "echo", List.of("y".repeat(100))));

    assertEquals(MessageWriter.encode(new Run(1, "echo", List.of("y".repeat(100)))), line);
    assertEquals(0, dir.toFile().list().length);
  }

  @Test
  void coordinator_folderRefusesTheFile_valueGoesOnTheLine() throws IOException {
    LargeValues coordinator = LargeValues.coordinator(dir.resolve("gone"), POOL, 42, 10);
    coordinator.input(lines(MessageWriter.encode(new Hello(1, 42, "x", 1, 0, 0, true)))).read();
    Run run = new Run(1, "echo", List.of("y".repeat(100)));

    assertEquals(MessageWriter.encode(run), encode(coordinator, run));
  }

  @Test
  void worker_referenceToAnotherFile_refusedAsAProtocolViolation() {
    LargeValues worker = LargeValues.worker(dir, POOL, 42, 10);
    String line = MessageWriter.encode(new Run(1, "echo",
        List.of(Map.of(LargeValues.KEY, Map.of("file", "../../etc/passwd")))));

    ProtocolException bad = assertThrows(ProtocolException.class, () -> worker.input(lines(line)).read());
    assertTrue(bad.getMessage().contains("or name a file " + POOL + "42-aN"), bad.getMessage());
  }

  @Test
  void removeLeftovers_onlyFilesOfCoordinatorsProvenDead() throws IOException {
    Path dead = Files.createFile(dir.resolve(LargeValues.poolPrefix(100, 200) + "42-a1"));
    Path alive = Files.createFile(dir.resolve(LargeValues.poolPrefix(101, 300) + "42-r1"));
    Path foreign = Files.createFile(dir.resolve("procpool-value-notapid"));

    int removed = LargeValues.removeLeftovers(dir, (pid, start) -> pid == 101 && start == 300);

    assertEquals(1, removed);
    assertFalse(Files.exists(dead));
    assertTrue(Files.exists(alive));
    assertTrue(Files.exists(foreign));
  }

  @Test
  void deleteAll_thenNoFileIsCreatedForThatWorker() throws IOException {
    LargeValues coordinator = enabledCoordinator();
    encode(coordinator, new Run(1, "echo", List.of("z".repeat(20))));

    coordinator.deleteAll();

    assertEquals(0, dir.toFile().list().length);
    assertThrows(IOException.class, () -> encode(coordinator, new Run(2, "echo", List.of("z".repeat(20)))));
    assertEquals(0, dir.toFile().list().length);
  }

  /** The coordinator's side after a hello that said {@code offLine}. */
  private LargeValues enabledCoordinator() throws IOException {
    LargeValues coordinator = LargeValues.coordinator(dir, POOL, 42, 10);
    coordinator.input(lines(MessageWriter.encode(new Hello(1, 42, "x", 1, 0, 0, true)))).read();
    return coordinator;
  }

  private static MessageInput lines(String line) {
    return Codec.PROCPOOL.input(new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)), 1 << 20, 0);
  }

  private static String encode(LargeValues values, Message message) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MessageOutput out = values.output(Codec.PROCPOOL.output(bytes))) {
      out.write(message);
    }
    String line = bytes.toString(StandardCharsets.UTF_8);
    return line.substring(0, line.length() - 1);
  }
}
