package io.procpool.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file the user named for output ({@code --json}, {@code --timeline}, {@code --chart}). It is
 * checked before any work starts, and written to a temporary file beside it that is renamed into
 * place only when whole: a coordinator killed mid-write never leaves a half-written file under
 * the user's name. A temporary left by a killed coordinator is removed by the next check of the
 * same name (its name carries the dead owner's pid).
 */
public final class OutputFile {
  private static final String TEMP_INFIX = ".procpool-";
  private static final String TEMP_SUFFIX = ".tmp";
  /** As many links as Linux follows in one path (a loop ends there too). */
  private static final int MAX_LINK_HOPS = 40;

  private final Path target;

  private OutputFile(Path target) {
    this.target = target;
  }

  /**
   * Checks that {@code name} can be written now: not empty, not a folder or a device, in a folder
   * that exists (folders are never created) and where this process can create a file.
   *
   * @throws IllegalArgumentException with one line naming the problem
   */
  public static OutputFile check(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("the file name is empty");
    }
    Path target;
    try {
      target = followLinks(Path.of(name).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(name + ": not a valid file name (" + e.getReason() + ")");
    }
    if (Files.isDirectory(target)) {
      throw new IllegalArgumentException(name + ": is a folder");
    }
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      throw new IllegalArgumentException(name + ": not a regular file (use '-' for stdout where offered)");
    }
    Path folder = target.getParent();
    if (folder == null || !Files.exists(folder)) {
      throw new IllegalArgumentException(name + ": no such folder " + folder + " (folders are not created)");
    }
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException(name + ": " + folder + " is not a folder");
    }
    if (Files.exists(target) && !Files.isWritable(target)) {
      throw new IllegalArgumentException(name + ": the file is read-only");
    }
    OutputFile file = new OutputFile(target);
    file.removeStaleTemporaries();
    try {
      Files.delete(file.createTemporary()); // the only sure test: create a file where it will be
    } catch (IOException e) {
      throw new IllegalArgumentException(name + ": cannot create a file in " + folder + ": " + reason(e));
    }
    return file;
  }

  /**
   * Where a symbolic link leads, dangling or not: that file is the one written, so the rename
   * does not replace the user's link with a file and leave the file it names as it was.
   */
  private static Path followLinks(Path path) {
    Path current = path;
    for (int hops = 0; hops < MAX_LINK_HOPS && Files.isSymbolicLink(current); hops++) {
      try {
        current = current.resolveSibling(Files.readSymbolicLink(current)).toAbsolutePath().normalize();
      } catch (IOException e) {
        return current; // the checks that follow say what is wrong with it
      }
    }
    return current;
  }

  /** A file whose name was checked elsewhere (or tests): checked again, failing as an I/O error. */
  public static OutputFile of(Path path) {
    try {
      return check(path.toString());
    } catch (IllegalArgumentException e) {
      throw new OutputException(path.toString(), e.getMessage());
    }
  }

  public Path path() {
    return target;
  }

  /** What writes the whole content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes the file whole: into a temporary beside it, then renamed into place.
   *
   * @throws OutputException when it cannot be written (the target is then left as it was)
   */
  public void write(Content content) {
    Pending pending = open();
    try {
      content.writeTo(pending.stream());
      pending.commit();
    } catch (IOException | RuntimeException e) {
      pending.discard();
      throw e instanceof OutputException output ? output : new OutputException(target.toString(), reason(e));
    }
  }

  /** Starts writing a file whose content comes over time (a streamed {@code run --json}). */
  public Pending open() {
    try {
      Path temporary = createTemporary();
      return new Pending(target, temporary, new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16));
    } catch (IOException e) {
      throw new OutputException(target.toString(), reason(e));
    }
  }

  /** A file being written: {@link #commit} renames it into place, {@link #discard} removes it. */
  public static final class Pending {
    private final Path target;
    private final Path temporary;
    private final OutputStream out;
    private boolean ended;

    private Pending(Path target, Path temporary, OutputStream out) {
      this.target = target;
      this.temporary = temporary;
      this.out = out;
    }

    public OutputStream stream() {
      return out;
    }

    /** Closes the temporary and renames it over the target; idempotent. */
    public synchronized void commit() {
      if (ended) {
        return;
      }
      ended = true;
      try {
        out.close();
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        deleteQuietly(temporary);
        throw new OutputException(target.toString(), reason(e));
      }
    }

    /** Drops what was written; the target stays as it was. Idempotent. */
    public synchronized void discard() {
      if (ended) {
        return;
      }
      ended = true;
      try {
        out.close();
      } catch (IOException e) {
        // it is being thrown away
      }
      deleteQuietly(temporary);
    }
  }

  private Path createTemporary() throws IOException {
    // Not Files.createTempFile: its owner-only mode would end up on the user's file; this one
    // gets the umask's mode, like any file the user's shell creates.
    String name = "." + target.getFileName() + TEMP_INFIX + ProcessHandle.current().pid() + "-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + TEMP_SUFFIX;
    return Files.createFile(target.resolveSibling(name));
  }

  /** Temporaries of this name whose owner is no longer alive: left by a coordinator killed with SIGKILL. */
  private void removeStaleTemporaries() {
    String prefix = "." + target.getFileName() + TEMP_INFIX;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(target.getParent(), prefix + "*" + TEMP_SUFFIX)) {
      for (Path entry : entries) {
        String rest = entry.getFileName().toString().substring(prefix.length());
        int dash = rest.indexOf('-');
        if (dash <= 0) {
          continue;
        }
        try {
          long owner = Long.parseLong(rest.substring(0, dash));
          if (ProcessHandle.of(owner).isEmpty()) {
            deleteQuietly(entry);
          }
        } catch (NumberFormatException e) {
          // not one of ours
        }
      }
    } catch (IOException e) {
      // an unreadable folder: the probe that follows says what is wrong
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // nothing more can be done; the next check of this name removes it
    }
  }

  /** The operating system's reason, without the path Java repeats in the message. */
  public static String reason(Exception e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
      return fileSystem.getReason();
    }
    if (e instanceof OutputException output) {
      return output.reason();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
