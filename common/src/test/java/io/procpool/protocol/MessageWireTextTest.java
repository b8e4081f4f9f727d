package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins the exact wire text of every message, both ways: these strings are the protocol. */
final class MessageWireTextTest {
  private static final String HELLO =
      "{\"type\":\"hello\",\"protocol\":1,\"pid\":4242,\"runtime\":\"java 17.0.15\",\"inFlight\":65536,"
          + "\"initMicros\":74216,\"readyAt\":1795445022483778}";
  private static final String RUN = "{\"type\":\"run\",\"id\":7,\"task\":\"cpu-heavy\",\"args\":[1000]}";
  private static final String DONE =
      "{\"type\":\"done\",\"id\":7,\"thread\":\"main\",\"results\":[{\"value\":1363160026601443621,"
          + "\"startedAt\":1795445022501689,\"micros\":297}]}";
  private static final String DONE_ERROR =
      "{\"type\":\"done\",\"id\":3,\"thread\":\"main\",\"results\":[{\"error\":{"
          + "\"exception\":\"java.lang.IllegalStateException\",\"message\":\"boom\","
          + "\"trace\":\"java.lang.IllegalStateException: boom\\n\\tat X.y(X.java:1)\\n\"},"
          + "\"startedAt\":5,\"micros\":6},{\"value\":null,\"startedAt\":7,\"micros\":0}]}";
  private static final String INVALID =
      "{\"type\":\"invalid\",\"message\":\"not a JSON object: \\\"[1]\\\"\",\"line\":\"\\\"[1]\\\"\"}";

  private static final Hello HELLO_RECORD = new Hello(1, 4242, "java 17.0.15", 65536, 74216, 1795445022483778L);
  private static final Run RUN_RECORD = new Run(7, "cpu-heavy", List.of(1000L));
  private static final Done DONE_RECORD = new Done(7, "main",
      List.of(Outcome.success(1363160026601443621L, 1795445022501689L, 297)));
  private static final Done DONE_ERROR_RECORD = new Done(3, "main", List.of(
      Outcome.failure(new RemoteError("java.lang.IllegalStateException", "boom",
          "java.lang.IllegalStateException: boom\n\tat X.y(X.java:1)\n"), 5, 6),
      Outcome.success(null, 7, 0)));
  private static final Invalid INVALID_RECORD = new Invalid("not a JSON object: \"[1]\"", "\"[1]\"");

  @Test
  void encode_hello_exactWireText() {
    assertEquals(HELLO, MessageWriter.encode(HELLO_RECORD));
  }

  @Test
  void decode_hello_equalRecord() throws ProtocolException {
    assertEquals(HELLO_RECORD, MessageReader.decode(HELLO));
  }

  @Test
  void encode_run_exactWireText() {
    assertEquals(RUN, MessageWriter.encode(RUN_RECORD));
  }

  @Test
  void decode_run_equalRecord() throws ProtocolException {
    assertEquals(RUN_RECORD, MessageReader.decode(RUN));
  }

  @Test
  void encode_done_exactWireText() {
    assertEquals(DONE, MessageWriter.encode(DONE_RECORD));
  }

  @Test
  void decode_done_equalRecord() throws ProtocolException {
    assertEquals(DONE_RECORD, MessageReader.decode(DONE));
  }

  @Test
  void encode_doneWithErrorOutcome_exactWireText() {
    assertEquals(DONE_ERROR, MessageWriter.encode(DONE_ERROR_RECORD));
  }

  @Test
  void decode_doneWithErrorOutcome_equalRecord() throws ProtocolException {
    Done done = (Done) MessageReader.decode(DONE_ERROR);

    assertEquals(DONE_ERROR_RECORD, done);
    assertEquals(true, done.results().get(0).failed());
    assertEquals(false, done.results().get(1).failed());
  }

  @Test
  void encode_invalid_exactWireText() {
    assertEquals(INVALID, MessageWriter.encode(INVALID_RECORD));
  }

  @Test
  void decode_invalid_equalRecord() throws ProtocolException {
    assertEquals(INVALID_RECORD, MessageReader.decode(INVALID));
  }

  @Test
  void encode_nestedArguments_exactWireText() {
    assertEquals(NESTED, MessageWriter.encode(new Run(9, "echo", nestedArguments())));
  }

  @Test
  void decode_nestedArguments_plainJavaValues() throws ProtocolException {
    Run run = (Run) MessageReader.decode(NESTED);

    assertEquals(new Run(9, "echo", nestedArguments()), run);
    assertEquals(BigInteger.class, run.args().get(1).getClass());
    assertEquals(Long.class, run.args().get(2).getClass());
    assertEquals(Double.class, run.args().get(3).getClass());
  }

  @Test
  void decode_rawUtf8BeyondBmp_sameStringAsEscaped() throws ProtocolException {
    Run raw = (Run) MessageReader.decode("{\"type\":\"run\",\"id\":1,\"task\":\"echo\",\"args\":[\"\uD83D\uDE00\"]}");
    Run escaped = (Run) MessageReader.decode("{\"type\":\"run\",\"id\":1,\"task\":\"echo\",\"args\":[\"\\ud83d\\ude00\"]}");

    assertEquals(List.of("\uD83D\uDE00"), raw.args());
    assertEquals(raw, escaped);
  }

  @Test
  void decode_fieldsInAnotherOrder_sameRecord() throws ProtocolException {
    String reordered = "{\"args\":[1000],\"task\":\"cpu-heavy\",\"id\":7,\"type\":\"run\"}";

    assertEquals(RUN_RECORD, MessageReader.decode(reordered));
  }

  @Test
  void decode_outcomeFieldsInAnotherOrder_sameRecord() throws ProtocolException {
    String reordered = "{\"results\":[{\"micros\":6,\"startedAt\":5,\"error\":{\"trace\":"
        + "\"java.lang.IllegalStateException: boom\\n\\tat X.y(X.java:1)\\n\",\"message\":\"boom\","
        + "\"exception\":\"java.lang.IllegalStateException\"}},{\"micros\":0,\"value\":null,\"startedAt\":7}],"
        + "\"thread\":\"main\",\"id\":3,\"type\":\"done\"}";

    assertEquals(DONE_ERROR_RECORD, MessageReader.decode(reordered));
  }

  @Test
  void decode_unknownFields_ignored() throws ProtocolException {
    String line = "{\"v\":2,\"type\":\"run\",\"meta\":{\"deep\":[1,{\"x\":[null]}],\"s\":\"}\"},\"id\":7,"
        + "\"task\":\"cpu-heavy\",\"args\":[1000],\"extra\":[[],{}],\"z\":null}";

    assertEquals(RUN_RECORD, MessageReader.decode(line));
  }

  @Test
  void decode_unknownFieldsInOutcomeAndError_ignored() throws ProtocolException {
    String line = "{\"type\":\"done\",\"id\":3,\"thread\":\"main\",\"results\":[{\"error\":{"
        + "\"exception\":\"java.lang.IllegalStateException\",\"code\":[1,2],\"message\":\"boom\","
        + "\"trace\":\"java.lang.IllegalStateException: boom\\n\\tat X.y(X.java:1)\\n\"},"
        + "\"worker\":{\"id\":\"w1\"},\"startedAt\":5,\"micros\":6},{\"value\":null,\"startedAt\":7,\"micros\":0}]}";

    assertEquals(DONE_ERROR_RECORD, MessageReader.decode(line));
  }

  @Test
  void decode_outcomeNamesEscapedSpacedOrAlike_readByTheirDecodedName() throws ProtocolException {
    String line = "{\"type\":\"done\",\"id\":1,\"results\":[{ \"v\\u0061lue\" : 2 ,\"valu\":8,"
        + "\"valueX\":9,\"st\\u0061rtedAt\":5, \"micros\"\t:6 }]}";

    assertEquals(new Done(1, "", List.of(Outcome.success(2L, 5, 6))), MessageReader.decode(line));
  }

  @Test
  void decode_outcomeTimesOfEveryLength_readExactly() throws ProtocolException {
    String line = "{\"type\":\"done\",\"id\":1,\"results\":[{\"value\":1,\"startedAt\":9223372036854775807,"
        + "\"micros\":-9223372036854775808},{\"value\":2,\"startedAt\":-0,\"micros\":999999999999999999}]}";

    assertEquals(new Done(1, "", List.of(Outcome.success(1L, Long.MAX_VALUE, Long.MIN_VALUE),
        Outcome.success(2L, 0, 999_999_999_999_999_999L))), MessageReader.decode(line));
  }

  @Test
  void decode_helloWithOnlyRequiredFields_defaults() throws ProtocolException {
    Hello hello = (Hello) MessageReader.decode("{\"type\":\"hello\",\"protocol\":1,\"pid\":99}");

    assertEquals(new Hello(1, 99, "unknown", 1, 0, 0), hello);
  }

  @Test
  void decode_doneWithoutThreadAndTimes_defaults() throws ProtocolException {
    Done done = (Done) MessageReader.decode("{\"type\":\"done\",\"id\":1,\"results\":[{\"value\":2}]}");

    assertEquals(new Done(1, "", List.of(Outcome.success(2L, 0, 0))), done);
  }

  @Test
  void decode_errorWithoutMessageAndTrace_emptyStrings() throws ProtocolException {
    Done done = (Done) MessageReader.decode(
        "{\"type\":\"done\",\"id\":1,\"results\":[{\"error\":{\"exception\":\"ValueError\"}}]}");

    assertEquals(new RemoteError("ValueError", "", ""), done.results().get(0).error());
  }

  @Test
  void write_twoMessages_eachOnItsOwnLineWithNothingBetween() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageWriter writer = new MessageWriter(out);

    writer.write(RUN_RECORD);
    writer.write(DONE_RECORD);
    writer.write(INVALID_RECORD);
    writer.flush();

    assertEquals(RUN + "\n" + DONE + "\n" + INVALID + "\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void write_beforeFlush_nothingReachesTheStream() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageWriter writer = new MessageWriter(out);

    writer.write(RUN_RECORD);

    assertEquals(0, out.size());
  }

  @Test
  void read_crlfBlankLinesAndLastLineWithoutNewline_allMessagesThenNull() throws IOException {
    String stream = "\n" + RUN + "\r\n\r\n\n" + DONE + "\n" + HELLO;
    MessageReader reader = reader(stream);

    assertEquals(RUN_RECORD, reader.read());
    assertEquals(DONE_RECORD, reader.read());
    assertEquals(HELLO_RECORD, reader.read());
    assertNull(reader.read());
    assertNull(reader.read());
  }

  @Test
  void read_emptyStream_null() throws IOException {
    assertNull(reader("").read());
  }

  @Test
  void read_whatWriterWrote_sameMessages() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MessageWriter writer = new MessageWriter(out)) {
      writer.write(HELLO_RECORD);
      writer.write(new Run(9, "echo", nestedArguments()));
      writer.write(DONE_ERROR_RECORD);
    }
    MessageReader reader = new MessageReader(new ByteArrayInputStream(out.toByteArray()));

    assertEquals(HELLO_RECORD, reader.read());
    assertEquals(new Run(9, "echo", nestedArguments()), reader.read());
    assertEquals(DONE_ERROR_RECORD, reader.read());
    assertNull(reader.read());
  }

  private static final String NESTED =
      "{\"type\":\"run\",\"id\":9,\"task\":\"echo\",\"args\":["
          + "{\"list\":[1,2.5,null,true,false],\"empty\":{},\"none\":[]},"
          + "123456789012345678901234567890,"
          + "-9223372036854775808,"
          + "-0.125,"
          + "null,"
          // Jackson writes characters beyond the BMP as an escaped surrogate pair; both are JSON.
          + "\"h\u00e9llo \u2713 \\uD83D\\uDE00\","
          + "\"tab\\tquote\\\"backslash\\\\newline\\ncontrol\\u0001\"]}";

  private static List<Object> nestedArguments() {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("list", Arrays.asList(1L, 2.5, null, true, false));
    object.put("empty", Map.of());
    object.put("none", List.of());
    return Arrays.asList(
        object,
        new BigInteger("123456789012345678901234567890"),
        Long.MIN_VALUE,
        -0.125,
        null,
        "h\u00e9llo \u2713 \uD83D\uDE00",
        "tab\tquote\"backslash\\newline\ncontrol\u0001");
  }

  private static MessageReader reader(String text) {
    return new MessageReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }
}
