// One-in-flight noop round trips, pools side by side in one JVM, measured round-robin. Usage:
//   java -cp procpool.jar docs/overhead/RtAB.java "label=WORKER JVM OPTIONS" ...
import io.procpool.pool.*;
import io.procpool.process.*;
import java.lang.management.*;
import java.util.*;
public class RtAB {
  static com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  static long cpu(ProcessPool pool) {
    long total = os.getProcessCpuTime();
    for (long pid : pool.pids()) total += ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos()).orElse(0L);
    return total;
  }
  public static void main(String[] a) throws Exception {
    List<String> labels = new ArrayList<>(); List<ProcessPool> pools = new ArrayList<>();
    for (String spec : a) {
      String[] kv = spec.split("=", 2);
      labels.add(kv[0]);
      pools.add(ProcessPool.start(ProcessPoolOptions.builder().workers(2).jvmOptions(kv.length > 1 && !kv[1].isBlank() ? List.of(kv[1].split(" ")) : List.of()).build()));
    }
    for (ProcessPool p : pools) for (int i = 0; i < 20000; i++) p.execute("noop", (long) i).join();
    Map<String, List<Long>> samples = new LinkedHashMap<>(); Map<String, Long> cpus = new LinkedHashMap<>();
    for (int round = 0; round < 20; round++) {
      for (int k = 0; k < pools.size(); k++) {
        ProcessPool p = pools.get(k);
        long c0 = cpu(p);
        List<Long> s = samples.computeIfAbsent(labels.get(k), x -> new ArrayList<>());
        for (int i = 0; i < 1000; i++) { long t0 = System.nanoTime(); p.execute("noop", (long) i).join(); s.add(System.nanoTime() - t0); }
        cpus.merge(labels.get(k), cpu(p) - c0, Long::sum);
      }
    }
    for (String l : labels) {
      List<Long> s = samples.get(l); Collections.sort(s);
      System.out.printf("%-14s p50 %5.1f us  p90 %5.1f us  p99 %6.1f us  cpu %5.1f us/rt%n", l, s.get(s.size()/2)/1e3, s.get(s.size()*9/10)/1e3, s.get(s.size()*99/100)/1e3, cpus.get(l) / 1e3 / s.size());
    }
    pools.forEach(ProcessPool::close);
  }
}
