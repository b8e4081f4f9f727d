package io.procpool.fn;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.reflect.Type;

/**
 * jackson-databind's mappers for users' values, strict so that nothing converts silently: no
 * unknown properties, no null for a primitive, no float into an integer, no string into a
 * number, no {@code 1e400} into a double ({@link FiniteFloats}). Each is built on first use (its own holder class), so Jackson loads on a worker's
 * first typed call, not at its start.
 *
 * <p>The JSON around the values, and integers, booleans and strings, are read and written by
 * {@link JsonText}, jackson-core alone: a call of only those builds no mapper.
 *
 * <p>Two mappers of the same rules: registering {@link JavaTimeModule} makes some 50 serializers
 * and the JDK's ISO date formatters, about 15 ms of a fresh worker's first typed call, so a
 * type whose declared graph has no room for a date or time ({@link TimeFreeTypes}) is read and
 * written without it. A date that reached that mapper would fail loudly ("Java 8 date/time type
 * not supported"), never convert.
 */
final class Values {
  private Values() {}

  /** The mapper for a declared type: without java.time support when the type cannot hold a date or time. */
  static ObjectMapper forType(Type type) {
    return TimeFreeTypes.isTimeFree(type) ? lean() : full();
  }

  /** Without java.time support: for trees and the time-free types. */
  static ObjectMapper lean() {
    return Lean.MAPPER;
  }

  /** With every module: for any value whose class is only known at run time. */
  static ObjectMapper full() {
    return Full.MAPPER;
  }

  /** Reads any JSON value as the full mapper's natural Java type. */
  static ObjectReader any() {
    return Full.ANY;
  }

  private static final class Lean {
    static final ObjectMapper MAPPER = strictMapper(false);
  }

  private static final class Full {
    static final ObjectMapper MAPPER = strictMapper(true);
    static final ObjectReader ANY = MAPPER.readerFor(Object.class);
  }

  private static ObjectMapper strictMapper(boolean javaTime) {
    JsonMapper.Builder builder = JsonMapper.builder()
        // Error locations without the source: recording it costs more than parsing a small call.
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .addModule(new Jdk8Module())
        .addModule(FiniteFloats.module())
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    if (javaTime) {
      builder.addModule(new JavaTimeModule());
    }
    JsonMapper mapper = builder.build();
    mapper.coercionConfigDefaults()
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    return mapper;
  }
}
