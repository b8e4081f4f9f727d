package io.procpool.process;

import io.procpool.protocol.VectorScans;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Drains a worker's stderr on its own thread, forwarding each line with the worker's id and
 * keeping the last few lines for the message that reports the worker's death.
 */
final class StderrTail {
  static final int KEPT_LINES = 20;
  private static final int MAX_LINE_CHARS = 2000;

  private final Deque<String> last = new ArrayDeque<>();
  private final Thread thread;

  StderrTail(String workerId, InputStream stderr, Consumer<String> sink) {
    this.thread = new Thread(() -> drain(workerId, stderr, sink), "procpool-stderr-" + workerId);
    thread.setDaemon(true);
    thread.start();
  }

  private void drain(String workerId, InputStream stderr, Consumer<String> sink) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.equals(VectorScans.STARTUP_WARNING)) {
          continue; // the coordinator asked for the module, and its own JVM said so already
        }
        if (line.length() > MAX_LINE_CHARS) {
          line = line.substring(0, MAX_LINE_CHARS) + "... (" + line.length() + " chars)";
        }
        synchronized (last) {
          if (last.size() == KEPT_LINES) {
            last.removeFirst();
          }
          last.addLast(line);
        }
        sink.accept("[" + workerId + "] " + line);
      }
    } catch (IOException e) {
      // the process is gone; what was read is kept
    }
  }

  /** Waits briefly for the stream's end, so the tail includes a dying worker's last words. */
  String awaitTail(long millis) {
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (last) {
      return String.join("\n", last);
    }
  }
}
