package io.procpool.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** A value off the line in a file of its own: for one that does not fit its arena at the time. */
final class ValueFile {
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private ValueFile() {}

  /** Whether {@code name} is a value file's: the side's prefix, then a sequence number. */
  static boolean isValueFile(String name, String sidePrefix) {
    return name.startsWith(sidePrefix) && name.length() > sidePrefix.length() && name.length() < sidePrefix.length() + 19
        && name.substring(sidePrefix.length()).chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** Creates the file new ({@code O_EXCL}), owner-only, with these bytes; nothing is left on failure. */
  static Path write(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file,
        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OWNER_ONLY)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return file;
  }

  /** The file's bytes as UTF-8, read without following a link. */
  static String read(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE - 8) {
        throw LargeValues.problem("off-line value " + file.getFileName() + " is " + size + " bytes, too long for a string");
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // until full or the end
      }
      return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw LargeValues.problem("off-line value " + file.getFileName() + " does not exist");
    }
  }
}
