package io.procpool.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Naming, eligibility, integrity and failure policy of worker archives; no JVM is started. */
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

    install(archive, "archive");

    assertTrue(archive.ready());
    assertTrue(archive.jvmOptions().contains("-XX:SharedArchiveFile=" + archive.path()));
    assertTrue(archive.jvmOptions().contains("-Xshare:auto"), "a bad archive must only fall back");
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty", "short", "junk in the body", "no checksum"})
  void ready_archiveNotAsRecorded_isRemovedSoItIsRebuilt(String damage) throws Exception {
    WorkerArchive archive = WorkerArchive.forWorkers("java", OPTIONS, jar.toString()).orElseThrow();
    install(archive, "a header, then a body of classes ".repeat(100));
    byte[] bytes = Files.readAllBytes(archive.path());
    switch (damage) {
      case "empty" -> Files.write(archive.path(), new byte[0]);
      case "short" -> Files.write(archive.path(), Arrays.copyOf(bytes, 1000));
      case "junk in the body" -> {
        bytes[2000] ^= 0x5a;
        Files.write(archive.path(), bytes);
      }
      default -> Files.delete(ArchiveIntegrity.sidecar(archive.path()));
    }

    assertFalse(archive.ready());
    assertEquals(List.of(), archive.jvmOptions());
    assertFalse(Files.exists(archive.path()), "removed, so the next pool rebuilds it");
    assertEquals("missing", archive.status());
  }

  @Test
  void keeps_crash_decidesWithoutTouchingTheFileWhichWorkerEndedThenRemoves() throws Exception {
    WorkerArchive archive = WorkerArchive.forWorkers("java", OPTIONS, jar.toString()).orElseThrow();
    install(archive, "archive");
    WorkerEnd crash = new WorkerEnd(WorkerEnd.Cause.CRASH, /* afterHello= */ true, "SIGSEGV");

    assertFalse(WorkerArchive.keeps(crash));
    assertTrue(archive.ready(), "the pool decides under its lock; the file stays until after it");
    assertEquals(WorkerArchive.keeps(crash), archive.workerEnded(crash));
    assertFalse(Files.exists(archive.path()));
  }

  @Test
  void workerEnded_crash_removesTheArchiveAndAllowsOneRebuild() throws Exception {
    WorkerArchive archive = WorkerArchive.forWorkers("java", OPTIONS, jar.toString()).orElseThrow();
    install(archive, "archive");

    boolean keep = archive.workerEnded(new WorkerEnd(WorkerEnd.Cause.CRASH, /* afterHello= */ true, "SIGSEGV"));

    boolean keepAfterTheSecondWorkerOfThatFile = archive.workerEnded(
        new WorkerEnd(WorkerEnd.Cause.CRASH, /* afterHello= */ false, "SIGSEGV in another worker"));

    assertFalse(keep);
    assertFalse(keepAfterTheSecondWorkerOfThatFile);
    assertFalse(archive.ready());
    assertEquals(1, new ArchiveFailures(marker(archive)).strikes(), "one bad file, one strike");
    assertFalse(new ArchiveFailures(marker(archive)).blocked(), "one crash only asks for a rebuild");
  }

  @Test
  void workerEnded_secondCrashWithinADay_blocksRebuildsUntilTheMarkerExpires() throws Exception {
    WorkerArchive archive = WorkerArchive.forWorkers("java", OPTIONS, jar.toString()).orElseThrow();
    install(archive, "archive");
    archive.workerEnded(new WorkerEnd(WorkerEnd.Cause.CRASH, false, "first"));
    install(archive, "rebuilt");

    archive.workerEnded(new WorkerEnd(WorkerEnd.Cause.CRASH, true, "second"));

    assertTrue(archive.status().startsWith("failed"), archive.status());
    assertTrue(Files.readString(marker(archive)).contains("second"));
    assertTrue(Files.readString(marker(archive)).contains("first"));
    Files.setLastModifiedTime(marker(archive), FileTime.from(Instant.now().minus(ArchiveFailures.EXPIRES_AFTER)
        .minusSeconds(60)));
    assertEquals("missing", archive.status(), "a marker a day old no longer blocks");
  }

  @Test
  void workerEnded_killFromOutsideOrExitAfterHello_keepsTheArchive() throws Exception {
    WorkerArchive archive = WorkerArchive.forWorkers("java", OPTIONS, jar.toString()).orElseThrow();
    install(archive, "archive");

    assertTrue(archive.workerEnded(new WorkerEnd(WorkerEnd.Cause.KILLED, false, "signal 9")));
    assertTrue(archive.workerEnded(new WorkerEnd(WorkerEnd.Cause.KILLED, true, "signal 9")));
    assertTrue(archive.workerEnded(new WorkerEnd(WorkerEnd.Cause.EXITED, true, "status 86")));

    assertTrue(archive.ready());
    assertFalse(Files.exists(marker(archive)));
  }

  @Test
  void workerEnded_exitBeforeHello_thisPoolStopsButTheFileStays() throws Exception {
    WorkerArchive archive = WorkerArchive.forWorkers("java", OPTIONS, jar.toString()).orElseThrow();
    install(archive, "archive");

    assertFalse(archive.workerEnded(new WorkerEnd(WorkerEnd.Cause.EXITED, false, "status 1")));

    assertTrue(archive.ready());
    assertFalse(Files.exists(marker(archive)));
  }

  @Test
  void failedMarkerOfAnOlderProcpool_blocksUntilItExpires() throws Exception {
    WorkerArchive archive = WorkerArchive.forWorkers("java", OPTIONS, jar.toString()).orElseThrow();
    Files.writeString(marker(archive), "a worker using the archive failed to start: killed\n");

    assertTrue(archive.status().startsWith("failed"), archive.status());
    Files.setLastModifiedTime(marker(archive), FileTime.from(Instant.now().minus(Duration.ofDays(2))));
    assertEquals("missing", archive.status());
  }

  /** Installs content as the archive, the way a build does: checksum, then the file. */
  private static void install(WorkerArchive archive, String content) throws Exception {
    Path candidate = archive.path().resolveSibling("candidate.tmp");
    Files.writeString(candidate, content);
    ArchiveIntegrity.record(candidate, archive.path());
    Files.move(candidate, archive.path(), StandardCopyOption.REPLACE_EXISTING);
  }

  private static Path marker(WorkerArchive archive) {
    return archive.path().resolveSibling(archive.path().getFileName() + ".failed");
  }
}
