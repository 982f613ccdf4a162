package io.ppnode.node.manifest;

import java.time.Instant;

/** One member of an owned project: its node id and when it joined. */
public record MemberRecord(String nodeId, Instant addedAt) {}
