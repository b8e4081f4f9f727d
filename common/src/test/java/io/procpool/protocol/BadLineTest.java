package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lines that are not valid messages: each is refused with a ProtocolException that says why. */
final class BadLineTest {
  private static final String RUN = "{\"type\":\"run\",\"id\":1,\"task\":\"noop\",\"args\":[1]}";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      // what is wrong                | the line                                                        | the message starts with
      "not JSON                       | hello                                                           | not a JSON object",
      "not JSON, bare brace           | }                                                               | not a JSON object",
      "array                          | [1,2]                                                           | not a JSON object",
      "number                         | 42                                                              | not a JSON object",
      "string                         | `\"run\"`                                                       | not a JSON object",
      "null                           | null                                                            | not a JSON object",
      "empty object                   | {}                                                              | message has no \"type\"",
      "missing type                   | {\"id\":1,\"task\":\"noop\",\"args\":[1]}                       | message has no \"type\"",
      "null type                      | {\"type\":null}                                                 | message has no \"type\"",
      "unknown type                   | {\"type\":\"ping\"}                                             | unknown message type \"ping\"",
      "type not a string             | {\"type\":{\"a\":1}}                                            | invalid message (\"type\" must be a string)",
      "type a number                  | {\"type\":5}                                                    | invalid message (\"type\" must be a string)",
      "run without id                 | {\"type\":\"run\",\"task\":\"noop\",\"args\":[1]}               | message lacks \"id\"",
      "run without task               | {\"type\":\"run\",\"id\":1,\"args\":[1]}                        | message lacks \"task\"",
      "run without args               | {\"type\":\"run\",\"id\":1,\"task\":\"noop\"}                   | message lacks \"args\"",
      "run with empty args            | {\"type\":\"run\",\"id\":1,\"task\":\"noop\",\"args\":[]}       | invalid message (a run request needs at least one argument)",
      "run with args not an array     | {\"type\":\"run\",\"id\":1,\"task\":\"noop\",\"args\":1}        | invalid message (\"args\" must be an array)",
      "run with id a string           | {\"type\":\"run\",\"id\":\"1\",\"task\":\"noop\",\"args\":[1]}  | invalid message (\"id\" must be an integer)",
      "run with id a fraction         | {\"type\":\"run\",\"id\":1.5,\"task\":\"noop\",\"args\":[1]}    | invalid message (\"id\" must be an integer)",
      "run with id beyond 64 bits     | {\"type\":\"run\",\"id\":9223372036854775808,\"task\":\"noop\",\"args\":[1]} | invalid message (\"id\" must be an integer that fits in 64 bits)",
      "run with task a number         | {\"type\":\"run\",\"id\":1,\"task\":5,\"args\":[1]}             | invalid message (\"task\" must be a string)",
      "run with task an array         | {\"type\":\"run\",\"id\":1,\"task\":[\"noop\"],\"args\":[1]}    | invalid message (\"task\" must be a string)",
      "hello without pid              | {\"type\":\"hello\",\"protocol\":1}                             | message lacks \"pid\"",
      "hello without protocol         | {\"type\":\"hello\",\"pid\":1}                                  | message lacks \"protocol\"",
      "hello with inFlight 0          | {\"type\":\"hello\",\"protocol\":1,\"pid\":1,\"inFlight\":0}    | invalid message (inFlight must be at least 1, was 0)",
      "hello with inFlight over int   | {\"type\":\"hello\",\"protocol\":1,\"pid\":1,\"inFlight\":4294967297} | invalid message (\"inFlight\" must be an integer from -2147483648 to 2147483647)",
      "hello with protocol over int   | {\"type\":\"hello\",\"protocol\":4294967297,\"pid\":1}          | invalid message (\"protocol\" must be an integer from -2147483648 to 2147483647)",
      "done without id                | {\"type\":\"done\",\"results\":[]}                              | message lacks \"id\"",
      "done without results           | {\"type\":\"done\",\"id\":1}                                    | message lacks \"results\"",
      "done with result not an object | {\"type\":\"done\",\"id\":1,\"results\":[1]}                    | invalid message (each result must be an object)",
      "done with results an object    | {\"type\":\"done\",\"id\":1,\"results\":{}}                     | invalid message (\"results\" must be an array)",
      "done with error not an object  | {\"type\":\"done\",\"id\":1,\"results\":[{\"error\":\"x\"}]}    | invalid message (\"error\" must be an object)",
      "done with error null           | {\"type\":\"done\",\"id\":1,\"results\":[{\"error\":null}]}     | invalid message (\"error\" must be an object)",
      "done with error sans exception | {\"type\":\"done\",\"id\":1,\"results\":[{\"error\":{}}]}       | invalid message (\"error\" lacks \"exception\")",
      "done with micros a string      | {\"type\":\"done\",\"id\":1,\"results\":[{\"micros\":\"1\"}]}   | invalid message (\"micros\" must be an integer)",
      "done with micros a fraction    | {\"type\":\"done\",\"id\":1,\"results\":[{\"micros\":1.0}]}   | invalid message (\"micros\" must be an integer)",
      "done with micros an exponent   | {\"type\":\"done\",\"id\":1,\"results\":[{\"micros\":1e3}]}   | invalid message (\"micros\" must be an integer)",
      "done with startedAt 01         | {\"type\":\"done\",\"id\":1,\"results\":[{\"startedAt\":01}]} | invalid message (invalid number: leading zero",
      "done with startedAt a bare -   | {\"type\":\"done\",\"id\":1,\"results\":[{\"startedAt\":-}]}  | invalid message (invalid number",
      "done with startedAt past 64 bit| {\"type\":\"done\",\"id\":1,\"results\":[{\"startedAt\":9223372036854775808}]} | invalid message (\"startedAt\" must be an integer that fits in 64 bits)",
      "trailing garbage               | {\"type\":\"run\",\"id\":1,\"task\":\"noop\",\"args\":[1]} x    | trailing data after the JSON object",
      "two objects on one line        | {\"type\":\"run\",\"id\":1,\"task\":\"noop\",\"args\":[1]}{}    | trailing data after the JSON object",
      "truncated line                 | {\"type\":\"run\",\"id\":1,\"task\":\"noop\",\"args\":[1        | invalid message (expected ',' but found end of input",
      "truncated in a string          | {\"type\":\"run\",\"id\":1,\"task\":\"no                        | invalid message (unterminated string",
      "single quotes                  | {'type':'run'}                                                  | invalid message (expected a member name but found '''",
      "comment                        | {\"type\":\"run\"} // c                                         | trailing data after the JSON object",
  })
  void decode_badLine_protocolExceptionSaysWhy(String what, String line, String expectedStart) {
    ProtocolException bad = assertThrows(ProtocolException.class, () -> MessageReader.decode(line), what);

    assertTrue(bad.getMessage().startsWith(expectedStart), what + ": " + bad.getMessage());
    assertTrue(bad.getMessage().endsWith(bad.excerpt()), what + ": message ends with the quoted line");
  }

  @Test
  void decode_badLine_excerptQuotesLineWithEscapes() {
    ProtocolException bad = assertThrows(ProtocolException.class, () -> MessageReader.decode("[\"a\\b\"]\t"));

    assertEquals("\"[\\\"a\\\\b\\\"]\\x09\"", bad.excerpt());
    assertEquals("not a JSON object: " + bad.excerpt(), bad.getMessage());
  }

  @Test
  void decode_longBadLine_excerptCutWithLength() {
    String line = "[" + "7,".repeat(300) + "7]";

    ProtocolException bad = assertThrows(ProtocolException.class, () -> MessageReader.decode(line));

    assertEquals("\"" + line.substring(0, Protocol.EXCERPT_CHARS) + "\"... (" + line.length() + " bytes)",
        bad.excerpt());
  }

  @Test
  void read_invalidUtf8_refusedThenNextLineRead() throws IOException {
    byte[] bad = {'{', '"', 't', (byte) 0xff, (byte) 0xfe, '"', ':', '1', '}', '\n'};
    byte[] good = (RUN + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] stream = new byte[bad.length + good.length];
    System.arraycopy(bad, 0, stream, 0, bad.length);
    System.arraycopy(good, 0, stream, bad.length, good.length);
    MessageReader reader = new MessageReader(new ByteArrayInputStream(stream));

    ProtocolException refused = assertThrows(ProtocolException.class, reader::read);

    assertTrue(refused.getMessage().startsWith("invalid message (invalid UTF-8"), refused.getMessage());
    assertEquals(new Run(1, "noop", List.of(1L)), reader.read());
    assertNull(reader.read());
  }

  @Test
  void read_badLinesBetweenGoodOnes_eachRefusedInTurn() throws IOException {
    String stream = "nope\n" + RUN + "\n{\"type\":\"x\"}\n\n" + RUN + "\n[]";
    MessageReader reader = new MessageReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));

    assertThrows(ProtocolException.class, reader::read);
    assertEquals(Run.TYPE, reader.read().type());
    assertThrows(ProtocolException.class, reader::read);
    assertEquals(Run.TYPE, reader.read().type());
    assertThrows(ProtocolException.class, reader::read);
    assertNull(reader.read());
  }
}
