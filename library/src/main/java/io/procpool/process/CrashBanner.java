package io.procpool.process;

import io.procpool.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * HotSpot's fatal-error banner ({@code # A fatal error has been detected ...}), which the JVM
 * writes to file descriptor 1 whatever {@code -XX:+DisplayVMOutputToStderr} says: on a worker
 * that is the protocol channel. No protocol line starts with {@code #}, so such a line starts
 * the banner, not a broken channel: the rest of the output is taken as the banner too, and once
 * its "A fatal error has been detected" line came, the worker's end is a crash named by the
 * banner's first detail line. Touched by the worker's reader thread and
 * read when its end is described, hence synchronized.
 */
final class CrashBanner {
  private static final int KEPT_LINES = 12;

  private final List<String> lines = new ArrayList<>();
  private boolean started;
  /** Whether the banner's own first words came: a foreign worker's "# comment" is no crash. */
  private boolean fatal;

  /** Takes the line if it is (part of) a crash banner; false when it is some other bad line. */
  synchronized boolean accept(ProtocolException bad) {
    String line = unquoted(bad.excerpt());
    if (!started && !line.startsWith("#")) {
      return false;
    }
    started = true;
    fatal |= line.contains("A fatal error has been detected");
    if (lines.size() < KEPT_LINES && line.length() > 1) {
      lines.add(line);
    }
    return true;
  }

  /** Whether HotSpot's fatal-error banner was seen. */
  synchronized boolean seen() {
    return fatal;
  }

  /**
   * The line that names the crash: {@code SIGSEGV (0xb) at pc=...} or {@code Internal Error
   * (...)}, with the {@code fatal error: ...} line after it when there is one.
   */
  synchronized Optional<String> headline() {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("#  ") && !line.startsWith("#   ")) {
        String name = line.substring(1).trim();
        if (i + 1 < lines.size() && lines.get(i + 1).startsWith("#  ") && lines.get(i + 1).contains("error")) {
          name += "; " + lines.get(i + 1).substring(1).trim();
        }
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  /** The excerpt without its quotes; an empty line is {@code ""}. */
  static String unquoted(String excerpt) {
    int end = excerpt.lastIndexOf('"');
    return excerpt.startsWith("\"") && end > 0 ? excerpt.substring(1, end) : excerpt;
  }
}
