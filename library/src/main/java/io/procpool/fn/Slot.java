package io.procpool.fn;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One typed position of a call (a captured value, an argument or the result) and how its
 * values travel. A <em>closed</em> position's declared type says all (a record, {@code long},
 * {@code List<Range>}): the value goes as plain JSON and is read back as that type. An
 * <em>open</em> one ({@code Object}, {@code Number}, an interface, a type variable) says too
 * little, so a value whose JSON would read back as something else travels with its class,
 * {@code ["java.lang.Long", 5]}: a {@code Long} passed to {@code identity(T)} stays a Long.
 */
final class Slot {
  private final String role;
  private final JavaType type;
  private final boolean open;
  /** Whether JSON alone may not rebuild it (an element type of Object): checked by a round trip. */
  private final boolean vague;
  private final ObjectReader reader;
  /** Readers of hinted classes; an ObjectReader is immutable and costly to make per value. */
  private static final Map<Class<?>, ObjectReader> READERS = new ConcurrentHashMap<>();
  private static final ObjectReader ANY = Values.MAPPER.readerFor(Object.class);

  Slot(String role, JavaType type) {
    this.role = role;
    this.type = type;
    this.open = isOpen(type.getRawClass());
    this.vague = !open && hasOpenParts(type);
    this.reader = Values.MAPPER.readerFor(type);
  }

  String role() {
    return role;
  }

  /** Appends the value's JSON, or throws naming what cannot travel. */
  void encode(Object value, StringBuilder out) {
    try {
      if (value == null) {
        if (type.isPrimitive()) {
          throw new CannotTravelException("null for " + role + " of primitive type " + type.getRawClass());
        }
        out.append("null");
      } else if (open) {
        encodeOpen(value, out);
      } else if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
        checkExactType(value);
        out.append(value); // JSON's own spelling of these, no mapper needed
      } else {
        checkExactType(value);
        String json = Values.MAPPER.writeValueAsString(value);
        if (vague) {
          checkRoundTrip(value, reader.readValue(json));
        }
        out.append(json);
      }
    } catch (IOException e) {
      throw new CannotTravelException("a " + value.getClass().getName() + " as " + role
          + " cannot be written as JSON: " + e.getMessage(), e);
    } catch (CannotTravelException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CannotTravelException("a " + value.getClass().getName() + " as " + role
          + " cannot be written as JSON: " + e, e);
    }
  }

  /** Reads the next value of a parser positioned on its first token. */
  Object decode(JsonParser parser) throws IOException {
    if (!open) {
      return reader.readValue(parser);
    }
    JsonToken token = parser.currentToken();
    switch (token) {
      case VALUE_NULL:
        return null;
      case VALUE_NUMBER_INT:
        return parser.getIntValue(); // only an Integer travels without its class
      case VALUE_STRING:
        return parser.getText();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case START_ARRAY:
        break;
      default:
        return ANY.readValue(parser);
    }
    parser.nextToken();
    String className = parser.getValueAsString();
    Class<?> valueClass;
    try {
      valueClass = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(role + ": class " + className + " is not on this JVM's class path", e);
    }
    if (!type.getRawClass().isAssignableFrom(valueClass)) {
      throw new IllegalArgumentException(role + ": a " + className + " is not a " + type.getRawClass().getName());
    }
    parser.nextToken();
    Object value = READERS.computeIfAbsent(valueClass, Values.MAPPER::readerFor).readValue(parser);
    parser.nextToken(); // the hint's closing bracket
    return value;
  }

  /** What {@link #decodeScalar} returns when the text is not a plain scalar of this slot. */
  static final Object NOT_SCALAR = new Object();

  /**
   * A bare integer, boolean or null read without a JSON parser, which costs more than the
   * call itself for {@code map(Fns::identity, ints)}; anything else is {@link #NOT_SCALAR}.
   */
  Object decodeScalar(String text) {
    Class<?> raw = type.getRawClass();
    if (text.equals("null")) {
      return raw.isPrimitive() ? NOT_SCALAR : null;
    }
    try {
      if (open || raw == Integer.class || raw == int.class) {
        return Integer.valueOf(text);
      }
      if (raw == Long.class || raw == long.class) {
        return Long.valueOf(text);
      }
    } catch (NumberFormatException e) {
      return text.equals("true") || text.equals("false") ? decodeBoolean(text, raw) : NOT_SCALAR;
    }
    return NOT_SCALAR;
  }

  private Object decodeBoolean(String text, Class<?> raw) {
    return open || raw == Boolean.class || raw == boolean.class ? Boolean.valueOf(text) : NOT_SCALAR;
  }

  Object decode(String json) throws IOException {
    Object scalar = decodeScalar(json);
    if (scalar != NOT_SCALAR) {
      return scalar;
    }
    try (JsonParser parser = Values.MAPPER.createParser(json)) {
      parser.nextToken();
      Object value = decode(parser);
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException(role + ": more than one value in " + json);
      }
      return value;
    }
  }

  private void encodeOpen(Object value, StringBuilder out) throws IOException {
    if (value instanceof Integer || value instanceof Boolean) {
      out.append(value); // reads back as the same class
      return;
    }
    if (value instanceof String || value instanceof Double number && Double.isFinite(number)) {
      out.append(Values.MAPPER.writeValueAsString(value));
      return;
    }
    Class<?> hint = hintFor(value);
    String json = Values.MAPPER.writeValueAsString(value);
    if (hint.getTypeParameters().length > 0) {
      checkRoundTrip(value, Values.MAPPER.readerFor(hint).readValue(json));
    }
    out.append("[\"").append(hint.getName()).append("\",").append(json).append(']');
  }

  /** Collections travel as their interface: Jackson rebuilds a List, not a ListN. */
  private static Class<?> hintFor(Object value) {
    for (Class<?> kind : List.of(List.class, Set.class, Map.class, Collection.class)) {
      if (kind.isInstance(value)) {
        return kind;
      }
    }
    return value.getClass();
  }

  /** A subclass's own fields would be lost, or refused by the worker: never sent as its parent. */
  private void checkExactType(Object value) {
    Class<?> declared = type.getRawClass();
    Class<?> actual = value.getClass();
    if (declared == actual || declared.isPrimitive() || declared.isArray() || declared.isEnum()
        || Collection.class.isAssignableFrom(declared) || Map.class.isAssignableFrom(declared)
        || actual.isEnum() || actual.isAnonymousClass() && declared.isAssignableFrom(actual)) {
      return;
    }
    throw new CannotTravelException("a " + actual.getName() + " as " + role + ", declared "
        + declared.getName() + ", would arrive as a " + declared.getName() + ": declare the exact type");
  }

  private void checkRoundTrip(Object sent, Object received) {
    if (!Objects.deepEquals(sent, received)) {
      throw new CannotTravelException("a " + sent.getClass().getName() + " as " + role + " (" + type
          + ") would arrive as " + (received == null ? "null" : "a different " + received.getClass().getName())
          + ": its element types are not declared; declare them, e.g. List<Long> rather than List<?>");
    }
  }

  private static boolean isOpen(Class<?> raw) {
    if (raw.isPrimitive() || raw.isArray() || raw.isEnum()) {
      return false;
    }
    if (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)) {
      return false;
    }
    return raw == Object.class || raw.isInterface() || Modifier.isAbstract(raw.getModifiers());
  }

  private static boolean hasOpenParts(JavaType type) {
    for (int i = 0; i < type.containedTypeCount(); i++) {
      JavaType part = type.containedType(i);
      if (isOpen(part.getRawClass()) || hasOpenParts(part)) {
        return true;
      }
    }
    return type.getContentType() != null && type.getContentType() != type
        && (isOpen(type.getContentType().getRawClass()) || hasOpenParts(type.getContentType()));
  }
}
