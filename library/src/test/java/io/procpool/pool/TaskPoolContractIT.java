package io.procpool.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.process.PoolInvariants;
import io.procpool.protocol.Codec;
import io.procpool.task.Fail;
import io.procpool.task.TaskRegistry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same executor semantics from every kind of pool, in-JVM and process. */
@ExtendWith(PoolInvariants.class)
final class TaskPoolContractIT {

  /** One factory per mode; virtual threads where the JVM has them. */
  static Stream<Supplier<TaskPool>> pools() {
    List<Supplier<TaskPool>> pools = new ArrayList<>(List.of(
        named("serial", () -> TaskPool.serial(TaskRegistry.builtIn())),
        named("thread", () -> TaskPool.threads(TaskRegistry.builtIn(), 2)),
        named("gil-thread", () -> TaskPool.gilThreads(TaskRegistry.builtIn(), 2)),
        named("process", () -> PoolInvariants.start(ProcessPoolOptions.builder().workers(2).stderr(line -> {}).build())),
        named("process, jackson codec", () -> PoolInvariants.start(
            ProcessPoolOptions.builder().workers(2).codec(Codec.JACKSON).stderr(line -> {}).build()))));
    if (Runtime.version().feature() >= 21) {
      pools.add(named("virtual-thread", () -> TaskPool.virtualThreads(TaskRegistry.builtIn(), 2)));
    }
    return pools.stream();
  }

  @ParameterizedTest
  @MethodSource("pools")
  void map_manyArguments_valuesInArgumentOrder(Supplier<TaskPool> factory) {
    try (TaskPool pool = factory.get()) {
      Iterator<Object> values = pool.map("noop", List.of(5L, 4L, 3L, 2L, 1L), 2);

      List<Object> seen = new ArrayList<>();
      values.forEachRemaining(seen::add);
      assertEquals(List.of(5L, 4L, 3L, 2L, 1L), seen);
    }
  }

  @ParameterizedTest
  @MethodSource("pools")
  void submit_failingTask_futureFailsWithTaskError(Supplier<TaskPool> factory) {
    try (TaskPool pool = factory.get()) {
      TaskFailedException failed = assertThrows(TaskFailedException.class,
          () -> TaskPool.await(pool.submit("fail", 7L)));

      assertEquals(FailureKind.TASK_ERROR, failed.kind());
      assertTrue(failed.getMessage().contains(Fail.MESSAGE_PREFIX + " for argument 7"), failed.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("pools")
  void submit_unknownTask_futureFailsWithTaskErrorNamingIt(Supplier<TaskPool> factory) {
    try (TaskPool pool = factory.get()) {
      var future = pool.submit("no-such-task", 1L); // no throw: the future carries the failure

      TaskFailedException failed = assertThrows(TaskFailedException.class, () -> TaskPool.await(future));
      assertEquals(FailureKind.TASK_ERROR, failed.kind());
      assertTrue(failed.getMessage().contains("unknown task 'no-such-task'"), failed.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("pools")
  void submit_afterShutdown_throwsPoolClosed(Supplier<TaskPool> factory) {
    TaskPool pool = factory.get();
    pool.shutdown(/* wait= */ true, /* cancelPending= */ false);

    assertThrows(PoolClosedException.class, () -> pool.submit("noop", 1L));
  }

  private static Supplier<TaskPool> named(String mode, Supplier<TaskPool> factory) {
    return new Supplier<>() {
      @Override
      public TaskPool get() {
        return factory.get();
      }

      @Override
      public String toString() {
        return mode;
      }
    };
  }
}
