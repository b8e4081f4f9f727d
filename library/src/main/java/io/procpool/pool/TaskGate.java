package io.procpool.pool;

/** What a local pool's thread passes before each task and leaves after it. */
interface TaskGate {
  /** No gate: tasks run as soon as a thread takes them. */
  TaskGate OPEN = new TaskGate() {
    @Override
    public void enter() {}

    @Override
    public void exit() {}
  };

  void enter();

  void exit();
}
