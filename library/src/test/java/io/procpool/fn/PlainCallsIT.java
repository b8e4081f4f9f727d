package io.procpool.fn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.Pools;
import io.procpool.fn.Fns.Person;
import io.procpool.fn.Fns.Range;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.process.ProcessPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that only meets plain values (records of numbers and strings, lists of them) never
 * loads a class of Jackson's, whose set-up would be most of its first typed call; one that meets
 * an Optional or a date does. Read from the worker's own class-loading log.
 */
final class PlainCallsIT {

  private static List<String> classesLoaded(Path log) throws Exception {
    return Files.readAllLines(log).stream().filter(line -> line.contains("com.fasterxml.jackson.")).toList();
  }

  private static ProcessPool loggingPool(Path log) {
    return Pools.processes(ProcessPoolOptions.builder().workers(1)
        .jvmOptions(List.of("-Xlog:class+load:file=" + log)).workerArchive(false).build());
  }

  @Test
  void submit_plainRecordsAndLists_neverLoadJacksonInTheWorker(@TempDir Path directory) throws Exception {
    Path log = directory.resolve("classes.log");
    try (ProcessPool pool = loggingPool(log)) {
      assertEquals(25L, pool.submit(Fns::countPrimes, new Range(1, 100)).get());
      assertEquals(List.of(new Range(0, 5), new Range(5, 10)), pool.submit(Fns::split, new Range(0, 10), 2).get());
      long factor = 3;
      assertEquals(42L, pool.submit(x -> x * factor, 14L).get());
      assertEquals(5L, (Object) pool.submit(Fns::identity, 5L).get());
    }
    assertTrue(Files.size(log) > 0, "the worker wrote no class-loading log");
    assertEquals(List.of(), classesLoaded(log));
  }

  @Test
  void submit_optionalAndDate_loadJacksonInTheWorker(@TempDir Path directory) throws Exception {
    Path log = directory.resolve("classes.log");
    Person ada = new Person("Ada", 36, 9.5, LocalDate.of(1815, 12, 10), Optional.of("Countess"));
    try (ProcessPool pool = loggingPool(log)) {
      assertEquals(37, pool.submit(Fns::older, ada).get().age());
    }
    assertFalse(classesLoaded(log).isEmpty());
  }
}
