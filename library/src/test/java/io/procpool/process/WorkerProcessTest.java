package io.procpool.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class WorkerProcessTest {

  @Test
  void describeStatus_signalExitValues_nameTheSignal() {
    assertEquals("was killed by signal 9 (SIGKILL)", WorkerProcess.describeStatus(137));
    assertEquals("was killed by signal 15 (SIGTERM)", WorkerProcess.describeStatus(143));
    assertEquals("exited with status 86", WorkerProcess.describeStatus(86));
    assertEquals("exited with status 0", WorkerProcess.describeStatus(0));
  }

  @Test
  void withTail_manyStderrLines_messageQuotesTheLastFew() {
    String tail = String.join("\n", "l1", "l2", "l3", "l4", "l5", "l6", "l7");

    String message = new WorkerProcess.End("worker w1 (pid 1) exited with status 3", tail).withTail();

    assertEquals("worker w1 (pid 1) exited with status 3; last stderr lines:\nl3\nl4\nl5\nl6\nl7", message);
  }

  @Test
  void withTail_noStderr_isTheSummary() {
    assertEquals("worker w2 (pid 2) exited with status 0", new WorkerProcess.End("worker w2 (pid 2) exited with status 0", "").withTail());
  }
}
