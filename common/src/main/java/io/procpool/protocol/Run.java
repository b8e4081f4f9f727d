package io.procpool.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A request to run one task on each argument of a chunk. A chunk of one is an ordinary call;
 * larger chunks are how {@code map(..., chunksize)} saves round trips.
 *
 * @param id identifies the request; the answering {@link Done} carries it back
 * @param task the registered task name
 * @param args one JSON value per call, in order; never empty
 * @param columns whether the answer may come in the columns form of {@link Done}; only for a
 *     worker whose {@link Hello#columns()} said it can (optional on the wire: absent means no)
 */
public record Run(long id, String task, List<Object> args, boolean columns) implements Message {
  public static final String TYPE = "run";

  public Run {
    requireNonNull(task, "task");
    requireNonNull(args, "args");
    if (args.isEmpty()) {
      throw new IllegalArgumentException("a run request needs at least one argument");
    }
  }

  /** A request answered in the classic form. */
  public Run(long id, String task, List<Object> args) {
    this(id, task, args, /* columns= */ false);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
