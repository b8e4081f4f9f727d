package io.procpool.fn;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.StringWriter;

/**
 * JSON text with jackson-core alone: parsers for calls, their arguments and answers, and the
 * text of strings and finite doubles, as the mappers of {@link Values} write them. The first
 * ObjectMapper of a JVM costs a fresh worker 50-90 ms (its {@code StdDateFormat} loads the JDK's
 * locale data), which a call of integers, booleans and strings never needs: such a call builds
 * none, and this class names none of jackson-databind's.
 */
final class JsonText {
  // Error locations without the source, as the mappers': recording it costs more than parsing a small call.
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

  private JsonText() {}

  static JsonParser parser(String json) throws IOException {
    return FACTORY.createParser(json);
  }

  /** Appends a string's JSON text. */
  static void appendString(String value, StringBuilder out) throws IOException {
    out.append(write(value));
  }

  /** A finite double's JSON text. */
  static String doubleText(double value) throws IOException {
    return write(value);
  }

  private static String write(Object scalar) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(text)) {
      if (scalar instanceof String string) {
        generator.writeString(string);
      } else {
        generator.writeNumber((Double) scalar);
      }
    }
    return text.toString();
  }
}
