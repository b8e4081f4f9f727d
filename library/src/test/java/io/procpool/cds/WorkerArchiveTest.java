package io.procpool.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Naming, eligibility and options of worker archives; no JVM is started. */
final class WorkerArchiveTest {
  private static final List<String> OPTIONS = List.of("-XX:+UseSerialGC");

  @TempDir
  Path dir;
  private Path jar;

  @BeforeEach
  void setUp() throws Exception {
    jar = Files.writeString(dir.resolve("procpool.jar"), "not really a jar");
    System.setProperty(CacheDirectory.PROPERTY, dir.resolve("cache").toString());
  }

  @AfterEach
  void tearDown() {
    System.clearProperty(CacheDirectory.PROPERTY);
  }

  @Test
  void name_changesWithTheJarButKeepsTheSetUpPrefix() throws Exception {
    String before = ArchiveKey.fileName("java", OPTIONS, jar.toString()).orElseThrow();
    assertEquals(before, ArchiveKey.fileName("java", OPTIONS, jar.toString()).orElseThrow());

    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
    String after = ArchiveKey.fileName("java", OPTIONS, jar.toString()).orElseThrow();

    assertNotEquals(before, after);
    assertEquals(ArchiveKey.sameSetUpPrefix(before), ArchiveKey.sameSetUpPrefix(after));
    assertTrue(after.startsWith("worker-") && after.endsWith(".jsa"), after);
  }

  @Test
  void name_differsByOptions() {
    String serial = ArchiveKey.fileName("java", OPTIONS, jar.toString()).orElseThrow();
    String other = ArchiveKey.fileName("java", List.of("-Xmx64m"), jar.toString()).orElseThrow();

    assertNotEquals(ArchiveKey.sameSetUpPrefix(serial), ArchiveKey.sameSetUpPrefix(other));
  }

  @Test
  void classPathWithADirectory_hasNoArchive() {
    String classPath = jar + File.pathSeparator + dir;

    assertTrue(ArchiveKey.fileName("java", OPTIONS, classPath).isEmpty());
    assertTrue(WorkerArchive.forWorkers("java", OPTIONS, classPath).isEmpty());
  }

  @Test
  void usersOwnSharingOptions_win() {
    assertTrue(WorkerArchive.forWorkers("java", List.of("-Xshare:off"), jar.toString()).isEmpty());
    assertTrue(WorkerArchive.forWorkers("java", List.of("-XX:SharedArchiveFile=x.jsa"), jar.toString()).isEmpty());
  }

  @Test
  void options_onlyOnceTheArchiveExists() throws Exception {
    WorkerArchive archive = WorkerArchive.forWorkers("java", OPTIONS, jar.toString()).orElseThrow();
    assertFalse(archive.ready());
    assertEquals(List.of(), archive.jvmOptions());
    assertEquals(dir.resolve("cache"), archive.path().getParent());

    Files.writeString(archive.path(), "archive");

    assertTrue(archive.ready());
    assertTrue(archive.jvmOptions().contains("-XX:SharedArchiveFile=" + archive.path()));
    assertTrue(archive.jvmOptions().contains("-Xshare:auto"), "a bad archive must only fall back");
  }

  @Test
  void markBroken_removesTheArchiveAndStopsRebuilds() throws Exception {
    WorkerArchive archive = WorkerArchive.forWorkers("java", OPTIONS, jar.toString()).orElseThrow();
    Files.writeString(archive.path(), "archive");

    archive.markBroken("crashed");
    archive.buildInBackground();

    assertFalse(archive.ready());
    assertTrue(archive.status().startsWith("failed"), archive.status());
  }
}
