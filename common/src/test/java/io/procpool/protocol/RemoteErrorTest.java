package io.procpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class RemoteErrorTest {

  /** A user's exception as buggy as they come: asking for its message throws. */
  private static final class BrokenMessage extends RuntimeException {
    BrokenMessage(Throwable cause) {
      super(cause);
    }

    @Override
    public String getMessage() {
      throw new UnsupportedOperationException("no message today");
    }
  }

  @Test
  void of_exceptionWhoseGetMessageThrows_namesThatInsteadOfThrowing() {
    RemoteError error = RemoteError.of(new BrokenMessage(null));

    assertEquals(BrokenMessage.class.getName(), error.exception());
    assertEquals("(its getMessage() threw java.lang.UnsupportedOperationException)", error.message());
    assertTrue(error.trace().startsWith(BrokenMessage.class.getName() + ": (its getMessage() threw"), error.trace());
    assertTrue(error.trace().contains("RemoteErrorTest.of_exceptionWhoseGetMessageThrows"), error.trace());
  }

  @Test
  void of_causeWhoseGetMessageThrows_keepsTheOuterMessageAndFrames() {
    RemoteError error = RemoteError.of(new IllegalStateException("outer", new BrokenMessage(null)));

    assertEquals("outer", error.message());
    assertTrue(error.trace().startsWith("java.lang.IllegalStateException: outer"), error.trace());
  }

  @Test
  void of_cyclicCauseChain_endsAndMarksTheCycle() {
    RuntimeException first = new RuntimeException("first");
    RuntimeException second = new RuntimeException("second", first);
    first.initCause(second);

    RemoteError error = RemoteError.of(first);

    assertEquals("first", error.message());
    assertTrue(error.trace().contains("CIRCULAR REFERENCE"), error.trace());
  }
}
