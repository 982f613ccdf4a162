package io.ppnode.node.transfer;

import io.ppnode.node.manifest.ChunkLocation;
import io.ppnode.node.manifest.Manifest;
import io.ppnode.node.manifest.ManifestException;
import io.ppnode.protocol.FileEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Every chunk the member already holds anywhere in a project, as its manifest records them: a
 * renamed, copied or moved file, or the shifted tail of a file with bytes inserted, is copied
 * from the member's own files instead of fetched. The manifest only says where the bytes were
 * when they were applied; what is read is hashed and used only if it still matches.
 */
final class LocalChunkSource {
  /** Copies to try when one no longer matches (a file edited locally, say) before going to the network. */
  private static final int CANDIDATES = 4;

  private final Manifest manifest;
  private final String projectId;
  private final Path root;
  /** A first join has nothing local to reuse: skip one manifest lookup per chunk. */
  private final boolean empty;

  LocalChunkSource(Manifest manifest, String projectId, Path root) {
    this.manifest = manifest;
    this.projectId = projectId;
    this.root = root;
    this.empty = manifest.totals(projectId).files() == 0;
  }

  /** True when the project has no applied file yet, so nothing can be reused. */
  boolean empty() {
    return empty;
  }

  /** The member's applied version of {@code file}, if the manifest has one: one lookup per file. */
  Optional<FileEntry> appliedVersion(Path file) {
    if (empty || !file.startsWith(root)) {
      return Optional.empty();
    }
    StringBuilder wire = new StringBuilder();
    for (Path part : root.relativize(file)) {
      wire.append(wire.length() == 0 ? "" : "/").append(part);
    }
    try {
      return manifest.file(projectId, wire.toString())
          .filter(e -> !e.deleted() && e.kind() == FileEntry.Kind.FILE && e.chunks() != null);
    } catch (ManifestException e) {
      return Optional.empty();
    }
  }

  /** The chunk's verified bytes from some local file, or null if no local copy still holds them. */
  ByteBuffer read(FileEntry.ChunkRef c) {
    if (empty) {
      return null;
    }
    List<ChunkLocation> places;
    try {
      places = manifest.findChunks(projectId, c.sha256(), CANDIDATES);
    } catch (ManifestException e) {
      // Only an optimisation: the chunk can still be fetched.
      return null;
    }
    for (ChunkLocation at : places) {
      if (at.length() != c.length()) {
        continue;
      }
      // Through SafePaths like every other path from the index: a symlinked directory in the
      // project must not lead the member to copy bytes from outside it.
      try (FileChannel in = FileChannel.open(SafePaths.resolveInside(root, at.path()), StandardOpenOption.READ,
          LinkOption.NOFOLLOW_LINKS)) {
        ByteBuffer b = LocalChunks.readVerified(in, at.offset(), c);
        if (b != null) {
          return b;
        }
      } catch (IOException | RuntimeException e) {
        // Gone, unreadable or not a file any more: try the next place.
      }
    }
    return null;
  }
}
