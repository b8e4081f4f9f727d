// Noop per-task cost, round trip and windowed 1 MiB echo, with CPU per task (coordinator + workers). Usage:
//   java -cp procpool.jar docs/overhead/Lever.java IN_FLIGHT [noop|rt|payload|all] ["WORKER JVM OPTIONS"]
import io.procpool.pool.*;
import io.procpool.process.*;
import java.lang.management.*;
import java.util.*;
import java.util.concurrent.*;
/** Wall and CPU per task (coordinator + workers) for a few workloads. */
public class Lever {
  static com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  static long cpu(ProcessPool pool) {
    long total = os.getProcessCpuTime();
    for (long pid : pool.pids()) total += ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos()).orElse(0L);
    return total;
  }
  public static void main(String[] a) throws Exception {
    int inFlight = Integer.parseInt(a[0]);
    String what = a.length > 1 ? a[1] : "all";
    List<String> opts = a.length > 2 ? List.of(a[2].split(" ")) : List.of();
    try (ProcessPool pool = ProcessPool.start(ProcessPoolOptions.builder().workers(2).maxInFlight(inFlight).jvmOptions(opts).build())) {
      if (what.equals("all") || what.equals("noop")) {
        List<Object> args = new ArrayList<>(); for (long i = 0; i < 20000; i++) args.add(i);
        List<Double> wall = new ArrayList<>(), cpu = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
          long c0 = cpu(pool), t0 = System.nanoTime();
          List<CompletableFuture<Execution>> fs = pool.executeAll("noop", args, 1);
          CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).join();
          long t1 = System.nanoTime(), c1 = cpu(pool);
          if (r >= 2) { wall.add((t1 - t0) / 1e3 / args.size()); cpu.add((c1 - c0) / 1e3 / args.size()); }
        }
        System.out.printf("noop c1: wall %.2f us/task, cpu %.2f us/task%n", med(wall), med(cpu));
      }
      if (what.equals("all") || what.equals("rt")) {
        long[] t = new long[8000];
        for (int i = 0; i < 4000; i++) pool.execute("noop", (long) i).join();
        long c0 = cpu(pool);
        for (int i = 0; i < t.length; i++) { long t0 = System.nanoTime(); pool.execute("noop", (long) i).join(); t[i] = System.nanoTime() - t0; }
        long c1 = cpu(pool);
        Arrays.sort(t);
        System.out.printf("round trip: p50 %.1f us p90 %.1f us, cpu %.1f us/rt%n", t[t.length/2]/1e3, t[t.length*9/10]/1e3, (c1 - c0) / 1e3 / t.length);
      }
      if (what.equals("all") || what.equals("payload")) {
        String arg = "x".repeat(1 << 20);
        int n = 150;
        List<Double> wall = new ArrayList<>(), cpu = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
          Semaphore window = new Semaphore(4 * 2 * Math.max(2, Math.min(inFlight, 8)));
          CountDownLatch done = new CountDownLatch(n);
          long c0 = cpu(pool), t0 = System.nanoTime();
          for (int i = 0; i < n; i++) { window.acquire(); pool.execute("echo", arg).whenComplete((e, x) -> { window.release(); done.countDown(); }); }
          done.await();
          long t1 = System.nanoTime(), c1 = cpu(pool);
          if (r >= 1) { wall.add((double) n / ((t1 - t0) / 1e9)); cpu.add((c1 - c0) / 1e3 / n); }
        }
        System.out.printf("payload 1MiB: %.0f MiB/s, cpu %.0f us/task%n", med(wall), med(cpu));
      }
    }
  }
  static double med(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); return s.get(s.size() / 2); }
}
