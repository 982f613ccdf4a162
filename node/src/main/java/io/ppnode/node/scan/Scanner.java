package io.ppnode.node.scan;

import io.ppnode.node.manifest.Manifest;
import io.ppnode.node.manifest.ProjectRecord;

/**
 * Walks an owner's project folder and brings the manifest up to date: new and changed files are
 * hashed (per-chunk and whole-file SHA-256, fixed {@link io.ppnode.protocol.Limits#CHUNK_SIZE}
 * chunks), vanished ones become tombstones, and each change takes the next project sequence.
 * Files whose size and mtime match the manifest are not re-read. ppnode's own {@code .ppnode/}
 * directory is never indexed; symlinks are skipped.
 */
public final class Scanner {
  /** Scans {@code project}; returns what changed. The manifest is updated in one transaction. */
  public Outcome scan(Manifest manifest, ProjectRecord project) {
    throw new UnsupportedOperationException("TODO");
  }

  /** What one scan did. */
  public record Outcome(int changed, int deleted, long bytesHashed, long sequence) {}
}
