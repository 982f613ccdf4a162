package io.ppnode.node.manifest;

import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.FileEntry;
import io.ppnode.protocol.FileEntry.ChunkRef;
import io.ppnode.protocol.FileEntry.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/** Small builders shared by the manifest tests. */
final class Fixtures {
  private Fixtures() {}

  static ProjectRecord project(String id, String name, Path root) {
    return new ProjectRecord(id, name, Role.OWNER, root, "owner-node", List.of(), 0, null);
  }

  static ChunkHash sha(String text) {
    try {
      return ChunkHash.of(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] secret(String text) {
    return sha(text).bytes();
  }

  /** A file entry with {@code chunkCount} made-up chunks of 10 bytes each. */
  static FileEntry file(String path, long sequence, int chunkCount) {
    List<ChunkRef> chunks = new ArrayList<>();
    for (int i = 0; i < chunkCount; i++) {
      chunks.add(new ChunkRef(i * 10L, 10, sha(path + "#" + i)));
    }
    return new FileEntry(
        path, Kind.FILE, chunkCount * 10L, 1_700_000_000_000L + sequence, 0644, sha(path),
        sequence, false, chunks);
  }

  static FileEntry tombstone(String path, long sequence) {
    return new FileEntry(path, Kind.FILE, 0, 0, 0644, null, sequence, true, List.of());
  }

  static FileEntry dir(String path, long sequence) {
    return new FileEntry(path, Kind.DIRECTORY, 0, 1_700_000_000_000L, 0755, null, sequence, false, List.of());
  }
}
