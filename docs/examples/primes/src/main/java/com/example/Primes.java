package com.example;

import io.procpool.Pools;
import io.procpool.pool.TaskPool;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Your own function, record argument and all, in a pool of worker JVMs, on threads and serially. */
public class Primes {

  public record Range(long from, long to) {}

  public static long countPrimes(Range range) {
    long count = 0;
    for (long n = Math.max(2, range.from()); n < range.to(); n++) {
      boolean prime = true;
      for (long d = 2; d * d <= n; d++) {
        if (n % d == 0) {
          prime = false;
          break;
        }
      }
      if (prime) {
        count++;
      }
    }
    return count;
  }

  public static long ratio(long x, long y) {
    return x / y;
  }

  public static void main(String[] args) throws Exception {
    List<Range> ranges = List.of(new Range(1, 100), new Range(1, 1_000), new Range(1, 10_000));
    for (String mode : List.of("serial", "threads", "processes")) {
      try (TaskPool pool = switch (mode) {
        case "serial" -> Pools.serial();
        case "threads" -> Pools.threads(2);
        default -> Pools.processes(2);
      }) {
        List<Long> counts = pool.map(Primes::countPrimes, ranges, 1).toList();

        long factor = 3;
        CompletableFuture<Long> scaled = pool.submit(x -> x * factor, 14L);

        String caught;
        try {
          pool.submit(Primes::ratio, 1L, 0L).get();
          caught = "nothing";
        } catch (ExecutionException e) {
          caught = e.getCause() instanceof ArithmeticException arithmetic ? "ArithmeticException: " + arithmetic.getMessage() : e.toString();
        }

        CompletableFuture<Long> pid = pool.submit(() -> ProcessHandle.current().pid());
        String where = pid.get() == ProcessHandle.current().pid() ? "this JVM" : "a worker JVM";
        System.out.println(mode + ": counts " + counts + ", 14 * 3 = " + scaled.get() + ", 1 / 0 threw " + caught
            + ", ran in " + where);
      }
    }
  }
}
