package io.procpool.calls;

import io.procpool.fn.Invocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
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

  /** The byte order mark some editors put first in a UTF-8 file; JSON readers may ignore it (RFC 8259). */
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final long MIB = 1 << 20;

  /**
   * Reads every line. Blank lines are not calls and are passed over; a byte order mark before the
   * first line is not part of it.
   *
   * @param failFast stop at the first bad line: the calls before it are kept
   * @throws IOException naming the line when the input is not UTF-8 text or does not fit in the heap
   */
  public static InputLines read(InputStream input, Invocation invocation, boolean failFast) throws IOException {
    List<Call> calls = new ArrayList<>();
    List<BadLine> bad = new ArrayList<>();
    Utf8Lines lines = new Utf8Lines(input);
    try {
      for (String line = lines.next(); line != null; line = lines.next()) {
        int number = lines.number();
        if (number == 1 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
          line = line.substring(1);
        }
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
    } catch (CharacterCodingException e) {
      throw new IOException("line " + lines.number() + " is not UTF-8 text", e);
    } catch (OutOfMemoryError e) {
      // What was read is dropped with the exception, so the heap is free again to say so.
      throw new IOException("it does not fit in the coordinator's heap (" + Runtime.getRuntime().maxMemory() / MIB
          + " MB) at line " + lines.number() + "; give a smaller input or more heap (java -Xmx...)");
    }
    return new InputLines(List.copyOf(calls), List.copyOf(bad));
  }
}
