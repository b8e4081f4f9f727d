package io.procpool.fn;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.procpool.Pools;
import io.procpool.fn.Fns.Amounts;
import io.procpool.pool.TaskPool;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * No silent conversion of numbers: the same call gives the same value, to the last digit, bit
 * and class, in every mode (serial, thread, process, process-per-task), through a declared
 * parameter, an open one ({@code identity(T)}), a record's components, a captured value and a
 * {@code map} chunk. Equality here is exact: {@code BigDecimal} compares its scale, {@code Double}
 * and {@code Float} their bits (so -0.0 is not 0.0, and NaN is NaN).
 */
final class ExactNumbersIT {
  private static final BigDecimal TENTH_OF_A_DOUBLE = new BigDecimal("0.1000000000000000055511151231257827");
  private static final BigInteger BEYOND_64_BITS = BigInteger.TWO.pow(64).add(BigInteger.ONE);
  private static final Map<String, TaskPool> POOLS = new LinkedHashMap<>();
  private static final ExecutorService CALLERS = Executors.newCachedThreadPool();

  static {
    POOLS.put("serial", Pools.serial());
    POOLS.put("thread", Pools.threads(2));
    POOLS.put("process", Pools.processes(2));
    POOLS.put("process-per-task", Pools.processPerTask(2));
  }

  @AfterAll
  static void close() {
    POOLS.values().forEach(TaskPool::close);
    CALLERS.shutdownNow();
  }

  /** A value with its class (a map's list of values as a List), or the exception a call failed with. */
  private record Outcome(Class<?> type, Object value) {
    static Outcome of(Object value) {
      return new Outcome(value == null ? null : value instanceof List ? List.class : value.getClass(), value);
    }
  }

  /** A call and the value it must give. */
  private record Case(Object expected, Function<TaskPool, Object> call) {}

  private static Case gives(Object expected, Function<TaskPool, Object> call) {
    return new Case(expected, call);
  }

  /** The call's outcome; a {@code map} blocks, so each call runs on a thread of its own and calls overlap. */
  private static CompletableFuture<Outcome> start(Case check, TaskPool pool) {
    return CompletableFuture.supplyAsync(() -> check.call().apply(pool), CALLERS).thenCompose(value ->
        value instanceof CompletableFuture<?> future ? future.thenApply(Outcome::of) : completedFuture(Outcome.of(value)))
        .exceptionally(failed -> {
          Throwable cause = failed instanceof CompletionException ? failed.getCause() : failed;
          return new Outcome(cause.getClass(), cause.getMessage());
        });
  }

  /** Makes every call in every mode at once: each must give exactly its expected value. */
  private static void assertEveryModeGives(Case... cases) {
    Map<String, List<CompletableFuture<Outcome>>> started = new LinkedHashMap<>();
    POOLS.forEach((mode, pool) -> started.put(mode, Stream.of(cases).map(check -> start(check, pool)).toList()));
    Map<String, List<Outcome>> wanted = new LinkedHashMap<>();
    Map<String, List<Outcome>> got = new LinkedHashMap<>();
    started.forEach((mode, calls) -> {
      wanted.put(mode, Stream.of(cases).map(check -> Outcome.of(check.expected())).toList());
      got.put(mode, calls.stream().map(call -> call.orTimeout(120, TimeUnit.SECONDS).join()).toList());
    });
    assertEquals(wanted, got);
  }

  @Test
  void submit_numbersAsArgumentsRecordComponentsAndCapturedValues_keepTheirExactValues() {
    Amounts amounts = new Amounts(TENTH_OF_A_DOUBLE, BEYOND_64_BITS, Long.MIN_VALUE + 1, -0.0, Float.NaN);
    BigDecimal captured = TENTH_OF_A_DOUBLE;
    assertEveryModeGives(
        gives(TENTH_OF_A_DOUBLE, pool -> pool.submit(Fns::decimal, TENTH_OF_A_DOUBLE)),
        gives(TENTH_OF_A_DOUBLE, pool -> pool.submit(Fns::identity, TENTH_OF_A_DOUBLE)),
        gives(-0.0f, pool -> pool.submit(Fns::floatValue, -0.0f)),
        gives(amounts, pool -> pool.submit(Fns::amounts, amounts)),
        gives(TENTH_OF_A_DOUBLE.add(BigDecimal.ONE), pool -> pool.submit(x -> captured.add(x), BigDecimal.ONE)));
  }

  @Test
  void map_numbersOfEveryKindInChunks_keepTheirDigitsBitsAndClasses() {
    List<BigDecimal> decimals = List.of(TENTH_OF_A_DOUBLE, new BigDecimal("1.500"), new BigDecimal("1E+400"),
        new BigDecimal("-0.00"));
    List<BigInteger> integers = List.of(BEYOND_64_BITS, BEYOND_64_BITS.negate());
    List<Long> longs = List.of(Long.MAX_VALUE - 1, Long.MIN_VALUE);
    List<Double> doubles = List.of(0.1, Double.MIN_VALUE, -0.0, Double.NaN, Double.NEGATIVE_INFINITY);
    List<Float> floats = List.of(0.1f, Float.MAX_VALUE, -0.0f, Float.NaN);
    // Through a parameter declared T, each travels with its class: a Float stays a Float.
    List<Object> open = List.of(TENTH_OF_A_DOUBLE, BEYOND_64_BITS.negate(), Long.MIN_VALUE, 0.1f, -0.0, -0.0f,
        Float.NaN);
    assertEveryModeGives(
        gives(decimals, pool -> pool.map(Fns::decimal, decimals, decimals.size()).toList()),
        gives(integers, pool -> pool.map(Fns::bigInteger, integers, integers.size()).toList()),
        gives(longs, pool -> pool.map(Fns::longValue, longs, longs.size()).toList()),
        gives(doubles, pool -> pool.map(Fns::doubleValue, doubles, doubles.size()).toList()),
        gives(floats, pool -> pool.map(Fns::floatValue, floats, floats.size()).toList()),
        gives(open, pool -> pool.map(Fns::identity, open, open.size()).toList()));
  }
}
