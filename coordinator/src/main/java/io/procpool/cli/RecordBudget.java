package io.procpool.cli;

import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What keeping results costs in the coordinator's heap. Records kept for a timeline or a compare
 * document must fit in half the heap; what does not is refused before anything runs.
 */
final class RecordBudget {
  /** Heap a kept task record takes, about (the record, its execution's strings, a boxed value). */
  static final long BYTES_PER_KEPT_RECORD = 160;

  private RecordBudget() {}

  /**
   * @param perTaskBytes bytes needed per task besides kept records (compare's agreement check)
   * @param kept how many records per task are kept (0 when none)
   * @param why what keeps them, e.g. "--timeline"
   */
  static void check(CommandSpec spec, int tasks, long perTaskBytes, int kept, String why) {
    long heap = Runtime.getRuntime().maxMemory();
    long needed = tasks * (perTaskBytes + kept * BYTES_PER_KEPT_RECORD);
    if (needed > heap / 2) {
      throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
          "--tasks %d: %s needs about %d MB, more than half this JVM's heap (%d MB); give fewer tasks "
              + "or more heap (java -Xmx...)", tasks, why, needed >> 20, heap >> 20));
    }
  }
}
