package io.procpool.pool;

/** Why a task did not produce a value. The wire names appear in JSON output. */
public enum FailureKind {
  /** The task's own code threw. */
  TASK_ERROR("task-error"),
  /** The worker process died while it held the task, more often than retries allow. */
  WORKER_DIED("worker-died"),
  /** The task ran longer than the time limit; its worker was killed. */
  TIMEOUT("timeout"),
  /** The worker sent something that is not a protocol message while it held the task. */
  PROTOCOL_ERROR("protocol-error"),
  /** No worker could be started to run the task. */
  WORKER_START_FAILED("worker-start-failed"),
  /** The task was cancelled before it ran. */
  CANCELLED("cancelled"),
  /** The task was still running when the pool was stopped ({@link TaskPool#stop}) and was killed. */
  INTERRUPTED("interrupted");

  private final String wireName;

  FailureKind(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in JSON output and messages, e.g. {@code worker-died}. */
  public String wireName() {
    return wireName;
  }
}
