package io.procpool.process;

import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/** A pool's stderr sink for tests: keeps every line with the moment it arrived. */
final class StderrLines implements Consumer<String> {
  /** One line and {@link System#nanoTime()} when the pool handed it over. */
  record Line(long nanos, String text) {}

  private final Queue<Line> lines = new ConcurrentLinkedQueue<>();

  @Override
  public void accept(String text) {
    lines.add(new Line(System.nanoTime(), text));
  }

  /** The first line containing the text and arriving at or after {@code sinceNanos}. */
  Optional<Line> first(String containing, long sinceNanos) {
    return lines.stream()
        .filter(line -> line.nanos() >= sinceNanos && line.text().contains(containing))
        .findFirst();
  }

  long count(String containing) {
    return lines.stream().filter(line -> line.text().contains(containing)).count();
  }

  /** Everything so far, for assertion messages. */
  String dump() {
    StringBuilder text = new StringBuilder();
    lines.forEach(line -> text.append(line.text()).append('\n'));
    return text.toString();
  }
}
