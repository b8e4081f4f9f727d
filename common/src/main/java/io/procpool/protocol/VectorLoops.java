package io.procpool.protocol;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ByteScan}'s loops with the Vector API. Loaded only when {@link VectorScans#enabled()}:
 * elsewhere the module, and so every class named here, is missing.
 */
final class VectorLoops {
  /** A constant, as C2 needs to compile vector operations to vector instructions. */
  private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;

  private VectorLoops() {}

  /** As {@code Words.skipPlainString}: the start of the first vector that may hold a stop byte. */
  static int skipPlainString(byte[] bytes, int from, int to) {
    int step = SPECIES.length();
    int i = from;
    for (; i + step <= to; i += step) {
      ByteVector chunk = ByteVector.fromArray(SPECIES, bytes, i);
      // A signed comparison: bytes from 0x80 up are negative, so "below 0x20" finds non-ASCII too.
      if (chunk.lt((byte) 0x20).or(chunk.eq((byte) '"')).or(chunk.eq((byte) '\\')).anyTrue()) {
        break;
      }
    }
    return i;
  }
}
