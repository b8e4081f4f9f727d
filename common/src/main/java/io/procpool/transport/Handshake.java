package io.procpool.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * How a worker proves on a socket that the pool started it. The coordinator makes one random
 * secret per pool and writes {@code <secret> <worker-id>\n} as the first line of each worker's
 * stdin (never on its command line, which any local user can read in {@code /proc}). The
 * worker connects and sends that same line as the first bytes on the socket; JSON lines follow.
 * The coordinator compares the secret in constant time and refuses the connection otherwise.
 */
public final class Handshake {
  /** The worker option that names the address to connect to, e.g. {@code --connect unix:/tmp/x/pool.sock}. */
  public static final String CONNECT_OPTION = "--connect";
  /** The longest credentials line either side accepts, newline included. */
  public static final int MAX_LINE_BYTES = 256;
  private static final int SECRET_BYTES = 32;

  private Handshake() {}

  /** A fresh secret: 256 random bits from {@link SecureRandom}, as 64 lowercase hex digits. */
  public static String newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    new SecureRandom().nextBytes(bytes);
    StringBuilder hex = new StringBuilder(2 * bytes.length);
    for (byte b : bytes) {
      hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return hex.toString();
  }

  /** The line (without its newline) that admits one worker. */
  public static String credentials(String secret, String workerId) {
    return secret + " " + workerId;
  }

  /** Whether {@code given} is {@code expected}, in time that does not depend on where they differ. */
  public static boolean secretMatches(String expected, String given) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads one line byte by byte, so that nothing after it is consumed.
   *
   * @return the line without its newline
   * @throws IOException at the end of input or past {@link #MAX_LINE_BYTES}
   */
  public static String readLine(InputStream in) throws IOException {
    byte[] line = new byte[MAX_LINE_BYTES];
    for (int length = 0; length < line.length; length++) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the input ended before a credentials line");
      }
      if (b == '\n') {
        return new String(line, 0, length, StandardCharsets.UTF_8);
      }
      line[length] = (byte) b;
    }
    throw new IOException("credentials line longer than " + MAX_LINE_BYTES + " bytes");
  }
}
