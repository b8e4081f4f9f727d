package io.procpool.overhead;

/**
 * The codec's cost for the messages of one noop round trip, measured in this JVM.
 *
 * @param encodeRunMicros writing the request (coordinator side)
 * @param decodeRunMicros reading the request (worker side)
 * @param encodeDoneMicros writing the answer (worker side)
 * @param decodeDoneMicros reading the answer (coordinator side)
 * @param messages how many messages of each kind were timed
 */
public record CodecFigures(double encodeRunMicros, double decodeRunMicros, double encodeDoneMicros,
    double decodeDoneMicros, int messages) {

  public double encodeMicros() {
    return encodeRunMicros + encodeDoneMicros;
  }

  public double decodeMicros() {
    return decodeRunMicros + decodeDoneMicros;
  }
}
