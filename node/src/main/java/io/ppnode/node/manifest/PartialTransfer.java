package io.ppnode.node.manifest;

import io.ppnode.protocol.ChunkHash;
import java.time.Instant;
import java.util.Set;

/**
 * A file a member had begun to assemble: which of the owner's entries (file hash and
 * sequence), in which temp file (relative to the project's {@code .ppnode/tmp}), and the offsets
 * of chunks already verified and forced to it. {@code touched} is when it last made progress.
 */
public record PartialTransfer(
    String path, ChunkHash sha256, long sequence, String temp, Instant touched, Set<Long> verifiedOffsets) {}
