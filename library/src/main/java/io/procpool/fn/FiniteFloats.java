package io.procpool.fn;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Refuses a JSON number too large for its {@code double} or {@code float}: Jackson reads
 * {@code 1e400} as Infinity, a value the text does not say. Infinity itself travels as the
 * string {@code "Infinity"}, as Jackson writes it, and is still read; rounding to the nearest
 * double or float is what reading a decimal number as one means, and is kept.
 */
final class FiniteFloats extends DelegatingDeserializer {
  private final Class<?> type;

  private FiniteFloats(JsonDeserializer<?> delegate, Class<?> type) {
    super(delegate);
    this.type = type;
  }

  /** Jackson's own double and float readers, each wrapped in the check. */
  static Module module() {
    SimpleModule module = new SimpleModule("procpool-finite-floats");
    for (Class<?> type : new Class<?>[] {double.class, Double.class, float.class, Float.class}) {
      add(module, type);
    }
    return module;
  }

  @SuppressWarnings("unchecked")
  private static <T> void add(SimpleModule module, Class<T> type) {
    module.addDeserializer(type, (JsonDeserializer<T>) new FiniteFloats(NumberDeserializers.find(type, type.getName()), type));
  }

  @Override
  protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
    return new FiniteFloats(delegate, type);
  }

  @Override
  public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    Object value = super.deserialize(parser, context);
    boolean infinite = value instanceof Double d && d.isInfinite() || value instanceof Float f && f.isInfinite();
    if (infinite && parser.currentToken().isNumeric()) {
      return context.handleWeirdNumberValue(type, (Number) value, "the number " + parser.getText()
          + " is out of range for a " + type.getName() + " (it would be read as " + value + ")");
    }
    return value;
  }
}
