package io.procpool.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
 *
 * <p>This class chooses which values of which messages leave the line and puts them back; its
 * {@link OffLineStore} writes and reads them and deletes their files.
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

  private final int threshold;
  private final boolean coordinator;
  /** On the coordinator, set by the worker's hello; a worker that says nothing gets lines. */
  private volatile boolean enabled;
  /** Where this worker's values off the line are kept, and when their files go. */
  private final OffLineStore store;

  private LargeValues(Path directory, String prefix, int threshold, boolean coordinator) {
    if (threshold < (coordinator ? 0 : 1)) {
      throw new IllegalArgumentException("threshold must be at least " + (coordinator ? 0 : 1) + ", was " + threshold);
    }
    this.threshold = threshold;
    this.coordinator = coordinator;
    this.enabled = !coordinator; // a worker is only given one when it may say so
    this.store = new OffLineStore(directory, prefix, coordinator);
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
  LargeValues arenaCapacity(int bytes) {
    store.arenaCapacity(bytes);
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
  public void deleteAll() {
    store.deleteAll();
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
          args.set(i, store.offLine(text, run.id()));
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
          results.set(i, new Outcome(store.offLine(text, done.id()), null, outcome.startedAt(), outcome.micros()));
        }
      }
      return results == null ? done : new Done(done.id(), done.thread(), results, done.columns());
    }
    return message;
  }

  /** The worker's arguments in, or the coordinator's results in. */
  private Message resolve(Message message) throws IOException {
    if (coordinator && message instanceof Hello hello) {
      enabled = hello.offLine() && threshold > 0;
    } else if (coordinator && enabled && message instanceof Done done) {
      // Not enabled: a value that looks like a reference is the task's own value, not a file.
      store.answered(done.id());
      List<Outcome> results = null;
      for (int i = 0; i < done.results().size(); i++) {
        Outcome outcome = done.results().get(i);
        String text = store.referencedText(outcome.value(), 'r');
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
        String text = store.referencedText(run.args().get(i), 'a');
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
