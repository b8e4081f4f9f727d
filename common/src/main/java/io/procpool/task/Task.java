package io.procpool.task;

/**
 * A unit of work that procpool can run serially, on threads or in worker processes.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.procpool.task.Task} and put the jar on {@code --classpath}.
 * An implementation needs a public no-argument constructor and must be safe to call from
 * several threads at once (thread mode shares one instance).
 */
public interface Task {

  /** The name users give on the command line, e.g. {@code cpu-heavy}. */
  String name();

  /** One line for {@code --help} and error messages. */
  String description();

  /**
   * Runs the task once.
   *
   * @param argument a JSON value: null, Boolean, Long, BigInteger, Double, String, List or Map
   * @return a JSON value of the same kinds
   */
  Object run(Object argument) throws Exception;

  /**
   * Whether the same argument always gives the same value wherever it runs. {@code compare}
   * checks that all modes agree only for deterministic tasks.
   */
  default boolean deterministic() {
    return true;
  }

  /** The size the command line uses when {@code --size} is not given. */
  default long defaultSize() {
    return 1;
  }

  /**
   * Bytes that one argument and its value of size {@code size} occupy in the coordinator's heap,
   * for the command line's up-front memory check; 0 (small) by default.
   */
  default long payloadBytes(long size) {
    return 0;
  }

  /** The argument that the command line's {@code --size N} stands for; the size itself by default. */
  default Object argumentForSize(long size) {
    return size;
  }
}
