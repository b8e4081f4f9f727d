package io.procpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.task.TaskRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** What --help says: lines picocli never has to wrap, and each command's own defaults. */
final class HelpTextTest {

  @Test
  void help_descriptionsAndExamples_fitTheWidthSoNoCommandIsWrapped() {
    CommandLine main = Main.commandLine();
    List<CommandSpec> commands = new ArrayList<>();
    commands.add(main.getCommandSpec());
    main.getSubcommands().values().forEach(sub -> commands.add(sub.getCommandSpec()));
    for (CommandSpec command : commands) {
      int width = command.usageMessage().width();
      List<String> lines = new ArrayList<>(List.of(command.usageMessage().footer()));
      if (command.usageMessage().description().length > 1) { // one-string descriptions are prose, wrapped freely
        lines.addAll(List.of(command.usageMessage().description()));
      }
      for (String line : lines) {
        assertTrue(line.length() <= width, command.qualifiedName() + ": " + line.length() + " > " + width
            + " columns, picocli would wrap it: " + line);
      }
    }
  }

  @Test
  void help_workloadOption_listsEveryBuiltInTask() {
    for (String command : List.of("run", "compare", "sweep")) {
      String help = help(command);
      for (String task : TaskRegistry.builtIn().all().keySet()) {
        assertTrue(help.replaceAll("\\s+", " ").contains(task), command + " --help lacks " + task);
      }
    }
  }

  @Test
  void sweepHelp_givesSweepsOwnDefaultsAndNoClasspath() {
    String help = help("sweep").replaceAll("\\s+", " ");

    assertTrue(help.contains("2 x TO of --workers"), help);
    assertTrue(help.contains(SweepCommand.DEFAULT_CPU_HEAVY_SIZE + " for cpu-heavy"), help);
    assertFalse(help.contains("--classpath"), help);
    assertFalse(help.contains("Number of tasks (default: available processors)"), "run's --tasks default: " + help);
  }

  @Test
  void runHelp_keepsTheSharedDefaults() {
    String help = help("run").replaceAll("\\s+", " ");

    assertTrue(help.contains("Number of tasks (default: available processors)."), help);
    assertTrue(help.contains("more with --classpath"), help);
  }

  @Test
  void sweep_sharedOptionsWithSweepHelp_stillSetTheTaskList() {
    CommandLine commandLine = Main.commandLine();
    CommandLine.ParseResult parsed = commandLine.parseArgs("sweep", "--tasks", "3", "--size", "7", "--workload", "noop");

    SweepCommand sweep = parsed.subcommand().commandSpec().commandLine().getCommand();
    assertEquals(3, sweep.workload.tasks);
    assertEquals(7L, sweep.workload.size);
    assertEquals("noop", sweep.workload.workload);
  }

  private static String help(String command) {
    CommandLine commandLine = Main.commandLine();
    StringWriter out = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    assertEquals(0, commandLine.execute(command, "--help"));
    return out.toString();
  }
}
