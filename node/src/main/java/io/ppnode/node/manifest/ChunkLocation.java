package io.ppnode.node.manifest;

/**
 * Where the manifest says a chunk's bytes sit in a project: {@code length} bytes at
 * {@code offset} in the file at {@code path} (relative, '/'-separated).
 */
public record ChunkLocation(String path, long offset, int length) {}
