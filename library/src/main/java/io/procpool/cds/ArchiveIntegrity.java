package io.procpool.cds;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * The archive's size and CRC-32C, written beside it ({@code <archive>.crc}) when it is
 * installed and checked before workers are told to map it. A JVM maps the archive as code: a
 * short file makes it die of SIGBUS before its hello, junk in the body can crash it long after,
 * and an empty file is silently ignored. The check reads the whole file (about 1-2 MB, about a
 * millisecond) once per coordinator and file version; the JDK's own {@code -XX:+VerifySharedSpaces}
 * would do it in every worker, and over the JDK's base archive too.
 */
final class ArchiveIntegrity {
  /** Archives already checked by this JVM, with the size and mtime they had then. */
  private static final Map<Path, String> CHECKED = new ConcurrentHashMap<>();

  private ArchiveIntegrity() {}

  static Path sidecar(Path archive) {
    return archive.resolveSibling(archive.getFileName() + ".crc");
  }

  /** Records the size and checksum of a whole, proven candidate, for when it is installed as {@code archive}. */
  static void record(Path candidate, Path archive) throws IOException {
    Files.writeString(sidecar(archive), describe(candidate), StandardCharsets.US_ASCII);
  }

  /** Whether the archive is the very file that was recorded; false when either is missing. */
  static boolean intact(Path archive) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(archive, BasicFileAttributes.class);
      String stamp = attributes.size() + " " + attributes.lastModifiedTime();
      if (stamp.equals(CHECKED.get(archive))) {
        return true;
      }
      String recorded = Files.readString(sidecar(archive), StandardCharsets.US_ASCII).trim();
      if (!recorded.equals(describe(archive))) {
        return false;
      }
      CHECKED.put(archive, stamp);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Forgets a check, for an archive that was removed. */
  static void forget(Path archive) {
    CHECKED.remove(archive);
  }

  private static String describe(Path archive) throws IOException {
    CRC32C crc = new CRC32C();
    long size = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(archive)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        crc.update(buffer, 0, read);
        size += read;
      }
    }
    return size + " " + Long.toHexString(crc.getValue());
  }
}
