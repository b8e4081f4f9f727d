package io.procpool.process;

/**
 * Workers that died before doing any work, in a row, and why the last one did. A run of them
 * speaks against the command, so it stops replacements rather than cycling doomed starts.
 * Guarded by the pool's lock.
 */
final class StartFailures {
  /** After this many in a row, no more workers are started and waiting work fails. */
  static final int LIMIT = 3;

  private int inARow;
  private String first = "";

  void failed(String why) {
    if (inARow++ == 0) {
      first = why;
    }
  }

  /** A worker did work: the command is fine. */
  void succeeded() {
    inARow = 0;
  }

  boolean reached(int limit) {
    return inARow >= limit;
  }

  int inARow() {
    return inARow;
  }

  /** Why the first of this run of failures happened: usually the cause of the others. */
  String first() {
    return first;
  }
}
