package io.procpool.protocol;

/**
 * What one call produced: a value, or the error it threw. Exactly one of {@code value} (which
 * may itself be JSON null) and {@code error} is meaningful: {@code error != null} means failure.
 *
 * @param value the call's return value as a JSON value (null, Boolean, Long, BigInteger,
 *     Double, String, List, Map)
 * @param error the failure, or null when the call returned
 * @param startedAt when the call started, in microseconds since the epoch (worker clock)
 * @param micros how long the call ran, in microseconds, as the worker measured it
 */
public record Outcome(Object value, RemoteError error, long startedAt, long micros) {

  public static Outcome success(Object value, long startedAt, long micros) {
    return new Outcome(value, null, startedAt, micros);
  }

  public static Outcome failure(RemoteError error, long startedAt, long micros) {
    return new Outcome(null, error, startedAt, micros);
  }

  public boolean failed() {
    return error != null;
  }
}
