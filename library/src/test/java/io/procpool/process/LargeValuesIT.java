package io.procpool.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.Execution;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.pool.TaskPool;
import io.procpool.pool.Transport;
import io.procpool.protocol.LargeValues;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Large strings off the line with real worker JVMs: exact, retried, and never left behind. */
@ExtendWith(PoolInvariants.class)
final class LargeValuesIT {
  /** A line limit far below the values: a value that came back inline would be refused. */
  private static final int SMALL_LINE_LIMIT = 64 * 1024;

  private final StderrLines log = new StderrLines();
  private final List<Process> launched = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    launched.forEach(Process::destroyForcibly); // only matters when an assertion failed
  }

  @Test
  void execute_oneAndSixtyFourMiBEchoes_comeBackByteExactThroughTheArenaAndAFile() {
    String oneMiB = text(1 << 20);
    String sixtyFourMiB = text(64 << 20);
    try (ProcessPool pool = PoolInvariants.start(options().workers(1).build())) {
      assertEquals(oneMiB, TaskPool.await(pool.execute("echo", oneMiB)).value(), log::toString);
      assertEquals(sixtyFourMiB, TaskPool.await(pool.execute("echo", sixtyFourMiB)).value(), log::toString);
    }
    awaitNoOwnFiles("after the pool ended");
  }

  @Test
  void execute_manyLargeEchoes_throughOneArenaEachWayAndNoOtherFile() throws IOException {
    List<String> values = List.of(text(1 << 20), "\u00e9".repeat(1 << 20)); // UTF-8, and Latin-1 byte for byte
    try (ProcessPool pool = PoolInvariants.start(options().workers(1).build())) {
      List<CompletableFuture<Execution>> echoes = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        echoes.add(pool.execute("echo", values.get(i % 2)));
      }
      for (int i = 0; i < 30; i++) {
        assertEquals(values.get(i % 2), TaskPool.await(echoes.get(i)).value(), log::toString);
      }
      String worker = ValueFiles.POOL_PREFIX + pool.pids().get(0) + "-";
      assertEquals(List.of(worker + LargeValues.ARGUMENTS_ARENA, worker + LargeValues.RESULTS_ARENA),
          ownFiles().stream().map(file -> file.getFileName().toString()).sorted().toList());
    }
    awaitNoOwnFiles("after the pool ended");
  }

  @ParameterizedTest
  @MethodSource("io.procpool.process.Transports#all")
  void execute_largeValueQueuedOnAWorkerKilledWithSigkill_retriedExactlyNoFileLeft(Transport transport)
      throws Exception {
    String large = text(1 << 20);
    try (ProcessPool pool = PoolInvariants.start(options().workers(1).transport(transport).build())) {
      long doomed = pool.pids().get(0);
      // Retried too, ahead of the echo: short, so the echo's retry is not long behind.
      CompletableFuture<Execution> sleeping = pool.execute("sleep", 2_000L);
      CompletableFuture<Execution> echo = pool.execute("echo", large);
      await().atMost(Duration.ofSeconds(10)).until(() -> !ownFiles().isEmpty()); // the argument's file is out

      Processes.signal("KILL", doomed);

      Execution retried = echo.get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(large, retried.value());
      assertTrue(retried.pid() != doomed, "ran again on a fresh worker");
      assertEquals(2_000L, sleeping.get(60, java.util.concurrent.TimeUnit.SECONDS).value());
    }
    awaitNoOwnFiles("after the worker's death and the pool's end");
  }

  @Test
  void start_afterACoordinatorWasSigkilledHoldingAFile_removesItsLeftovers() throws Exception {
    Process coordinator = new ProcessBuilder(WorkerCommand.javaExecutable(), io.procpool.shm.ShmFile.JVM_OPTION, "-cp",
        System.getProperty("java.class.path"), OffLineCoordinatorMain.class.getName())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    launched.add(coordinator);
    String[] words = new BufferedReader(new InputStreamReader(coordinator.getInputStream(), StandardCharsets.UTF_8))
        .readLine().split(" ");
    String prefix = words[3];
    await().atMost(Duration.ofSeconds(30)).until(() -> !files(prefix).isEmpty());

    Processes.signal("KILL", coordinator.pid());
    coordinator.waitFor();
    assertFalse(files(prefix).isEmpty(), "a SIGKILLed coordinator cannot delete its files");

    PoolInvariants.start(options().workers(1).build()).close();

    assertEquals(List.of(), files(prefix), "the next pool removes a dead coordinator's files");
  }

  private ProcessPoolOptions.Builder options() {
    return ProcessPoolOptions.builder().offLineThreshold(LargeValues.DEFAULT_THRESHOLD)
        .maxMessageBytes(SMALL_LINE_LIMIT).stderr(log);
  }

  /** ASCII with some two-, three- and four-byte UTF-8 characters. */
  private static String text(int chars) {
    StringBuilder text = new StringBuilder(chars);
    String pattern = "procpool-é€😀-";
    while (text.length() < chars) {
      text.append(pattern, 0, Math.min(pattern.length(), chars - text.length()));
    }
    return text.toString();
  }

  /** The last connection's end, which deletes, may follow the close by a moment. */
  private static void awaitNoOwnFiles(String when) {
    await("no files left " + when).atMost(Duration.ofSeconds(5)).until(() -> ownFiles().isEmpty());
  }

  private static List<Path> ownFiles() throws IOException {
    return files(ValueFiles.POOL_PREFIX);
  }

  private static List<Path> files(String prefix) throws IOException {
    try (Stream<Path> files = Files.list(ValueFiles.DIRECTORY)) {
      return files.filter(file -> file.getFileName().toString().startsWith(prefix)).toList();
    }
  }
}
