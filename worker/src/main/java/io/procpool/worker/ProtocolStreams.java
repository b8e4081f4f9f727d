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
    OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    return stdout;
  }

  static InputStream stdin() {
    return new FileInputStream(FileDescriptor.in);
  }
}
