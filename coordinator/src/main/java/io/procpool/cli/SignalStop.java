package io.procpool.cli;

import io.procpool.run.Runner;
import java.io.PrintStream;
import java.time.Duration;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C and SIGTERM during {@code run} and {@code compare}, as GNU parallel does: the first
 * signal stops sending work and gives running tasks a grace, a second one kills them at once;
 * either way the results so far are written whole and the exit status is 128 + the signal's
 * number (130, 143).
 *
 * <p>Handled with {@code sun.misc.Signal} (module jdk.unsupported, there in every JDK) rather
 * than a shutdown hook: a hook runs only once the JVM is already exiting, so it cannot let tasks
 * finish, cannot tell a second signal from the first (the JVM ignores signals while hooks run)
 * and cannot choose the exit status.
 */
final class SignalStop implements AutoCloseable {
  /** Writes what the run has and exits with the status; called once per signal, off the handler's thread. */
  interface Finish {
    void finishAndExit(int status);
  }

  private final Duration grace;
  private final PrintStream messages;
  private final Finish finish;
  private volatile Runner runner;
  private volatile Signal first;
  private int signals; // guarded by this
  private SignalHandler previousInt;
  private SignalHandler previousTerm;

  private SignalStop(Duration grace, PrintStream messages, Finish finish) {
    this.grace = grace;
    this.messages = messages;
    this.finish = finish;
  }

  static SignalStop install(Duration grace, PrintStream messages, Finish finish) {
    SignalStop stop = new SignalStop(grace, messages, finish);
    // A SIGINT ignored from the start (a background job of a shell) stays ignored: the JVM
    // does not take it over, as a shell's "cmd &" expects.
    stop.previousInt = Signal.handle(new Signal("INT"), stop::handle);
    stop.previousTerm = Signal.handle(new Signal("TERM"), stop::handle);
    return stop;
  }

  /** Gives the signals back to the JVM (for commands run in-process, as tests do). */
  @Override
  public void close() {
    Signal.handle(new Signal("INT"), previousInt);
    Signal.handle(new Signal("TERM"), previousTerm);
  }

  /** The run a signal stops from now on. */
  void running(Runner runner) {
    this.runner = runner;
  }

  boolean stopped() {
    return first != null;
  }

  /** 128 + the first signal's number. */
  int exitStatus() {
    return 128 + first.getNumber();
  }

  String signalName() {
    return "SIG" + first.getName();
  }

  private void handle(Signal signal) {
    int count;
    synchronized (this) {
      count = ++signals;
      if (count == 1) {
        first = signal;
      }
    }
    Duration allowed = count == 1 ? grace : Duration.ZERO;
    messages.println(count == 1
        ? "procpool: SIG" + signal.getName() + ": sending no more tasks; running ones get " + grace.toMillis()
            + " ms (signal again to kill them now)"
        : "procpool: SIG" + signal.getName() + " again: killing the running tasks");
    // The handler's own thread must return: the stop waits for the grace.
    Thread stopping = new Thread(() -> stopAndFinish(allowed), count == 1 ? "procpool-stop" : "procpool-kill");
    stopping.start();
  }

  private void stopAndFinish(Duration allowed) {
    Runner current = runner;
    try {
      if (current != null) {
        current.stop(allowed, signalName());
      }
    } finally {
      finish.finishAndExit(exitStatus());
    }
  }
}
