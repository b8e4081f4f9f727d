package io.procpool.shm;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * One worker's shared-memory file, mapped: the requests ring (coordinator to worker) and the
 * answers ring (worker to coordinator), laid out as {@link ShmLayout} says. Each ring has one
 * writer and one reader, so each side owns one end of each ring.
 *
 * <p>The mapping is left to the garbage collector rather than unmapped on close: a thread
 * still inside a ring operation would otherwise touch unmapped memory and crash the JVM. The
 * file itself is deleted by whoever created it; the memory goes with the last mapping.
 */
public final class ShmFile {
  private final Path path;
  private final int capacity;
  private final RingBuffer requests;
  private final RingBuffer answers;

  private ShmFile(Path path, UnsafeBuffer whole, int capacity, int requestsAt, int answersAt) {
    this.path = path;
    this.capacity = capacity;
    int ringBytes = ShmLayout.ringBytes(capacity);
    this.requests = new OneToOneRingBuffer(new UnsafeBuffer(whole, requestsAt, ringBytes));
    this.answers = new OneToOneRingBuffer(new UnsafeBuffer(whole, answersAt, ringBytes));
  }

  /** What a JVM needs on its command line to map the rings (Agrona 2 uses the JDK's Unsafe). */
  public static final String JVM_OPTION = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

  /**
   * Fails with one line naming the missing option when this JVM cannot use the rings, instead
   * of an {@code IllegalAccessError} deep in Agrona.
   */
  public static void requireAccess() {
    if (!Object.class.getModule().isExported("jdk.internal.misc", ShmFile.class.getModule())) {
      throw new IllegalStateException("the shm transport needs the JVM option " + JVM_OPTION
          + " (Agrona's ring buffers use the JDK's Unsafe)");
    }
  }

  /**
   * Lays the rings out in an existing, empty file (created with the permissions its creator
   * wants) and writes the header, the magic last: a reader that sees the magic sees the rest.
   *
   * @param capacity each ring's data bytes, a power of two of at least 1 KiB
   */
  public static ShmFile create(Path path, int capacity) throws IOException {
    if (capacity < 1024 || Integer.bitCount(capacity) != 1 || capacity > (1 << 28)) {
      throw new IllegalArgumentException("ring capacity must be a power of two from 1 KiB to 256 MiB: " + capacity);
    }
    requireAccess();
    UnsafeBuffer whole = map(path, ShmLayout.fileBytes(capacity), /* create= */ true);
    int requestsAt = ShmLayout.HEADER_BYTES;
    int answersAt = requestsAt + ShmLayout.ringBytes(capacity);
    whole.putInt(ShmLayout.VERSION_OFFSET, ShmLayout.VERSION, ByteOrder.LITTLE_ENDIAN);
    whole.putInt(ShmLayout.CAPACITY_OFFSET, capacity, ByteOrder.LITTLE_ENDIAN);
    whole.putInt(ShmLayout.REQUESTS_OFFSET_OFFSET, requestsAt, ByteOrder.LITTLE_ENDIAN);
    whole.putInt(ShmLayout.ANSWERS_OFFSET_OFFSET, answersAt, ByteOrder.LITTLE_ENDIAN);
    whole.putLongVolatile(ShmLayout.MAGIC_OFFSET, ShmLayout.MAGIC);
    return new ShmFile(path, whole, capacity, requestsAt, answersAt);
  }

  /** Maps a file that {@link #create} laid out, checking its header. */
  public static ShmFile open(Path path) throws IOException {
    requireAccess();
    long size;
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      size = channel.size();
    }
    if (size < ShmLayout.HEADER_BYTES) {
      throw new IOException("not a procpool shared-memory file (too short): " + path);
    }
    UnsafeBuffer whole = map(path, size, /* create= */ false);
    if (whole.getLongVolatile(ShmLayout.MAGIC_OFFSET) != ShmLayout.MAGIC) {
      throw new IOException("not a procpool shared-memory file (no magic): " + path);
    }
    int version = whole.getInt(ShmLayout.VERSION_OFFSET, ByteOrder.LITTLE_ENDIAN);
    if (version != ShmLayout.VERSION) {
      throw new IOException("shared-memory layout version " + version + " is not " + ShmLayout.VERSION + ": " + path);
    }
    int capacity = whole.getInt(ShmLayout.CAPACITY_OFFSET, ByteOrder.LITTLE_ENDIAN);
    int requestsAt = whole.getInt(ShmLayout.REQUESTS_OFFSET_OFFSET, ByteOrder.LITTLE_ENDIAN);
    int answersAt = whole.getInt(ShmLayout.ANSWERS_OFFSET_OFFSET, ByteOrder.LITTLE_ENDIAN);
    long ringBytes = ShmLayout.ringBytes(capacity);
    if (Integer.bitCount(capacity) != 1 || requestsAt < ShmLayout.HEADER_BYTES || answersAt < requestsAt + ringBytes
        || answersAt + ringBytes > size) {
      throw new IOException("shared-memory header does not fit the file: " + path);
    }
    return new ShmFile(path, whole, capacity, requestsAt, answersAt);
  }

  private static UnsafeBuffer map(Path path, long size, boolean create) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      if (create) {
        if (channel.size() != 0) {
          throw new IOException("shared-memory file is not new: " + path);
        }
        channel.truncate(size); // no-op on an empty file; the map below grows it
      }
      // The mapping outlives the channel.
      MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
      return new UnsafeBuffer(mapped);
    }
  }

  public Path path() {
    return path;
  }

  /** Each ring's data capacity in bytes. */
  public int capacity() {
    return capacity;
  }

  /** Coordinator to worker. */
  public RingBuffer requests() {
    return requests;
  }

  /** Worker to coordinator. */
  public RingBuffer answers() {
    return answers;
  }
}
