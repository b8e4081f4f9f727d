/**
 * What both ends of a socket transport share: the address a worker is told to connect to, the
 * handshake that proves it is the pool's, and the channel as a pair of streams. The messages
 * themselves are {@code io.procpool.protocol}'s JSON lines, on every transport.
 */
package io.procpool.transport;
