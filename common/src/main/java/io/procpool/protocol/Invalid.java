package io.procpool.protocol;

import static java.util.Objects.requireNonNull;

/**
 * A worker's last word when it read a line it could not understand. The worker exits right
 * after writing it, because a request it could not parse can never be answered.
 *
 * @param message what was wrong with the line
 * @param line the offending line for humans: for a line that does not parse, the Java worker
 *     sends {@link ProtocolException#excerpt()} (its first {@link Protocol#EXCERPT_CHARS} bytes,
 *     quoted); for a message of the wrong type, the message
 */
public record Invalid(String message, String line) implements Message {
  public static final String TYPE = "invalid";

  public Invalid {
    requireNonNull(message, "message");
    requireNonNull(line, "line");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
