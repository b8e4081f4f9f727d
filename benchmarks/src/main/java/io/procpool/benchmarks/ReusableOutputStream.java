package io.procpool.benchmarks;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * An in-memory sink that keeps its buffer across {@link #reset()}, so an encode benchmark
 * measures the codec rather than allocation of the destination. Unlike
 * {@link java.io.ByteArrayOutputStream} it takes no lock, which would otherwise be counted too.
 */
final class ReusableOutputStream extends OutputStream {
  private byte[] bytes = new byte[1 << 12];
  private int size;

  /** Forgets the content but keeps the capacity. */
  void reset() {
    size = 0;
  }

  int size() {
    return size;
  }

  /** A copy of what was written since the last reset. */
  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  @Override
  public void write(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
  }

  @Override
  public void write(byte[] source, int offset, int length) {
    ensure(length);
    System.arraycopy(source, offset, bytes, size, length);
    size += length;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
