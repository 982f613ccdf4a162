package io.ppnode.relay;

import io.netty.buffer.ByteBuf;

/**
 * Sees every buffer the relay forwards, before it is written on. Exists for tests that check
 * the relay carries only ciphertext; production runs with {@link #NONE}. Called on an event
 * loop: it must be quick, must not change the buffer's indices and must not keep it.
 */
@FunctionalInterface
public interface RelayTap {
  RelayTap NONE = (session, fromMember, bytes) -> {};

  void forwarded(long session, boolean fromMember, ByteBuf bytes);
}
