package io.ppnode.node.invite;

import io.ppnode.node.identity.NodeId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an invite token carries: which project, whose (the owner's node id, pinned when the member
 * connects), where to find the owner, when it expires and the secret that proves it was handed
 * out, and the relays ({@code relay://HOST:PORT}) through which the owner
 * can be reached when no address works. The owner keeps only a hash of the secret.
 *
 * <p>Expiry travels in whole seconds; {@link InviteCodec} drops any finer part.
 */
public record Invite(
    String projectId, NodeId owner, List<String> addresses, Secret secret, Instant expires, List<String> relays) {
  public Invite {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(expires, "expires");
    addresses = List.copyOf(addresses);
    relays = List.copyOf(relays);
  }

  /** An invite that names no relay (as every version 1 token). */
  public Invite(String projectId, NodeId owner, List<String> addresses, Secret secret, Instant expires) {
    this(projectId, owner, addresses, secret, expires, List.of());
  }

  /**
   * Whether the invite has run out at {@code now}. Only a hint for the member: the owner, who
   * keeps the real expiry, is the one who refuses a stale invite.
   */
  public boolean expired(Instant now) {
    return !now.isBefore(expires);
  }
}
