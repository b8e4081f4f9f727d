package io.procpool.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

final class TaskRegistryTest {
  private static final List<String> BUILT_IN =
      List.of("chatter", "counter", "cpu-heavy", "crash", "echo", "fail", "noop", "oom", "sleep");

  @Test
  void builtIn_allBuiltInNames_foundSorted() {
    TaskRegistry registry = TaskRegistry.builtIn();

    assertEquals(BUILT_IN, List.copyOf(registry.all().keySet()));
    for (String name : BUILT_IN) {
      assertTrue(registry.contains(name), name);
      assertEquals(name, registry.get(name).name());
    }
  }

  @Test
  void get_unknownName_errorListsAvailableTasks() {
    UnknownTaskException thrown = assertThrows(UnknownTaskException.class, () -> TaskRegistry.builtIn().get("nope"));

    assertEquals("unknown task 'nope'; available: " + String.join(", ", BUILT_IN), thrown.getMessage());
    assertFalse(TaskRegistry.builtIn().contains("nope"));
  }

  @Test
  void get_null_nullPointer() {
    assertThrows(NullPointerException.class, () -> TaskRegistry.builtIn().get(null));
  }

  @Test
  void fail_anyArgument_throwsRecognisableMessage() {
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> new Fail().run(7L));

    assertEquals(Fail.MESSAGE_PREFIX + " for argument 7", thrown.getMessage());
  }

  @Test
  void crash_outsideWorker_refusesInsteadOfHalting() {
    assertThrows(IllegalStateException.class, () -> new Crash().run(null));
  }
}
