package io.ppnode.node.transfer;

import io.ppnode.node.chunk.ChunkLists;
import io.ppnode.node.net.PeerHandler.ChunkLocation;
import io.ppnode.protocol.FileEntry;
import io.ppnode.protocol.Message;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The verified chunks of files this member is still assembling, by project and path, so that it
 * can serve them to other members before the file is whole: members that join at once then help
 * each other instead of each taking everything from the owner. A chunk is listed only after it
 * hashed to the owner's index and was written to the temp file; a file leaves the list just
 * before it is renamed into place (from then on it is served as an applied file, once its entry
 * is committed) or when its transfer fails.
 * Thread-safe; one per node, shared by its pulls and its {@link PeerChunkServer}.
 */
public final class InFlightChunks {
  private final ConcurrentHashMap<String, Assembly> files = new ConcurrentHashMap<>();

  private record Assembly(FileEntry entry, Path temp, Set<Long> written) {}

  private static String key(String project, String path) {
    return project + "\u0000" + path;
  }

  void started(String project, FileJob job) {
    files.put(key(project, job.entry.path()), new Assembly(job.entry, job.temp, ConcurrentHashMap.newKeySet()));
  }

  void written(String project, FileJob job, long offset) {
    Assembly a = files.get(key(project, job.entry.path()));
    if (a != null && a.entry == job.entry) {
      a.written.add(offset);
    }
  }

  void ended(String project, FileJob job) {
    files.computeIfPresent(key(project, job.entry.path()), (k, a) -> a.entry == job.entry ? null : a);
  }

  /** Where the requested chunk sits in a temp file being assembled, if it is there and verified. */
  Optional<ChunkLocation> find(Message.ChunkRequest r) {
    Assembly a = files.get(key(r.project(), r.path()));
    if (a == null || !a.written.contains(r.offset())) {
      return Optional.empty();
    }
    FileEntry.ChunkRef c = ChunkLists.at(a.entry.chunks(), r.offset());
    return c != null && c.length() == r.length() && c.sha256().equals(r.sha256())
        ? Optional.of(new ChunkLocation(a.temp, c.offset(), c.length()))
        : Optional.empty();
  }
}
