// Worker spawn-to-ready for several configurations, round-robin pool starts. Usage:
//   java -cp procpool.jar docs/overhead/StartsRR.java ROUNDS "label=WORKER JVM OPTIONS" "label=noarchive:OPTIONS" ...
import io.procpool.pool.*;
import io.procpool.process.*;
import java.util.*;
/** Round-robin start-up comparison: args = rounds, then configs "label=opt opt" (prefix "noarchive:" to disable CDS). */
public class StartsRR {
  public static void main(String[] a) throws Exception {
    int rounds = Integer.parseInt(a[0]);
    List<String> labels = new ArrayList<>(); List<ProcessPoolOptions> options = new ArrayList<>();
    for (int i = 1; i < a.length; i++) {
      String[] kv = a[i].split("=", 2);
      String spec = kv.length > 1 ? kv[1] : "";
      boolean archive = !spec.startsWith("noarchive:");
      if (!archive) spec = spec.substring("noarchive:".length());
      List<String> opts = spec.isBlank() ? List.of() : List.of(spec.trim().split(" "));
      labels.add(kv[0]);
      options.add(ProcessPoolOptions.builder().workers(2).workerArchive(archive).jvmOptions(opts).build());
    }
    for (ProcessPoolOptions o : options) { try (ProcessPool p = ProcessPool.start(o)) {} }
    Thread.sleep(4000); // archives build in the background
    for (ProcessPoolOptions o : options) { try (ProcessPool p = ProcessPool.start(o)) {} }
    Thread.sleep(2000);
    Map<String, List<Double>> s2r = new LinkedHashMap<>(), jvm = new LinkedHashMap<>(), init = new LinkedHashMap<>();
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < options.size(); i++) {
        try (ProcessPool p = ProcessPool.start(options.get(i))) {
          for (WorkerStartup s : p.startups()) {
            s2r.computeIfAbsent(labels.get(i), k -> new ArrayList<>()).add(s.spawnToReadyMicros() / 1e3);
            jvm.computeIfAbsent(labels.get(i), k -> new ArrayList<>()).add(s.jvmMicros() / 1e3);
            init.computeIfAbsent(labels.get(i), k -> new ArrayList<>()).add(s.initMicros() / 1e3);
          }
        }
      }
    }
    for (String l : labels) System.out.printf("%-22s spawn-to-ready p50 %6.1f ms (jvm %6.1f, procpool %5.1f) n=%d%n", l, med(s2r.get(l)), med(jvm.get(l)), med(init.get(l)), s2r.get(l).size());
  }
  static double med(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); return s.get(s.size() / 2); }
}
