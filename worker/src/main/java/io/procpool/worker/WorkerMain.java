package io.procpool.worker;

import io.procpool.protocol.MessageReader;
import io.procpool.protocol.MessageWriter;
import io.procpool.task.Crash;
import io.procpool.task.TaskRegistry;
import java.io.IOException;

/**
 * Entry point of a worker process: {@code java -cp procpool.jar io.procpool.worker.WorkerMain}.
 * It announces itself with a hello line, serves requests from stdin until end of input, and
 * exits. Keep this path lean: every class loaded here is paid for at each worker start.
 */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) throws IOException {
    long mainAt = Clock.epochMicros();
    long mainNanos = System.nanoTime();
    var protocolOut = ProtocolStreams.claim();
    System.setProperty(Crash.WORKER_PROPERTY, "true");

    ParentWatch parent = ParentWatch.ofThisProcess();
    Runnable halt = () -> Runtime.getRuntime().halt(RequestLoop.EXIT_OK);
    // Started before anything slow, so an orphan never outlives its coordinator for long.
    parent.startPolling(halt);
    RequestLoop loop = new RequestLoop(
        TaskRegistry.builtIn(),
        new MessageReader(ProtocolStreams.stdin()),
        new MessageWriter(protocolOut),
        parent::gone,
        halt);
    long initMicros = (System.nanoTime() - mainNanos) / 1000;
    loop.sayHello(ProcessHandle.current().pid(), initMicros, mainAt + initMicros);
    int status = loop.serve();
    System.out.flush();
    // halt, not exit: no shutdown hooks or finalisation to wait for, and a task thread that
    // never ends cannot keep the process alive.
    Runtime.getRuntime().halt(status);
  }
}
