package io.procpool.fn;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a declared type can hold no date or time: made only of primitives, their boxes,
 * strings, enums, arrays, records, and collections, maps and Optionals of these, all the way
 * down. Anything else (a POJO, an interface, {@code Object}, a type variable, a java.time type)
 * could, and is left to the mapper with every module.
 */
final class TimeFreeTypes {
  private static final Set<Class<?>> SCALARS = Set.of(Long.class, Integer.class, Short.class, Byte.class,
      Double.class, Float.class, Boolean.class, Character.class, String.class);

  private TimeFreeTypes() {}

  static boolean isTimeFree(Type type) {
    return isTimeFree(type, new HashSet<>());
  }

  private static boolean isTimeFree(Type type, Set<Class<?>> seen) {
    if (type instanceof Class<?> c) {
      if (c.isPrimitive() || SCALARS.contains(c) || c.isEnum()) {
        return true;
      }
      if (c.isArray()) {
        return isTimeFree(c.getComponentType(), seen);
      }
      if (c.isRecord()) {
        if (!seen.add(c)) {
          return true; // a record that contains itself: its components are being checked
        }
        for (RecordComponent component : c.getRecordComponents()) {
          if (!isTimeFree(component.getGenericType(), seen)) {
            return false;
          }
        }
        return true;
      }
      return false; // a raw collection or map, a POJO, an interface: could hold anything
    }
    if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw
        && (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw) || raw == Optional.class)) {
      for (Type argument : parameterized.getActualTypeArguments()) {
        if (!isTimeFree(argument, seen)) {
          return false;
        }
      }
      return true;
    }
    if (type instanceof GenericArrayType array) {
      return isTimeFree(array.getGenericComponentType(), seen);
    }
    return false; // a type variable, a wildcard, a generic record or class
  }
}
