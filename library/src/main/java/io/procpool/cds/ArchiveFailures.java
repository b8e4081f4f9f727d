package io.procpool.cds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The {@code .failed} marker beside an archive: how many strikes it has had lately, and why.
 * A crash of a worker started from the archive is one strike, a failed build is enough to block
 * on its own. While the strikes reach {@link #TO_BLOCK} no rebuild is tried; the marker expires
 * {@link #EXPIRES_AFTER} after the last strike, so a passing cause (a full disk, a JVM update) never
 * disables the archive for good. The first line of the file is the count, the rest the reasons.
 */
final class ArchiveFailures {
  static final int TO_BLOCK = 2;
  static final Duration EXPIRES_AFTER = Duration.ofDays(1);

  private final Path marker;

  ArchiveFailures(Path marker) {
    this.marker = marker;
  }

  Path marker() {
    return marker;
  }

  /** Whether rebuilds are blocked now. */
  boolean blocked() {
    return strikes() >= TO_BLOCK;
  }

  /** Strikes within the last {@link #EXPIRES_AFTER}; 0 without a marker or with an expired one. */
  int strikes() {
    try {
      if (Files.getLastModifiedTime(marker).toInstant().isBefore(Instant.now().minus(EXPIRES_AFTER))) {
        return 0;
      }
      List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
      return lines.isEmpty() ? TO_BLOCK : Integer.parseInt(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return TO_BLOCK; // a marker of an older procpool: its single reason blocked on its own
    } catch (IOException e) {
      return 0;
    }
  }

  /** One more strike. */
  void struck(String why) {
    write(strikes() + 1, why);
  }

  /** Enough strikes to block rebuilds on its own. */
  void blocking(String why) {
    write(Math.max(TO_BLOCK, strikes() + 1), why);
  }

  private void write(int strikes, String why) {
    try {
      String earlier = "";
      if (strikes > 1 && Files.exists(marker)) {
        List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
        earlier = String.join(System.lineSeparator(), lines.subList(Math.min(1, lines.size()), lines.size()));
      }
      Files.writeString(marker, strikes + System.lineSeparator() + Instant.now() + " " + why
          + System.lineSeparator() + earlier, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // nothing to do: the next run will try again
    }
  }
}
