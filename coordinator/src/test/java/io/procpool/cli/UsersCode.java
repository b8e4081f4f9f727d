package io.procpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;

/** A user's own class, written and compiled as a separate application for a test. */
final class UsersCode {
  private UsersCode() {}

  /** Writes {@code source} under {@code app/src} and compiles it into {@code app/classes}, which it returns. */
  static Path compile(Path app, String className, String source) throws IOException {
    Path file = app.resolve("src").resolve(className.replace('.', '/') + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    Path classes = app.resolve("classes");
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), file.toString()),
        "the user's code compiles");
    return classes;
  }
}
