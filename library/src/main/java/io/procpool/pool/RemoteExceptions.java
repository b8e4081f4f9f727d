package io.procpool.pool;

import java.lang.reflect.Constructor;

/**
 * Rebuilds a task's exception as its own type where this JVM has the class, so that
 * {@code catch (ArithmeticException e)} works as Python's {@code except ZeroDivisionError}
 * does. The rebuilt exception's cause is the {@link TaskFailedException} with the worker's
 * stack trace, as Python chains the remote traceback.
 */
final class RemoteExceptions {
  private RemoteExceptions() {}

  /** The exception a typed call's future fails with. */
  static Throwable rebuild(TaskFailure failure) {
    TaskFailedException remote = failure.toException();
    if (failure.kind() != FailureKind.TASK_ERROR) {
      return remote;
    }
    try {
      Class<?> type = Class.forName(failure.exception(), false, Thread.currentThread().getContextClassLoader());
      if (!Throwable.class.isAssignableFrom(type)) {
        return remote;
      }
      Throwable rebuilt = instantiate(type.asSubclass(Throwable.class), failure.message());
      if (rebuilt == null || !failure.message().equals(rebuilt.getMessage() == null ? "" : rebuilt.getMessage())) {
        return remote; // a constructor that rewrites the message would lie about what was thrown
      }
      rebuilt.initCause(remote);
      rebuilt.setStackTrace(new StackTraceElement[0]); // the real one is the worker's, in the cause
      return rebuilt;
    } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
      // A constructor, initCause or the rebuilt exception's own getMessage() may throw anything:
      // the remote exception as it came is still the truth, and the caller's future must fail with it.
      return remote;
    }
  }

  private static Throwable instantiate(Class<? extends Throwable> type, String message) {
    try {
      if (message.isEmpty()) {
        Constructor<? extends Throwable> plain = type.getConstructor();
        return plain.newInstance();
      }
      return type.getConstructor(String.class).newInstance(message);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
