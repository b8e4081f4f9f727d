package io.procpool.overhead;

import io.procpool.pool.Transport;
import io.procpool.protocol.Codec;
import io.procpool.shm.ShmWait;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the measured process pools carry their messages: the transport, the codec, and strings
 * off the line above a threshold. Recorded with every figure, since each changes them.
 *
 * @param offLineThreshold strings longer than this travel in files; 0 for never
 * @param shmWait how an {@code shm} transport waits (unused by the others)
 */
public record IpcSetup(Transport transport, Codec codec, int offLineThreshold, ShmWait shmWait) {

  /** The default: JSON lines over pipes with procpool's codec, every value on the line. */
  public static IpcSetup defaults() {
    return new IpcSetup(Transport.PIPE, Codec.PROCPOOL, 0, ShmWait.BACKOFF);
  }

  /** The JSON fields: {@code transport}, {@code codec}, {@code offLineThreshold}, and {@code shmWait} on shm. */
  Map<String, Object> json() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("transport", transport.label());
    map.put("codec", codec.name());
    map.put("offLineThreshold", offLineThreshold);
    if (transport == Transport.SHM) {
      map.put("shmWait", shmWait.cliName());
    }
    return map;
  }
}
