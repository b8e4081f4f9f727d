package io.procpool.process;

import static io.procpool.process.Processes.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.ProcessPoolOptions;
import io.procpool.protocol.Invalid;
import io.procpool.protocol.MessageReader;
import io.procpool.protocol.Protocol;
import io.procpool.worker.RequestLoop;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real Java worker process against docs/protocol.md: exit statuses and the line limit. */
final class JavaWorkerLimitsIT {
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    started.forEach(Process::destroyForcibly); // only matters when an assertion failed
  }

  @Test
  void worker_helloIntoAFullStdout_exits74WithOneLineOnStderr() throws Exception {
    Process worker = start(new ProcessBuilder(command()).redirectOutput(new File("/dev/full")));

    assertTrue(worker.waitFor(30, TimeUnit.SECONDS), "the worker did not end");
    String stderr = new String(worker.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(RequestLoop.EXIT_OUTPUT_FAILED, worker.exitValue(), stderr);
    assertEquals(List.of("procpool worker: cannot write the hello (No space left on device); exiting with status 74"),
        stderr.lines().toList());
  }

  @Test
  void worker_helloIntoAClosedPipe_exits74WithoutATrace() throws Exception {
    Process worker = start(new ProcessBuilder(command()));
    worker.getInputStream().close(); // long before the JVM is up to write its hello

    assertTrue(worker.waitFor(30, TimeUnit.SECONDS), "the worker did not end");
    String stderr = new String(worker.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(RequestLoop.EXIT_OUTPUT_FAILED, worker.exitValue(), stderr);
    assertTrue(stderr.startsWith("procpool worker: cannot write the hello (Broken pipe)"), stderr);
    assertFalse(stderr.contains("Exception"), stderr);
  }

  @Test
  void worker_endlessRequestLine_invalidNamingTheLimitThenExit65() throws Exception {
    // The worker's limit is 256 MiB; a heap of 1 GiB is where holding more than that ran out.
    Process worker = start(new ProcessBuilder(command("-Xmx1g")));
    BufferedReader stdout = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
    assertTrue(stdout.readLine().startsWith("{\"type\":\"hello\""));
    byte[] chunk = new byte[1 << 16];
    Arrays.fill(chunk, (byte) 'x');
    long sent = 0;
    long start = System.nanoTime();
    try (OutputStream stdin = worker.getOutputStream()) {
      while (sent < 4L * Protocol.DEFAULT_MAX_LINE_BYTES) { // a bound only in case the worker never stops reading
        stdin.write(chunk);
        sent += chunk.length;
      }
    } catch (IOException closedByTheWorker) {
      // expected: the worker stopped reading and exited
    }

    Invalid invalid = (Invalid) MessageReader.decode(stdout.readLine());
    assertTrue(worker.waitFor(30, TimeUnit.SECONDS), "the worker did not end");
    double seconds = (System.nanoTime() - start) / 1e9;

    assertEquals(Protocol.EXIT_INVALID_INPUT, worker.exitValue());
    assertTrue(invalid.message().matches("line of at least \\d+ bytes exceeds the limit of 268435456 bytes: \"xxx.*"),
        invalid.message());
    assertTrue(sent < 2L * Protocol.DEFAULT_MAX_LINE_BYTES, "the worker read " + sent + " bytes of it");
    report("endless request line to a worker at -Xmx1g: invalid and exit 65 after %d MiB sent, %.2f s",
        sent >> 20, seconds);
  }

  @Test
  void worker_unknownCodec_exits2WithOneLineNamingIt() throws Exception {
    List<String> command = new ArrayList<>(command());
    command.addAll(List.of("--codec", "gson"));
    Process worker = start(new ProcessBuilder(command));

    assertTrue(worker.waitFor(30, TimeUnit.SECONDS), "the worker did not end");
    String stderr = new String(worker.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(2, worker.exitValue(), stderr);
    assertEquals(List.of("procpool worker: unknown codec 'gson'; choose procpool or jackson"), stderr.lines().toList());
    assertEquals(-1, worker.getInputStream().read(), "no hello");
  }

  private Process start(ProcessBuilder builder) throws IOException {
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private static List<String> command(String... jvmOptions) {
    ProcessPoolOptions.Builder options = ProcessPoolOptions.builder();
    for (String option : jvmOptions) {
      options.jvmOption(option);
    }
    return WorkerCommand.of(options.build());
  }
}
