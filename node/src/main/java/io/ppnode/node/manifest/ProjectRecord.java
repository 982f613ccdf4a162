package io.ppnode.node.manifest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A project as this node's manifest knows it.
 *
 * @param id random 128-bit id, 26 lowercase base32 characters
 * @param name the owner's display name; unique within one home
 * @param role owner or member
 * @param root the project folder on this machine (absolute)
 * @param ownerNodeId the owner's printed node id
 * @param ownerAddresses HOST:PORT hints where the owner was last reachable (member side)
 * @param sequence owner: the latest sequence assigned; member: the owner's sequence last applied
 * @param lastSync when the last scan (owner) or pull (member) completed; null if never
 */
public record ProjectRecord(
    String id,
    String name,
    Role role,
    Path root,
    String ownerNodeId,
    List<String> ownerAddresses,
    long sequence,
    Instant lastSync) {}
