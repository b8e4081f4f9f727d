package io.procpool.process;

import io.procpool.pool.ProcessPoolOptions;
import io.procpool.protocol.LargeValues;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A coordinator for {@link LargeValuesIT}, run as its own JVM to be SIGKILLed: one worker, busy
 * with a long sleep, holds a 1 MiB echo queued behind it, so that the argument's file exists.
 * Prints {@code coordinator <pid> prefix <file prefix>} and waits to be killed (a line on stdin,
 * or its end, makes it exit).
 */
public final class OffLineCoordinatorMain {
  private OffLineCoordinatorMain() {}

  public static void main(String[] args) throws IOException {
    ProcessPool pool = ProcessPool.start(ProcessPoolOptions.builder().workers(1)
        .offLineThreshold(LargeValues.DEFAULT_THRESHOLD).stderr(line -> { }).build());
    pool.execute("sleep", 120_000L);
    pool.execute("echo", "k".repeat(1 << 20));
    System.out.println("coordinator " + ProcessHandle.current().pid() + " prefix " + ValueFiles.POOL_PREFIX);
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    System.exit(0);
  }
}
