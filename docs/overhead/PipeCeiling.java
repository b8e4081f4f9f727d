// What the pipes alone allow for the 1 MiB echo: the same traffic as `procpool overhead`'s payload
// run (2 worker JVMs, 32 requests of 1 MiB outstanding, each line read whole before it is echoed),
// but fixed-size lines of raw bytes, so nothing is encoded, scanned or decoded. Usage:
//   java docs/overhead/PipeCeiling.java [ROUNDS]     (from the repository's top folder)
import java.io.*;
import java.lang.management.*;
import java.util.*;
import java.util.concurrent.*;
public class PipeCeiling {
  static final int LINE = (1 << 20) + 1, WORKERS = 2, WINDOW = 32, PER_ROUND = 256;
  static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  public static void main(String[] a) throws Exception {
    if (a.length > 0 && a[0].equals("child")) { child(); return; }
    int rounds = a.length > 0 ? Integer.parseInt(a[0]) : 8;
    String java = ProcessHandle.current().info().command().orElse("java");
    String source = new File("docs/overhead/PipeCeiling.java").getAbsolutePath();
    List<Process> children = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      children.add(new ProcessBuilder(java, source, "child").redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }
    byte[] line = new byte[LINE];
    Arrays.fill(line, (byte) 'x');
    line[LINE - 1] = '\n';
    List<Double> rates = new ArrayList<>(), cpus = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      Semaphore window = new Semaphore(WINDOW);
      CountDownLatch done = new CountDownLatch(PER_ROUND);
      List<Thread> readers = new ArrayList<>();
      for (Process child : children) {
        InputStream in = child.getInputStream();
        Thread reader = new Thread(() -> {
          byte[] buffer = new byte[1 << 16];
          try {
            for (int k = 0; k < PER_ROUND / WORKERS; k++) {
              for (int left = LINE; left > 0; ) {
                left -= in.read(buffer, 0, Math.min(buffer.length, left));
              }
              window.release();
              done.countDown();
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
        reader.start();
        readers.add(reader);
      }
      long cpu0 = cpu(children), t0 = System.nanoTime();
      for (int k = 0; k < PER_ROUND; k++) { // one dispatching thread, as in procpool
        window.acquire();
        OutputStream out = children.get(k % WORKERS).getOutputStream();
        out.write(line);
        out.flush();
      }
      done.await();
      long t1 = System.nanoTime(), cpu1 = cpu(children);
      for (Thread reader : readers) reader.join();
      if (r >= 2) {
        rates.add(PER_ROUND / ((t1 - t0) / 1e9));
        cpus.add((cpu1 - cpu0) / 1e3 / PER_ROUND);
      }
    }
    for (Process child : children) child.getOutputStream().close();
    System.out.printf("1 MiB lines echoed through %d JVMs, %d outstanding, no JSON: %.0f MiB/s median (%s),"
        + " CPU %.0f us per echo (all three JVMs; %s)%n", WORKERS, WINDOW, median(rates), rounded(rates), median(cpus),
        rounded(cpus));
  }

  /** Reads each whole line, then writes it back: store and forward, as a worker does. */
  static void child() throws IOException {
    InputStream in = new FileInputStream(FileDescriptor.in);
    OutputStream out = new FileOutputStream(FileDescriptor.out);
    byte[] line = new byte[LINE];
    while (true) {
      for (int got = 0; got < LINE; ) {
        int n = in.read(line, got, Math.min(1 << 16, LINE - got));
        if (n < 0) return;
        got += n;
      }
      for (int sent = 0; sent < LINE; sent += 1 << 16) {
        out.write(line, sent, Math.min(1 << 16, LINE - sent));
      }
    }
  }

  static long cpu(List<Process> children) {
    long total = OS.getProcessCpuTime();
    for (Process child : children) total += child.info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
    return total;
  }

  static String rounded(List<Double> values) {
    StringJoiner joined = new StringJoiner(", ");
    values.forEach(v -> joined.add(String.valueOf(Math.round(v))));
    return joined.toString();
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
