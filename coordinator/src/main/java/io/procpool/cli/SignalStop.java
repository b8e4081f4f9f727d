package io.procpool.cli;

import io.procpool.output.OutputException;
import io.procpool.run.Runner;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;

/**
 * Ctrl-C and SIGTERM during {@code run} and {@code compare}, as GNU parallel does: the first
 * signal stops sending work and gives running tasks a grace, a second one kills them at once;
 * either way the results so far are written whole and the exit status is 128 + the signal's
 * number (130, 143).
 *
 * <p>Handled with {@code sun.misc.Signal} (module jdk.unsupported, there in every JDK) rather
 * than a shutdown hook: a hook runs only once the JVM is already exiting, so it cannot let tasks
 * finish, cannot tell a second signal from the first (the JVM ignores signals while hooks run)
 * and cannot choose the exit status. It is reached through reflection because the build treats
 * javac's warning about that internal API as an error.
 */
final class SignalStop implements AutoCloseable {
  /** Writes what the run has and exits with the status; called once per signal, off the handler's thread. */
  interface Finish {
    void finishAndExit(int status);
  }

  /** What a signal stops: a run, or a pool; returns once every task is accounted for. */
  interface Stopper {
    void stop(Duration grace, String reason);
  }

  /** The signals handled, with their numbers (the same on every Unix). */
  private static final Map<String, Integer> NUMBERS = Map.of("INT", 2, "TERM", 15);

  private final Duration grace;
  private final PrintStream messages;
  private final Finish finish;
  private volatile Stopper runner;
  private volatile String first;
  private int signals; // guarded by this
  private Object previousInt;
  private Object previousTerm;

  private SignalStop(Duration grace, PrintStream messages, Finish finish) {
    this.grace = grace;
    this.messages = messages;
    this.finish = finish;
  }

  static SignalStop install(Duration grace, PrintStream messages, Finish finish) {
    SignalStop stop = new SignalStop(grace, messages, finish);
    // A SIGINT ignored from the start (a background job of a shell) stays ignored: the JVM
    // does not take it over, as a shell's "cmd &" expects.
    stop.previousInt = handle("INT", stop.handler("INT"));
    stop.previousTerm = handle("TERM", stop.handler("TERM"));
    return stop;
  }

  /** Gives the signals back to the JVM (for commands run in-process, as tests do). */
  @Override
  public void close() {
    handle("INT", previousInt);
    handle("TERM", previousTerm);
  }

  /** The run a signal stops from now on. */
  void running(Runner runner) {
    running(runner::stop);
  }

  /** What a signal stops from now on. */
  void running(Stopper stopper) {
    this.runner = stopper;
  }

  boolean stopped() {
    return first != null;
  }

  /** 128 + the first signal's number. */
  int exitStatus() {
    return 128 + NUMBERS.get(first);
  }

  String signalName() {
    return "SIG" + first;
  }

  private void handle(String signal) {
    int count;
    synchronized (this) {
      count = ++signals;
      if (count == 1) {
        first = signal;
      }
    }
    Duration allowed = count == 1 ? grace : Duration.ZERO;
    messages.println(count == 1
        ? "procpool: SIG" + signal + ": sending no more tasks; running ones get " + grace.toMillis()
            + " ms (signal again to kill them now)"
        : "procpool: SIG" + signal + " again: killing the running tasks");
    // The handler's own thread must return: the stop waits for the grace.
    Thread stopping = new Thread(() -> stopAndFinish(allowed), count == 1 ? "procpool-stop" : "procpool-kill");
    stopping.start();
  }

  private void stopAndFinish(Duration allowed) {
    Stopper current = runner;
    try {
      if (current != null) {
        current.stop(allowed, signalName());
      }
    } finally {
      try {
        finish.finishAndExit(exitStatus());
      } catch (OutputException e) { // on this thread nobody else would say so, nor exit
        messages.println("procpool: " + e.getMessage());
        System.exit(ExitCodes.IO_ERROR);
      }
    }
  }

  /** A {@code sun.misc.SignalHandler} that calls {@link #handle(String)}. */
  private Object handler(String signal) {
    try {
      Class<?> type = Class.forName("sun.misc.SignalHandler");
      return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
          switch (method.getName()) {
            case "handle" -> {
              handle(signal);
              yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> "procpool signal handler for SIG" + signal;
          });
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  /** {@code sun.misc.Signal.handle(new Signal(name), handler)}; returns the previous handler (null if unavailable). */
  private static Object handle(String name, Object handler) {
    if (handler == null) {
      return null;
    }
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> type = Class.forName("sun.misc.SignalHandler");
      return signal.getMethod("handle", signal, type).invoke(null,
          signal.getConstructor(String.class).newInstance(name), handler);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // this JDK lacks the API, or the signal is the VM's: the JVM's default then applies
    }
  }
}
