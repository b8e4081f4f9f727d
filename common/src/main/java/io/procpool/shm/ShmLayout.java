package io.procpool.shm;

import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The layout of one worker's shared-memory file: a header page, then the requests ring
 * (coordinator to worker), then the answers ring (worker to coordinator). Each ring is an
 * Agrona {@code OneToOneRingBuffer}: {@link #ringCapacity} data bytes followed by Agrona's
 * trailer of {@link RingBufferDescriptor#TRAILER_LENGTH} bytes. All integers little-endian.
 * docs/protocol.md describes it for a worker written in another language.
 */
public final class ShmLayout {
  /** "PPSHM001" as a little-endian long, at offset 0. */
  public static final long MAGIC = 0x3130304D48535050L;
  /** The layout's version, an int at offset 8. */
  public static final int VERSION = 1;
  public static final int MAGIC_OFFSET = 0;
  public static final int VERSION_OFFSET = 8;
  /** The data capacity of each ring, an int at offset 12 (a power of two). */
  public static final int CAPACITY_OFFSET = 12;
  /** Where the requests ring starts, an int at offset 16. */
  public static final int REQUESTS_OFFSET_OFFSET = 16;
  /** Where the answers ring starts, an int at offset 20. */
  public static final int ANSWERS_OFFSET_OFFSET = 20;
  /** One page: the rings start page-aligned, as Agrona's counters want 8-byte alignment and more. */
  public static final int HEADER_BYTES = 4096;
  /** 1 MiB per direction: a record holds up to an eighth of it (Agrona's limit), 128 KiB. */
  public static final int DEFAULT_RING_CAPACITY = 1 << 20;

  /** A record of JSON-line bytes: the next piece of the stream, in order. */
  public static final int MSG_DATA = 1;
  /** The writer's end of stream: nothing follows (like closing a pipe). */
  public static final int MSG_END = 2;

  private ShmLayout() {}

  /** The bytes one ring takes in the file, its trailer included. */
  public static int ringBytes(int capacity) {
    return capacity + RingBufferDescriptor.TRAILER_LENGTH;
  }

  /** The size of the whole file for rings of this capacity. */
  public static long fileBytes(int capacity) {
    return HEADER_BYTES + 2L * ringBytes(capacity);
  }
}
