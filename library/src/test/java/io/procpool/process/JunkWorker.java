package io.procpool.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A broken worker for tests: a proper hello, then junk on stdout for every request it reads,
 * as a native library writing to file descriptor 1 would. Exits at the end of its input.
 */
public final class JunkWorker {
  /** What it writes instead of an answer; a control byte shows how bytes are quoted. */
  static final String JUNK = "JUNK\u0007 from a worker that forgot the protocol";

  private JunkWorker() {}

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println("{\"type\":\"hello\",\"protocol\":1,\"pid\":" + ProcessHandle.current().pid()
        + ",\"runtime\":\"junk\",\"inFlight\":1}");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    while (in.readLine() != null) {
      out.println(JUNK);
    }
  }
}
