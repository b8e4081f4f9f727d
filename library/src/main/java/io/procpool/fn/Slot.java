package io.procpool.fn;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
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
  private final Type type;
  private final Class<?> raw;
  private final boolean open;
  /** How the slot's values travel without jackson-databind; null when the mapper handles them. */
  private final PlainShape plain;
  /** The mapper's view of the type, made on first need: a worker of plain calls never loads it. */
  private volatile Mapped mapped;

  /**
   * The mapper's reader for the type, and whether JSON alone may not rebuild a value (an element
   * type of Object): then a value is checked by a round trip.
   */
  private record Mapped(JavaType type, ObjectReader reader, boolean vague) {}

  /** Readers of hinted classes; an ObjectReader is immutable and costly to make per value. */
  private static final Map<Class<?>, ObjectReader> READERS = new ConcurrentHashMap<>();

  Slot(String role, Type type) {
    this.role = role;
    this.type = type;
    this.raw = rawClass(type);
    this.open = isOpen(raw);
    this.plain = open ? null : PlainShape.of(type);
  }

  private Mapped mapped() {
    Mapped known = mapped;
    if (known == null) {
      JavaType javaType = Values.MAPPER.getTypeFactory().constructType(type);
      known = new Mapped(javaType, Values.MAPPER.readerFor(javaType), !open && hasOpenParts(javaType));
      mapped = known;
    }
    return known;
  }

  /** The class a declared type erases to, as the mapper resolves it (a type variable to its bound). */
  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType parameterized) {
      return rawClass(parameterized.getRawType());
    }
    if (type instanceof GenericArrayType array) {
      return rawClass(array.getGenericComponentType()).arrayType();
    }
    if (type instanceof TypeVariable<?> variable) {
      return rawClass(variable.getBounds()[0]);
    }
    if (type instanceof WildcardType wildcard) {
      return rawClass(wildcard.getUpperBounds()[0]);
    }
    return Object.class;
  }

  String role() {
    return role;
  }

  /** Appends the value's JSON, or throws naming what cannot travel. */
  void encode(Object value, StringBuilder out) {
    try {
      if (value == null) {
        if (raw.isPrimitive()) {
          throw new CannotTravelException("null for " + role + " of primitive type " + raw);
        }
        out.append("null");
      } else if (open) {
        encodeOpen(value, out);
      } else if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
        checkExactType(value);
        JsonCursor.writeScalar(value, out); // JSON's own spelling of these, no mapper needed
      } else {
        checkExactType(value);
        int start = out.length();
        if (plain != null && plain.write(value, out)) {
          return;
        }
        out.setLength(start);
        Mapped mapper = mapped();
        String json = Values.MAPPER.writeValueAsString(value);
        if (mapper.vague()) {
          checkRoundTrip(value, mapper.reader().readValue(json));
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

  /**
   * Reads the slot's value at the cursor without jackson-databind; {@link PlainShape#NOT_PLAIN}
   * when the value is not of a plain shape (the caller then hands the text to the mapper).
   */
  Object read(JsonCursor in) {
    if (plain != null) {
      return plain.read(in);
    }
    if (!open) {
      return PlainShape.NOT_PLAIN;
    }
    // What decode(JsonParser) makes of each token of an open slot, for the tokens it reads alone.
    switch (in.peek()) {
      case 'n':
        return in.take("null") ? null : PlainShape.NOT_PLAIN;
      case 't':
        return in.take("true") ? Boolean.TRUE : PlainShape.NOT_PLAIN;
      case 'f':
        return in.take("false") ? Boolean.FALSE : PlainShape.NOT_PLAIN;
      case '[':
        in.take('[');
        return readHinted(in);
      case '"':
        return in.readString();
      default:
        Object number = in.readLong();
        if (number instanceof Long value) {
          return value == value.intValue() ? (Object) value.intValue() : PlainShape.NOT_PLAIN;
        }
        return in.floatingNumberNext() ? in.readDouble() : PlainShape.NOT_PLAIN;
    }
  }

  /** {@code ["class", value]} after its bracket, when the class is plain and fits the slot. */
  private Object readHinted(JsonCursor in) {
    Object className = in.readString();
    if (className == PlainShape.NOT_PLAIN || !in.take(',')) {
      return PlainShape.NOT_PLAIN;
    }
    Class<?> valueClass;
    try {
      valueClass = Class.forName((String) className, false, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return PlainShape.NOT_PLAIN; // the mapper's path says so
    }
    PlainShape shape = raw.isAssignableFrom(valueClass) ? PlainShape.ofClass(valueClass) : null;
    if (shape == null) {
      return PlainShape.NOT_PLAIN;
    }
    Object value = shape.read(in);
    return value != PlainShape.NOT_PLAIN && in.take(']') ? value : PlainShape.NOT_PLAIN;
  }

  /** Reads the next value of a parser positioned on its first token. */
  Object decode(JsonParser parser) throws IOException {
    if (!open) {
      return mapped().reader().readValue(parser);
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
        return Values.ANY.readValue(parser);
    }
    parser.nextToken();
    String className = parser.getValueAsString();
    Class<?> valueClass;
    try {
      valueClass = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(role + ": class " + className + " is not on this JVM's class path", e);
    }
    if (!raw.isAssignableFrom(valueClass)) {
      throw new IllegalArgumentException(role + ": a " + className + " is not a " + raw.getName());
    }
    parser.nextToken();
    Object value = READERS.computeIfAbsent(valueClass, Values.MAPPER::readerFor).readValue(parser);
    parser.nextToken(); // the hint's closing bracket
    return value;
  }

  /** Reads one value's JSON text: itself when plain, else with the mapper. */
  Object decode(String json) throws IOException {
    JsonCursor in = new JsonCursor(json);
    Object plainValue = read(in);
    if (plainValue != PlainShape.NOT_PLAIN && in.atEnd()) {
      return plainValue;
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
      JsonCursor.writeScalar(value, out); // reads back as the same class
      return;
    }
    if (value instanceof String text) {
      JsonCursor.writeString(text, out);
      return;
    }
    if (value instanceof Double number && Double.isFinite(number)) {
      out.append(number.doubleValue()); // reads back as a Double, as the mapper writes it
      return;
    }
    Class<?> hint = hintFor(value);
    PlainShape shape = hint.getTypeParameters().length == 0 ? PlainShape.ofClass(hint) : null;
    int start = out.length();
    out.append("[\"").append(hint.getName()).append("\",");
    if (shape != null && shape.write(value, out)) {
      out.append(']');
      return;
    }
    out.setLength(start);
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
    Class<?> declared = raw;
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
