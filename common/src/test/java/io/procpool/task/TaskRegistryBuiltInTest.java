package io.procpool.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class TaskRegistryBuiltInTest {

  @Test
  void builtIn_findsWhatTheServiceFilesList() {
    TaskRegistry scanned = TaskRegistry.load(TaskRegistry.class.getClassLoader());
    TaskRegistry builtIn = TaskRegistry.builtIn();

    for (String name : scanned.all().keySet()) {
      assertTrue(builtIn.contains(name), name);
      assertEquals(scanned.get(name).getClass(), builtIn.get(name).getClass());
    }
    assertEquals(scanned.all().keySet(), builtIn.all().keySet());
  }

  @Test
  void builtInTasks_areAllListedInTheServiceFile() {
    Set<Class<?>> listed = TaskRegistry.load(TaskRegistry.class.getClassLoader()).all().values().stream()
        .map(Object::getClass).collect(Collectors.toSet());

    for (Task task : TaskRegistry.builtInTasks()) {
      assertTrue(listed.contains(task.getClass()), task.getClass() + " is built in but not in the service file");
    }
  }

  @Test
  void unknownName_listsTheKnownOnes() {
    TaskRegistry registry = TaskRegistry.builtIn();

    assertFalse(registry.contains("no-such-task"));
    UnknownTaskException unknown = assertThrows(UnknownTaskException.class, () -> registry.get("no-such-task"));
    assertTrue(unknown.getMessage().contains("noop"), unknown.getMessage());
  }
}
