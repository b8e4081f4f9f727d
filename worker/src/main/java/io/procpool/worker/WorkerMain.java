package io.procpool.worker;

import io.procpool.protocol.Clocks;
import io.procpool.protocol.Protocol;
import io.procpool.task.Crash;
import io.procpool.task.TaskRegistry;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Entry point of a worker process: {@code java -cp procpool.jar io.procpool.worker.WorkerMain
 * [--codec procpool|jackson] [--off-line THRESHOLD DIR PREFIX]} (see {@link WorkerArguments}).
 * It announces itself with a hello line, serves requests from stdin until end of input, and
 * exits. Keep this path lean: every class loaded here is paid for at each worker start. That
 * is why it has no lambdas or method references (the first one bootstraps the JDK's
 * invokedynamic machinery), no {@link ProcessHandle}, and no class-path scan for tasks.
 */
public final class WorkerMain {
  /** Exit status for a command line the worker cannot use. */
  static final int EXIT_USAGE = 2;

  private WorkerMain() {}

  public static void main(String[] args) throws IOException {
    long mainAt = Clocks.epochMicros();
    long mainNanos = System.nanoTime();
    WorkerArguments arguments = argumentsOrExit(args);
    OutputStream protocolOut = ProtocolStreams.claim();
    System.setProperty(Crash.WORKER_PROPERTY, "true");

    ParentProcess parent = ParentProcess.capture();
    Halt halt = new Halt(RequestLoop.EXIT_OK);
    Channel channel = openOrExit(arguments, protocolOut, parent.pid());
    // Ctrl-C in a terminal reaches the whole process group, workers included: the coordinator
    // decides what a stop means (a grace for running tasks), so the worker leaves it to it.
    // Before the hello, so that the classes it loads are the same in every run (the class-data
    // archive is trained on them).
    ignoreSigint();
    RequestLoop loop = new RequestLoop(TaskRegistry.builtIn(), channel, parent, halt, arguments.maxLineBytes,
        arguments.offLineThreshold);
    long initMicros = (System.nanoTime() - mainNanos) / 1000;
    sayHelloOrHalt(loop, parent.pid(), initMicros, mainAt + initMicros,
        arguments.offLineThreshold != 0);
    // The watch needs ProcessHandle (some 10 ms of class loading): started after the hello, so
    // it costs no start-up time. Until then, end of stdin plus the parent check above suffice.
    ParentWatch.ofThisProcess().startPolling(halt);
    int status = loop.serve();
    System.out.flush();
    // halt, not exit: no shutdown hooks or finalisation to wait for, and a task thread that
    // never ends cannot keep the process alive.
    Runtime.getRuntime().halt(status);
  }

  /** The command line; a usage error ends the worker with 2 and one line on stderr. */
  private static WorkerArguments argumentsOrExit(String[] args) {
    try {
      return WorkerArguments.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("procpool worker: " + e.getMessage());
      Runtime.getRuntime().halt(EXIT_USAGE);
      throw e;
    }
  }

  /** The channel to the coordinator; an address it cannot use ends the process with a one-line reason. */
  private static Channel openOrExit(WorkerArguments arguments, OutputStream protocolOut, long parentPid) {
    try {
      return ChannelFactory.open(arguments, protocolOut, parentPid);
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("procpool worker: " + e.getMessage());
      Runtime.getRuntime().halt(EXIT_USAGE);
    } catch (IOException e) {
      System.err.println("procpool worker: cannot reach the coordinator (" + e.getMessage() + ")");
      Runtime.getRuntime().halt(RequestLoop.EXIT_OUTPUT_FAILED);
    }
    throw new AssertionError("halted");
  }

  /**
   * {@code sun.misc.Signal.handle(INT, SIG_IGN)}, through reflection: the build treats javac's
   * warning about that internal API as an error. Without it, Ctrl-C simply ends the worker.
   */
  private static void ignoreSigint() {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      signal.getMethod("handle", signal, handler).invoke(null,
          signal.getConstructor(String.class).newInstance("INT"), handler.getField("SIG_IGN").get(null));
    } catch (ReflectiveOperationException | RuntimeException e) {
      // not this JDK's API: a Ctrl-C then ends the worker too, and the pool reports it
    }
  }

  /** Writes the hello; a worker nobody can hear (stdout closed or full) ends as a failed answer does. */
  private static void sayHelloOrHalt(RequestLoop loop, long pid, long initMicros, long readyAt, boolean offLine) {
    try {
      loop.sayHello(pid, initMicros, readyAt, offLine);
    } catch (IOException e) {
      System.err.println("procpool worker: cannot write the hello (" + e.getMessage() + "); exiting with status "
          + RequestLoop.EXIT_OUTPUT_FAILED);
      Runtime.getRuntime().halt(RequestLoop.EXIT_OUTPUT_FAILED);
    }
  }

  /** Ends the process at once with a fixed status. */
  private static final class Halt implements Runnable {
    private final int status;

    Halt(int status) {
      this.status = status;
    }

    @Override
    public void run() {
      Runtime.getRuntime().halt(status);
    }
  }
}
