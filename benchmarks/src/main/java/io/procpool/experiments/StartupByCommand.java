package io.procpool.experiments;

import io.procpool.pool.ProcessPoolOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Worker spawn-to-ready for explicit worker commands (for example one per garbage collector),
 * pools of 2 started round-robin after one unrecorded round. Arguments:
 * {@code ROUNDS "label=/path/to/java OPTIONS -cp JAR io.procpool.worker.WorkerMain" ...}.
 */
public final class StartupByCommand {
  private StartupByCommand() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: StartupByCommand ROUNDS \"label=JAVA OPTIONS -cp JAR io.procpool.worker.WorkerMain\" ...");
      System.exit(2);
    }
    Map<String, ProcessPoolOptions> setUps = new LinkedHashMap<>();
    for (String argument : List.of(args).subList(1, args.length)) {
      LabelledSpec spec = LabelledSpec.parse(argument);
      setUps.put(spec.label(), ProcessPoolOptions.builder().workers(2).workerCommand(spec.words()).build());
    }
    StartupRounds rounds = new StartupRounds(setUps);
    rounds.warmUp();
    rounds.measure(Integer.parseInt(args[0]));
    rounds.print();
  }
}
