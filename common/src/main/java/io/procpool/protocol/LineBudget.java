package io.procpool.protocol;

import java.util.Arrays;
import java.util.Map;

/**
 * What is left of one protocol line for its values. A worker takes each result's room before it
 * answers, so that a result too large for the coordinator to read fails alone, as that task's
 * error; a coordinator takes each argument's before it sends a {@code run}, so that a call too
 * large for the worker fails where it is made. Sent anyway, the line would break the channel, and
 * the worker would be killed and the task retried, only to fail again. Sizes are counted as
 * {@link MessageWriter} writes them: at most six bytes a character first, exactly only when that
 * bound does not fit.
 */
public final class LineBudget {
  /** Room kept for the done's own members and the newline. */
  static final int ENVELOPE_BYTES = 1024;
  /** Room for one outcome's members around its value: {@code startedAt}, {@code micros}, braces. */
  static final int OUTCOME_BYTES = 96;
  /** A string sent off the line leaves a reference of about this size on it. */
  static final int REFERENCE_BYTES = 128;
  /** Any number, boolean or null. */
  private static final int SCALAR_BYTES = 32;

  private final long lineBytes;
  private final int offLineThreshold;
  /** What the values are, for messages: "result" or "argument". */
  private final String what;
  private long left;

  private LineBudget(long lineBytes, int offLineThreshold, String what) {
    this.lineBytes = lineBytes;
    this.offLineThreshold = offLineThreshold;
    this.what = what;
    this.left = lineBytes - ENVELOPE_BYTES;
  }

  /**
   * A worker's budget for the results of one {@code done}.
   *
   * @param lineBytes the longest line the coordinator reads
   * @param offLineThreshold strings longer than this travel off the line; 0 when none do
   */
  public static LineBudget forResults(long lineBytes, int offLineThreshold) {
    return new LineBudget(lineBytes, offLineThreshold, "result");
  }

  /**
   * A coordinator's budget for the arguments of one {@code run} of {@code task}: checked before
   * anything is sent, so that a call too large for the worker's line fails when it is made.
   *
   * @param lineBytes the longest line the worker reads
   */
  public static LineBudget forArguments(String task, long lineBytes, int offLineThreshold) {
    LineBudget budget = new LineBudget(lineBytes, offLineThreshold, "argument");
    long name = budget.size(task, budget.left);
    if (name > budget.left) { // a lambda's captured values travel in the task's name
      throw new IllegalArgumentException("the task's name (with a lambda's captured values) is " + name + " bytes of"
          + " JSON, more than one protocol line holds (" + lineBytes + " bytes): capture less");
    }
    budget.left -= name;
    return budget;
  }

  /**
   * Takes one value's room.
   *
   * @throws IllegalArgumentException naming the value's size and the line's, when it does not fit
   */
  public void take(Object value) {
    long valueBytes = size(value, left - OUTCOME_BYTES);
    if (OUTCOME_BYTES + valueBytes <= left) {
      left -= OUTCOME_BYTES + valueBytes;
      return;
    }
    String less = what.equals("result") ? "return less" : "send less";
    String advice = "let long strings travel off the line (ProcessPoolOptions.offLineThreshold, --off-line-threshold)";
    if (OUTCOME_BYTES + valueBytes > lineBytes - ENVELOPE_BYTES) { // too large alone
      throw new IllegalArgumentException("the " + what + " is " + valueBytes + " bytes of JSON, more than one protocol"
          + " line holds (" + lineBytes + " bytes): " + less + ", or " + advice);
    }
    throw new IllegalArgumentException("the " + what + " is " + valueBytes + " bytes of JSON, more than the "
        + Math.max(0, left - OUTCOME_BYTES) + " bytes the " + what + "s before it in its chunk left of one protocol"
        + " line (" + lineBytes + " bytes): use a smaller chunksize, " + less + ", or " + advice);
  }

  /** Takes a failed outcome's room, as far as there is any: a failure is sent in any case. */
  public void take(RemoteError error) {
    left -= OUTCOME_BYTES + bytes(error.exception(), true) + bytes(error.message(), true) + bytes(error.trace(), true);
  }

  /** The value's size as JSON: at most, where that fits in {@code room}, else exactly. */
  private long size(Object value, long room) {
    long bound = bytes(value, false);
    return bound <= room ? bound : bytes(value, true);
  }

  /** The value's size as JSON: exactly, or at most ({@code exact} false, without reading strings). */
  private long bytes(Object value, boolean exact) {
    if (value == null || value instanceof Long || value instanceof Integer || value instanceof Double
        || value instanceof Boolean) {
      return SCALAR_BYTES; // the common results first, by their final classes
    }
    if (value instanceof String text) {
      if (offLineThreshold > 0 && text.length() > offLineThreshold) {
        return REFERENCE_BYTES;
      }
      return exact ? JsonWriter.stringBytes(text) : 6L * text.length() + 2;
    }
    if (value instanceof Map<?, ?> map) {
      long total = 1; // braces and the commas between entries: one more than the entries
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        total += bytes(String.valueOf(entry.getKey()), exact) + 1 + bytes(entry.getValue(), exact) + 1;
      }
      return Math.max(2, total);
    }
    if (value instanceof Object[] items) {
      return bytes(Arrays.asList(items), exact);
    }
    if (value instanceof Iterable<?> items) {
      long total = 1; // brackets and the commas between items: one more than the items
      for (Object item : items) {
        total += bytes(item, exact) + 1;
      }
      return Math.max(2, total);
    }
    if (value instanceof Number) {
      return Math.max(SCALAR_BYTES, value.toString().length()); // BigInteger, BigDecimal: their digits
    }
    return bytes(value.toString(), exact); // as the writer sends any other object: its text
  }
}
