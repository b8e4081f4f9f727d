package io.procpool.process;

import io.procpool.pool.ProcessPoolOptions;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * A small coordinator for {@link OrphanIT}, run as its own JVM: starts a pool whose workers are
 * all busy with long sleeps, prints {@code coordinator <pid> workers <pid> <pid> ...} on
 * stdout, then either waits to be killed or ({@code exit}) leaves through {@code System.exit}
 * without shutting the pool.
 *
 * <p>Usage: {@code OrphanCoordinatorMain <workers> wait|exit}
 */
public final class OrphanCoordinatorMain {
  private OrphanCoordinatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    int workers = Integer.parseInt(args[0]);
    boolean exit = args[1].equals("exit");
    ProcessPool pool = ProcessPool.start(ProcessPoolOptions.builder().workers(workers)
        .stderr(line -> { }).build());
    for (int i = 0; i < workers; i++) {
      pool.execute("sleep", 120_000L); // one each: least-loaded dispatch spreads them
    }
    System.out.println("coordinator " + ProcessHandle.current().pid() + " workers "
        + pool.pids().stream().map(String::valueOf).collect(Collectors.joining(" ")));
    System.out.flush();
    if (exit) {
      System.exit(0); // the LiveWorkers shutdown hook must end the busy workers
    }
    new CountDownLatch(1).await(); // until killed
  }
}
