package io.procpool.worker;

import io.procpool.protocol.Codec;
import io.procpool.protocol.LargeValues;
import io.procpool.protocol.Protocol;
import java.nio.file.Path;

/**
 * The worker's command line: {@code [--codec procpool|jackson] [--off-line THRESHOLD DIR PREFIX]
 * [--connect unix:PATH|tcp:HOST:PORT|shm:PATH] [--shm-wait spin|backoff|park] [--max-line BYTES]}. The coordinator
 * adds what differs from the defaults; a worker started with nothing talks over stdin and stdout
 * with procpool's codec and keeps every value on the line.
 */
final class WorkerArguments {
  static final String USAGE = "usage: WorkerMain [--codec procpool|jackson] [--off-line THRESHOLD DIR PREFIX]"
      + " [--connect unix:PATH|tcp:HOST:PORT|shm:PATH] [--shm-wait spin|backoff|park] [--max-line BYTES]";

  final Codec codec;
  /** Off the line: strings longer than this, in files under {@link #offLineDirectory}; 0 for never. */
  final int offLineThreshold;
  final Path offLineDirectory;
  final String offLinePrefix;
  /** Where the coordinator listens, or null for stdin and stdout. */
  final String connect;
  final String shmWait;
  /** The longest line the coordinator reads: no answer may be longer. */
  final int maxLineBytes;

  private WorkerArguments(Codec codec, int offLineThreshold, Path offLineDirectory, String offLinePrefix,
      String connect, String shmWait, int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
    this.connect = connect;
    this.shmWait = shmWait;
    this.codec = codec;
    this.offLineThreshold = offLineThreshold;
    this.offLineDirectory = offLineDirectory;
    this.offLinePrefix = offLinePrefix;
  }

  /** Parses the command line; an {@link IllegalArgumentException} names what is wrong. */
  static WorkerArguments parse(String[] args) {
    Codec codec = Codec.PROCPOOL;
    int threshold = 0;
    Path directory = null;
    String prefix = null;
    String connect = null;
    String shmWait = "backoff";
    int maxLineBytes = Protocol.DEFAULT_MAX_LINE_BYTES;
    int i = 0;
    while (i < args.length) {
      if (args[i].equals("--codec") && i + 1 < args.length) {
        codec = Codec.named(args[i + 1]);
        i += 2;
      } else if (args[i].equals("--off-line") && i + 3 < args.length) {
        threshold = wholeNumber("--off-line", "the threshold", args[i + 1]);
        directory = Path.of(args[i + 2]);
        prefix = args[i + 3];
        if (!prefix.startsWith(LargeValues.FILE_PREFIX) || prefix.indexOf('/') >= 0) {
          throw new IllegalArgumentException("--off-line: the prefix must start with " + LargeValues.FILE_PREFIX
              + " and name no folder, was " + prefix);
        }
        i += 4;
      } else if (args[i].equals("--connect") && i + 1 < args.length) {
        connect = args[i + 1];
        i += 2;
      } else if (args[i].equals("--shm-wait") && i + 1 < args.length) {
        shmWait = args[i + 1];
        i += 2;
      } else if (args[i].equals("--max-line") && i + 1 < args.length) {
        maxLineBytes = wholeNumber("--max-line", "the line's length in bytes", args[i + 1]);
        i += 2;
      } else {
        throw new IllegalArgumentException(USAGE + ", got " + String.join(" ", args));
      }
    }
    return new WorkerArguments(codec, threshold, directory, prefix, connect, shmWait, maxLineBytes);
  }

  /** This worker's side of the off-line values, or null when the coordinator did not offer them. */
  LargeValues offLine(long pid) {
    return offLineThreshold == 0 ? null : LargeValues.worker(offLineDirectory, offLinePrefix, pid, offLineThreshold);
  }

  private static int wholeNumber(String option, String what, String text) {
    try {
      int value = Integer.parseInt(text);
      if (value >= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw new IllegalArgumentException(option + ": " + what + " must be a whole number of at least 1, was " + text);
  }
}
