package io.procpool.task;

/**
 * Marks a stretch of a task that waits instead of computing (a sleep, a read from a socket).
 *
 * <p>Everywhere but in {@code gil-thread} mode this just runs the code. That mode emulates
 * CPython's global interpreter lock, and CPython releases the lock around blocking calls
 * ({@code Py_BEGIN_ALLOW_THREADS}); the pool installs a {@link Release} on each of its threads
 * so that a task waiting here lets another task run meanwhile, as in Python.
 */
public final class Blocking {
  private static final ThreadLocal<Release> RELEASE = new ThreadLocal<>();

  private Blocking() {}

  /** What the running thread gives up while it waits. */
  public interface Release {
    void release();

    void reacquire();
  }

  /** Code that waits; it may be interrupted. */
  @FunctionalInterface
  public interface Wait {
    void run() throws InterruptedException;
  }

  /** Runs {@code wait} with this thread's {@link Release} (if any) given up meanwhile. */
  public static void run(Wait wait) throws InterruptedException {
    Release release = RELEASE.get();
    if (release == null) {
      wait.run();
      return;
    }
    release.release();
    try {
      wait.run();
    } finally {
      release.reacquire();
    }
  }

  /** Called by a pool on its own thread before a task runs. */
  public static void install(Release release) {
    RELEASE.set(release);
  }

  /** Called by a pool on its own thread after a task ran. */
  public static void clear() {
    RELEASE.remove();
  }
}
