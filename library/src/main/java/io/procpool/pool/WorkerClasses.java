package io.procpool.pool;

import io.procpool.fn.CannotTravelException;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a worker started with a given class path can load a class: checked at
 * {@code submit()} in the coordinator, so a function the workers cannot find fails there with
 * a message saying what to pass, not as a failed task in every worker.
 */
final class WorkerClasses {
  /** A class loader over each workers' class path seen, never initialising what it loads. */
  private static final Map<String, ClassLoader> LOADERS = new ConcurrentHashMap<>();
  /** By class path, then class name: the class path string is long, and hashed once. */
  private static final Map<String, Map<String, Boolean>> LOADABLE = new ConcurrentHashMap<>();

  private WorkerClasses() {}

  /** @throws CannotTravelException naming the class, where it comes from and what to pass */
  static void check(String classPath, String className, Class<?> local) {
    Map<String, Boolean> known = LOADABLE.computeIfAbsent(classPath, path -> new ConcurrentHashMap<>());
    boolean loadable = known.computeIfAbsent(className, key -> {
      try {
        Class.forName(className, false, LOADERS.computeIfAbsent(classPath, WorkerClasses::loaderOver));
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    });
    if (!loadable) {
      throw new CannotTravelException("class " + className + " (from " + origin(local)
          + ") is not on the workers' class path; add it with ProcessPoolOptions.builder().classpath(...)"
          + " or --classpath");
    }
  }

  private static String origin(Class<?> local) {
    CodeSource source = local == null ? null : local.getProtectionDomain().getCodeSource();
    return source == null || source.getLocation() == null ? "no file" : source.getLocation().toString();
  }

  private static ClassLoader loaderOver(String classPath) {
    List<URL> urls = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.endsWith("*")) {
        File[] jars = new File(entry.substring(0, entry.length() - 1)).listFiles((dir, name) -> name.endsWith(".jar"));
        for (File jar : jars == null ? new File[0] : jars) {
          try {
            urls.add(jar.toURI().toURL());
          } catch (MalformedURLException e) {
            // skipped as the java launcher would
          }
        }
      } else if (!entry.isEmpty()) {
        try {
          urls.add(Path.of(entry).toUri().toURL());
        } catch (MalformedURLException | RuntimeException e) {
          // a wildcard or odd entry: the workers' java launcher may still make sense of it
        }
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }
}
