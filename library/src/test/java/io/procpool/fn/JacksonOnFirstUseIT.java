package io.procpool.fn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.Pools;
import io.procpool.fn.Fns.Range;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.process.ProcessPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jackson-databind loads in a worker on its first typed call, not at its start: a worker that
 * only runs named tasks never loads a class of Jackson's, one that runs a record-typed call does.
 * Read from the worker's own class-loading log.
 */
final class JacksonOnFirstUseIT {

  private static List<String> jacksonClassesLoaded(Path log) throws Exception {
    return Files.readAllLines(log).stream().filter(line -> line.contains("com.fasterxml.jackson.")).toList();
  }

  private static ProcessPool loggingPool(Path log) {
    return Pools.processes(ProcessPoolOptions.builder().workers(1)
        .jvmOptions(List.of("-Xlog:class+load:file=" + log)).workerArchive(false).build());
  }

  @Test
  void execute_namedTasksOnly_neverLoadJacksonInTheWorker(@TempDir Path directory) throws Exception {
    Path log = directory.resolve("classes.log");
    try (ProcessPool pool = loggingPool(log)) {
      assertEquals(3L, pool.execute("echo", 3L).join().value());
    }
    assertTrue(Files.size(log) > 0, "the worker wrote no class-loading log");
    assertEquals(List.of(), jacksonClassesLoaded(log));
  }

  @Test
  void submit_callOfLongsAndStrings_buildsNoObjectMapperAndReadsNoServiceFiles(@TempDir Path directory) throws Exception {
    Path log = directory.resolve("classes.log");
    long factor = 3;
    String unit = " km";
    try (ProcessPool pool = loggingPool(log)) {
      assertEquals(42L, pool.submit(x -> x * factor, 14L).get());
      assertEquals("42 km", pool.submit(x -> x + unit, "42").get());
    }
    List<String> loaded = Files.readAllLines(log);
    // The first ObjectMapper's StdDateFormat alone costs a fresh worker some 30 ms: not for scalars.
    assertEquals(List.of(), loaded.stream().filter(line -> line.contains("com.fasterxml.jackson.databind.")).toList());
    assertTrue(loaded.stream().anyMatch(line -> line.contains("com.fasterxml.jackson.core.JsonFactory ")),
        "the worker did not read the call with jackson-core at all");
    // procpool's own typed-call families are found by name: the service files of every jar are not read.
    assertEquals(List.of(), loaded.stream().filter(line -> line.contains("java.util.ServiceLoader$LazyClassPathLookupIterator ")).toList());
  }

  @Test
  void submit_recordTypedCall_loadsJacksonDatabindInTheWorker(@TempDir Path directory) throws Exception {
    Path log = directory.resolve("classes.log");
    try (ProcessPool pool = loggingPool(log)) {
      assertEquals(List.of(new Range(0, 5), new Range(5, 10)), pool.submit(Fns::split, new Range(0, 10), 2).get());
    }
    List<String> loaded = jacksonClassesLoaded(log);
    assertFalse(loaded.stream().noneMatch(line -> line.contains("com.fasterxml.jackson.databind.deser.BeanDeserializer ")),
        "the record was not read by jackson-databind: " + loaded.size() + " Jackson classes loaded");
  }
}
