package io.procpool.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where one worker's values off the line are kept, on one side: a large string goes into this
 * side's {@link ValueArena}, else a {@link ValueFile} of its own, and a reference comes back in
 * its place; a reference from the other side is read back from its arena or file. This store's
 * monitor orders every write against {@link #deleteAll}, so that a write racing the worker's end
 * either is deleted with the rest or never happens.
 */
final class OffLineStore {
  private final Path directory;
  /** The pool's prefix, this worker's pid and a dash: every file of this worker. */
  private final String prefix;
  private final boolean coordinator;
  private final AtomicLong sequence = new AtomicLong();
  /** The coordinator's argument files by request id, deleted when the answer arrives. */
  private final Map<Long, List<Path>> argumentFiles = new ConcurrentHashMap<>();
  /** Data bytes of the arena this side creates; tests make it small. Guarded by {@code this}. */
  private int arenaCapacity = ValueArena.DEFAULT_CAPACITY;
  /** Set by {@link #deleteAll}: no file is created after it. Guarded by {@code this}. */
  private boolean ended;
  /** What this side writes values into, created on the first one. Guarded by {@code this}. */
  private ValueArena outgoing;
  /** What this side reads the other's values from, mapped on the first reference; reader thread only. */
  private ValueArena incoming;

  OffLineStore(Path directory, String prefix, boolean coordinator) {
    this.directory = directory;
    this.prefix = prefix;
    this.coordinator = coordinator;
  }

  /** For tests: the capacity of the arena this side will create. */
  synchronized void arenaCapacity(int bytes) {
    this.arenaCapacity = bytes;
  }

  /**
   * A reference to the text, written into the arena (byte for byte when it is Latin-1, else as
   * UTF-8), or else into a file of its own, or the text itself when neither can take it (the
   * folder is full or gone): then it goes on the line.
   */
  Object offLine(String text, long requestId) throws IOException {
    byte[] latin1 = Latin1Strings.bytesOrNull(text); // the string's own array: read, never written
    byte[] bytes = latin1 != null ? latin1 : text.getBytes(StandardCharsets.UTF_8);
    long position = writeToArena(bytes);
    if (position >= 0) {
      Map<String, Object> target = new LinkedHashMap<>();
      target.put("at", position);
      target.put("bytes", (long) bytes.length);
      if (latin1 != null) {
        target.put("latin1", true);
      }
      return Map.of(LargeValues.KEY, target);
    }
    Path file = writeFileOrNull(latin1 != null ? text.getBytes(StandardCharsets.UTF_8) : bytes);
    if (file == null) {
      return text;
    }
    if (coordinator) {
      argumentFiles.computeIfAbsent(requestId, id -> new ArrayList<>()).add(file);
    }
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("file", file.getFileName().toString());
    target.put("chars", (long) text.length());
    return Map.of(LargeValues.KEY, target);
  }

  /** The value's position in this side's arena, or -1 when it does not fit there now. */
  private synchronized long writeToArena(byte[] bytes) throws IOException {
    if (ended) {
      throw new WorkerEndedException();
    }
    if (outgoing == null) {
      try {
        outgoing = ValueArena.create(directory.resolve(prefix
            + (coordinator ? LargeValues.ARGUMENTS_ARENA : LargeValues.RESULTS_ARENA)), arenaCapacity);
      } catch (IOException e) {
        return -1; // the folder refuses it: files, or the line
      }
    }
    return outgoing.write(bytes);
  }

  /**
   * Writes one value's file, or returns null when the folder refuses it (full, gone): the value
   * then goes on the line, as it would without this. Under the lock that {@link #deleteAll}
   * takes, so that a write racing the worker's end either is deleted with the rest or never
   * happens; after it, throws.
   */
  private synchronized Path writeFileOrNull(byte[] bytes) throws IOException {
    if (ended) {
      throw new WorkerEndedException();
    }
    try {
      return ValueFile.write(directory.resolve(prefix + (coordinator ? 'a' : 'r') + sequence.incrementAndGet()), bytes);
    } catch (IOException e) {
      return null;
    }
  }

  /** The coordinator's: the answer to this request has arrived, so its argument files go. */
  void answered(long requestId) throws IOException {
    List<Path> sent = argumentFiles.remove(requestId);
    if (sent != null) {
      for (Path file : sent) {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * The text a reference stands for, or null for any other value. A reference names a place in
   * the other side's arena, or a file of this worker of the expected side ({@code a} for
   * arguments, {@code r} for results): a value cannot make either side read anything else.
   * The coordinator deletes a result's file once read.
   */
  String referencedText(Object value, char side) throws IOException {
    if (!(value instanceof Map<?, ?> map) || map.size() != 1
        || !(map.get(LargeValues.KEY) instanceof Map<?, ?> target)) {
      return null;
    }
    if (target.get("at") instanceof Long position && target.get("bytes") instanceof Long bytes) {
      Object latin1 = target.get("latin1");
      return incoming(side).read(position, bytes, Boolean.TRUE.equals(latin1));
    }
    Object name = target.get("file");
    if (!(name instanceof String file) || !ValueFile.isValueFile(file, prefix + side)) {
      throw LargeValues.problem("an off-line reference must be {\"at\":POSITION,\"bytes\":N} or name a file "
          + prefix + side + "N, was " + target);
    }
    Path path = directory.resolve(file);
    String text = ValueFile.read(path);
    if (coordinator) {
      Files.deleteIfExists(path);
    }
    return text;
  }

  /** The other side's arena, mapped on its first reference; one that is not there is a violation. */
  private ValueArena incoming(char side) throws ProtocolException {
    if (incoming == null) {
      Path path = directory.resolve(prefix + (side == 'a' ? LargeValues.ARGUMENTS_ARENA : LargeValues.RESULTS_ARENA));
      try {
        incoming = ValueArena.open(path);
      } catch (IOException e) {
        throw LargeValues.problem("off-line value in an arena that cannot be mapped: " + e.getMessage());
      }
    }
    return incoming;
  }

  /** Deletes every file of this worker, its own and the coordinator's: at the worker's end. */
  synchronized void deleteAll() {
    ended = true;
    argumentFiles.clear();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, prefix + "*")) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // nothing to delete, or the folder is gone: nothing is left either way
    }
  }

  /** The worker's end has been seen: nothing more is written for it. */
  private static final class WorkerEndedException extends IOException {
    private static final long serialVersionUID = 1L;

    WorkerEndedException() {
      super("the worker has ended");
    }
  }
}
