package io.procpool.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.protocol.Done;
import io.procpool.protocol.Message;
import io.procpool.protocol.MessageReader;
import io.procpool.protocol.MessageWriter;
import io.procpool.protocol.Outcome;
import io.procpool.protocol.Run;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two threads over one mapped file, each with its own mapping, as a coordinator and a worker. */
final class RingStreamTest {
  @TempDir
  Path dir;

  private ShmFile[] createAndOpen(int capacity) throws IOException {
    Path file = Files.createFile(dir.resolve("ring"));
    ShmFile created = ShmFile.create(file, capacity);
    return new ShmFile[] {created, ShmFile.open(file)};
  }

  @Test
  void messages_throughBothRings_arriveInOrderThenEnd() throws Exception {
    ShmFile[] sides = createAndOpen(ShmLayout.DEFAULT_RING_CAPACITY);
    CompletableFuture<Void> worker = CompletableFuture.runAsync(() -> {
      try {
        MessageReader requests = new MessageReader(new RingInputStream(sides[1].requests(), ShmWait.BACKOFF, null));
        MessageWriter answers = new MessageWriter(new RingOutputStream(sides[1].answers(), ShmWait.BACKOFF, null));
        for (Message m = requests.read(); m != null; m = requests.read()) {
          Run run = (Run) m;
          answers.write(new Done(run.id(), "t", List.of(Outcome.success(run.args().get(0), 0, 0))));
          answers.flush();
        }
        answers.close();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    MessageWriter requests = new MessageWriter(new RingOutputStream(sides[0].requests(), ShmWait.SPIN, null));
    MessageReader answers = new MessageReader(new RingInputStream(sides[0].answers(), ShmWait.SPIN, null));
    for (long id = 1; id <= 1000; id++) {
      requests.write(new Run(id, "echo", List.of("value " + id)));
      requests.flush();
      Done done = (Done) answers.read();
      assertEquals(id, done.id());
      assertEquals(Outcome.success("value " + id, 0, 0), done.results().get(0));
    }
    requests.close();
    assertNull(answers.read(), "the worker's end of stream");
    worker.get(10, TimeUnit.SECONDS);
  }

  @Test
  void bytesFarLargerThanRing_travelInRecords_unchanged() throws Exception {
    ShmFile[] sides = createAndOpen(1024); // records of at most 128 bytes less a header
    byte[] sent = new byte[3 << 20];
    new Random(42).nextBytes(sent);
    CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
      RingInputStream in = new RingInputStream(sides[1].requests(), ShmWait.BACKOFF, null);
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] chunk = new byte[777];
      for (int n = in.read(chunk, 0, chunk.length); n >= 0; n = in.read(chunk, 0, chunk.length)) {
        all.write(chunk, 0, n);
      }
      return all.toByteArray();
    });
    try (RingOutputStream out = new RingOutputStream(sides[0].requests(), ShmWait.BACKOFF, null)) {
      out.write(sent, 0, 1000);
      out.write(sent[1000]);
      out.write(sent, 1001, sent.length - 1001);
    }
    assertArrayEquals(sent, received.get(30, TimeUnit.SECONDS));
  }

  @Test
  void read_writerGoneAfterWriting_returnsWhatItWroteThenEnd() throws Exception {
    ShmFile[] sides = createAndOpen(4096);
    RingOutputStream out = new RingOutputStream(sides[0].answers(), ShmWait.PARK, null);
    out.write("last words\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    out.flush(); // and no end record: the writer dies
    AtomicBoolean gone = new AtomicBoolean(true);
    RingInputStream in = new RingInputStream(sides[1].answers(), ShmWait.PARK, gone::get);
    assertArrayEquals("last words\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), in.readAllBytes());
    assertEquals(-1, in.read());
  }

  @Test
  void readAhead_recordsThenEnd_areReadLaterInOrderThenEnd() throws Exception {
    ShmFile[] sides = createAndOpen(4096);
    RingOutputStream out = new RingOutputStream(sides[0].requests(), ShmWait.SPIN, null);
    RingInputStream in = new RingInputStream(sides[1].requests(), ShmWait.SPIN, null);
    out.write("first ".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    out.flush();
    assertEquals('f', in.read(), "a record already copied out stays first");
    out.write("second".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    out.close();

    in.readAhead();
    assertEquals(0, sides[0].requests().size(), "the ring is empty: its writer has all the room again");
    assertArrayEquals("irst second".getBytes(java.nio.charset.StandardCharsets.UTF_8), in.readAllBytes());
    assertEquals(-1, in.read(), "the end read ahead is the end");
  }

  @Test
  void write_bothRingsFullAndEachSideWritingFirst_bothFinishByReadingAheadWhileFull() throws Exception {
    ShmFile[] sides = createAndOpen(1024); // far less than either side sends
    CompletableFuture<byte[]> worker = CompletableFuture.supplyAsync(() -> writeThenRead(sides[1], false));
    byte[] coordinator = writeThenRead(sides[0], true);
    assertArrayEquals(expectedBytes(), coordinator);
    assertArrayEquals(expectedBytes(), worker.get(30, TimeUnit.SECONDS));
  }

  private static final int MESSAGES = 300;

  /** One side on one thread: sends every message, then reads the other side's; reads ahead while the ring is full. */
  private static byte[] writeThenRead(ShmFile side, boolean coordinator) {
    RingInputStream in = new RingInputStream(coordinator ? side.answers() : side.requests(), ShmWait.SPIN, null);
    RingOutputStream out = new RingOutputStream(coordinator ? side.requests() : side.answers(), ShmWait.SPIN, null,
        in::readAhead);
    try {
      byte[] message = new byte[100];
      for (int i = 0; i < MESSAGES; i++) {
        java.util.Arrays.fill(message, (byte) i);
        out.write(message);
        out.flush();
      }
      return in.readNBytes(MESSAGES * message.length);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] expectedBytes() {
    byte[] all = new byte[MESSAGES * 100];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) (i / 100);
    }
    return all;
  }

  @Test
  void read_emptyRing_waitsUntilPeerGone() throws Exception {
    ShmFile[] sides = createAndOpen(4096);
    AtomicBoolean gone = new AtomicBoolean();
    RingInputStream in = new RingInputStream(sides[1].answers(), ShmWait.BACKOFF, gone::get);
    CompletableFuture<Integer> read = CompletableFuture.supplyAsync(in::read);
    assertTrue(!read.isDone(), "nothing to read yet");
    gone.set(true);
    assertEquals(-1, read.get(10, TimeUnit.SECONDS));
  }

  @Test
  void write_fullRingAndReaderGone_fails() throws Exception {
    ShmFile[] sides = createAndOpen(1024);
    RingOutputStream out = new RingOutputStream(sides[0].requests(), ShmWait.SPIN, () -> true);
    IOException failure = assertThrows(IOException.class, () -> out.write(new byte[1 << 20]));
    assertTrue(failure.getMessage().contains("gone"), failure.getMessage());
  }

  @Test
  void open_fileWithoutHeader_isRefusedNamingIt() throws Exception {
    Path file = Files.write(dir.resolve("other"), new byte[8192]);
    IOException refused = assertThrows(IOException.class, () -> ShmFile.open(file));
    assertTrue(refused.getMessage().contains("not a procpool shared-memory file"), refused.getMessage());
  }

  @Test
  void parse_unknownWait_namesTheChoices() {
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ShmWait.parse("fast"));
    assertEquals("unknown shm wait 'fast' (expected spin, backoff or park)", bad.getMessage());
    assertEquals(ShmWait.PARK, ShmWait.parse("park"));
  }
}
