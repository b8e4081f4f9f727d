package io.procpool.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON values on Jackson's streaming API: the oracle the hand-written codec is checked against. */
final class JacksonValues {
  private JacksonValues() {}

  /** Reads the value starting at the parser's current token. */
  public static Object read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      throw new IOException("expected a JSON value, found end of input");
    }
    switch (token) {
      case VALUE_NULL:
        return null;
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return parser.getBigIntegerValue();
        }
        return parser.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(read(parser));
        }
        return list;
      }
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          map.put(name, read(parser));
        }
        return map;
      }
      default:
        throw new IOException("unexpected JSON token " + token);
    }
  }

  /** Writes a plain Java value; anything else is written as its {@code toString()}. */
  public static void write(JsonGenerator gen, Object value) throws IOException {
    if (value == null) {
      gen.writeNull();
    } else if (value instanceof String s) {
      gen.writeString(s);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      gen.writeNumber(((Number) value).longValue());
    } else if (value instanceof Boolean b) {
      gen.writeBoolean(b);
    } else if (value instanceof Double || value instanceof Float) {
      gen.writeNumber(((Number) value).doubleValue());
    } else if (value instanceof BigInteger big) {
      gen.writeNumber(big);
    } else if (value instanceof BigDecimal decimal) {
      gen.writeNumber(decimal);
    } else if (value instanceof Map<?, ?> map) {
      gen.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        gen.writeFieldName(String.valueOf(entry.getKey()));
        write(gen, entry.getValue());
      }
      gen.writeEndObject();
    } else if (value instanceof Iterable<?> items) {
      gen.writeStartArray();
      for (Object item : items) {
        write(gen, item);
      }
      gen.writeEndArray();
    } else if (value instanceof Object[] items) {
      write(gen, java.util.Arrays.asList(items));
    } else {
      gen.writeString(value.toString());
    }
  }
}
