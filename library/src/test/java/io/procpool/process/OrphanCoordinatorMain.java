package io.procpool.process;

import io.procpool.pool.ProcessPoolOptions;
import io.procpool.pool.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * A small coordinator for {@link OrphanIT}, run as its own JVM: starts a pool whose workers are
 * all busy with long sleeps, prints {@code coordinator <pid> workers <pid> <pid> ...} on
 * stdout, then waits to be killed. A line on stdin (or its end, should the test die) makes it
 * leave through {@code System.exit} without shutting the pool down.
 *
 * <p>Usage: {@code OrphanCoordinatorMain <workers> [<transport>]}
 */
public final class OrphanCoordinatorMain {
  private OrphanCoordinatorMain() {}

  public static void main(String[] args) throws IOException {
    int workers = Integer.parseInt(args[0]);
    Transport transport = args.length > 1 ? Transport.parse(args[1]) : Transport.PIPE;
    ProcessPool pool = ProcessPool.start(ProcessPoolOptions.builder().workers(workers).transport(transport)
        .stderr(line -> { }).build());
    for (int i = 0; i < workers; i++) {
      pool.execute("sleep", 120_000L); // one each: least-loaded dispatch spreads them
    }
    System.out.println("coordinator " + ProcessHandle.current().pid() + " workers "
        + pool.pids().stream().map(String::valueOf).collect(Collectors.joining(" ")));
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    System.exit(0); // the LiveWorkers shutdown hook must end the busy workers
  }
}
