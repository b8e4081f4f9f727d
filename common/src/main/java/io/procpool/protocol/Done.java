package io.procpool.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The answer to one {@link Run}: one outcome per argument, in the request's order.
 *
 * @param id the id of the request answered
 * @param thread name of the worker thread that ran the calls
 * @param results one outcome per argument of the request
 */
public record Done(long id, String thread, List<Outcome> results) implements Message {
  public static final String TYPE = "done";

  public Done {
    requireNonNull(thread, "thread");
    results = List.copyOf(results);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
