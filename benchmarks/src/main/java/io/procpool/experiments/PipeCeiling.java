package io.procpool.experiments;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * What the pipes alone allow for the 1 MiB echo: the same traffic as {@code overhead}'s payload
 * run (2 child JVMs, 32 requests of 1 MiB outstanding, each line read whole before it is echoed),
 * but fixed-size lines of raw bytes, so nothing is encoded, scanned or decoded. Arguments:
 * {@code [ROUNDS]} (default 8, the first 2 not counted).
 */
public final class PipeCeiling {
  private static final int LINE = (1 << 20) + 1;
  private static final int CHILDREN = 2;
  private static final int WINDOW = 32;
  private static final int PER_ROUND = 256;
  private static final String CHILD = "child";

  private PipeCeiling() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals(CHILD)) {
      echoLines();
      return;
    }
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    String java = ProcessHandle.current().info().command().orElse("java");
    List<Process> children = new ArrayList<>();
    for (int i = 0; i < CHILDREN; i++) {
      children.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PipeCeiling.class.getName(), CHILD)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start());
    }
    List<Long> pids = children.stream().map(Process::pid).toList();
    byte[] line = new byte[LINE];
    Arrays.fill(line, (byte) 'x');
    line[LINE - 1] = '\n';
    List<Double> mibPerSecond = new ArrayList<>();
    List<Double> cpuMicros = new ArrayList<>();
    try {
      for (int round = 0; round < rounds; round++) {
        Semaphore window = new Semaphore(WINDOW);
        CountDownLatch done = new CountDownLatch(PER_ROUND);
        List<Thread> readers = new ArrayList<>();
        for (Process child : children) {
          Thread reader = new Thread(() -> readLines(child.getInputStream(), window, done));
          reader.start();
          readers.add(reader);
        }
        long cpuBefore = CpuTime.ofThisAnd(pids);
        long start = System.nanoTime();
        for (int k = 0; k < PER_ROUND; k++) { // one dispatching thread, as in procpool
          window.acquire();
          OutputStream out = children.get(k % CHILDREN).getOutputStream();
          out.write(line);
          out.flush();
        }
        done.await();
        long nanos = System.nanoTime() - start;
        long cpuAfter = CpuTime.ofThisAnd(pids);
        for (Thread reader : readers) {
          reader.join();
        }
        if (round >= 2) {
          mibPerSecond.add(PER_ROUND / (nanos / 1e9));
          cpuMicros.add((cpuAfter - cpuBefore) / 1e3 / PER_ROUND);
        }
      }
    } finally {
      for (Process child : children) {
        child.getOutputStream().close();
        child.waitFor();
      }
    }
    System.out.printf("1 MiB lines echoed through %d JVMs, %d outstanding, no JSON: %.0f MiB/s median (%s),"
            + " CPU %.0f us per echo (all three JVMs; %s)%n", CHILDREN, WINDOW, Medians.of(mibPerSecond),
        Medians.rounded(mibPerSecond), Medians.of(cpuMicros), Medians.rounded(cpuMicros));
  }

  /** Reads this round's share of whole lines from one child, opening the window after each. */
  private static void readLines(InputStream in, Semaphore window, CountDownLatch done) {
    byte[] buffer = new byte[1 << 16];
    try {
      for (int k = 0; k < PER_ROUND / CHILDREN; k++) {
        for (int left = LINE; left > 0; ) {
          int read = in.read(buffer, 0, Math.min(buffer.length, left));
          if (read < 0) {
            throw new IOException("a child ended early");
          }
          left -= read;
        }
        window.release();
        done.countDown();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The child: reads each whole line, then writes it back, store and forward as a worker does. */
  private static void echoLines() throws IOException {
    InputStream in = new FileInputStream(FileDescriptor.in);
    OutputStream out = new FileOutputStream(FileDescriptor.out);
    byte[] line = new byte[LINE];
    while (true) {
      for (int got = 0; got < LINE; ) {
        int read = in.read(line, got, Math.min(1 << 16, LINE - got));
        if (read < 0) {
          return;
        }
        got += read;
      }
      for (int sent = 0; sent < LINE; sent += 1 << 16) {
        out.write(line, sent, Math.min(1 << 16, LINE - sent));
      }
    }
  }
}
