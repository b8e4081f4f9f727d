// Per-task cost of noop (20000 tasks x 15 after 100000 warm-up), wall and CPU (coordinator + workers). Usage:
//   java -cp procpool.jar docs/overhead/NoopAB.java IN_FLIGHT [CHUNKSIZE] ["WORKER JVM OPTIONS"]
import io.procpool.pool.*;
import io.procpool.process.*;
import java.lang.management.*;
import java.util.*;
import java.util.concurrent.*;
public class NoopAB {
  static com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  static long cpu(ProcessPool pool) {
    long total = os.getProcessCpuTime();
    for (long pid : pool.pids()) total += ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos()).orElse(0L);
    return total;
  }
  public static void main(String[] a) throws Exception {
    int inFlight = Integer.parseInt(a[0]); int chunk = a.length > 1 ? Integer.parseInt(a[1]) : 1;
    List<String> opts = a.length > 2 ? List.of(a[2].split(" ")) : List.of();
    try (ProcessPool pool = ProcessPool.start(ProcessPoolOptions.builder().workers(2).maxInFlight(inFlight).jvmOptions(opts).build())) {
      List<Object> args = new ArrayList<>(); for (long i = 0; i < 20000; i++) args.add(i);
      List<Double> wall = new ArrayList<>();
      long c0 = 0;
      for (int r = 0; r < 20; r++) {
        if (r == 5) c0 = cpu(pool);
        long t0 = System.nanoTime();
        List<CompletableFuture<Execution>> fs = pool.executeAll("noop", args, chunk);
        CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).join();
        if (r >= 5) wall.add((System.nanoTime() - t0) / 1e3 / args.size());
      }
      double cpu = (cpu(pool) - c0) / 1e3 / (args.size() * 15.0);
      Collections.sort(wall);
      System.out.printf("wall min %.2f p25 %.2f p50 %.2f us/task, cpu %.2f us/task%n", wall.get(0), wall.get(wall.size() / 4), wall.get(wall.size() / 2), cpu);
    }
  }
}
