package io.procpool.overhead;

import io.procpool.pool.TaskPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a typed call costs on top of a named one: a method reference with a 5-field record
 * argument and result, all submitted at once (the pool's default in-flight), and
 * {@code map(identity, ints, 1000)}. The record goes through jackson-databind, the ints through
 * Jackson's parser.
 */
final class TypedProbe {
  /** A 5-field record, as a user's argument and result would be. */
  record Point(long id, double x, double y, String label, boolean visible) {}

  /**
   * @param recordMicros per task, the record round trip
   * @param recordTasks tasks in each timed batch of it
   * @param identityMicros per task, {@code map(identity, ints, 1000)}
   * @param identityTasks ints in each timed batch of it
   */
  record Figures(double recordMicros, int recordTasks, double identityMicros, int identityTasks) {}

  private TypedProbe() {}

  static Point moved(Point point) {
    return new Point(point.id(), point.x() + 1, point.y() - 1, point.label(), !point.visible());
  }

  static <T> T identity(T value) {
    return value;
  }

  static Figures measure(TaskPool pool, int recordTasks, int identityTasks, int runs) {
    List<Point> points = new ArrayList<>(recordTasks);
    for (int i = 0; i < recordTasks; i++) {
      points.add(new Point(i, i * 0.5, -i * 0.25, "p" + i, i % 2 == 0));
    }
    List<Integer> ints = new ArrayList<>(identityTasks);
    for (int i = 0; i < identityTasks; i++) {
      ints.add(i);
    }
    // Not interleaved: the pool learns how long a request takes, and after chunks of 1000 it
    // would keep few chunk-1 requests in flight, timing its adaptation instead of the calls.
    List<Double> record = new ArrayList<>();
    for (int i = -5; i < runs; i++) { // five rounds of warm-up: Jackson's paths compile late on both sides
      double micros = timeRecords(pool, points) / recordTasks;
      if (i >= 0) {
        record.add(micros);
      }
    }
    List<Double> identity = new ArrayList<>();
    for (int i = -2; i < runs; i++) {
      double micros = timeIdentity(pool, ints) / identityTasks;
      if (i >= 0) {
        identity.add(micros);
      }
    }
    return new Figures(Samples.median(record), recordTasks, Samples.median(identity), identityTasks);
  }

  private static double timeRecords(TaskPool pool, List<Point> points) {
    long start = System.nanoTime();
    List<CompletableFuture<Point>> futures = new ArrayList<>(points.size());
    for (Point point : points) {
      futures.add(pool.submit(TypedProbe::moved, point));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    double micros = (System.nanoTime() - start) / 1000.0;
    if (!futures.get(1).join().equals(moved(points.get(1)))) {
      throw new IllegalStateException("the typed record round trip came back different");
    }
    return micros;
  }

  private static double timeIdentity(TaskPool pool, List<Integer> ints) {
    long start = System.nanoTime();
    long[] count = {0};
    pool.map(TypedProbe::identity, ints, 1000).forEach(value -> count[0]++); // count() alone may skip the waits
    double micros = (System.nanoTime() - start) / 1000.0;
    if (count[0] != ints.size()) {
      throw new IllegalStateException("map(identity) returned " + count[0] + " of " + ints.size());
    }
    return micros;
  }
}
