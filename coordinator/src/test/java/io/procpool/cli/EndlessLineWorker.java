package io.procpool.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A broken worker for tests: a proper hello, then, in answer to the first request, the start of
 * a done message whose string value never ends: one endless line with no newline. It stops
 * only when its stdout can no longer be written (the coordinator killed it or went away).
 */
public final class EndlessLineWorker {
  private EndlessLineWorker() {}

  public static void main(String[] args) throws IOException {
    OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    out.write(("{\"type\":\"hello\",\"protocol\":1,\"pid\":" + ProcessHandle.current().pid() + "}\n")
        .getBytes(StandardCharsets.UTF_8));
    out.flush();
    int b;
    do {
      b = System.in.read();
    } while (b != '\n' && b != -1);
    if (b == -1) {
      return; // no request came: end of input at shutdown
    }
    out.write("{\"type\":\"done\",\"id\":1,\"results\":[{\"value\":\"".getBytes(StandardCharsets.UTF_8));
    byte[] more = new byte[1 << 16];
    Arrays.fill(more, (byte) 'x');
    while (true) {
      out.write(more);
    }
  }
}
