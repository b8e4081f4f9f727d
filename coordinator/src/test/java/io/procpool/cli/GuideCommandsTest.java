package io.procpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.procpool.pool.Mode;
import io.procpool.pool.VirtualThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command in docs/guide.md still parses: options exist, values convert, modes are known.
 * docs/guide/run-guide.sh runs them for real; this keeps the guide honest on every build.
 */
final class GuideCommandsTest {
  private static final Pattern COMMAND = Pattern.compile("^\\$ (JAVA_HOME=\\S+ )?procpool (.*?)\\s*(#.*)?$");
  private static final Path GUIDE = Path.of("..", "docs", "guide.md");

  @Test
  void guide_everyCommand_parsesWithKnownModes() throws IOException {
    List<String> commands = commands();
    assertTrue(commands.size() >= 10, "found only " + commands.size() + " commands in " + GUIDE);
    for (String command : commands) {
      String[] args = words(command);
      try {
        CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args);
        CommandLine.ParseResult sub = parsed.subcommand();
        assertFalse(sub == null, "no subcommand in: " + command);
        for (String option : List.of("--mode", "--modes")) {
          if (sub.hasMatchedOption(option)) {
            for (String name : String.join(",", sub.matchedOption(option).stringValues()).split(",")) {
              checkMode(name, command);
            }
          }
        }
      } catch (CommandLine.ParameterException e) {
        fail("the guide's command does not parse: procpool " + command + "\n  " + e.getMessage());
      }
    }
  }

  @Test
  void guide_everyPicture_isGeneratedByACommand() throws IOException {
    String guide = Files.readString(GUIDE);
    Matcher picture = Pattern.compile("!\\[[^]]*]\\((guide/[^)]+)\\)").matcher(guide);
    String commands = String.join("\n", commands());
    int pictures = 0;
    while (picture.find()) {
      pictures++;
      assertTrue(commands.contains("docs/" + picture.group(1)), "no command draws " + picture.group(1));
    }
    assertTrue(pictures > 0, "the guide shows no pictures");
  }

  private static void checkMode(String name, String command) {
    if (name.trim().equals(Mode.VIRTUAL_THREAD.cliName()) && VirtualThreads.unavailableReason().isPresent()) {
      return; // known; this JVM just cannot run it
    }
    try {
      Mode.parse(name);
    } catch (IllegalArgumentException e) {
      fail("the guide uses an unknown mode in: procpool " + command + "\n  " + e.getMessage());
    }
  }

  private static List<String> commands() throws IOException {
    List<String> commands = new ArrayList<>();
    for (String line : Files.readAllLines(GUIDE)) {
      Matcher matcher = COMMAND.matcher(line);
      if (matcher.matches()) {
        commands.add(matcher.group(2));
      }
    }
    return commands;
  }

  /** Splits like the shell for the guide's simple commands: words, and "double-quoted words". */
  static String[] words(String command) {
    List<String> words = new ArrayList<>();
    Matcher word = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(command);
    while (word.find()) {
      words.add(word.group(1) != null ? word.group(1) : word.group(2));
    }
    return words.toArray(String[]::new);
  }

  @Test
  void words_quotedArgument_staysOneWord() {
    assertEquals(List.of("run", "--worker-command", "python3 w.py"),
        List.of(words("run --worker-command \"python3 w.py\"")));
  }
}
