package io.procpool.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which cache directories are safe to keep archives in: only the user's own. */
final class CacheDirectoryTest {
  @TempDir
  Path dir;

  @AfterEach
  void tearDown() {
    System.clearProperty(CacheDirectory.PROPERTY);
  }

  @Test
  void find_missingDirectory_isCreatedOwnerOnly() throws Exception {
    Path cache = dir.resolve("parent").resolve("procpool");
    System.setProperty(CacheDirectory.PROPERTY, cache.toString());

    assertEquals(Optional.of(cache), CacheDirectory.find());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
  }

  @Test
  void find_directoryOwnedByAnotherUser_isNeverUsedNorWrittenTo() throws Exception {
    Path planted = Files.createDirectory(dir.resolve("procpool-planted"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    chownToNobody(planted);
    Path jar = Files.writeString(dir.resolve("procpool.jar"), "not really a jar");
    System.setProperty(CacheDirectory.PROPERTY, planted.toString());

    assertTrue(CacheDirectory.unsafeBecause(planted).orElseThrow().contains("owned by nobody"));
    assertEquals(Optional.empty(), CacheDirectory.find());
    assertTrue(WorkerArchive.forWorkers("java", List.of(), jar.toString()).isEmpty());
    try (var files = Files.list(planted)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void find_directoryWritableByOthers_isNeverUsed() throws Exception {
    Path open = Files.createDirectory(dir.resolve("procpool-open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    System.setProperty(CacheDirectory.PROPERTY, open.toString());

    assertTrue(CacheDirectory.unsafeBecause(open).orElseThrow().contains("writable by others"));
    assertEquals(Optional.empty(), CacheDirectory.find());
  }

  @Test
  void find_configuredDirectoryUnusable_saysWhichAndWhy() throws Exception {
    Path open = Files.createDirectory(dir.resolve("procpool-open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path file = Files.writeString(dir.resolve("a-file"), "");
    List<String> warnings = new ArrayList<>();

    System.setProperty(CacheDirectory.PROPERTY, open.toString());
    CacheDirectory.find(warnings::add);
    System.setProperty(CacheDirectory.PROPERTY, file.toString());
    CacheDirectory.find(warnings::add);

    assertEquals(List.of(
        "procpool: the cache directory " + open + " (PROCPOOL_CACHE_DIR or -Dprocpool.cache.dir) is not used: " + open
            + " is writable by others (rwxrwxrwx); workers start without the class-data archive",
        "procpool: the cache directory " + file + " (PROCPOOL_CACHE_DIR or -Dprocpool.cache.dir) is not used: " + file
            + " is not a directory; workers start without the class-data archive"), warnings);
  }

  @Test
  void find_nothingConfigured_warnsOfNothing() {
    assumeTrue(System.getenv("PROCPOOL_CACHE_DIR") == null, "a cache directory is configured here");
    List<String> warnings = new ArrayList<>();

    CacheDirectory.find(warnings::add);

    assertEquals(List.of(), warnings);
  }

  @Test
  void find_linkToADirectoryOfAnotherUser_isNeverUsed() throws Exception {
    Path planted = Files.createDirectory(dir.resolve("theirs"));
    chownToNobody(planted);
    Path link = Files.createSymbolicLink(dir.resolve("procpool-link"), planted);
    System.setProperty(CacheDirectory.PROPERTY, link.toString());

    assertEquals(Optional.empty(), CacheDirectory.find());
  }

  @Test
  void find_ownDirectory_isUsed() throws Exception {
    Path own = Files.createDirectory(dir.resolve("own"));
    System.setProperty(CacheDirectory.PROPERTY, own.toString());

    assertEquals(Optional.of(own), CacheDirectory.find());
    assertFalse(CacheDirectory.unsafeBecause(own).isPresent());
  }

  /** Only root can give a file away; elsewhere the test cannot set the scene. */
  private static void chownToNobody(Path path) throws IOException {
    UserPrincipal nobody;
    try {
      nobody = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
      Files.setOwner(path, nobody);
    } catch (IOException e) {
      assumeTrue(false, "cannot chown to nobody here: " + e);
    }
  }
}
