package io.procpool.fn;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Users' code as the typed-call tests send it: records, generics, exceptions. */
final class Fns {
  private Fns() {}

  record Range(long from, long to) {
    long size() {
      return to - from;
    }
  }

  record Person(String name, int age, double score, LocalDate born, Optional<String> nickname) {}

  enum Colour { RED, GREEN }

  /** Every kind of number whose exact value JSON could blur, as a record's components. */
  record Amounts(BigDecimal decimal, BigInteger big, long count, double ratio, float weight) {}

  static long countPrimes(Range range) {
    long count = 0;
    for (long n = Math.max(2, range.from()); n < range.to(); n++) {
      boolean prime = true;
      for (long d = 2; d * d <= n; d++) {
        if (n % d == 0) {
          prime = false;
          break;
        }
      }
      if (prime) {
        count++;
      }
    }
    return count;
  }

  static <T> T identity(T value) {
    return value;
  }

  static BigDecimal decimal(BigDecimal value) {
    return value;
  }

  static BigInteger bigInteger(BigInteger value) {
    return value;
  }

  static long longValue(long value) {
    return value;
  }

  static double doubleValue(double value) {
    return value;
  }

  static float floatValue(float value) {
    return value;
  }

  static Amounts amounts(Amounts value) {
    return value;
  }

  static long totalSize(List<Range> ranges) {
    return ranges.stream().mapToLong(Range::size).sum();
  }

  static List<Range> split(Range range, int parts) {
    long step = (range.to() - range.from()) / parts;
    return java.util.stream.LongStream.range(0, parts)
        .mapToObj(i -> new Range(range.from() + i * step, range.from() + (i + 1) * step)).toList();
  }

  static long multiply(long x, long y) {
    return x * y;
  }

  static int divide(int x, int y) {
    return x / y;
  }

  static String readConfig(String path) throws IOException {
    throw new IOException("no such file: " + path);
  }

  static Person older(Person person) {
    return new Person(person.name(), person.age() + 1, person.score(), person.born(), person.nickname());
  }

  static BigDecimal half(BigDecimal value) {
    return value.divide(BigDecimal.valueOf(2));
  }

  static byte[] reversed(byte[] bytes) {
    byte[] out = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[bytes.length - 1 - i];
    }
    return out;
  }

  static char upper(char c) {
    return Character.toUpperCase(c);
  }

  static double invert(double x) {
    return 1 / x;
  }

  static Object leakyResult(long x) {
    return new Object();
  }

  static long pid() {
    return ProcessHandle.current().pid();
  }

  /** A user's exception whose own {@code getMessage()} throws. */
  public static final class BrokenMessageException extends RuntimeException {
    public BrokenMessageException(String message) {
      super(message);
    }

    @Override
    public String getMessage() {
      throw new UnsupportedOperationException("no message today");
    }
  }

  static long throwBrokenMessage(long x) {
    throw new BrokenMessageException("x=" + x);
  }

  static long sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return millis;
  }

  /** Creates the file: a side effect the test can see from any process. */
  static String touch(String path) throws IOException {
    java.nio.file.Files.createFile(java.nio.file.Path.of(path));
    return path;
  }

  /** Jackson writes it ({"value":5}) but cannot rebuild it: no constructor it can use. */
  public static final class WriteOnly {
    private final long value;

    public WriteOnly(long value, String note) {
      this.value = value;
    }

    public long getValue() {
      return value;
    }
  }

  static WriteOnly writeOnly(long value) {
    return new WriteOnly(value, "made");
  }

  static long valueOf(WriteOnly writeOnly) {
    return writeOnly.getValue();
  }
}
