package io.procpool.fn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.Pools;
import io.procpool.pool.Execution;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.pool.TaskPool;
import io.procpool.process.ProcessPool;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed calls in real worker JVMs: the shared contract, and what only processes can get wrong. */
final class ProcessTypedCallsIT extends TypedCallContract {
  private static final ProcessPool POOL = Pools.processes(2);

  @Override
  TaskPool pool() {
    return POOL;
  }

  @Test
  void submit_cancelledWhileWaitingInTheCoordinator_neverRuns(@TempDir Path dir) throws Exception {
    try (ProcessPool oneAtATime = Pools.processes(ProcessPoolOptions.builder().workers(1).maxInFlight(1).build())) {
      cancelWaitingCall_neverRuns(oneAtATime, dir);
    }
  }

  @AfterAll
  static void close() {
    POOL.close();
  }

  @Test
  void submit_staticMethodReference_runsInAWorkerProcess() throws Exception {
    long pid = get(POOL.submit(Fns::pid));
    assertTrue(POOL.pids().contains(pid), pid + " not among " + POOL.pids());
    assertFalse(pid == ProcessHandle.current().pid());
  }

  @Test
  void map_100000Tasks_returnsEveryResultInOrder() {
    List<Integer> numbers = IntStream.range(0, 100_000).boxed().toList();
    List<Integer> back = POOL.map(Fns::identity, numbers, 1000).toList();
    assertEquals(numbers, back);
  }

  @Test
  void execute_functionOfAClassTheWorkerLacks_failsThatTaskNamingTheClass() throws Exception {
    String missing = "invoke:{\"class\":\"com.example.Missing\",\"method\":\"run\",\"signature\":\"(J)J\","
        + "\"kind\":\"STATIC\",\"captured\":[]}";
    Execution done = get(POOL.execute(missing, "[1]"));
    assertTrue(done.failed());
    assertTrue(done.failure().message().contains("class com.example.Missing"), done.failure().message());
    assertEquals(Long.valueOf(3), (Object) get(POOL.submit(Fns::identity, 3L))); // the worker carries on
  }

  @Test
  void submit_classOutsideTheWorkersClassPath_isRefusedSayingWhatToPass(@TempDir Path classes) throws Exception {
    Path source = classes.resolve("elsewhere/Doubler.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "package elsewhere; public class Doubler {"
        + " public static long twice(long x) { return 2 * x; }"
        + " public static io.procpool.fn.Fn1<Long, Long> function() { return Doubler::twice; } }");
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null,
        "-cp", System.getProperty("java.class.path"), "-d", classes.toString(), source.toString());
    assertEquals(0, status);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      @SuppressWarnings("unchecked")
      Fn1<Long, Long> twice = (Fn1<Long, Long>) loader.loadClass("elsewhere.Doubler").getMethod("function").invoke(null);

      CannotTravelException refused = assertThrows(CannotTravelException.class, () -> POOL.submit(twice, 21L));
      assertTrue(refused.getMessage().contains("elsewhere.Doubler"), refused.getMessage());
      assertTrue(refused.getMessage().contains("classpath"), refused.getMessage());

      try (ProcessPool withClasses = Pools.processes(ProcessPoolOptions.builder().workers(1).classpath(List.of(classes)).build())) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader); // where the coordinator reads the result's type from
        try {
          assertEquals(42L, get(withClasses.submit(twice, 21L)));
        } finally {
          thread.setContextClassLoader(before);
        }
      }
    }
  }

  @Test
  void map_callsSpreadOverBothWorkers() {
    Set<Long> pids = POOL.map(x -> Fns.pid() + 0 * x, IntStream.range(0, 200).boxed().toList())
        .collect(Collectors.toSet());
    assertEquals(Set.copyOf(POOL.pids()), pids);
  }
}
