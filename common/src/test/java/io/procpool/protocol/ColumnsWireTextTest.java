package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The columns form of {@code done} and the two flags that negotiate it, pinned both ways and for
 * both codecs, which must write the same bytes.
 */
final class ColumnsWireTextTest {
  private static final String HELLO =
      "{\"type\":\"hello\",\"protocol\":1,\"pid\":4242,\"runtime\":\"java 17.0.15\",\"inFlight\":65536,"
          + "\"initMicros\":74216,\"readyAt\":1795445022483778,\"columns\":true}";
  private static final String RUN = "{\"type\":\"run\",\"id\":7,\"task\":\"noop\",\"args\":[1,\"b\",null],\"columns\":true}";
  private static final String DONE = "{\"type\":\"done\",\"id\":7,\"thread\":\"main\",\"startedAt\":1795445022501689,"
      + "\"values\":[1,\"b\",null],\"starts\":[0,0,3],\"micros\":[12,0,1]}";

  private static final Hello HELLO_RECORD =
      new Hello(1, 4242, "java 17.0.15", 65536, 74216, 1795445022483778L, /* offLine= */ false, /* columns= */ true);
  private static final Run RUN_RECORD = new Run(7, "noop", Arrays.asList(1L, "b", null), /* columns= */ true);
  private static final Done DONE_RECORD = new Done(7, "main", List.of(
      Outcome.success(1L, 1795445022501689L, 12),
      Outcome.success("b", 1795445022501689L, 0),
      Outcome.success(null, 1795445022501692L, 1)), /* columns= */ true);

  @ParameterizedTest
  @ValueSource(strings = {"procpool", "jackson"})
  void encode_columnsMessages_exactWireText(String codec) {
    Function<Message, String> encode = encoder(codec);

    assertEquals(HELLO, encode.apply(HELLO_RECORD));
    assertEquals(RUN, encode.apply(RUN_RECORD));
    assertEquals(DONE, encode.apply(DONE_RECORD));
  }

  @ParameterizedTest
  @ValueSource(strings = {"procpool", "jackson"})
  void decode_columnsMessages_equalRecords(String codec) throws ProtocolException {
    assertEquals(HELLO_RECORD, decode(codec, HELLO));
    assertEquals(RUN_RECORD, decode(codec, RUN));
    assertEquals(DONE_RECORD, decode(codec, DONE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"procpool", "jackson"})
  void encode_columnsAskedButACallFailed_classicFormWithTheError(String codec) {
    Done done = new Done(3, "main", List.of(Outcome.success(1L, 5, 0),
        Outcome.failure(new RemoteError("java.lang.IllegalStateException", "boom", ""), 6, 1)), /* columns= */ true);

    String wire = encoder(codec).apply(done);

    assertEquals("{\"type\":\"done\",\"id\":3,\"thread\":\"main\",\"results\":[{\"value\":1,\"startedAt\":5,\"micros\":0},"
        + "{\"error\":{\"exception\":\"java.lang.IllegalStateException\",\"message\":\"boom\",\"trace\":\"\"},"
        + "\"startedAt\":6,\"micros\":1}]}", wire);
  }

  @ParameterizedTest
  @ValueSource(strings = {"procpool", "jackson"})
  void decode_columnsWithoutStartsAndMicros_zeroOffsetsAndDurations(String codec) throws ProtocolException {
    Done done = (Done) decode(codec, "{\"type\":\"done\",\"id\":1,\"values\":[4,5],\"startedAt\":9}");

    assertEquals(new Done(1, "", List.of(Outcome.success(4L, 9, 0), Outcome.success(5L, 9, 0)), true), done);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "procpool | {\"type\":\"done\",\"id\":1,\"results\":[],\"values\":[]}          | a done has \"results\" or \"values\", not both",
      "jackson  | {\"type\":\"done\",\"id\":1,\"results\":[],\"values\":[]}          | a done has \"results\" or \"values\", not both",
      "procpool | {\"type\":\"done\",\"id\":1,\"values\":[1,2],\"starts\":[0]}        | a done's \"starts\" has 1 numbers for 2 values",
      "jackson  | {\"type\":\"done\",\"id\":1,\"values\":[1,2],\"starts\":[0]}        | a done's \"starts\" has 1 numbers for 2 values",
      "procpool | {\"type\":\"done\",\"id\":1,\"values\":[1],\"micros\":[0,1]}        | a done's \"micros\" has 2 numbers for 1 values",
      "jackson  | {\"type\":\"done\",\"id\":1,\"values\":[1],\"micros\":[0,1]}        | a done's \"micros\" has 2 numbers for 1 values",
      "procpool | {\"type\":\"done\",\"id\":1,\"values\":[1],\"micros\":[0.5]}        | invalid message (\"micros\" must be an integer)",
      "jackson  | {\"type\":\"done\",\"id\":1,\"values\":[1],\"micros\":[0.5]}        | invalid message (\"micros\" must be an integer)",
      "procpool | {\"type\":\"done\",\"id\":1,\"values\":[1],\"starts\":0}             | invalid message (\"starts\" must be an array)",
      "jackson  | {\"type\":\"done\",\"id\":1,\"values\":[1],\"starts\":0}             | invalid message (\"starts\" must be an array)",
      "procpool | {\"type\":\"done\",\"id\":1,\"values\":1}                          | invalid message (\"values\" must be an array)",
      "jackson  | {\"type\":\"done\",\"id\":1,\"values\":1}                          | invalid message (\"values\" must be an array)",
  })
  void decode_brokenColumns_refusedNamingTheProblem(String codec, String line, String expected) {
    ProtocolException refused = assertThrows(ProtocolException.class, () -> decode(codec, line));

    assertTrue(refused.getMessage().startsWith(expected), refused.getMessage());
  }

  private static Function<Message, String> encoder(String codec) {
    return codec.equals("jackson") ? JacksonMessageWriter::encode : MessageWriter::encode;
  }

  private static Message decode(String codec, String line) throws ProtocolException {
    return codec.equals("jackson") ? JacksonMessageReader.decode(line) : MessageReader.decode(line);
  }
}
