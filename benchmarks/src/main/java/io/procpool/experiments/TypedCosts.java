package io.procpool.experiments;

import io.procpool.Pools;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.process.ProcessPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The three typed-call figures, against any build's {@code procpool.jar} (only the public
 * API is used). Arguments: {@code first ROUNDS} (a fresh one-worker pool per round: its second
 * noop and its first typed call, timed), {@code record ROUNDS} (2 workers: 20000 noop tasks at
 * chunksize 1, then 20000 submits of a 5-field record, interleaved per round after 4 of
 * warm-up), or {@code identity ROUNDS} ({@code map(identity, 1,000,000 ints, 1000)} on 2
 * workers, after 2 of warm-up). Prints each round, then the median.
 */
public final class TypedCosts {
  /** A 5-field record, as {@code overhead}'s typed probe sends. */
  public record Point(long id, double x, double y, String label, boolean visible) {}

  private TypedCosts() {}

  public static Point moved(Point point) {
    return new Point(point.id(), point.x() + 1, point.y() - 1, point.label(), !point.visible());
  }

  public static <T> T identity(T value) {
    return value;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2 || !List.of("first", "record", "identity").contains(args[0])) {
      System.err.println("usage: TypedCosts first|record|identity ROUNDS");
      System.exit(2);
    }
    int rounds = Integer.parseInt(args[1]);
    List<Double> figures = switch (args[0]) {
      case "first" -> first(rounds);
      case "record" -> record(rounds);
      default -> identity(rounds);
    };
    StringBuilder each = new StringBuilder();
    for (double figure : figures) {
      each.append(each.length() == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.3f", figure));
    }
    System.out.printf(java.util.Locale.ROOT, "%s: median %.3f of %s%n", args[0], Medians.of(figures), each);
  }

  /** Milliseconds the first typed call of a fresh worker takes over its second noop. */
  private static List<Double> first(int rounds) throws Exception {
    Point point = new Point(1, 0.5, -0.25, "p", true);
    try (var local = Pools.serial()) {
      local.submit(TypedCosts::moved, point).get(); // the coordinator's side of naming it, done once
    }
    List<Double> extra = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      try (ProcessPool pool = Pools.processes(ProcessPoolOptions.builder().workers(1).build())) {
        pool.execute("noop", 0L).join();
        long start = System.nanoTime();
        pool.execute("noop", 1L).join();
        long noop = System.nanoTime();
        Point moved = pool.submit(TypedCosts::moved, point).get();
        long typed = System.nanoTime();
        if (!moved.equals(moved(point))) {
          throw new IllegalStateException("the record came back different: " + moved);
        }
        extra.add(((typed - noop) - (noop - start)) / 1e6);
      }
    }
    return extra;
  }

  /** The record round trip's wall time per task over noop's at chunksize 1, per round. */
  private static List<Double> record(int rounds) {
    List<Point> points = new ArrayList<>();
    List<Object> noops = Loads.noopArguments(20000);
    for (int i = 0; i < noops.size(); i++) {
      points.add(new Point(i, i * 0.5, -i * 0.25, "p" + i, i % 2 == 0));
    }
    List<Double> ratios = new ArrayList<>();
    try (ProcessPool pool = Pools.processes(2)) {
      for (int round = -4; round < rounds; round++) {
        long noop = Loads.noopList(pool, noops, 1);
        long start = System.nanoTime();
        List<CompletableFuture<Point>> futures = new ArrayList<>(points.size());
        for (Point point : points) {
          futures.add(pool.submit(TypedCosts::moved, point));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        long record = System.nanoTime() - start;
        if (round >= 0) {
          ratios.add((double) record / noop);
        }
      }
    }
    return ratios;
  }

  /** Microseconds per int of {@code map(identity, ints, 1000)}, per round. */
  private static List<Double> identity(int rounds) {
    List<Integer> ints = new ArrayList<>();
    for (int i = 0; i < 1_000_000; i++) {
      ints.add(i);
    }
    List<Double> micros = new ArrayList<>();
    try (ProcessPool pool = Pools.processes(2)) {
      for (int round = -2; round < rounds; round++) {
        long start = System.nanoTime();
        long[] count = {0};
        pool.map(TypedCosts::identity, ints, 1000).forEach(value -> count[0]++);
        long nanos = System.nanoTime() - start;
        if (count[0] != ints.size()) {
          throw new IllegalStateException("map returned " + count[0] + " of " + ints.size());
        }
        if (round >= 0) {
          micros.add(nanos / 1e3 / ints.size());
        }
      }
    }
    return micros;
  }
}
