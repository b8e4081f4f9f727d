package io.procpool.task;

import io.procpool.protocol.Protocol;

/** Returns its argument; {@code --size N} makes it a string of N bytes, to measure payload cost. */
public final class Echo implements Task {
  @Override
  public String name() {
    return "echo";
  }

  @Override
  public String description() {
    return "returns its argument; --size N sends a string of N bytes";
  }

  @Override
  public Object run(Object argument) {
    return argument;
  }

  /**
   * The largest size: the string, with the answer's envelope around it, must fit in one
   * protocol line. Larger ones are refused before anything is allocated.
   */
  public static final long MAX_SIZE = Protocol.DEFAULT_MAX_LINE_BYTES - 1024;

  /** {@inheritDoc} The string goes out and comes back: a byte a character each way. */
  @Override
  public long payloadBytes(long size) {
    return 2 * size;
  }

  @Override
  public Object argumentForSize(long size) {
    if (size > MAX_SIZE) {
      throw new IllegalArgumentException("echo's size is at most " + MAX_SIZE
          + " bytes (a protocol line holds 256 MiB), was " + size);
    }
    return "x".repeat(Math.toIntExact(size));
  }

  /** {@inheritDoc} Default: a 1 KiB string. */
  @Override
  public long defaultSize() {
    return 1024;
  }
}
