package io.procpool.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.ProcessPoolOptions;
import io.procpool.protocol.Done;
import io.procpool.protocol.Hello;
import io.procpool.protocol.Message;
import io.procpool.protocol.ProtocolException;
import io.procpool.protocol.Run;
import io.procpool.shm.ShmFile;
import io.procpool.shm.ShmLayout;
import io.procpool.shm.ShmWait;
import io.procpool.worker.ShmStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real worker JVM over a shared-memory file, without the pool: the transport alone. */
final class ShmConnectionIT {
  private static final Object END = new Object();

  @TempDir
  Path base;

  private final StderrLines log = new StderrLines();
  private final ExecutorService writers = Executors.newCachedThreadPool();
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private WorkerProcess worker;

  @AfterEach
  void tearDown() {
    if (worker != null) {
      worker.kill();
    }
    writers.shutdownNow();
  }

  @Test
  void worker_helloEchoOf64MiBAndKill9_answersThenEndsAtOnceAndFilesGo() throws Exception {
    try (ShmDirectory directory = ShmDirectory.create(base, log)) {
      ShmFile file = directory.newFile("w1", ShmLayout.DEFAULT_RING_CAPACITY);
      ShmConnection connection = start(file, ShmWait.BACKOFF);

      Hello hello = assertInstanceOf(Hello.class, next());
      assertEquals(worker.process.pid(), hello.pid());

      String big = "x".repeat(64 << 20);
      connection.send(new Run(1, "echo", List.of(big)));
      connection.flush();
      Done done = assertInstanceOf(Done.class, next());
      assertEquals(big, done.results().get(0).value(), "64 MiB through 128 KiB records, both ways");

      long before = System.nanoTime();
      Processes.signal("KILL", worker.process.pid());
      assertEquals(END, events.poll(5, TimeUnit.SECONDS));
      double noticedMillis = (System.nanoTime() - before) / 1e6;
      Processes.report("shm worker SIGKILL noticed after %.1f ms", noticedMillis);
      assertTrue(noticedMillis < 1000, "took " + noticedMillis + " ms");
      assertFalse(Files.exists(file.path()), "the worker's file is deleted at its end");
    }
    try (var left = Files.list(base)) {
      assertEquals(List.of(), left.toList(), "the pool's directory is gone");
    }
  }

  @Test
  void worker_closedRequests_exitsAndConnectionEnds() throws Exception {
    try (ShmDirectory directory = ShmDirectory.create(base, log)) {
      ShmConnection connection = start(directory.newFile("w1", 64 << 10), ShmWait.SPIN);
      assertInstanceOf(Hello.class, next());
      connection.closeOutput();
      connection.flush();
      assertEquals(END, next());
      assertTrue(worker.process.waitFor(5, TimeUnit.SECONDS));
      assertEquals(0, worker.process.exitValue());
    }
  }

  @Test
  void worker_fileThatIsNoRing_exitsNamingIt() throws Exception {
    Path junk = Files.write(base.resolve("junk"), new byte[8192]);
    List<String> command = command(junk, ShmWait.PARK);
    worker = WorkerProcess.spawn("w1", command, /* fromArchive= */ false, log);
    assertTrue(worker.process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(74, worker.process.exitValue(), "cannot reach the coordinator");
    await().atMost(Duration.ofSeconds(5)).until(() -> log.count("not a procpool shared-memory file") > 0);
  }

  private ShmConnection start(ShmFile file, ShmWait wait) throws Exception {
    worker = WorkerProcess.spawn("w1", command(file.path(), wait), /* fromArchive= */ false, log);
    ShmConnection connection = new ShmConnection(worker.process, file, "w1",
        new MessageStreams(io.procpool.protocol.Codec.PROCPOOL, /* offLineThreshold= */ 0), 256 << 20, wait, writers,
        ended -> { });
    connection.start(new Connection.Listener() {
      @Override
      public void onMessage(Message message, boolean moreBuffered) {
        events.add(message);
      }

      @Override
      public boolean onBadLine(ProtocolException bad) {
        events.add(bad);
        return false;
      }

      @Override
      public void onReadFailed(Throwable failure) {
        events.add(failure);
      }

      @Override
      public void onEnd() {
        events.add(END);
      }
    });
    return connection;
  }

  private static List<String> command(Path file, ShmWait wait) {
    List<String> command = new ArrayList<>(WorkerCommand.of(ProcessPoolOptions.builder().build()));
    command.add(1, ShmFile.JVM_OPTION);
    command.addAll(List.of(ShmStreams.CONNECT_OPTION, ShmStreams.SCHEME + file, ShmStreams.WAIT_OPTION, wait.cliName()));
    return command;
  }

  private Object next() throws InterruptedException {
    Object event = events.poll(60, TimeUnit.SECONDS);
    assertTrue(event != null, "nothing from the worker in 60 s; stderr: " + log.dump());
    return event;
  }
}
