package io.procpool.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The answer to one {@link Run}: one outcome per argument, in the request's order.
 *
 * @param id the id of the request answered
 * @param thread name of the worker thread that ran the calls
 * @param results one outcome per argument of the request
 * @param columns whether it answers a {@link Run} that asked for the columns form (when writing)
 *     or came in that form (when read): one array each of values, start times and durations
 *     instead of an object per outcome, a fifth of the text for a chunk of small results
 */
public record Done(long id, String thread, List<Outcome> results, boolean columns) implements Message {
  public static final String TYPE = "done";

  public Done {
    requireNonNull(thread, "thread");
    results = List.copyOf(results);
  }

  /** An answer in the classic form: an object per outcome. */
  public Done(long id, String thread, List<Outcome> results) {
    this(id, thread, results, /* columns= */ false);
  }

  /**
   * Whether writers send it in the columns form: asked for, and every call returned (the form
   * has no place for an error, so an answer with one goes in the classic form).
   */
  public boolean writtenInColumns() {
    if (!columns) {
      return false;
    }
    for (Outcome outcome : results) {
      if (outcome.failed()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String type() {
    return TYPE;
  }
}
