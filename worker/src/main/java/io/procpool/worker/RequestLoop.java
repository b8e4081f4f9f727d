package io.procpool.worker;

import static java.util.Objects.requireNonNull;

import io.procpool.protocol.Done;
import io.procpool.protocol.Hello;
import io.procpool.protocol.Invalid;
import io.procpool.protocol.JsonValues;
import io.procpool.protocol.LineBudget;
import io.procpool.protocol.Message;
import io.procpool.protocol.MessageInput;
import io.procpool.protocol.MessageOutput;
import io.procpool.protocol.MessageWriter;
import io.procpool.protocol.Outcome;
import io.procpool.protocol.Protocol;
import io.procpool.protocol.ProtocolException;
import io.procpool.protocol.RemoteError;
import io.procpool.protocol.Run;
import io.procpool.protocol.WallClock;
import io.procpool.task.Task;
import io.procpool.task.TaskRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;

/**
 * The worker's side of the protocol: one answer per request, in arrival order, over a
 * {@link Channel}.
 *
 * <p>A reader thread keeps draining requests into a queue while the calling thread runs them,
 * so the coordinator may keep many requests in flight without either side blocking on a full
 * pipe. Each answer is flushed before the next task starts: a task that ends the process (a
 * crash, running out of memory, a kill) must not take the answers of the tasks before it along,
 * or the coordinator would charge those to the dead worker and run them again; and a finished
 * result must not wait behind a long next task (the coordinator's timeout clock runs on the
 * oldest unanswered request).
 *
 * <p>A channel whose reads spin ({@code --shm-wait spin}) is served on one thread instead: on a
 * small machine a second thread would take the core the coordinator needs, and every hand-off
 * between them waits for the scheduler.
 */
public final class RequestLoop {
  /** Exit status after a normal end of input. */
  public static final int EXIT_OK = 0;
  /** Exit status when the answer could not be written (the coordinator is gone). */
  public static final int EXIT_OUTPUT_FAILED = 74;
  /** How many requests the Java worker accepts ahead: its reader never stops draining. */
  public static final int IN_FLIGHT = 1 << 16;

  private final TaskRegistry registry;
  private final Channel channel;
  private final BooleanSupplier parentGone;
  private final Runnable halt;
  private final long answerLineBytes;
  private final int offLineThreshold;
  private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  /** Each task's start on the protocol's wall clock, from the monotonic clock that times it. */
  private final WallClock wallClock = new WallClock();
  /**
   * How long an idle worker's threads poll for the next request before parking (main thread)
   * or blocking in a read (stdin reader).
   */
  public static final long POLL_BEFORE_PARKING_NANOS = 50_000;

  /** Marks the end of input in {@link #inbox}. */
  private static final Object END = new Object();
  /** {@link #answer}'s "serve on": not an exit status. */
  private static final int CONTINUE = -1;

  /**
   * @param parentGone tells, at end of input, whether the coordinator died rather than closed
   *     the stream; then the worker stops at once, even mid-task
   * @param halt ends the process immediately; tests pass a recorder
   */
  public RequestLoop(TaskRegistry registry, Channel channel, BooleanSupplier parentGone, Runnable halt) {
    this(registry, channel, parentGone, halt, Protocol.DEFAULT_MAX_LINE_BYTES, 0);
  }

  /**
   * @param answerLineBytes the longest line the coordinator reads: a result that would make a
   *     longer answer fails as its task's error instead (see {@link LineBudget})
   * @param offLineThreshold strings longer than this travel off the line; 0 when none do
   */
  public RequestLoop(TaskRegistry registry, Channel channel, BooleanSupplier parentGone, Runnable halt,
      long answerLineBytes, int offLineThreshold) {
    this.registry = requireNonNull(registry);
    this.channel = requireNonNull(channel);
    this.parentGone = requireNonNull(parentGone);
    this.halt = requireNonNull(halt);
    this.answerLineBytes = answerLineBytes;
    this.offLineThreshold = offLineThreshold;
  }

  /** A loop on a {@link PipeChannel} of this reader and writer. */
  public RequestLoop(
      TaskRegistry registry, MessageInput reader, MessageOutput writer, BooleanSupplier parentGone,
      Runnable halt) {
    this(registry, new PipeChannel(requireNonNull(reader), requireNonNull(writer)), parentGone, halt);
  }

  /** Writes the handshake that tells the coordinator this worker is ready. */
  public void sayHello(long pid, long initMicros, long readyAt) throws IOException {
    sayHello(pid, initMicros, readyAt, /* offLine= */ false);
  }

  /** Writes the handshake; {@code offLine} says the channel takes large strings off the line. */
  public void sayHello(long pid, long initMicros, long readyAt, boolean offLine) throws IOException {
    String runtime = "java " + System.getProperty("java.version");
    channel.send(new Hello(Protocol.VERSION, pid, runtime, IN_FLIGHT, initMicros, readyAt, offLine,
        /* columns= */ true));
  }

  /**
   * Serves requests until end of input.
   *
   * @return the process exit status: {@link #EXIT_OK}, {@link Protocol#EXIT_INVALID_INPUT} or
   *     {@link #EXIT_OUTPUT_FAILED}
   */
  public int serve() {
    if (channel.oneThread()) {
      return serveOnThisThread();
    }
    // A named Runnable rather than a method reference: no invokedynamic on the start-up path.
    Thread readerThread = new Thread(new Runnable() {
      @Override
      public void run() {
        readRequests();
      }
    }, "procpool-stdin");
    readerThread.setDaemon(true);
    readerThread.start();
    try {
      while (true) {
        Object next = inbox.poll();
        if (next == null) {
          next = awaitNext();
        }
        int status = answer(next);
        if (status != CONTINUE) {
          return status;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return EXIT_OK;
    }
  }

  /**
   * Reads, runs and answers each request on this one thread: no hand-off to wake, for a channel
   * whose reads spin and whose writes keep reading while they wait ({@link Channel#oneThread}).
   */
  private int serveOnThisThread() {
    while (true) {
      Object next = receiveNext();
      if (next == null) {
        if (parentGone.getAsBoolean()) {
          halt.run(); // the coordinator died: nobody will read our answers
        }
        return EXIT_OK;
      }
      int status = answer(next);
      if (status != CONTINUE) {
        return status;
      }
    }
  }

  /** Answers one item of the inbox: {@link #CONTINUE}, or the exit status once there is nothing more to do. */
  private int answer(Object next) {
    try {
      if (next == END) {
        return EXIT_OK;
      }
      if (next instanceof ProtocolException bad) {
        channel.send(new Invalid(bad.getMessage(), bad.excerpt()));
        return Protocol.EXIT_INVALID_INPUT;
      }
      if (next instanceof Run run) {
        channel.send(execute(run));
        return CONTINUE;
      }
      Message other = (Message) next;
      channel.send(new Invalid("a worker only accepts \"run\" messages, got \"" + other.type() + "\"",
          MessageWriter.encode(other)));
      return Protocol.EXIT_INVALID_INPUT;
    } catch (IOException e) {
      return EXIT_OUTPUT_FAILED;
    }
  }

  /**
   * Waits for the next request, polling (and yielding the CPU) for a moment before parking. A
   * parked thread is woken through the scheduler, and on a virtual machine whose CPUs have gone
   * idle that costs tens of microseconds: the median one-in-flight round trip measured 77-100
   * us parking at once, 30-35 us polling first, 18-19 us with the stdin reader polling too
   * (docs/overhead.md). Yielding rather than spinning leaves the CPU to any other thread that
   * can run.
   */
  private Object awaitNext() throws InterruptedException {
    long deadline = System.nanoTime() + POLL_BEFORE_PARKING_NANOS;
    do {
      Object next = inbox.poll();
      if (next != null) {
        return next;
      }
      Thread.yield();
    } while (System.nanoTime() < deadline);
    return inbox.take();
  }

  private void readRequests() {
    while (true) {
      Object item = receiveNext();
      if (item == null) {
        if (parentGone.getAsBoolean()) {
          halt.run(); // the coordinator died: nobody will read our answers, stop mid-task
        }
        inbox.add(END);
        return;
      }
      inbox.add(item);
      if (item instanceof ProtocolException) {
        return;
      }
    }
  }

  /** The next request, a {@link ProtocolException} for a bad one, or null at the end of input. */
  private Object receiveNext() {
    try {
      return channel.receive();
    } catch (ProtocolException bad) {
      return bad;
    } catch (IOException e) {
      return null;
    } catch (RuntimeException | Error e) {
      // Were the reading thread to die, the worker would wait for requests forever: refuse instead.
      return new ProtocolException("unreadable request (" + e + ")", new byte[0], 0);
    }
  }

  /** Runs every argument of the request; a throwing call becomes an error outcome. */
  Done execute(Run run) {
    List<Outcome> outcomes = new ArrayList<>(run.args().size());
    Task task = null;
    RemoteError lookupError = null;
    try {
      task = registry.get(run.task());
    } catch (RuntimeException unknown) {
      lookupError = RemoteError.of(unknown);
    }
    // One monotonic reading per task, placed on the wall clock by one offset (WallClock): a task
    // starts when the one before it ended (the gap is the bookkeeping of an outcome, far below
    // the microsecond these times are given in).
    LineBudget budget = LineBudget.forResults(answerLineBytes, offLineThreshold);
    long start = System.nanoTime();
    for (Object argument : run.args()) {
      long startedAt = wallClock.epochMicrosAt(start);
      if (task == null) {
        budget.take(lookupError);
        outcomes.add(Outcome.failure(lookupError, startedAt, 0));
        continue;
      }
      Outcome outcome;
      try {
        Object value = task.run(argument);
        // Checked now, while it can still be this task's failure: half an answer on the wire
        // would be the end of the channel.
        JsonValues.checkDepth(value, Protocol.MAX_VALUE_DEPTH);
        budget.take(value);
        long end = System.nanoTime();
        outcome = Outcome.success(value, startedAt, (end - start) / 1000);
        start = end;
      } catch (Throwable thrown) { // an Error in task code is the task's failure, not ours
        long end = System.nanoTime();
        RemoteError error = RemoteError.of(thrown);
        budget.take(error);
        outcome = Outcome.failure(error, startedAt, (end - start) / 1000);
        start = System.nanoTime(); // capturing the stack trace is not the next task's time
      }
      outcomes.add(outcome);
    }
    return new Done(run.id(), Thread.currentThread().getName(), outcomes, run.columns());
  }
}
