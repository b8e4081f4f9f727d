package io.procpool.protocol;

import java.lang.reflect.Field;
import org.agrona.UnsafeApi;

/**
 * A string's own bytes when the JVM stores it one byte per character (Latin-1, what compact
 * strings do for every string without a character above U+00FF), so that a large value is
 * copied once, straight from the string into shared memory, rather than first into a new array
 * of the same size ({@code getBytes}), whose fresh, uncached memory costs more than the copy.
 *
 * <p>Reads the fields {@code value} and {@code coder} of {@code java.lang.String} through the
 * JDK's {@code Unsafe}, which Agrona's buffers need anyway. When those fields are not as
 * expected (another JDK, compact strings off), {@link #bytesOrNull} says null and the caller
 * encodes the ordinary way. The array returned is the string's own: only ever read it.
 */
final class Latin1Strings {
  private static final byte LATIN1 = 0;
  private static final long VALUE_OFFSET;
  private static final long CODER_OFFSET;
  private static final boolean AVAILABLE;

  static {
    long value = -1;
    long coder = -1;
    boolean available = false;
    try {
      Field valueField = String.class.getDeclaredField("value");
      Field coderField = String.class.getDeclaredField("coder");
      if (valueField.getType() == byte[].class && coderField.getType() == byte.class) {
        value = UnsafeApi.objectFieldOffset(valueField);
        coder = UnsafeApi.objectFieldOffset(coderField);
        available = UnsafeApi.getByte("\u00e9", coder) == LATIN1
            && ((byte[]) UnsafeApi.getReference("\u00e9", value)).length == 1;
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // not this JDK's layout, or no access: every string is encoded the ordinary way
    }
    VALUE_OFFSET = value;
    CODER_OFFSET = coder;
    AVAILABLE = available;
  }

  private Latin1Strings() {}

  /** The string's Latin-1 bytes, its own array (do not write to it), or null when it has none. */
  static byte[] bytesOrNull(String text) {
    if (!AVAILABLE || UnsafeApi.getByte(text, CODER_OFFSET) != LATIN1) {
      return null;
    }
    return (byte[]) UnsafeApi.getReference(text, VALUE_OFFSET);
  }
}
