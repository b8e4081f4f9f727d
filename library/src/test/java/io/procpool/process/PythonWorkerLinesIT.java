package io.procpool.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/python/worker.py on its own stdin and stdout, against the lines docs/protocol.md calls
 * bad (section 6) and the arguments a pool on another transport appends (section 12).
 */
final class PythonWorkerLinesIT {
  private static final Path WORKER = Path.of("..", "docs", "python", "worker.py");
  private static final String GOOD = "{\"type\":\"run\",\"id\":1,\"task\":\"noop\",\"args\":[1]}";

  @BeforeAll
  static void python3Available() throws InterruptedException {
    Processes.assumePython3();
  }

  /** What the worker wrote on stdout and stderr, and its exit status. */
  private record Session(List<String> stdout, String stderr, int status) {}

  private static Session session(String stdin, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("python3", WORKER.toString()));
    command.addAll(List.of(arguments));
    Process worker = new ProcessBuilder(command).start();
    try (OutputStream in = worker.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // a worker that exits at once may close its stdin first: what it wrote tells the rest
    }
    String stdout = new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(worker.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(worker.waitFor(30, TimeUnit.SECONDS), "the worker did not exit");
    return new Session(stdout.lines().toList(), stderr, worker.exitValue());
  }

  static Stream<Arguments> badLines() {
    return Stream.of(
        Arguments.of("{\"type\":\"run\",\"id\":2,\"task\":\"echo\",\"args\":[NaN]}", "NaN is not JSON"),
        Arguments.of("{\"type\":\"run\",\"id\":2,\"task\":\"echo\",\"args\":[-Infinity]}", "-Infinity is not JSON"),
        Arguments.of("{\"type\":\"run\",\"id\":2,\"task\":\"echo\",\"args\":[" + "[".repeat(1200) + "]".repeat(1200) + "]}",
            "nested deeper"),
        Arguments.of("{\"type\":\"run\",\"id\":18446744073709551616,\"task\":\"noop\",\"args\":[1]}",
            "\\\"id\\\" must fit in 64 bits"));
  }

  @ParameterizedTest
  @MethodSource("badLines")
  void badLine_answersWhatCameBeforeThenInvalidAndExits65(String bad, String problem) throws Exception {
    Session session = session(GOOD + "\n" + bad + "\n" + GOOD.replace("\"id\":1", "\"id\":3") + "\n");

    assertEquals(65, session.status(), session::toString);
    assertEquals(3, session.stdout().size(), session::toString);
    assertTrue(session.stdout().get(0).startsWith("{\"type\":\"hello\""), session::toString);
    assertTrue(session.stdout().get(1).startsWith("{\"type\":\"done\",\"id\":1,"), session::toString);
    assertTrue(session.stdout().get(2).startsWith("{\"type\":\"invalid\""), session::toString);
    assertTrue(session.stdout().get(2).contains(problem), session::toString);
  }

  @Test
  void start_withTheConnectArgumentOfASocketTransport_exits2WithOneLineOnStderrBeforeAnyHello() throws Exception {
    Session session = session("", "--connect", "unix:/tmp/nowhere.sock");

    assertEquals(2, session.status(), session::toString);
    assertEquals(List.of(), session.stdout());
    assertEquals(1, session.stderr().lines().count(), session.stderr());
    assertTrue(session.stderr().contains("unknown argument '--connect'"), session.stderr());
  }
}
