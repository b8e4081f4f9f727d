package io.procpool.worker;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Takes the process's stdout for the protocol. After {@link #claim()}, {@code System.out}
 * writes to stderr, so task code that prints can never corrupt the channel, and what it
 * prints still reaches the coordinator (which forwards each worker's stderr).
 */
final class ProtocolStreams {
  private ProtocolStreams() {}

  /** Redirects {@code System.out} to stderr and returns the real stdout for protocol use. */
  static OutputStream claim() {
    return claim(new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
  }

  /**
   * Redirects {@code System.out} to {@code stderr} and returns {@code stdout}, buffered, for
   * protocol use; tests pass in-memory streams.
   */
  static OutputStream claim(OutputStream stdout, OutputStream stderr) {
    OutputStream protocol = new BufferedOutputStream(stdout, 1 << 16);
    System.setOut(new PrintStream(stderr, true));
    return protocol;
  }

  static InputStream stdin() {
    return new FileInputStream(FileDescriptor.in);
  }
}
