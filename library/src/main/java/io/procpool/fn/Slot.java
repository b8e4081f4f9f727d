package io.procpool.fn;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
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
  /** The mapper's view of the type, made on first need: a slot that only meets scalars never builds it. */
  private volatile Mapped mapped;
  /**
   * The type's reader and writer, each made on its first need (each is immutable and costly to
   * make per value): making one builds Jackson's deserializer or serializer for the type, and a
   * worker only reads its arguments and writes its result (for {@code countPrimes(Range)}, a
   * Range serializer it would never use cost a fresh worker's first call 7-10 ms).
   */
  private volatile ObjectReader reader;
  private volatile ObjectWriter writer;

  /**
   * The mapper for the type and the type as it resolves it, and whether JSON alone may not
   * rebuild a value (an element type of Object): then a value is checked by a round trip.
   */
  private record Mapped(ObjectMapper mapper, JavaType javaType, boolean vague) {}

  /** The declared types and hinted classes whose JSON this JVM has read back once: {@link #encodeReadable}. */
  private static final Set<Object> READ_BACK = ConcurrentHashMap.newKeySet();
  /** This closed slot's type is in {@link #READ_BACK}: a map of a million records looks it up once. */
  private volatile boolean readBack;

  /** Readers of hinted classes; an ObjectReader is immutable and costly to make per value. */
  private static final Map<Class<?>, ObjectReader> READERS = new ConcurrentHashMap<>();

  Slot(String role, Type type) {
    this.role = role;
    this.type = type;
    this.raw = rawClass(type);
    this.open = isOpen(raw);
  }

  private Mapped mapped() {
    Mapped known = mapped;
    if (known == null) {
      ObjectMapper mapper = Values.forType(type);
      JavaType javaType = mapper.getTypeFactory().constructType(type);
      known = new Mapped(mapper, javaType, !open && hasOpenParts(javaType));
      mapped = known;
    }
    return known;
  }

  private ObjectReader reader() {
    ObjectReader known = reader;
    if (known == null) {
      known = mapped().mapper().readerFor(mapped().javaType());
      reader = known;
    }
    return known;
  }

  private ObjectWriter writer() {
    ObjectWriter known = writer;
    if (known == null) {
      known = mapped().mapper().writerFor(mapped().javaType());
      writer = known;
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
        out.append(value); // JSON's own spelling of these
      } else if (value instanceof String string && raw == String.class) {
        JsonText.appendString(string, out);
      } else {
        checkExactType(value);
        String json = writer().writeValueAsString(value);
        if (mapped().vague()) {
          checkRoundTrip(value, reader().readValue(json));
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
   * {@link #encode}, and for the first value of each type in this JVM a read of its JSON as the
   * other side will read it. A type Jackson writes but cannot rebuild (no constructor it can use,
   * a getter without a field) is then refused where the call is made, in every mode: it ran on
   * threads and failed only in a worker or when a worker's answer came back.
   */
  void encodeReadable(Object value, StringBuilder out) {
    int from = out.length();
    encode(value, out);
    if (value == null || value instanceof Long || value instanceof Integer || value instanceof Boolean
        || value instanceof String || value instanceof Double || !open && readBack) {
      return; // JSON's own kinds read back as themselves
    }
    Object key = open ? hintFor(value) : type;
    if (!READ_BACK.contains(key)) {
      try {
        decode(out.substring(from));
      } catch (IOException | RuntimeException e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        throw new CannotTravelException("a " + value.getClass().getName() + " as " + role
            + " can be written as JSON but not read back: " + why, e);
      }
      READ_BACK.add(key);
    }
    readBack = !open;
  }

  /** Reads the next value of a parser positioned on its first token. */
  Object decode(JsonParser parser) throws IOException {
    if (!open) {
      return decodeClosed(parser);
    }
    JsonToken token = parser.currentToken();
    switch (token) {
      case VALUE_NULL:
        return null;
      case VALUE_NUMBER_INT:
        return parser.getIntValue(); // only an Integer travels without its class
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue(); // as the mapper reads it into Object: only a finite Double travels bare
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case START_ARRAY:
        break;
      default:
        return Values.any().readValue(parser);
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
    Object value = READERS.computeIfAbsent(valueClass, Values.full()::readerFor).readValue(parser);
    parser.nextToken(); // the hint's closing bracket
    return value;
  }

  /**
   * A closed slot's value. A JSON integer, boolean or string for a slot of that JDK type is taken
   * from the parser's token, as the strict mapper would take it (an out-of-range integer fails
   * the same way): a {@code map(identity, ints)} call costs less than building a reader's context
   * per value, and a call of only such values builds no mapper at all.
   */
  private Object decodeClosed(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT) {
      if (raw == long.class || raw == Long.class) {
        return parser.getLongValue();
      }
      if (raw == int.class || raw == Integer.class) {
        return parser.getIntValue();
      }
    } else if ((token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE)
        && (raw == boolean.class || raw == Boolean.class)) {
      return parser.getBooleanValue();
    } else if (token == JsonToken.VALUE_STRING && raw == String.class) {
      return parser.getText();
    }
    return reader().readValue(parser);
  }

  /** Reads one value's JSON text, with jackson-core's parser. */
  Object decode(String json) throws IOException {
    try (JsonParser parser = JsonText.parser(json)) {
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
      if (value instanceof String string) { // reads back as the same class
        JsonText.appendString(string, out);
      } else {
        out.append(JsonText.doubleText((Double) value));
      }
      return;
    }
    Class<?> hint = hintFor(value);
    String json = Values.full().writeValueAsString(value);
    if (hint.getTypeParameters().length > 0) {
      checkRoundTrip(value, Values.full().readerFor(hint).readValue(json));
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
