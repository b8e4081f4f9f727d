// Worker spawn-to-ready for explicit worker commands (e.g. different collectors), round-robin. Usage:
//   java -cp procpool.jar docs/overhead/StartsCmd.java ROUNDS "label=/path/to/java OPTIONS -cp JAR io.procpool.worker.WorkerMain" ...
import io.procpool.pool.*;
import io.procpool.process.*;
import java.util.*;
/** Round-robin start-up of explicit worker commands: args = rounds, then "label=full command". */
public class StartsCmd {
  public static void main(String[] a) throws Exception {
    int rounds = Integer.parseInt(a[0]);
    List<String> labels = new ArrayList<>(); List<ProcessPoolOptions> options = new ArrayList<>();
    for (int i = 1; i < a.length; i++) {
      String[] kv = a[i].split("=", 2);
      labels.add(kv[0]);
      options.add(ProcessPoolOptions.builder().workers(2).workerCommand(List.of(kv[1].trim().split(" "))).build());
    }
    Map<String, List<Double>> s2r = new LinkedHashMap<>(), init = new LinkedHashMap<>();
    for (int r = 0; r < rounds + 1; r++) {
      for (int i = 0; i < options.size(); i++) {
        try (ProcessPool p = ProcessPool.start(options.get(i))) {
          if (r == 0) continue;
          for (WorkerStartup s : p.startups()) {
            s2r.computeIfAbsent(labels.get(i), k -> new ArrayList<>()).add(s.spawnToReadyMicros() / 1e3);
            init.computeIfAbsent(labels.get(i), k -> new ArrayList<>()).add(s.initMicros() / 1e3);
          }
        }
      }
    }
    for (String l : labels) System.out.printf("%-22s spawn-to-ready p50 %6.1f ms (procpool %5.1f) n=%d%n", l, med(s2r.get(l)), med(init.get(l)), s2r.get(l).size());
  }
  static double med(List<Double> v) { List<Double> s = new ArrayList<>(v); Collections.sort(s); return s.get(s.size() / 2); }
}
