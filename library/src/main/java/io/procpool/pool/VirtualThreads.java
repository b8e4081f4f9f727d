package io.procpool.pool;

import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Java 21's virtual threads, reached by reflection: procpool compiles for Java 17, where the
 * API does not exist, and uses it when it runs on 21 or newer.
 */
public final class VirtualThreads {
  /** The first Java release with virtual threads as a final feature. */
  public static final int JAVA_VERSION_NEEDED = 21;

  private VirtualThreads() {}

  /** Why virtual threads cannot be used on this JVM, or empty when they can. */
  public static Optional<String> unavailableReason() {
    int feature = Runtime.version().feature();
    if (feature >= JAVA_VERSION_NEEDED) {
      return Optional.empty();
    }
    return Optional.of("needs Java " + JAVA_VERSION_NEEDED + " or newer (virtual threads); this JVM is Java "
        + System.getProperty("java.version"));
  }

  /** {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix, 1).factory())}. */
  static ExecutorService perTaskExecutor(String namePrefix) {
    unavailableReason().ifPresent(reason -> {
      throw new UnsupportedOperationException(reason);
    });
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
      builder = ofVirtual.getMethod("name", String.class, long.class).invoke(builder, namePrefix, 1L);
      ThreadFactory factory = (ThreadFactory) ofVirtual.getMethod("factory").invoke(builder);
      return (ExecutorService) Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
          .invoke(null, factory);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot create virtual threads: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot find the virtual thread API on Java "
          + System.getProperty("java.version") + ": " + e, e);
    }
  }
}
