package io.ppnode.node.invite;

import io.ppnode.node.identity.NodeId;
import java.time.Instant;
import java.util.List;

/**
 * What an invite token carries: which project, whose (the owner's node id, pinned when the member
 * connects), where to find the owner, when it expires and the secret that proves it was handed
 * out. The owner keeps only a hash of the secret.
 */
public record Invite(String projectId, NodeId owner, List<String> addresses, Secret secret, Instant expires) {}
