package io.procpool.process;

import static io.procpool.process.Processes.report;
import static io.procpool.process.Processes.running;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.Execution;
import io.procpool.pool.FailureKind;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.pool.TaskPool;
import io.procpool.pool.Transport;
import io.procpool.shm.ShmWait;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What only the {@code shm} transport leaves behind, with real worker JVMs: no files after the
 * pool, a SIGKILLed coordinator's files removed by the next pool, a SIGTERMed one's by itself.
 * (The executor's core, kill -9, timeouts and orphans run on every transport in TransportIT and
 * OrphanIT.)
 */
@ExtendWith(PoolInvariants.class)
final class ShmPoolIT {
  private static final Path BASE = ShmDirectory.defaultBase();

  private final StderrLines log = new StderrLines();

  @Test
  void close_afterWorkersCameAndWent_leavesNoFiles() throws Exception {
    try (ProcessPool pool = PoolInvariants.start(options(ShmWait.BACKOFF).workers(2).maxTasksPerWorker(2).build())) {
      List<CompletableFuture<Execution>> futures = pool.executeAll("noop", List.of(1L, 2L, 3L, 4L, 5L, 6L), 1);
      futures.forEach(CompletableFuture::join);
      assertEquals(1, ours().size(), "one directory while the pool runs");
      await().atMost(Duration.ofSeconds(5)).until(() -> filesIn(ours().get(0)) <= 2);
    }
    assertEquals(List.of(), ours(), "no directory after the pool");
  }

  @Test
  void coordinatorSigkilled_workersExit_andNextPoolRemovesItsFiles() throws Exception {
    Process coordinator = startCoordinator();
    List<Long> workers = List.of();
    try {
      workers = awaitAnnouncement(coordinator);
      List<Path> left = directoriesOf(coordinator.pid());
      assertEquals(1, left.size(), "the coordinator's directory");

      Processes.signal("KILL", coordinator.pid());
      List<Long> busy = workers;
      await().atMost(Duration.ofSeconds(3)).until(() -> busy.stream().noneMatch(Processes::running));
      assertTrue(Files.isDirectory(left.get(0)), "a SIGKILLed coordinator cannot clean up");

      try (ProcessPool next = PoolInvariants.start(options(ShmWait.BACKOFF).workers(1).build())) {
        assertFalse(Files.exists(left.get(0)), "the next pool removed it");
        assertTrue(log.count("its coordinator is dead") >= 1, log.dump());
        assertEquals(1, next.pids().size());
      }
    } finally {
      coordinator.destroyForcibly();
      workers.forEach(Processes::killIfRunning);
    }
  }

  @Test
  void coordinatorSigtermed_removesItsOwnFiles() throws Exception {
    Process coordinator = startCoordinator();
    try {
      awaitAnnouncement(coordinator);
      List<Path> left = directoriesOf(coordinator.pid());
      assertEquals(1, left.size(), "the coordinator's directory");
      Processes.signal("TERM", coordinator.pid());
      assertTrue(coordinator.waitFor(10, TimeUnit.SECONDS));
      assertFalse(Files.exists(left.get(0)), "removed by its shutdown hook");
    } finally {
      coordinator.destroyForcibly();
    }
  }

  private static Process startCoordinator() throws java.io.IOException {
    return new ProcessBuilder(WorkerCommand.javaExecutable(), io.procpool.shm.ShmFile.JVM_OPTION, "-cp",
        System.getProperty("java.class.path"), OrphanCoordinatorMain.class.getName(), "1", "shm")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** The coordinator's line {@code coordinator <pid> workers <pid>...}; returns the workers. */
  private static List<Long> awaitAnnouncement(Process coordinator) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(coordinator.getInputStream(), StandardCharsets.UTF_8));
    String line = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (java.io.IOException e) {
        return null;
      }
    }).get(60, TimeUnit.SECONDS);
    assertTrue(line != null && line.startsWith("coordinator " + coordinator.pid() + " workers "), line);
    return Arrays.stream(line.split(" ")).skip(3).map(Long::valueOf).toList();
  }

  private ProcessPoolOptions.Builder options(ShmWait wait) {
    return ProcessPoolOptions.builder().transport(Transport.SHM).shmWait(wait).stderr(log);
  }

  private static List<Path> ours() throws Exception {
    return directoriesOf(ProcessHandle.current().pid());
  }

  private static List<Path> directoriesOf(long pid) throws Exception {
    try (Stream<Path> entries = Files.list(BASE)) {
      return entries.filter(path -> path.getFileName().toString().startsWith(ShmDirectory.PREFIX + pid + "-")).toList();
    }
  }

  private static long filesIn(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      return files.count();
    }
  }
}
