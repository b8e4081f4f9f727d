package io.procpool.cds;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Names the archive of one exact worker set-up: the {@code java} and its version, the JVM
 * options, and each class-path jar's path, size and modification time. Any change gives a new
 * name, so a rebuilt jar never meets an archive made for the old one. Names look like
 * {@code worker-<set-up hash>-<key hash>.jsa}.
 */
final class ArchiveKey {
  private ArchiveKey() {}

  /**
   * The archive's file name, or empty when the class path cannot be archived: AppCDS only takes
   * jar files, never directories (as in a build's {@code target/classes}).
   */
  static Optional<String> fileName(String java, List<String> jvmOptions, String classPath) {
    StringBuilder setUp = new StringBuilder()
        .append(java).append('\n')
        .append(String.join(" ", jvmOptions)).append('\n');
    StringBuilder key = new StringBuilder(setUp).append(System.getProperty("java.vm.version")).append('\n');
    for (String entry : classPath.split(File.pathSeparator)) {
      Path jar = Path.of(entry).toAbsolutePath();
      if (!entry.toLowerCase(Locale.ROOT).endsWith(".jar") || !Files.isRegularFile(jar)) {
        return Optional.empty();
      }
      try {
        BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
        setUp.append(jar).append('\n');
        key.append(jar).append(' ').append(attributes.size()).append(' ')
            .append(attributes.lastModifiedTime()).append('\n');
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.of(prefix(setUp.toString()) + hash(key.toString()) + ".jsa");
  }

  /**
   * The name's first part depends only on the java, the options and the jars' paths, so the
   * archives of earlier builds of the same jars can be found and removed.
   */
  private static String prefix(String setUp) {
    return "worker-" + hash(setUp).substring(0, 8) + "-";
  }

  /** The prefix shared by every archive of the same set-up, from one archive's file name. */
  static String sameSetUpPrefix(String fileName) {
    return fileName.substring(0, "worker-".length() + 9);
  }

  /**
   * A 64-bit FNV-1a hash in hex. Not cryptographic, and need not be: a clash could only make a
   * worker try an archive that -Xshare:auto then refuses. MessageDigest would cost the first
   * pool of every coordinator some 30 ms of security-provider start-up.
   */
  static String hash(String text) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      hash = (hash ^ (c & 0xff)) * 0x100000001b3L;
      hash = (hash ^ (c >>> 8)) * 0x100000001b3L;
    }
    String hex = Long.toHexString(hash);
    return "0".repeat(16 - hex.length()) + hex;
  }
}
