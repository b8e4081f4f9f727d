package io.procpool.protocol;

/**
 * Monotonic-clock readings ({@code System.nanoTime()}) as wall-clock microseconds, the protocol's
 * timestamps: one offset between the two clocks, read again at most once a {@link #REREAD_NANOS}
 * so a long-lived pool follows the wall clock's corrections. Tasks timed one after another then
 * never look as if they overlapped, as they could with an offset read per chunk (a preemption
 * between its two reads skews it). Safe to share between threads.
 */
public final class WallClock {
  static final long REREAD_NANOS = 1_000_000_000L;

  /** The wall clock's microseconds at {@code nanoTime() == 0}, and when that was read. */
  private record Offset(long epochMicrosAtZeroNanos, long readAtNanos) {}

  private volatile Offset offset = read(System.nanoTime());

  public long epochMicrosAt(long nanos) {
    Offset current = offset;
    if (nanos - current.readAtNanos() > REREAD_NANOS) {
      current = read(nanos);
      offset = current;
    }
    return current.epochMicrosAtZeroNanos() + Math.floorDiv(nanos, 1000);
  }

  private static Offset read(long nanos) {
    return new Offset(Clocks.epochMicrosAtZeroNanos(), nanos);
  }
}
