package io.procpool.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.procpool.pool.ProcessPoolOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real signals and real liveness checks for the integration tests. */
final class Processes {
  private Processes() {}

  /** Skips the calling tests where python3 is not on the PATH (CI installs it). */
  static void assumePython3() throws InterruptedException {
    boolean available;
    try {
      available = new ProcessBuilder("python3", "--version").start().waitFor() == 0;
    } catch (IOException e) {
      available = false;
    }
    assumeTrue(available, "python3 is not on the PATH");
  }

  /** Runs {@code kill -<signal> <pid>}, as an operator would, and waits for it. */
  static void signal(String signal, long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
        .redirectErrorStream(true)
        .start();
    String output = new String(kill.getInputStream().readAllBytes());
    assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid + ": " + output);
  }

  /**
   * Whether the process still runs. A zombie (exited, not yet reaped by whoever adopted it)
   * counts as gone: it holds no memory, no pipes, and runs nothing.
   */
  static boolean running(long pid) {
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The state follows the parenthesised command name, which may itself contain ") ".
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * A worker command: a shell that starts {@code child} in the background, the first time only
   * (so replacement workers leave nothing behind), then becomes the usual worker JVM.
   *
   * @param firstTime a file that does not exist yet; the first worker creates it
   */
  static List<String> workerLeavingAChild(String child, Path firstTime) {
    List<String> command = new ArrayList<>(List.of("sh", "-c",
        "if [ ! -e \"$0\" ]; then : > \"$0\"; " + child + " & fi; exec \"$@\"", firstTime.toString()));
    command.addAll(WorkerCommand.of(ProcessPoolOptions.builder().build()));
    return command;
  }

  /** The pids of the process's children, none when it is gone. */
  static List<Long> children(long pid) {
    return ProcessHandle.of(pid).map(handle -> handle.children().map(ProcessHandle::pid).toList()).orElse(List.of());
  }

  /** Kills a process this test started, if it is still there (cleanup after a failure). */
  static void killIfRunning(long pid) {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }

  /**
   * The pid of the one busy worker of a two-worker pool, found from outside: with both workers
   * ready, a probe task goes to the least-loaded one, so the busy worker is the other pid.
   */
  static long busyWorkerOfTwo(ProcessPool pool, List<Long> gone) throws Exception {
    await().atMost(Duration.ofSeconds(10))
        .until(() -> pool.startups().size() == 2 && pool.startups().stream().noneMatch(s -> gone.contains(s.pid())));
    long idle = pool.execute("noop", 0L).get(10, TimeUnit.SECONDS).pid();
    return pool.pids().stream().filter(pid -> pid != idle && running(pid)).findFirst().orElseThrow();
  }

  /** The pid of a one-worker pool's worker once it is ready. */
  static long onlyWorker(ProcessPool pool) {
    return await().atMost(Duration.ofSeconds(10))
        .until(pool::startups, startups -> startups.size() == 1).get(0).pid();
  }

  /** Logs a measured figure so it shows in the build output. */
  static void report(String format, Object... args) {
    System.out.println("[procpool-it] " + String.format(format, args));
  }
}
