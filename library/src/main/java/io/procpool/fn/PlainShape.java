package io.procpool.fn;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A type whose values a typed call writes and reads itself, without jackson-databind:
 * {@code long}, {@code int}, {@code double}, {@code boolean} and their boxes, {@code String},
 * {@code List} of these, and records made of these. The JSON is the strict mapper's own
 * (components in declaration order, compact); reading accepts only that form and answers
 * {@link #NOT_PLAIN} for anything else, so the mapper still reads, or refuses with its own
 * message, every other text. This keeps jackson-databind, whose set-up costs a fresh worker a
 * few hundred milliseconds, out of workers that only meet such values, and is quicker per call.
 */
sealed interface PlainShape {
  /** What a read answers when the text is not this shape's canonical JSON. */
  Object NOT_PLAIN = new Object();

  /** Appends the value's JSON; false when this value is not plain after all (a NaN, a null int). */
  boolean write(Object value, StringBuilder out);

  /** The value at the cursor, or {@link #NOT_PLAIN} (the cursor is then anywhere). */
  Object read(JsonCursor in);

  /** The shape of a declared type, or null when the mapper must handle it. */
  static PlainShape of(Type type) {
    return of(type, new HashSet<>());
  }

  /** The shape of a class, remembered per class (a hinted value's class, say). */
  static PlainShape ofClass(Class<?> type) {
    return Shapes.BY_CLASS.get(type).orElse(null);
  }

  private static PlainShape of(Type type, Set<Class<?>> enclosing) {
    if (type instanceof ParameterizedType parameterized) {
      if (parameterized.getRawType() == List.class) {
        PlainShape element = of(parameterized.getActualTypeArguments()[0], enclosing);
        return element == null ? null : new ListOf(element);
      }
      return null;
    }
    if (!(type instanceof Class<?> raw)) {
      return null; // a type variable, wildcard or generic array
    }
    if (raw == long.class || raw == Long.class) {
      return new Scalar(Kind.LONG, raw.isPrimitive());
    }
    if (raw == int.class || raw == Integer.class) {
      return new Scalar(Kind.INT, raw.isPrimitive());
    }
    if (raw == double.class || raw == Double.class) {
      return new Scalar(Kind.DOUBLE, raw.isPrimitive());
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return new Scalar(Kind.BOOLEAN, raw.isPrimitive());
    }
    if (raw == String.class) {
      return new Scalar(Kind.STRING, false);
    }
    return raw.isRecord() && enclosing.add(raw) ? RecordOf.of(raw, enclosing) : null;
  }

  /** The scalars. */
  enum Kind { LONG, INT, DOUBLE, BOOLEAN, STRING }

  /** A scalar, boxed or primitive (which is never null). */
  record Scalar(Kind kind, boolean primitive) implements PlainShape {
    @Override
    public boolean write(Object value, StringBuilder out) {
      if (value == null) {
        out.append("null");
        return !primitive;
      }
      switch (kind) {
        case LONG, INT, BOOLEAN -> {
          if (value.getClass() != (kind == Kind.LONG ? Long.class : kind == Kind.INT ? Integer.class : Boolean.class)) {
            return false; // another box where this one is declared: the mapper's rules apply
          }
          JsonCursor.writeScalar(value, out);
        }
        case DOUBLE -> {
          if (!(value instanceof Double number) || !Double.isFinite(number)) {
            return false; // the mapper writes NaN and the infinities as strings, and reads them back
          }
          out.append(number.doubleValue());
        }
        case STRING -> {
          if (!(value instanceof String text)) {
            return false;
          }
          JsonCursor.writeString(text, out);
        }
        default -> throw new AssertionError(kind);
      }
      return true;
    }

    @Override
    public Object read(JsonCursor in) {
      if (in.peek() == 'n') {
        return in.take("null") && !primitive ? null : NOT_PLAIN;
      }
      return switch (kind) {
        case LONG -> in.readLong();
        case INT -> {
          Object number = in.readLong();
          yield number instanceof Long value && value == value.intValue() ? (Object) value.intValue() : NOT_PLAIN;
        }
        case DOUBLE -> in.readDouble();
        case BOOLEAN -> in.take("true") ? Boolean.TRUE : in.take("false") ? Boolean.FALSE : NOT_PLAIN;
        case STRING -> in.readString();
      };
    }
  }

  /** A {@code List} of a plain element type, read as an ArrayList as the mapper does. */
  record ListOf(PlainShape element) implements PlainShape {
    @Override
    public boolean write(Object value, StringBuilder out) {
      if (value == null) {
        out.append("null");
        return true;
      }
      if (!(value instanceof List<?> list)) {
        return false;
      }
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        if (!first) {
          out.append(',');
        }
        first = false;
        if (!element.write(item, out)) {
          return false;
        }
      }
      out.append(']');
      return true;
    }

    @Override
    public Object read(JsonCursor in) {
      if (in.take("null")) {
        return null;
      }
      if (!in.take('[')) {
        return NOT_PLAIN;
      }
      List<Object> items = new ArrayList<>();
      if (in.take(']')) {
        return items;
      }
      do {
        Object item = element.read(in);
        if (item == NOT_PLAIN) {
          return NOT_PLAIN;
        }
        items.add(item);
      } while (in.take(','));
      return in.take(']') ? items : NOT_PLAIN;
    }
  }

  /**
   * A record of plain components, without annotations (which could rename or reshape them for
   * the mapper) and without getter-like methods of its own (which the mapper would write too).
   *
   * @param keys each component's {@code "name":}, the first without and the others with a comma
   */
  record RecordOf(Class<?> type, List<String> keys, List<PlainShape> shapes, Method[] accessors,
      Constructor<?> constructor) implements PlainShape {

    static PlainShape of(Class<?> type, Set<Class<?>> enclosing) {
      if (type.getTypeParameters().length > 0 || annotated(type.getDeclaredAnnotations())) {
        return null;
      }
      RecordComponent[] components = type.getRecordComponents();
      List<String> keys = new ArrayList<>();
      List<PlainShape> shapes = new ArrayList<>();
      Method[] accessors = new Method[components.length];
      Class<?>[] parameters = new Class<?>[components.length];
      Set<Method> accessorSet = new HashSet<>();
      for (int i = 0; i < components.length; i++) {
        RecordComponent component = components[i];
        PlainShape shape = PlainShape.of(component.getGenericType(), new HashSet<>(enclosing));
        if (shape == null || getterLike(component.getName()) || annotated(component.getDeclaredAnnotations())
            || annotated(component.getAccessor().getDeclaredAnnotations())) {
          return null;
        }
        keys.add((i == 0 ? "\"" : ",\"") + component.getName() + "\":");
        shapes.add(shape);
        accessors[i] = component.getAccessor();
        accessorSet.add(accessors[i]);
        parameters[i] = component.getType();
      }
      for (Method method : type.getDeclaredMethods()) {
        if (!Modifier.isStatic(method.getModifiers()) && method.getParameterCount() == 0
            && getterLike(method.getName()) && !accessorSet.contains(method)) {
          return null;
        }
      }
      try {
        Constructor<?> constructor = type.getDeclaredConstructor(parameters);
        for (Annotation[] annotations : constructor.getParameterAnnotations()) {
          if (annotated(annotations)) {
            return null;
          }
        }
        if (annotated(constructor.getDeclaredAnnotations())) {
          return null;
        }
        constructor.setAccessible(true);
        for (Method accessor : accessors) {
          accessor.setAccessible(true);
        }
        return new RecordOf(type, List.copyOf(keys), List.copyOf(shapes), accessors, constructor);
      } catch (NoSuchMethodException | RuntimeException e) {
        return null; // not open to reflection (a named module): the mapper would fail the same way
      }
    }

    private static boolean annotated(Annotation[] annotations) {
      return annotations.length > 0;
    }

    private static boolean getterLike(String name) {
      return name.length() > 3 && name.startsWith("get") && Character.isUpperCase(name.charAt(3))
          || name.length() > 2 && name.startsWith("is") && Character.isUpperCase(name.charAt(2));
    }

    @Override
    public boolean write(Object value, StringBuilder out) {
      if (value == null) {
        out.append("null");
        return true;
      }
      if (value.getClass() != type) {
        return false;
      }
      out.append('{');
      try {
        for (int i = 0; i < accessors.length; i++) {
          out.append(keys.get(i));
          if (!shapes.get(i).write(accessors[i].invoke(value), out)) {
            return false;
          }
        }
      } catch (IllegalAccessException | InvocationTargetException e) {
        return false; // the mapper calls the accessor again and reports what it throws
      }
      out.append('}');
      return true;
    }

    @Override
    public Object read(JsonCursor in) {
      if (in.take("null")) {
        return null;
      }
      if (!in.take('{')) {
        return NOT_PLAIN;
      }
      Object[] values = new Object[accessors.length];
      for (int i = 0; i < values.length; i++) {
        if (!in.take(keys.get(i))) {
          return NOT_PLAIN;
        }
        values[i] = shapes.get(i).read(in);
        if (values[i] == NOT_PLAIN) {
          return NOT_PLAIN;
        }
      }
      if (!in.take('}')) {
        return NOT_PLAIN;
      }
      try {
        return constructor.newInstance(values);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return NOT_PLAIN; // a compact constructor refused them: the mapper reports it its way
      }
    }
  }

  /** Shapes by class, so a hinted value's class is looked at once. */
  final class Shapes {
    private static final ClassValue<Optional<PlainShape>> BY_CLASS = new ClassValue<>() {
      @Override
      protected Optional<PlainShape> computeValue(Class<?> type) {
        return Optional.ofNullable(PlainShape.of(type));
      }
    };

    private Shapes() {}
  }
}
