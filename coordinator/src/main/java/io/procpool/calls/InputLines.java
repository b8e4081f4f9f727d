package io.procpool.calls;

import io.procpool.fn.Invocation;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls of a JSON-lines input: one JSON value per line is one call's argument (an array
 * spreads over a method of several parameters). Each line is checked against the method's
 * parameter types before anything runs; a bad one is kept with its line number, never dropped.
 *
 * @param calls the good lines, in input order
 * @param bad the lines that cannot be a call, in input order
 */
public record InputLines(List<Call> calls, List<BadLine> bad) {

  /** A line that is one call: its 1-based line number and its arguments as the invoke task takes them. */
  public record Call(int line, String arguments) {}

  /** A line that is not a call, and why. */
  public record BadLine(int line, String problem) {}

  /**
   * Reads every line. Blank lines are not calls and are passed over.
   *
   * @param failFast stop at the first bad line: the calls before it are kept
   */
  public static InputLines read(BufferedReader input, Invocation invocation, boolean failFast) throws IOException {
    List<Call> calls = new ArrayList<>();
    List<BadLine> bad = new ArrayList<>();
    int number = 0;
    for (String line = input.readLine(); line != null; line = input.readLine()) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        calls.add(new Call(number, invocation.argumentsFromJson(line)));
      } catch (IllegalArgumentException e) {
        bad.add(new BadLine(number, e.getMessage()));
        if (failFast) {
          break;
        }
      }
    }
    return new InputLines(List.copyOf(calls), List.copyOf(bad));
  }
}
