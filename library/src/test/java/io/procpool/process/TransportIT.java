package io.procpool.process;

import static io.procpool.process.Processes.report;
import static io.procpool.process.Processes.running;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.Execution;
import io.procpool.pool.FailureKind;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.pool.TaskPool;
import io.procpool.pool.Transport;
import io.procpool.protocol.Codec;
import io.procpool.transport.TransportAddress;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The executor's core and its fault guarantees on every transport, with real worker JVMs: map
 * order, as-completed, exceptions, a worker killed with {@code kill -9}, a timeout, and for the
 * socket transports an intruder without the secret.
 */
@ExtendWith(PoolInvariants.class)
final class TransportIT {
  private static final Pattern CONNECT = Pattern.compile("--connect\u0000([^\u0000]+)");
  private final StderrLines log = new StderrLines();

  private ProcessPoolOptions.Builder options(Transport transport) {
    return ProcessPoolOptions.builder().workers(2).transport(transport).stderr(log);
  }

  @ParameterizedTest
  @MethodSource("io.procpool.process.Transports#all")
  void executor_mapAsCompletedAndFailure_behaveAsOnEveryTransport(Transport transport) throws Exception {
    try (ProcessPool pool = PoolInvariants.start(options(transport).build())) {
      List<Long> sleeps = List.of(300L, 10L, 200L, 0L, 50L, 1L);
      List<Object> mapped = new ArrayList<>();
      pool.map("sleep", sleeps, 1).forEachRemaining(mapped::add);
      assertEquals(List.<Object>copyOf(sleeps), mapped, "map keeps the arguments' order");

      List<CompletableFuture<Execution>> futures = pool.executeAll("sleep", List.of(400L, 5L), 1);
      List<Object> completed = new ArrayList<>();
      TaskPool.asCompleted(futures).forEach(future -> completed.add(future.join().value()));
      assertEquals(List.of(5L, 400L), completed, "as-completed yields the short task first");

      ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
          () -> pool.submit("fail", 7L).get(10, TimeUnit.SECONDS));
      assertTrue(failure.getCause().getMessage().contains("deliberate failure"), failure.getCause().toString());
      assertEquals(49L, pool.submit("noop", 49L).get(10, TimeUnit.SECONDS), "the pool carries on");
    }
  }

  @ParameterizedTest
  @MethodSource("io.procpool.process.Transports#all")
  void workerKilledWithSigkill_isNoticedAtOnceAndItsTaskRetried(Transport transport) throws Exception {
    try (ProcessPool pool = PoolInvariants.start(options(transport).workers(1).retries(1).build())) {
      long victim = pool.pids().get(0);
      CompletableFuture<Execution> task = pool.execute("sleep", 800L);
      assertEquals(victim, Processes.onlyWorker(pool), "one ready worker: the task went to it at once");

      long killedAt = System.nanoTime();
      Processes.signal("KILL", victim);
      await().atMost(Duration.ofSeconds(10)).until(() -> log.first("was killed by signal 9", killedAt).isPresent());
      double noticedMillis = (log.first("was killed by signal 9", killedAt).orElseThrow().nanos() - killedAt) / 1e6;

      Execution retried = task.get(30, TimeUnit.SECONDS);
      assertEquals(800L, retried.value());
      assertNotEquals(victim, retried.pid(), "retried on a fresh worker");
      assertFalse(running(victim));
      report("%s: worker killed with SIGKILL noticed after %.0f ms, its task retried on pid %d", transport.label(),
          noticedMillis, retried.pid());
    }
  }

  @ParameterizedTest
  @MethodSource("io.procpool.process.Transports#all")
  void taskPastTimeout_killsItsWorkerAndThePoolCarriesOn(Transport transport) throws Exception {
    try (ProcessPool pool = PoolInvariants.start(options(transport).workers(1).timeout(Duration.ofMillis(300)).build())) {
      long first = pool.pids().get(0);

      Execution late = pool.execute("sleep", 30_000L).get(20, TimeUnit.SECONDS);

      assertEquals(FailureKind.TIMEOUT, late.failure().kind(), late.toString());
      await().atMost(Duration.ofSeconds(5)).until(() -> !running(first));
      assertEquals(4L, pool.submit("noop", 4L).get(20, TimeUnit.SECONDS));
    }
  }

  @ParameterizedTest
  @MethodSource("io.procpool.process.Transports#all")
  void jacksonCodec_roundTripsEveryKindOfValueOnEveryTransport(Transport transport) throws Exception {
    String text = "quote \" backslash \\ newline \n tab \t control \u0001 é€😀";
    List<Object> mixed = List.of(1L, 2.5, text, Map.of("nested", List.of(true, false)), List.of());
    try (ProcessPool pool = PoolInvariants.start(options(transport).workers(1).codec(Codec.JACKSON).build())) {
      String cmdline = Files.readString(Path.of("/proc", Long.toString(pool.pids().get(0)), "cmdline"));
      assertTrue(cmdline.contains("--codec\u0000jackson\u0000"), "the worker speaks Jackson too: "
          + cmdline.replace('\u0000', ' '));

      assertEquals(text, pool.submit("echo", text).get(20, TimeUnit.SECONDS));
      assertEquals(mixed, pool.submit("echo", mixed).get(20, TimeUnit.SECONDS));
      List<Object> mapped = new ArrayList<>();
      pool.map("noop", List.of(0L, 1L, 2L), 2).forEachRemaining(mapped::add);
      assertEquals(List.<Object>of(0L, 1L, 2L), mapped);
    }
  }

  @ParameterizedTest
  @MethodSource("io.procpool.process.Transports#connecting")
  void intruderWithoutTheSecret_isRefusedAndLoggedWhileTheRunCompletes(Transport transport) throws Exception {
    TransportAddress address;
    try (ProcessPool pool = PoolInvariants.start(options(transport).build())) {
      long worker = pool.pids().get(0);
      String cmdline = Files.readString(Path.of("/proc", Long.toString(worker), "cmdline"));
      Matcher connect = CONNECT.matcher(cmdline);
      assertTrue(connect.find(), "the worker is told where to connect: " + cmdline.replace('\u0000', ' '));
      assertFalse(cmdline.matches("(?s).*[0-9a-f]{32}.*"), "no secret on the command line: " + cmdline);
      address = TransportAddress.parse(connect.group(1));
      List<CompletableFuture<Execution>> tasks = pool.executeAll("sleep", List.of(200L, 200L, 200L, 200L), 1);

      try (SocketChannel intruder = address.connect()) {
        // One write: the pool may close the connection as soon as it has read the wrong secret,
        // and a second write would then fail with a broken pipe.
        intruder.write(ByteBuffer.wrap(("0".repeat(64) + " w1\n{\"type\":\"hello\"}\n")
            .getBytes(StandardCharsets.US_ASCII)));
        assertEquals(-1, readUntilClosed(intruder), "the pool closes the intruder's connection, sending nothing");
      }

      for (CompletableFuture<Execution> task : tasks) {
        assertEquals(200L, task.get(20, TimeUnit.SECONDS).value());
      }
      assertEquals(1, log.count("refused a connection on " + address + ": without the pool's secret"), log.dump());
      assertEquals(2, pool.launchedCount(), "no worker was lost or replaced: " + log.dump());
    }
    if (address.socket() instanceof UnixDomainSocketAddress unix) {
      assertFalse(Files.exists(unix.getPath().getParent()), "the socket and its directory are gone with the pool");
    }
  }

  @Test
  void worker_unknownArgumentOrBadAddress_exitsWithOneLine() throws Exception {
    List<String> java = WorkerCommand.of(ProcessPoolOptions.builder().workerArchive(false).build());
    for (List<String> args : List.of(List.of("--bogus"), List.of("--connect", "udp:1.2.3.4:5"))) {
      List<String> command = new ArrayList<>(java);
      command.addAll(args);
      Process worker = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      worker.getOutputStream().close();
      String stderr = new String(worker.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

      assertTrue(worker.waitFor(20, TimeUnit.SECONDS));
      assertEquals(2, worker.exitValue(), stderr);
      assertEquals(1, stderr.lines().count(), stderr);
      assertTrue(stderr.startsWith("procpool worker: "), stderr);
    }
  }

  /**
   * Reads until the peer closes (a reset counts: the pool closed with our line unread); -1 if
   * it sent nothing before that.
   */
  private static int readUntilClosed(SocketChannel channel) {
    ByteBuffer buffer = ByteBuffer.allocate(256);
    int total = 0;
    try {
      for (int read = channel.read(buffer); read >= 0; read = channel.read(buffer)) {
        total += read;
        buffer.clear();
      }
    } catch (IOException reset) {
      // closed from the other end
    }
    return total == 0 ? -1 : total;
  }
}
