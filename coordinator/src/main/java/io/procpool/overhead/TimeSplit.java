package io.procpool.overhead;

/**
 * Where the median noop round trip goes. Encode, decode and compute are measured; transit
 * (pipe writes and reads, and the thread hand-offs on both sides) is what remains.
 */
public record TimeSplit(double roundTripMicros, double encodeMicros, double decodeMicros, double computeMicros,
    double transitMicros) {

  public static TimeSplit of(RoundTripFigures roundTrip, CodecFigures codec) {
    double total = roundTrip.latency().p50();
    double compute = roundTrip.computeMicrosP50();
    double rest = total - codec.encodeMicros() - codec.decodeMicros() - compute;
    return new TimeSplit(total, codec.encodeMicros(), codec.decodeMicros(), compute, Math.max(0, rest));
  }
}
