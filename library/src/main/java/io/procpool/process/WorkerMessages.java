package io.procpool.process;

import io.procpool.pool.Execution;
import io.procpool.protocol.Done;
import io.procpool.protocol.Hello;
import io.procpool.protocol.Invalid;
import io.procpool.protocol.Message;
import io.procpool.protocol.MessageWriter;
import io.procpool.protocol.Protocol;
import io.procpool.protocol.ProtocolException;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * What each message from a worker means: the handshake, answers, refusals, and the protocol
 * rule. From a worker's first violation on, nothing it sends is taken; it is killed, and every
 * task it held is retried or fails as {@code protocol-error} naming the worker, its pid, the
 * violation and the offending line. Before its hello, a violation is a failed start. Runs
 * under the pool's lock, as part of {@link PoolCore}.
 */
final class WorkerMessages {
  /** Non-JSON lines tolerated before the hello (JVM warnings, say) before giving up. */
  private static final int MAX_NOISE_LINES_BEFORE_HELLO = 100;
  /** How long a worker that refused a request has to exit on its own before it is killed. */
  private static final long INVALID_EXIT_GRACE_NANOS = 1_000_000_000L;

  private final PoolCore core;
  private final LongSupplier epochMicros;

  WorkerMessages(PoolCore core, LongSupplier epochMicros) {
    this.core = core;
    this.epochMicros = epochMicros;
  }

  void onMessage(Worker worker, Message message, boolean moreBuffered, Effects effects) {
    if (worker.violation != null || worker.lifecycle.is(Lifecycle.State.DEAD)) {
      return; // nothing a worker sends after a violation is taken
    }
    if (message instanceof Hello hello) {
      onHello(worker, hello, effects);
    } else if (worker.hello == null) {
      violate(worker, "sent \"" + message.type() + "\" before its hello", message, effects);
    } else if (message instanceof Done done) {
      onDone(worker, done, effects);
    } else if (message instanceof Invalid invalid) {
      onInvalid(worker, invalid, effects);
    } else {
      violate(worker, "sent a \"" + message.type() + "\" message", message, effects);
    }
    if (!moreBuffered || worker.inFlight.isEmpty()) {
      core.settle(worker, effects);
    }
  }

  /**
   * A line that is not a protocol message. Before the hello, a line that is not even meant as
   * JSON is noise (a JVM warning, say) and only reported, up to a limit; anything else breaks
   * the protocol.
   *
   * @return whether to keep reading
   */
  boolean onBadLine(Worker worker, ProtocolException bad, Effects effects) {
    if (worker.violation != null || worker.lifecycle.is(Lifecycle.State.DEAD)) {
      return false;
    }
    if (worker.process != null && worker.process.crashBanner.accept(bad)) {
      effects.report("[" + worker.id + "] " + CrashBanner.unquoted(bad.excerpt()));
      return true; // the JVM is dying; its end is reported as a crash
    }
    boolean meantAsJson = bad.excerpt().startsWith("\"{");
    if (worker.hello == null && !meantAsJson && ++worker.noiseLines <= MAX_NOISE_LINES_BEFORE_HELLO) {
      effects.report("[" + worker.id + "] ignored before handshake: " + bad.getMessage());
      return true;
    }
    violate(worker, bad.getMessage(), null, effects);
    core.settle(effects);
    return false;
  }

  void onReadFailed(Worker worker, Throwable failure, Effects effects) {
    violate(worker, "reading its output failed: " + failure, null, effects);
  }

  private void onHello(Worker worker, Hello hello, Effects effects) {
    if (worker.hello != null) {
      violate(worker, "said hello twice", hello, effects);
      return;
    }
    if (hello.protocol() != Protocol.VERSION) {
      violate(worker, "speaks protocol " + hello.protocol() + ", this coordinator speaks " + Protocol.VERSION,
          hello, effects);
      return;
    }
    worker.hello = hello;
    worker.readyAt = epochMicros.getAsLong();
    core.starts.add(new WorkerStart(worker.id, worker.pid(), worker.process == null ? 0 : worker.process.spawnedAt,
        worker.readyAt));
    core.launcher.saidHello(worker, effects);
    if (worker.lifecycle.ending() != Lifecycle.Ending.NONE) {
      return; // closed or being killed before it was ready: it only has to exit
    }
    boolean initializer = core.options.initializer() != null;
    worker.lifecycle.helloArrived(initializer);
    if (initializer) {
      List<CompletableFuture<Execution>> futures = List.of(new CompletableFuture<>());
      core.dispatcher.send(worker, new Chunk(core.options.initializer(),
          Collections.singletonList(core.options.initializerArgument()), futures, true), effects);
    }
  }

  private void onDone(Worker worker, Done done, Effects effects) {
    String violation = core.dispatcher.violation(worker, done);
    if (violation != null && worker.lifecycle.ending() == Lifecycle.Ending.KILLED && worker.inFlight.isEmpty()) {
      return; // under way when a stop killed it and took back all it held: late, not a break of the protocol
    }
    if (violation != null) {
      violate(worker, violation, done, effects);
      return;
    }
    Chunk chunk = core.dispatcher.accept(worker, done, effects);
    if (chunk.initializer && done.results().get(0).failed()) {
      String why = "the initializer " + chunk.task + " failed in worker " + worker.id + ": "
          + done.results().get(0).error().exception() + ": " + done.results().get(0).error().message();
      core.startFailures.failed(why);
      worker.countedAsFailedStart = true;
      effects.report("[" + worker.id + "] " + why);
      core.close(worker, effects);
      return;
    }
    core.startFailures.succeeded();
    if (chunk.initializer) {
      worker.lifecycle.initialized();
    } else if (worker.lifecycle.is(Lifecycle.State.RETIRING) && worker.inFlight.isEmpty()
        && worker.lifecycle.ending() == Lifecycle.Ending.NONE) {
      core.close(worker, effects);
    }
  }

  /** The worker could not read a request and exits; what it held fails as a protocol error. */
  private void onInvalid(Worker worker, Invalid invalid, Effects effects) {
    core.violated(worker, worker.describe() + " rejected a request: " + invalid.message());
    worker.lifecycle.end(Lifecycle.Ending.PROTOCOL_ERROR);
    worker.killAt = core.supervisor.now() + INVALID_EXIT_GRACE_NANOS; // one that does not exit is killed
    effects.report("[" + worker.id + "] " + worker.violation);
  }

  /** The first violation ends the worker; it is reported once, here. */
  private void violate(Worker worker, String what, Message offending, Effects effects) {
    if (worker.violation != null) {
      return;
    }
    core.violated(worker, "protocol error from " + worker.describe() + ": " + what
        + (offending == null ? "" : ": " + excerpt(MessageWriter.encode(offending))));
    effects.report("[" + worker.id + "] " + worker.violation + "; replacing the worker");
    if (!worker.lifecycle.is(Lifecycle.State.DEAD)) {
      worker.lifecycle.end(Lifecycle.Ending.PROTOCOL_ERROR);
      core.killNow(worker, effects);
    }
  }

  /** The line cut to {@link Protocol#EXCERPT_CHARS}, for messages. */
  static String excerpt(String line) {
    String text = line.strip();
    return text.length() <= Protocol.EXCERPT_CHARS ? text
        : text.substring(0, Protocol.EXCERPT_CHARS) + "... (" + text.length() + " chars)";
  }
}
