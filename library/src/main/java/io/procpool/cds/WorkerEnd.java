package io.procpool.cds;

import static java.util.Objects.requireNonNull;

/**
 * How a worker that was started from the archive ended, as the pool saw it; the archive judges
 * what that says about itself ({@link WorkerArchive#workerEnded}). Ends the pool caused itself
 * (closing a worker's input, killing it at a timeout or at shutdown) are not reported.
 *
 * @param cause what ended the JVM
 * @param afterHello whether the worker had said hello before it ended
 * @param detail the worker's end in words (pid, status, crash log), for the failed marker
 */
public record WorkerEnd(Cause cause, boolean afterHello, String detail) {
  public WorkerEnd {
    requireNonNull(cause);
    requireNonNull(detail);
  }

  /** What ended a worker JVM. */
  public enum Cause {
    /** A fatal error inside the JVM: a crash banner or log, or death by SIGSEGV, SIGBUS or SIGABRT. */
    CRASH,
    /** A signal from outside, such as SIGKILL or SIGTERM: no evidence against the archive. */
    KILLED,
    /** The JVM exited with a status of its own. */
    EXITED
  }
}
