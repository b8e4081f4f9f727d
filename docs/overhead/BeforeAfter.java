// Before/after with each build's defaults, using only API every build has. Usage:
//   java -cp BUILD/procpool.jar docs/overhead/BeforeAfter.java
import io.procpool.pool.*;
import io.procpool.process.*;
import java.util.*;
import java.util.concurrent.*;
/** Before/after with each build's defaults and only API the first build had: 2 workers. */
public class BeforeAfter {
  static ProcessPool start() { return ProcessPool.start(ProcessPoolOptions.builder().workers(2).stderr(s -> {}).build()); }
  static double med(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); return s.get(s.size() / 2); }
  public static void main(String[] a) throws Exception {
    try (ProcessPool p = start()) { p.execute("noop", 1L).join(); }
    Thread.sleep(5000); // a build with a class-data archive makes it now
    List<Double> s2r = new ArrayList<>();
    for (int i = 0; i < 10; i++) try (ProcessPool p = start()) { for (WorkerStartup s : p.startups()) s2r.add(s.spawnToReadyMicros() / 1e3); }
    try (ProcessPool pool = start()) {
      for (int i = 0; i < 20000; i++) pool.execute("noop", (long) i).join();
      List<Double> rt = new ArrayList<>();
      for (int i = 0; i < 20000; i++) { long t0 = System.nanoTime(); pool.execute("noop", (long) i).join(); rt.add((System.nanoTime() - t0) / 1e3); }
      List<Object> args = new ArrayList<>(); for (long i = 0; i < 20000; i++) args.add(i);
      List<Double> perTask = new ArrayList<>();
      for (int r = 0; r < 8; r++) {
        long t0 = System.nanoTime();
        List<CompletableFuture<Execution>> fs = pool.executeAll("noop", args, 1);
        CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).join();
        if (r >= 5) perTask.add((System.nanoTime() - t0) / 1e3 / args.size());
      }
      String payload = "x".repeat(1 << 20);
      List<Double> mib = new ArrayList<>();
      for (int r = 0; r < 4; r++) {
        Semaphore window = new Semaphore(32);
        CountDownLatch done = new CountDownLatch(128);
        long t0 = System.nanoTime();
        for (int i = 0; i < 128; i++) { window.acquire(); pool.execute("echo", payload).whenComplete((e, x) -> { window.release(); done.countDown(); }); }
        done.await();
        if (r >= 1) mib.add(128 / ((System.nanoTime() - t0) / 1e9));
      }
      System.out.printf("spawn-to-ready p50 %.1f ms | round trip p50 %.1f us | noop per task %.2f us | 1 MiB echo %.0f MiB/s%n", med(s2r), med(rt), med(perTask), med(mib));
    }
  }
}
