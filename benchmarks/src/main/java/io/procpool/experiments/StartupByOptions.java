package io.procpool.experiments;

import io.procpool.pool.ProcessPoolOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Worker spawn-to-ready for several sets of worker JVM options, pools of 2 started round-robin
 * once each set-up's class-data archive is built. Arguments:
 * {@code ROUNDS "label=WORKER JVM OPTIONS" "label=noarchive:OPTIONS" ...}
 * ({@code noarchive:} starts those workers without the archive).
 */
public final class StartupByOptions {
  private static final String NO_ARCHIVE = "noarchive:";

  private StartupByOptions() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length < 2) {
      System.err.println("usage: StartupByOptions ROUNDS \"label=WORKER JVM OPTIONS\" \"label=noarchive:OPTIONS\" ...");
      System.exit(2);
    }
    Map<String, ProcessPoolOptions> setUps = new LinkedHashMap<>();
    for (String argument : List.of(args).subList(1, args.length)) {
      LabelledSpec spec = LabelledSpec.parse(argument);
      boolean archive = !spec.value().startsWith(NO_ARCHIVE);
      List<String> words = archive ? spec.words() : LabelledSpec.words(spec.value().substring(NO_ARCHIVE.length()));
      setUps.put(spec.label(),
          ProcessPoolOptions.builder().workers(2).workerArchive(archive).jvmOptions(words).build());
    }
    StartupRounds rounds = new StartupRounds(setUps);
    rounds.warmUp();
    Thread.sleep(4000); // archives build in the background
    rounds.warmUp();
    Thread.sleep(2000);
    rounds.measure(Integer.parseInt(args[0]));
    rounds.print();
  }
}
