package io.procpool.fn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.fn.Fns.Colour;
import io.procpool.fn.Fns.Person;
import io.procpool.fn.Fns.Range;
import io.procpool.pool.FailureKind;
import io.procpool.pool.TaskFailedException;
import io.procpool.pool.TaskPool;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a typed call does, the same in every mode: each mode's test class runs these on its own
 * pool, so a call that works on threads works, with the same values, on processes.
 */
abstract class TypedCallContract {

  /** The pool under test, shared by the class's tests. */
  abstract TaskPool pool();

  static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(60, TimeUnit.SECONDS);
  }

  @Test
  void submit_staticMethodReference_returnsItsValue() throws Exception {
    assertEquals(25L, get(pool().submit(Fns::countPrimes, new Range(1, 100))));
  }

  @Test
  void submit_instanceMethodOnTheArgument_callsItOnTheArgument() throws Exception {
    assertEquals(7L, get(pool().submit(Range::size, new Range(3, 10))));
  }

  @Test
  void submit_capturingLambda_usesTheCapturedValue() throws Exception {
    long factor = 3;
    Range offset = new Range(100, 200);
    CompletableFuture<Long> times = pool().submit(x -> x * factor, 14L);
    CompletableFuture<Long> plus = pool().submit(x -> x + offset.from(), 14L);
    assertEquals(42L, get(times));
    assertEquals(114L, get(plus));
  }

  @Test
  void submit_genericArgumentAndResult_keepTheElementType() throws Exception {
    assertEquals(15L, get(pool().submit(Fns::totalSize, List.of(new Range(0, 5), new Range(10, 20)))));
    List<Range> parts = get(pool().submit(Fns::split, new Range(0, 10), 2));
    assertEquals(List.of(new Range(0, 5), new Range(5, 10)), parts);
    assertInstanceOf(Range.class, parts.get(0));
  }

  @Test
  void map_twoSequences_zipsThemAsFarAsTheShorterGoes() {
    assertEquals(List.of(10L, 40L), pool().map(Fns::multiply, List.of(1L, 2L, 3L), List.of(10L, 20L)).toList());
  }

  @Test
  void map_records_returnsResultsInArgumentOrder() {
    List<Range> ranges = List.of(new Range(1, 1000), new Range(1, 10), new Range(1, 100));
    assertEquals(List.of(168L, 4L, 25L), pool().map(Fns::countPrimes, ranges, 2).toList());
  }

  @Test
  void map_chunkWithAFailingCall_givesTheCallsBeforeItThenThrowsItsOwnType() {
    Iterator<Integer> quotients = pool().map(Fns::divide, List.of(6, 6, 6, 6), List.of(3, 2, 0, 1), 4).iterator();
    assertEquals(2, quotients.next());
    assertEquals(3, quotients.next());
    ArithmeticException failed = assertThrows(ArithmeticException.class, quotients::next);
    assertEquals("/ by zero", failed.getMessage());
  }

  @Test
  void map_chunkOfValuesTheMapperReads_returnsThemUnchanged() {
    List<Person> people = List.of(new Person("Ada", 36, 9.5, LocalDate.of(1815, 12, 10), Optional.of("Countess")),
        new Person("Alan", 41, Double.NaN, LocalDate.of(1912, 6, 23), Optional.empty()));
    assertEquals(List.of(37, 42), pool().map(Fns::older, people, 2).map(Person::age).toList());
    assertEquals(List.of(5L, "x", new Range(1, 2)), pool().map(Fns::identity, List.<Object>of(5L, "x", new Range(1, 2)), 3).toList());
  }

  @Test
  void submit_valuesThatJsonBlurs_arriveAsTheSameTypeAndValue() throws Exception {
    assertEquals(Long.valueOf(5), (Object) get(pool().submit(Fns::identity, 5L)));
    assertEquals(Integer.valueOf(5), (Object) get(pool().submit(Fns::identity, 5)));
    assertEquals(new Range(1, 2), get(pool().submit(Fns::identity, new Range(1, 2))));
    assertEquals(Double.NaN, get(pool().submit(Fns::identity, Double.NaN)));
    assertEquals(Double.POSITIVE_INFINITY, get(pool().submit(Fns::invert, 0.0)));
    assertEquals(Colour.GREEN, get(pool().submit(Fns::identity, Colour.GREEN)));
    assertEquals('A', get(pool().submit(Fns::upper, 'a')));
    assertEquals(new BigDecimal("1.50"), get(pool().submit(Fns::half, new BigDecimal("3.00"))));
    assertArrayEquals(new byte[] {3, 2, 1}, get(pool().submit(Fns::reversed, new byte[] {1, 2, 3})));
    Person ada = new Person("Ada", 36, 9.5, LocalDate.of(1815, 12, 10), Optional.of("Countess"));
    assertEquals(new Person("Ada", 37, 9.5, LocalDate.of(1815, 12, 10), Optional.of("Countess")),
        get(pool().submit(Fns::older, ada)));
  }

  @Test
  void submit_throwingFunction_failsWithTheExceptionsOwnType() {
    ExecutionException failed = assertThrows(ExecutionException.class, () -> get(pool().submit(Fns::divide, 1, 0)));
    ArithmeticException cause = assertInstanceOf(ArithmeticException.class, failed.getCause());
    assertEquals("/ by zero", cause.getMessage());
    TaskFailedException remote = assertInstanceOf(TaskFailedException.class, cause.getCause());
    assertTrue(remote.remoteTrace().contains("Fns.divide"), remote.remoteTrace());

    ExecutionException checked = assertThrows(ExecutionException.class,
        () -> get(pool().submit(Fns::readConfig, "app.conf")));
    assertEquals("no such file: app.conf", assertInstanceOf(IOException.class, checked.getCause()).getMessage());
  }

  @Test
  void submit_exceptionWhoseGetMessageThrows_failsThatCallSayingSoAndThePoolServesOn() throws Exception {
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> get(pool().submit(Fns::throwBrokenMessage, 7L)));
    TaskFailedException remote = assertInstanceOf(TaskFailedException.class, failed.getCause());
    assertEquals(FailureKind.TASK_ERROR, remote.kind());
    assertEquals(Fns.BrokenMessageException.class.getName(), remote.remoteException());
    assertEquals("(its getMessage() threw java.lang.UnsupportedOperationException)", remote.failure().message());
    assertTrue(remote.remoteTrace().contains("Fns.throwBrokenMessage"), remote.remoteTrace());
    assertEquals(42L, get(pool().submit(Fns::multiply, 6L, 7L)));
  }

  /**
   * A call cancelled while it waits behind a running one never runs. {@code oneAtATime} is a
   * pool of this mode that runs one call at a time and holds the others back.
   */
  static void cancelWaitingCall_neverRuns(TaskPool oneAtATime, Path dir) throws Exception {
    CompletableFuture<Long> running = oneAtATime.submit(Fns::sleep, 300L);
    CompletableFuture<String> waiting = oneAtATime.submit(Fns::touch, dir.resolve("cancelled").toString());

    assertTrue(waiting.cancel(/* mayInterruptIfRunning= */ true));
    get(oneAtATime.submit(Fns::touch, dir.resolve("after").toString()));

    assertEquals(300L, get(running));
    assertTrue(Files.exists(dir.resolve("after")));
    assertFalse(Files.exists(dir.resolve("cancelled")), "the cancelled call ran");
  }

  @Test
  void submit_resultJacksonWritesButCannotReadBack_failsThatCallAsCannotTravel() {
    ExecutionException failed = assertThrows(ExecutionException.class, () -> get(pool().submit(Fns::writeOnly, 5L)));
    CannotTravelException refused = assertInstanceOf(CannotTravelException.class, failed.getCause());
    assertTrue(refused.getMessage().contains("read back"), refused.getMessage());
    assertTrue(refused.getMessage().contains(Fns.WriteOnly.class.getName()), refused.getMessage());
  }

  @Test
  void submit_argumentJacksonWritesButCannotReadBack_isRefusedBeforeAnythingIsSent() {
    CannotTravelException refused = assertThrows(CannotTravelException.class,
        () -> pool().submit(Fns::valueOf, new Fns.WriteOnly(5, "given")));
    String says = "a " + Fns.WriteOnly.class.getName() + " as argument 1 of " + Fns.class.getName() + "::valueOf"
        + " can be written as JSON but not read back: ";
    assertTrue(refused.getMessage().startsWith(says), refused.getMessage());
  }

  @Test
  void submit_lambdaCapturingASocket_isRefusedBeforeAnythingIsSent() throws Exception {
    try (Socket socket = new Socket()) {
      CannotTravelException refused = assertThrows(CannotTravelException.class,
          () -> pool().submit(x -> socket.isConnected() ? x : -x, 1L));
      assertTrue(refused.getMessage().contains("java.net.Socket"), refused.getMessage());
      assertTrue(refused.getMessage().contains("captured value 1"), refused.getMessage());
    }
  }

  @Test
  void submit_lambdaCapturingThis_isRefusedNamingTheClass() {
    CannotTravelException refused = assertThrows(CannotTravelException.class,
        () -> pool().submit(x -> x + pool().workers(), 1L));
    assertTrue(refused.getMessage().contains(getClass().getName()), refused.getMessage());
  }

  @Test
  void submit_listIntoAnObjectParameter_isRefusedRatherThanConverted() {
    CannotTravelException refused = assertThrows(CannotTravelException.class,
        () -> pool().submit(Fns::identity, List.of(1L, 2L)));
    assertTrue(refused.getMessage().contains("element types"), refused.getMessage());
  }

  @Test
  void submit_subclassWhereTheMethodDeclaresItsParent_isRefused() {
    class Loud extends Exception {
      Loud() {
        super("loud");
      }
    }
    CannotTravelException refused = assertThrows(CannotTravelException.class,
        () -> pool().submit(Exception::getMessage, new Loud()));
    assertTrue(refused.getMessage().contains("declared java.lang.Throwable"), refused.getMessage());
  }

  @Test
  void submit_resultThatCannotTravel_failsThatTaskAndThePoolCarriesOn() throws Exception {
    ExecutionException failed = assertThrows(ExecutionException.class, () -> get(pool().submit(Fns::leakyResult, 1L)));
    CannotTravelException cause = assertInstanceOf(CannotTravelException.class, failed.getCause());
    assertTrue(cause.getMessage().contains("result of"), cause.getMessage());
    assertEquals(Long.valueOf(2), (Object) get(pool().submit(Fns::identity, 2L)));
  }

  @Test
  void submit_notALambda_isRefusedSayingWhy() {
    Fn1<Long, Long> named = new Fn1<>() {
      @Override
      public Long apply(Long argument) {
        return argument;
      }
    };
    CannotTravelException refused = assertThrows(CannotTravelException.class, () -> pool().submit(named, 1L));
    assertTrue(refused.getMessage().contains("not a lambda or method reference"), refused.getMessage());
  }
}
