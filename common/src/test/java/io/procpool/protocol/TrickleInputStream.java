package io.procpool.protocol;

import java.io.InputStream;
import java.util.Random;
import java.util.function.IntSupplier;

/** Hands out its bytes a few at a time, as a pipe does, so readers meet lines cut anywhere. */
final class TrickleInputStream extends InputStream {
  private final byte[] bytes;
  private final IntSupplier step;
  private int position;

  private TrickleInputStream(byte[] bytes, IntSupplier step) {
    this.bytes = bytes;
    this.step = step;
  }

  /** At most {@code step} bytes per read. */
  static TrickleInputStream steps(byte[] bytes, int step) {
    return new TrickleInputStream(bytes, () -> step);
  }

  /** Between 1 and {@code maxStep} bytes per read, at random. */
  static TrickleInputStream randomSteps(byte[] bytes, Random random, int maxStep) {
    return new TrickleInputStream(bytes, () -> 1 + random.nextInt(maxStep));
  }

  @Override
  public int read() {
    return position < bytes.length ? bytes[position++] & 0xff : -1;
  }

  @Override
  public int read(byte[] target, int offset, int length) {
    if (position >= bytes.length) {
      return -1;
    }
    int n = Math.min(Math.min(length, step.getAsInt()), bytes.length - position);
    System.arraycopy(bytes, position, target, offset, n);
    position += n;
    return n;
  }
}
