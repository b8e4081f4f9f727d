package io.procpool.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ProcessPoolOptionsTest {

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 1, 1000, 64 * 1024 - 1})
  void build_maxMessageBytesTooSmallForAnyAnswer_isRefusedNamingTheFloor(int bytes) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> ProcessPoolOptions.builder().maxMessageBytes(bytes).build());

    assertEquals("maxMessageBytes must be at least 65536 (64 KiB: a worker's hello and a failed call's stack trace"
        + " must fit on a line), was " + bytes, refused.getMessage());
  }

  @Test
  void build_maxMessageBytesAtTheFloor_isKept() {
    assertEquals(65536, ProcessPoolOptions.builder().maxMessageBytes(65536).build().maxMessageBytes());
  }
}
