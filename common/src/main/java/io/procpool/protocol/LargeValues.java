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
 * Large strings off the line: an argument or result string longer than a threshold travels
 * through shared memory (under {@code /dev/shm} where it exists) and the JSON line carries a
 * small reference object in its place. Only between a coordinator and a worker whose hello said
 * {@code "offLine":true}; every other line is untouched.
 *
 * <p>Each direction has one {@link ValueArena}, created by its writer on the first large value
 * and reused for every later one: {@code {"$offLine":{"at":POSITION,"bytes":N}}}. A value that
 * does not fit the arena at that moment goes in a file of its own instead:
 * {@code {"$offLine":{"file":NAME,"chars":N}}} ({@link ValueFile}).
 *
 * <p>One instance per worker, on each side, wraps that worker's {@link MessageInput} and
 * {@link MessageOutput}. Lifetime (docs/protocol.md): the coordinator deletes every file. An
 * argument's file when the answer to its request arrives or the worker ends; a result's file as
 * soon as it has read it; the arenas and a worker's leftovers when it ends (all its files share
 * a prefix with its pid); and a killed coordinator's, in the next pool, once that coordinator is
 * proven dead.
 */
public final class LargeValues {
  /** The one key of a reference object. */
  public static final String KEY = "$offLine";
  /** Every file's name starts so; then the coordinator's pid and start time. */
  public static final String FILE_PREFIX = "procpool-value-";
  /**
   * A threshold to start from, in characters: the pool's default is 0 (off), so that a pool
   * sends nothing through shared memory unless asked to.
   */
  public static final int DEFAULT_THRESHOLD = 64 * 1024;
  /** The arena the coordinator writes arguments into: the worker's prefix, then this. */
  public static final String ARGUMENTS_ARENA = "arena-a";
  /** The arena the worker writes results into. */
  public static final String RESULTS_ARENA = "arena-r";

  private final Path directory;
  /** The pool's prefix, this worker's pid and a dash: every file of this worker. */
  private final String prefix;
  private final int threshold;
  private final boolean coordinator;
  /** On the coordinator, set by the worker's hello; a worker that says nothing gets lines. */
  private volatile boolean enabled;
  private final AtomicLong sequence = new AtomicLong();
  /** The coordinator's argument files by request id, deleted when the answer arrives. */
  private final Map<Long, List<Path>> argumentFiles = new ConcurrentHashMap<>();
  /** Data bytes of the arena this side creates; tests make it small. */
  private int arenaCapacity = ValueArena.DEFAULT_CAPACITY;
  /** Set by {@link #deleteAll}: no file is created after it. Guarded by {@code this}. */
  private boolean ended;
  /** What this side writes values into, created on the first one. Guarded by {@code this}. */
  private ValueArena outgoing;
  /** What this side reads the other's values from, mapped on the first reference; reader thread only. */
  private ValueArena incoming;

  private LargeValues(Path directory, String prefix, int threshold, boolean coordinator) {
    if (threshold < (coordinator ? 0 : 1)) {
      throw new IllegalArgumentException("threshold must be at least " + (coordinator ? 0 : 1) + ", was " + threshold);
    }
    this.directory = directory;
    this.prefix = prefix;
    this.threshold = threshold;
    this.coordinator = coordinator;
    this.enabled = !coordinator; // a worker is only given one when it may say so
  }

  /** The coordinator's side for the worker with this pid; threshold 0 for never. */
  public static LargeValues coordinator(Path directory, String poolPrefix, long workerPid, int threshold) {
    return new LargeValues(directory, poolPrefix + workerPid + "-", threshold, true);
  }

  /** A worker's side: it writes results under the pool's prefix and its own pid. */
  public static LargeValues worker(Path directory, String poolPrefix, long ownPid, int threshold) {
    return new LargeValues(directory, poolPrefix + ownPid + "-", threshold, false);
  }

  /** The files of a coordinator: {@code procpool-value-<pid>-<start millis>-}. */
  public static String poolPrefix(long pid, long startMillis) {
    return FILE_PREFIX + pid + "-" + startMillis + "-";
  }

  /** Where the files go: {@code /dev/shm} when it is a writable folder, else the temp folder. */
  public static Path directory() {
    Path shm = Path.of("/dev/shm");
    return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** For tests: the capacity of the arena this side will create. */
  synchronized LargeValues arenaCapacity(int bytes) {
    this.arenaCapacity = bytes;
    return this;
  }

  /** Whether the coordinator will send large arguments off the line (the worker said it can). */
  public boolean enabled() {
    return enabled;
  }

  /** {@code in} itself when the threshold is 0: the default path pays nothing per message. */
  public MessageInput input(MessageInput in) {
    return threshold == 0 ? in : new Input(in);
  }

  /** {@code out} itself when the threshold is 0. */
  public MessageOutput output(MessageOutput out) {
    return threshold == 0 ? out : new Output(out);
  }

  /** Deletes every file of this worker, its own and the coordinator's: at the worker's end. */
  public synchronized void deleteAll() {
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

  /**
   * Deletes the files of coordinators that are gone: those whose pid runs no process, or a
   * process that started at another time (the pid was reused). Returns how many.
   *
   * @param alive whether the process with this pid and start time (epoch ms) still runs
   */
  public static int removeLeftovers(Path directory, ProcessAlive alive) {
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, FILE_PREFIX + "*")) {
      for (Path file : files) {
        String[] parts = file.getFileName().toString().substring(FILE_PREFIX.length()).split("-", 3);
        if (parts.length == 3 && isNumber(parts[0]) && isNumber(parts[1])
            && !alive.test(Long.parseLong(parts[0]), Long.parseLong(parts[1]))
            && Files.deleteIfExists(file)) {
          removed++;
        }
      }
    } catch (IOException e) {
      // another user's file, or one deleted meanwhile: left alone
    }
    return removed;
  }

  /** Whether a process with this pid that started at this time (epoch ms) runs. */
  @FunctionalInterface
  public interface ProcessAlive {
    boolean test(long pid, long startMillis);
  }

  private static boolean isNumber(String text) {
    return !text.isEmpty() && text.length() < 19 && text.chars().allMatch(Character::isDigit);
  }

  /** The coordinator's arguments out, or the worker's results out. */
  private Message spill(Message message) throws IOException {
    if (coordinator && enabled && message instanceof Run run) {
      List<Object> args = null;
      for (int i = 0; i < run.args().size(); i++) {
        if (run.args().get(i) instanceof String text && text.length() > threshold) {
          if (args == null) {
            args = new ArrayList<>(run.args());
          }
          args.set(i, offLine(text, run.id()));
        }
      }
      return args == null ? run : new Run(run.id(), run.task(), args, run.columns());
    }
    if (!coordinator && message instanceof Done done) {
      List<Outcome> results = null;
      for (int i = 0; i < done.results().size(); i++) {
        Outcome outcome = done.results().get(i);
        if (!outcome.failed() && outcome.value() instanceof String text && text.length() > threshold) {
          if (results == null) {
            results = new ArrayList<>(done.results());
          }
          results.set(i, new Outcome(offLine(text, done.id()), null, outcome.startedAt(), outcome.micros()));
        }
      }
      return results == null ? done : new Done(done.id(), done.thread(), results, done.columns());
    }
    return message;
  }

  /**
   * A reference to the text, written into the arena (byte for byte when it is Latin-1, else as UTF-8), or else into a file of its own, or the
   * text itself when neither can take it (the folder is full or gone): then it goes on the line.
   */
  private Object offLine(String text, long requestId) throws IOException {
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
      return Map.of(KEY, target);
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
    return Map.of(KEY, target);
  }

  /** The value's position in this side's arena, or -1 when it does not fit there now. */
  private synchronized long writeToArena(byte[] bytes) throws IOException {
    if (ended) {
      throw new WorkerEndedException();
    }
    if (outgoing == null) {
      try {
        outgoing = ValueArena.create(directory.resolve(prefix + (coordinator ? ARGUMENTS_ARENA : RESULTS_ARENA)),
            arenaCapacity);
      } catch (IOException e) {
        return -1; // the folder refuses it: files, or the line
      }
    }
    return outgoing.write(bytes);
  }

  /** The worker's arguments in, or the coordinator's results in. */
  private Message resolve(Message message) throws IOException {
    if (coordinator && message instanceof Hello hello) {
      enabled = hello.offLine() && threshold > 0;
    } else if (coordinator && enabled && message instanceof Done done) {
      // Not enabled: a value that looks like a reference is the task's own value, not a file.
      List<Path> sent = argumentFiles.remove(done.id());
      if (sent != null) {
        for (Path file : sent) {
          Files.deleteIfExists(file);
        }
      }
      List<Outcome> results = null;
      for (int i = 0; i < done.results().size(); i++) {
        Outcome outcome = done.results().get(i);
        String text = referencedText(outcome.value(), 'r');
        if (text != null) {
          if (results == null) {
            results = new ArrayList<>(done.results());
          }
          results.set(i, new Outcome(text, null, outcome.startedAt(), outcome.micros()));
        }
      }
      return results == null ? done : new Done(done.id(), done.thread(), results, done.columns());
    } else if (!coordinator && message instanceof Run run) {
      List<Object> args = null;
      for (int i = 0; i < run.args().size(); i++) {
        String text = referencedText(run.args().get(i), 'a');
        if (text != null) {
          if (args == null) {
            args = new ArrayList<>(run.args());
          }
          args.set(i, text);
        }
      }
      return args == null ? run : new Run(run.id(), run.task(), args, run.columns());
    }
    return message;
  }

  /**
   * The text a reference stands for, or null for any other value. A reference names a place in
   * the other side's arena, or a file of this worker of the expected side ({@code a} for
   * arguments, {@code r} for results): a value cannot make either side read anything else.
   * The coordinator deletes a result's file once read.
   */
  private String referencedText(Object value, char side) throws IOException {
    if (!(value instanceof Map<?, ?> map) || map.size() != 1 || !(map.get(KEY) instanceof Map<?, ?> target)) {
      return null;
    }
    if (target.get("at") instanceof Long position && target.get("bytes") instanceof Long bytes) {
      Object latin1 = target.get("latin1");
      return incoming(side).read(position, bytes, Boolean.TRUE.equals(latin1));
    }
    Object name = target.get("file");
    if (!(name instanceof String file) || !ValueFile.isValueFile(file, prefix + side)) {
      throw problem("an off-line reference must be {\"at\":POSITION,\"bytes\":N} or name a file "
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
      Path path = directory.resolve(prefix + (side == 'a' ? ARGUMENTS_ARENA : RESULTS_ARENA));
      try {
        incoming = ValueArena.open(path);
      } catch (IOException e) {
        throw problem("off-line value in an arena that cannot be mapped: " + e.getMessage());
      }
    }
    return incoming;
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

  /** The worker's end has been seen: nothing more is written for it. */
  private static final class WorkerEndedException extends IOException {
    private static final long serialVersionUID = 1L;

    WorkerEndedException() {
      super("the worker has ended");
    }
  }

  static ProtocolException problem(String message) {
    byte[] text = message.getBytes(StandardCharsets.UTF_8);
    return new ProtocolException(message, text, text.length);
  }

  private final class Input implements MessageInput {
    private final MessageInput in;

    Input(MessageInput in) {
      this.in = in;
    }

    @Override
    public Message read() throws IOException {
      Message message = in.read();
      return message == null ? null : resolve(message);
    }

    @Override
    public boolean hasBuffered() {
      return in.hasBuffered();
    }
  }

  private final class Output implements MessageOutput {
    private final MessageOutput out;

    Output(MessageOutput out) {
      this.out = out;
    }

    @Override
    public void write(Message message) throws IOException {
      out.write(spill(message));
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
