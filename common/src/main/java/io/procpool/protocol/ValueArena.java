package io.procpool.protocol;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Set;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One direction's reused memory for values off the line: a file under {@code /dev/shm}, mapped
 * once, that one side writes values into and the other reads them out of, in the same order
 * (docs/protocol.md, section 5a). A value is named on the line by its position; the reader
 * publishes how far it has read, and the writer reuses everything before that.
 *
 * <p>Positions only grow; a value lies at {@code HEADER_BYTES + position % capacity} and never
 * wraps. The writer puts each value at the front of the next lap whenever the front is free, so
 * the pages in use are about those of the values in flight, not the whole arena, and stay warm.
 *
 * <p>The mapping is left to the garbage collector, as {@code ShmFile}'s: unmapping while a
 * thread still copies would crash the JVM. Whoever deletes the file frees the memory with the
 * last mapping.
 */
final class ValueArena {
  /** {@code PPVALUE1} as a little-endian long, written last at creation. */
  static final long MAGIC = 0x3145554C41565050L;
  static final int MAGIC_OFFSET = 0;
  /** The data bytes, an int64. */
  static final int CAPACITY_OFFSET = 8;
  /** How far the reader has read (a position), an int64 the reader writes with release semantics. */
  static final int READ_OFFSET = 64;
  static final int HEADER_BYTES = 4096;
  /** Each arena's data bytes: sparse, so only the pages a value touched take memory. */
  static final int DEFAULT_CAPACITY = 64 << 20;
  /** A reader keeps a copy buffer up to this size for the next value; larger ones are not kept. */
  private static final int KEPT_SCRATCH_BYTES = 4 << 20;

  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private final Path path;
  private final UnsafeBuffer memory;
  private final long capacity;
  /** The writer's end: where its last value ended. Only the writer's thread uses it. */
  private long written;
  /** The values the writer has not yet seen read, oldest first. Only the writer's thread uses it. */
  private final ArrayDeque<Span> unread = new ArrayDeque<>();
  /** The reader's end, also published at {@link #READ_OFFSET}. Only the reader's thread uses it. */
  private long read;
  private byte[] scratch = new byte[0];

  private ValueArena(Path path, UnsafeBuffer memory, long capacity) {
    this.path = path;
    this.memory = memory;
    this.capacity = capacity;
  }

  /** Creates the file new ({@code O_EXCL}), owner-only, and maps it for writing values. */
  static ValueArena create(Path path, int capacity) throws IOException {
    try (FileChannel channel = FileChannel.open(path,
        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE), OWNER_ONLY)) {
      // map() grows the empty file to its size: a sparse file, no page touched yet.
      UnsafeBuffer memory = new UnsafeBuffer(channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER_BYTES + (long) capacity));
      memory.putLong(CAPACITY_OFFSET, capacity, ByteOrder.LITTLE_ENDIAN);
      memory.putLongVolatile(MAGIC_OFFSET, MAGIC);
      return new ValueArena(path, memory, capacity);
    }
  }

  /** Maps the other side's file for reading values, checking its header against its size. */
  static ValueArena open(Path path) throws IOException {
    MappedByteBuffer mapped;
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      if (size < HEADER_BYTES || size > Integer.MAX_VALUE) {
        throw new IOException("not a procpool value arena (" + size + " bytes): " + path.getFileName());
      }
      mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
    }
    UnsafeBuffer memory = new UnsafeBuffer(mapped);
    long capacity = memory.getLong(CAPACITY_OFFSET, ByteOrder.LITTLE_ENDIAN);
    if (memory.getLongVolatile(MAGIC_OFFSET) != MAGIC || capacity < 1 || HEADER_BYTES + capacity > memory.capacity()) {
      throw new IOException("not a procpool value arena (bad header): " + path.getFileName());
    }
    return new ValueArena(path, memory, capacity);
  }

  Path path() {
    return path;
  }

  /**
   * Copies a value in and returns its position, or -1 when it does not fit now (larger than the
   * arena, or the reader has not yet read enough): the caller then sends it another way.
   */
  long write(byte[] value) {
    int length = value.length;
    if (length > capacity) {
      return -1;
    }
    long readEnd = memory.getLongAcquire(READ_OFFSET);
    while (!unread.isEmpty() && unread.peekFirst().end() <= readEnd) {
      unread.pollFirst();
    }
    long start = place(length);
    if (start < 0) {
      return -1;
    }
    memory.putBytes(HEADER_BYTES + (int) (start % capacity), value);
    written = start + length;
    unread.addLast(new Span(start, written));
    return start;
  }

  /**
   * Where {@code length} bytes go: at the front of the next lap when the front is free (so the
   * values in flight keep to the first, warm pages, however large the arena), else after the
   * last value, past any unread one in the way; -1 when nothing fits before the end.
   */
  private long place(int length) {
    long front = roundUpToCapacity(written);
    if (free(front, length)) {
      return front;
    }
    long start = written;
    long lapEnd = start - start % capacity + capacity;
    while (start + length <= lapEnd) {
      long blockedUntil = unreadOverlapEnd(start, length);
      if (blockedUntil < 0) {
        return start;
      }
      start += blockedUntil - start % capacity;
    }
    return -1;
  }

  private boolean free(long start, int length) {
    return start % capacity + length <= capacity && unreadOverlapEnd(start, length) < 0;
  }

  /** Where in the data an unread value that overlaps these bytes ends, or -1 if none does. */
  private long unreadOverlapEnd(long start, int length) {
    long from = start % capacity;
    for (Span span : unread) {
      long spanFrom = span.start() % capacity;
      long spanTo = spanFrom + span.end() - span.start();
      if (spanFrom < from + length && from < spanTo) {
        return spanTo;
      }
    }
    return -1;
  }

  /** One value's positions, from its first byte to just after its last. */
  private record Span(long start, long end) {}

  /**
   * Reads the value at {@code position} (its bytes Latin-1 or UTF-8) and releases everything up to its end to the
   * writer. A position before what was already read, or a value outside the arena, is refused.
   */
  String read(long position, long length, boolean latin1) throws ProtocolException {
    if (position < read || length < 0 || length > capacity || position % capacity + length > capacity) {
      throw LargeValues.problem("off-line value at " + position + " of " + length + " bytes is outside "
          + path.getFileName() + " (capacity " + capacity + ", read up to " + read + ")");
    }
    int bytes = (int) length;
    byte[] copy = bytes <= scratch.length ? scratch : new byte[bytes];
    memory.getBytes(HEADER_BYTES + (int) (position % capacity), copy, 0, bytes);
    read = position + bytes;
    memory.putLongRelease(READ_OFFSET, read); // only now may the writer reuse these bytes
    if (copy != scratch && bytes <= KEPT_SCRATCH_BYTES) {
      scratch = copy;
    }
    return new String(copy, 0, bytes, latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  private long roundUpToCapacity(long position) {
    long into = position % capacity;
    return into == 0 ? position : position - into + capacity;
  }
}
