package io.procpool.process;

import io.procpool.pool.ProcessPoolOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A small coordinator for {@link ShutdownHookIT}, run as its own JVM: starts a one-worker pool,
 * gives it a typed call that sleeps, then calls {@code System.exit(0)}. Its own shutdown hook,
 * running beside procpool's, waits for that call, submits another, and prints on stdout
 * {@code worker <pid>}, {@code running: <outcome>}, {@code submit: <outcome>} and
 * {@code stderr: <the pool's lines, joined by " | ">}.
 */
public final class ExitingCoordinatorMain {
  private ExitingCoordinatorMain() {}

  static long sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return millis;
  }

  public static void main(String[] args) {
    List<String> stderr = new CopyOnWriteArrayList<>();
    ProcessPool pool = ProcessPool.start(ProcessPoolOptions.builder().workers(1).stderr(stderr::add).build());
    CompletableFuture<Long> running = pool.submit(ExitingCoordinatorMain::sleep, 30_000L);
    System.out.println("worker " + pool.pids().get(0));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("running: " + outcome(running));
      String submitted;
      try {
        submitted = outcome(pool.submit(ExitingCoordinatorMain::sleep, 1L));
      } catch (RuntimeException refused) {
        submitted = "refused " + refused;
      }
      System.out.println("submit: " + submitted);
      System.out.println("stderr: " + String.join(" | ", stderr));
    }));
    System.exit(0);
  }

  private static String outcome(CompletableFuture<Long> call) {
    try {
      return "value " + call.get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return "failed " + e.getCause();
    } catch (Exception e) {
      return "no outcome: " + e;
    }
  }
}
