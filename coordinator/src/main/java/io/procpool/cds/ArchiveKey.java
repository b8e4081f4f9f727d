package io.procpool.cds;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
    return Optional.of(prefix(setUp.toString()) + sha256(key.toString()).substring(0, 20) + ".jsa");
  }

  /**
   * The name's first part depends only on the java, the options and the jars' paths, so the
   * archives of earlier builds of the same jars can be found and removed.
   */
  private static String prefix(String setUp) {
    return "worker-" + sha256(setUp).substring(0, 8) + "-";
  }

  /** The prefix shared by every archive of the same set-up, from one archive's file name. */
  static String sameSetUpPrefix(String fileName) {
    return fileName.substring(0, "worker-".length() + 9);
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
