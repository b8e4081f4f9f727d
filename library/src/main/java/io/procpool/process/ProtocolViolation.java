package io.procpool.process;

/**
 * A worker's first break of the protocol (docs/protocol.md section 7), kept for the pool's whole
 * life: the tasks it held may have been retried and succeeded, but the break is still a fact to
 * report.
 *
 * @param worker the worker's id, e.g. {@code w2}
 * @param pid its process id
 * @param message what it did, with the offending line cut short, as printed on stderr
 */
public record ProtocolViolation(String worker, long pid, String message) {}
