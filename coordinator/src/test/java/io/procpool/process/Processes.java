package io.procpool.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Real signals and real liveness checks for the integration tests. */
final class Processes {
  private Processes() {}

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

  /** Kills a process this test started, if it is still there (cleanup after a failure). */
  static void killIfRunning(long pid) {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }

  /** Logs a measured figure so it shows in the build output. */
  static void report(String format, Object... args) {
    System.out.println("[procpool-it] " + String.format(format, args));
  }
}
