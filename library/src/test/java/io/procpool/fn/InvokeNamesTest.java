package io.procpool.fn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.fn.Fns.Range;
import io.procpool.task.Task;
import org.junit.jupiter.api.Test;

/** The exact wire text of typed calls, both ways: the task names, a chunk and its answer. */
final class InvokeNamesTest {

  @Test
  void task_methodReference_isKindClassMethodAndDescriptorWithoutQuotes() {
    Invocation invocation = Invocation.of((Fn1<Range, Long>) Fns::countPrimes, 1);
    assertEquals("invoke:STATIC io.procpool.fn.Fns::countPrimes(Lio/procpool/fn/Fns$Range;)J", invocation.task());
    assertEquals("invoke-each:STATIC io.procpool.fn.Fns::countPrimes(Lio/procpool/fn/Fns$Range;)J", invocation.eachTask());
  }

  @Test
  void task_capturingLambda_endsWithTheCapturedValuesAsAJsonArray() {
    long factor = 3;
    Range offset = new Range(100, 200);
    Invocation invocation = Invocation.of((Fn1<Long, Long>) x -> x * factor + offset.from(), 1);
    assertTrue(invocation.task().endsWith(" [3,{\"from\":100,\"to\":200}]"), invocation.task());
  }

  @Test
  void bind_compactAndJsonNames_callTheSameMethod() throws Exception {
    Task compact = new InvokeFamily().task("STATIC io.procpool.fn.Fns::multiply(JJ)J");
    Task json = new InvokeFamily().task("{\"class\":\"io.procpool.fn.Fns\",\"method\":\"multiply\","
        + "\"signature\":\"(JJ)J\",\"kind\":\"STATIC\",\"captured\":[]}");
    assertEquals("42", compact.run("[6,7]"));
    assertEquals("42", json.run("[6,7]"));
    Task captured = new InvokeFamily().task("STATIC io.procpool.fn.Fns::multiply(JJ)J [6]");
    assertEquals("42", captured.run("[7]"));
  }

  @Test
  void bind_nameThatIsNeither_isRefusedSayingWhatItShouldBe() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> new InvokeFamily().task("io.procpool.fn.Fns.multiply"));
    assertTrue(refused.getMessage().contains("KIND class::method(descriptor)"), refused.getMessage());
  }

  @Test
  void eachTask_chunkWithAFailingCall_answersTheValuesAndListsTheFailureByIndex() throws Exception {
    Invocation invocation = Invocation.of((Fn2<Integer, Integer, Integer>) Fns::divide, 2);
    Task each = new InvokeEachFamily().task(invocation.eachTask().substring("invoke-each:".length()));
    StringBuilder chunk = new StringBuilder("[");
    invocation.appendArguments(chunk, 6, 3).append(',');
    invocation.appendArguments(chunk, 6, 0).append(',');
    invocation.appendArguments(chunk, 6, 1).append(']');
    assertEquals("[[6,3],[6,0],[6,1]]", chunk.toString());

    String answer = (String) each.run(chunk.toString());
    assertTrue(answer.startsWith("{\"values\":[2,null,6],\"errors\":[[1,\"java.lang.ArithmeticException\",\"/ by zero\","
        + "\"java.lang.ArithmeticException: / by zero\\n\\tat io.procpool.fn.Fns.divide("), answer);
    Invocation.ChunkResults results = invocation.results(answer);
    assertEquals(3, results.size());
    assertEquals(2, results.value(0));
    assertNull(results.error(0));
    assertEquals("java.lang.ArithmeticException", results.error(1).exception());
    assertEquals(6, results.value(2));
    assertEquals("[2,6]", each.run("[[6,3],[6,1]]"));
  }

  @Test
  void eachTask_callWhoseArgumentsCannotBeRead_failsAloneAndTheNextCallsRun() throws Exception {
    Invocation invocation = Invocation.of((Fn1<Range, Long>) Fns::countPrimes, 1);
    Task each = new InvokeEachFamily().task(invocation.eachTask().substring("invoke-each:".length()));

    String answer = (String) each.run("[[{\"from\":1,\"to\":10}],[{\"from\":\"1\",\"to\":[2,3]}],[{\"from\":1,\"to\":20}]]");

    Invocation.ChunkResults results = invocation.results(answer);
    assertEquals(3, results.size());
    assertEquals(4L, results.value(0));
    assertNull(results.value(1));
    assertTrue(results.error(1).exception().startsWith("com.fasterxml.jackson."), results.error(1).exception());
    assertEquals(8L, results.value(2));
  }

  @Test
  void bind_capturedRecordAndNumber_rebuildsBothFromTheName() throws Exception {
    long factor = 3;
    Range offset = new Range(100, 200);
    Invocation invocation = Invocation.of((Fn1<Long, Long>) x -> x * factor + offset.from(), 1);
    Task task = new InvokeFamily().task(invocation.task().substring("invoke:".length()));
    assertEquals("121", task.run("[7]"));
  }
}
