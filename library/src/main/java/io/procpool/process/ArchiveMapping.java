package io.procpool.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a running JVM mapped a class-data archive. A JVM that finds an archive it cannot use
 * (another JDK build's, a mismatched header) says nothing and starts without it, slower; on
 * Linux its memory map tells, at the cost of reading some 20 KB of text once per pool.
 */
final class ArchiveMapping {
  private ArchiveMapping() {}

  /**
   * False only when the process's memory map could be read and does not name the archive;
   * true when it does, or when there is no map to read (not Linux, or the process is gone).
   */
  static boolean mappedOrUnknown(long pid, Path archive) {
    String name = archive.getFileName().toString(); // its name carries a hash: no other file has it
    try (BufferedReader maps = Files.newBufferedReader(Path.of("/proc", Long.toString(pid), "maps"),
        StandardCharsets.ISO_8859_1)) {
      boolean read = false;
      for (String line = maps.readLine(); line != null; line = maps.readLine()) {
        read = true;
        if (line.contains(name)) {
          return true;
        }
      }
      return !read;
    } catch (IOException | UnsupportedOperationException e) {
      return true;
    }
  }
}
