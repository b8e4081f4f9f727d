package io.procpool.protocol;

/**
 * Whether the codec scans long strings with the JDK's Vector API (SIMD, 32 to 64 bytes at a
 * time) instead of {@link ByteScan}'s word-wise loops. It does when this JVM was started with
 * {@code --add-modules jdk.incubator.vector}: the API is an incubator module from JDK 16 to
 * at least 25, so it must be asked for, and the JVM then prints a warning and starts without
 * its archived module graph (about 50 ms more per worker start, docs/overhead.md). A coordinator
 * that has it starts its workers with it too.
 *
 * <p>Measured on the development machine: 34 µs per MiB against 155-260 µs word-wise, and
 * 1 MiB echoes through 2 workers at 975-1234 MiB/s against 671-801 (docs/overhead.md, lever
 * 10). It needs the C2 compiler: without it (say {@code -XX:TieredStopAtLevel=1}) the Vector
 * API runs as plain Java objects and scans are far slower than word-wise.
 */
public final class VectorScans {
  /** The module that switches vector scans on. */
  public static final String MODULE = "jdk.incubator.vector";
  /** What a JVM with the module prints at start-up, on stderr; a worker's is not passed on. */
  public static final String STARTUP_WARNING = "WARNING: Using incubator modules: " + MODULE;

  private static final boolean ENABLED = ModuleLayer.boot().findModule(MODULE).isPresent();

  private VectorScans() {}

  /** Whether this JVM scans with the Vector API. */
  public static boolean enabled() {
    return ENABLED;
  }
}
