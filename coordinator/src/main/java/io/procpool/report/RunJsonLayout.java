package io.procpool.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;

/**
 * The layout of {@code run --json}: one top-level field per line, and one line per element of
 * its arrays (a task's record, a worker's start-up), compact inside. Readable, greppable line by
 * line, and about half the bytes of a fully indented file of a million records.
 */
final class RunJsonLayout implements PrettyPrinter {
  // Pre-encoded: writeRaw(String) copies and encodes its text on every call, once per record field.
  private static final SerializableString FIELD_INDENT = new SerializedString("\n  ");
  private static final SerializableString NEXT_FIELD = new SerializedString(",\n  ");
  private static final SerializableString FIELD_COLON = new SerializedString(": ");
  private static final SerializableString ELEMENT_INDENT = new SerializedString("\n    ");
  private static final SerializableString NEXT_ELEMENT = new SerializedString(",\n    ");
  private static final SerializableString END_OBJECT = new SerializedString("\n}");
  private static final SerializableString END_ARRAY = new SerializedString("\n  ]");

  /** Containers around the current position: 1 inside the top-level object, 2 in its arrays. */
  private static int depth(JsonGenerator gen) {
    return gen.getOutputContext().getNestingDepth();
  }

  @Override
  public void writeRootValueSeparator(JsonGenerator gen) throws IOException {
    gen.writeRaw('\n');
  }

  @Override
  public void writeStartObject(JsonGenerator gen) throws IOException {
    gen.writeRaw('{');
  }

  @Override
  public void beforeObjectEntries(JsonGenerator gen) throws IOException {
    if (depth(gen) == 1) {
      gen.writeRaw(FIELD_INDENT);
    }
  }

  @Override
  public void writeObjectFieldValueSeparator(JsonGenerator gen) throws IOException {
    if (depth(gen) == 1) {
      gen.writeRaw(FIELD_COLON);
    } else {
      gen.writeRaw(':');
    }
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator gen) throws IOException {
    if (depth(gen) == 1) {
      gen.writeRaw(NEXT_FIELD);
    } else {
      gen.writeRaw(',');
    }
  }

  @Override
  public void writeEndObject(JsonGenerator gen, int entries) throws IOException {
    if (depth(gen) == 1) { // called before the context is left
      gen.writeRaw(END_OBJECT);
    } else {
      gen.writeRaw('}');
    }
  }

  @Override
  public void writeStartArray(JsonGenerator gen) throws IOException {
    gen.writeRaw('[');
  }

  @Override
  public void beforeArrayValues(JsonGenerator gen) throws IOException {
    if (depth(gen) == 2) {
      gen.writeRaw(ELEMENT_INDENT);
    }
  }

  @Override
  public void writeArrayValueSeparator(JsonGenerator gen) throws IOException {
    if (depth(gen) == 2) {
      gen.writeRaw(NEXT_ELEMENT);
    } else {
      gen.writeRaw(',');
    }
  }

  @Override
  public void writeEndArray(JsonGenerator gen, int values) throws IOException {
    if (depth(gen) == 2 && values > 0) {
      gen.writeRaw(END_ARRAY);
    } else {
      gen.writeRaw(']');
    }
  }
}
