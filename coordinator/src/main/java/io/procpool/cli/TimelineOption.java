package io.procpool.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --timeline}, for the commands that run a task list (not for {@code overhead}, which runs many). */
final class TimelineOption {
  @Option(names = "--timeline", paramLabel = "FILE", converter = ChartPathConverter.class,
      description = "Also draw a Gantt chart to FILE (.png or .svg): a lane per worker process or thread, "
          + "a bar per task, each worker JVM's start-up; compare draws a panel per mode on one time scale.")
  Path file;
}
