package io.procpool.process;

import static io.procpool.process.Processes.report;
import static io.procpool.process.Processes.running;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.ProcessPoolOptions;
import io.procpool.pool.Transport;
import io.procpool.shm.ShmFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** No worker outlives its coordinator, however the coordinator ends. */
final class OrphanIT {
  private static final int WORKERS = 2;
  private static final Pattern ANNOUNCEMENT = Pattern.compile("coordinator (\\d+) workers ([\\d ]+)");

  private final List<Process> launched = new ArrayList<>();
  private final List<Long> pids = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    // Only matters when an assertion failed: leave nothing behind on a shared machine.
    pids.forEach(Processes::killIfRunning);
    launched.forEach(Process::destroyForcibly);
  }

  @ParameterizedTest
  @MethodSource("io.procpool.process.Transports#all")
  void coordinatorSigkilled_busyWorkersExitOnTheirOwn(Transport transport) throws Exception {
    Started run = start(List.of(), transport);

    endAndAwaitWorkersGone(run, "KILL", " (" + transport.label() + ")");
    if (transport == Transport.UNIX) {
      // Nothing in the killed coordinator could remove its socket: the next pool does.
      List<Path> left = socketDirectoriesOf(run.coordinator());
      assertEquals(1, left.size(), "the killed coordinator's socket directory is left: " + left);
      ProcessPool.start(ProcessPoolOptions.builder().workers(1).transport(Transport.UNIX).build()).close();
      assertEquals(List.of(), socketDirectoriesOf(run.coordinator()), "the next pool removed it");
    }
  }

  private static List<Path> socketDirectoriesOf(long coordinator) throws IOException {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries.filter(path -> path.getFileName().toString()
          .startsWith(SocketDirectory.PREFIX + coordinator + "-")).toList();
    }
  }

  @Test
  void coordinatorSigkilledUnderParentThatNeverReaps_busyWorkersStillExit() throws Exception {
    // The killed coordinator stays a zombie, which still counts as alive; the worker must see
    // that it has been re-parented instead.
    // fd 3 carries stdin past sh, which gives a background command /dev/null instead.
    Started run = start(List.of("sh", "-c", "exec 3<&0; \"$@\" <&3 3<&- & exec sleep 60", "sh"));

    endAndAwaitWorkersGone(run, "KILL", " (left a zombie: its parent never reaps)");
  }

  @Test
  void coordinatorSigtermed_shutdownHookEndsBusyWorkers() throws Exception {
    Started run = start(List.of());

    endAndAwaitWorkersGone(run, "TERM", "");
  }

  @Test
  void coordinatorExitsWithoutShutdown_shutdownHookEndsBusyWorkers() throws Exception {
    Started run = start(List.of());
    run.process().getOutputStream().write("exit\n".getBytes(StandardCharsets.UTF_8));
    run.process().getOutputStream().flush();

    endAndAwaitWorkersGone(run, null, "");
  }

  /** A coordinator whose workers are all busy. */
  private record Started(Process process, long coordinator, List<Long> workers) {}

  private Started start(List<String> wrapper) throws Exception {
    return start(wrapper, Transport.PIPE);
  }

  private Started start(List<String> wrapper, Transport transport) throws Exception {
    List<String> command = new ArrayList<>(wrapper);
    command.addAll(List.of(WorkerCommand.javaExecutable(), ShmFile.JVM_OPTION, "-cp", System.getProperty("java.class.path"),
        OrphanCoordinatorMain.class.getName(), Integer.toString(WORKERS), transport.label()));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    launched.add(process);
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(30, TimeUnit.SECONDS);
    Matcher announced = ANNOUNCEMENT.matcher(line == null ? "" : line);
    assertTrue(announced.matches(), "coordinator said: " + line);
    long coordinator = Long.parseLong(announced.group(1));
    List<Long> workers = Arrays.stream(announced.group(2).split(" ")).map(Long::valueOf).toList();
    pids.add(coordinator);
    pids.addAll(workers);
    assertEquals(WORKERS, workers.size());
    workers.forEach(pid -> assertTrue(running(pid), "worker " + pid + " runs its task"));
    return new Started(process, coordinator, workers);
  }

  private void endAndAwaitWorkersGone(Started run, String signal, String note) throws Exception {
    long start = System.nanoTime();
    if (signal != null) {
      Processes.signal(signal, run.coordinator());
    }
    await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(10))
        .until(() -> run.workers().stream().noneMatch(Processes::running));
    double workersGone = (System.nanoTime() - start) / 1e6;
    await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(10)).until(() -> !running(run.coordinator()));
    report("coordinator ended by %s%s: its %d busy workers gone within %.0f ms (coordinator within %.0f ms);"
        + " 0 processes left", signal == null ? "System.exit(0)" : "SIG" + signal, note, run.workers().size(),
        workersGone, (System.nanoTime() - start) / 1e6);
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
