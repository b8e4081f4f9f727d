package io.procpool.protocol;

/**
 * One line of the procpool wire protocol. The JSON field {@code "type"} names the kind; see
 * {@code docs/protocol.md} for the full specification.
 */
public sealed interface Message permits Hello, Run, Done, Invalid {

  /** The value of the {@code "type"} discriminator on the wire. */
  String type();
}
