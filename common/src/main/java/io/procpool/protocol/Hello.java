package io.procpool.protocol;

import static java.util.Objects.requireNonNull;

/**
 * The first line a worker writes: who it is and how long it took to become ready.
 *
 * @param protocol protocol version the worker speaks, {@link Protocol#VERSION}
 * @param pid the worker's operating-system process id
 * @param runtime language runtime and version, e.g. {@code "java 17.0.15"}
 * @param inFlight how many requests the worker accepts before answering the first; 1 means
 *     strictly one at a time
 * @param initMicros time from the worker's entry point to ready, in microseconds
 * @param readyAt wall-clock time when the worker became ready, in microseconds since the epoch
 * @param offLine whether the worker takes and gives large strings off the line, through shared
 *     memory named by a {@link LargeValues} reference (optional on the wire: absent means no)
 * @param columns whether the worker answers a {@link Run} that asks for it in the columns form
 *     of {@link Done} (optional on the wire: absent means no)
 */
public record Hello(int protocol, long pid, String runtime, int inFlight, long initMicros, long readyAt,
    boolean offLine, boolean columns) implements Message {
  public static final String TYPE = "hello";

  public Hello {
    requireNonNull(runtime, "runtime");
    if (inFlight < 1) {
      throw new IllegalArgumentException("inFlight must be at least 1, was " + inFlight);
    }
  }

  /** A hello without the off-line capability, as every worker said before it existed. */
  public Hello(int protocol, long pid, String runtime, int inFlight, long initMicros, long readyAt) {
    this(protocol, pid, runtime, inFlight, initMicros, readyAt, /* offLine= */ false);
  }

  /** A hello without the columns capability, as every worker said before it existed. */
  public Hello(int protocol, long pid, String runtime, int inFlight, long initMicros, long readyAt,
      boolean offLine) {
    this(protocol, pid, runtime, inFlight, initMicros, readyAt, offLine, /* columns= */ false);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
