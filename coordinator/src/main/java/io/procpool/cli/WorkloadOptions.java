package io.procpool.cli;

import io.procpool.run.Workload;
import io.procpool.task.Task;
import io.procpool.task.TaskRegistry;
import io.procpool.task.UnknownTaskException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The task list: which task, how many, how big. Shared by run and compare. */
final class WorkloadOptions {
  /** The built-in tasks, as TaskRegistry.builtIn() names them (a test keeps the two the same). */
  static final String BUILT_IN = "cpu-heavy, noop, echo, sleep, fail, crash, counter, chatter, oom";

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--workload", paramLabel = "NAME", defaultValue = "cpu-heavy",
      description = "Task to run (default: ${DEFAULT-VALUE}). Built in: " + BUILT_IN + "; more with --classpath.")
  String workload;

  @Option(names = "--tasks", paramLabel = "T",
      description = "Number of tasks (default: available processors).")
  Integer tasks;

  @Option(names = "--size", paramLabel = "N",
      description = "Size of each task: xorshift steps for cpu-heavy, ms for sleep, bytes for echo "
          + "(default: the task's own, e.g. 600000000 for cpu-heavy, about 1 s).")
  Long size;

  @Option(names = "--spread", paramLabel = "F", defaultValue = "0",
      description = "Draw each size uniformly from [N(1-F), N(1+F)], 0 <= F <= 1 (default: ${DEFAULT-VALUE}).")
  double spread;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
      description = "Seed for --spread (default: ${DEFAULT-VALUE}).")
  long seed;

  /** Checks the values and builds the task list from the registry's task. */
  Workload workload(TaskRegistry registry) {
    int count = tasks == null ? Runtime.getRuntime().availableProcessors() : tasks;
    if (count < 1) {
      throw usage("--tasks must be at least 1, was " + count);
    }
    if (size != null && size < 0) {
      throw usage("--size cannot be negative, was " + size);
    }
    if (!(spread >= 0 && spread <= 1)) {
      throw usage("--spread must be between 0 and 1, was " + spread);
    }
    Task task;
    try {
      task = registry.get(workload);
    } catch (UnknownTaskException unknown) {
      throw usage("--workload: " + unknown.getMessage());
    }
    long base = size == null ? task.defaultSize() : size;
    try {
      return Workload.generate(task, count, base, spread, seed);
    } catch (RuntimeException e) {
      throw usage("cannot build the " + workload + " task list: " + e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
