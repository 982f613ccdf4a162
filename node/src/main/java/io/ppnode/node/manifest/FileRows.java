package io.ppnode.node.manifest;

import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.EntrySignature;
import io.ppnode.protocol.FileEntry;
import io.ppnode.protocol.FileEntry.ChunkRef;
import io.ppnode.protocol.FileEntry.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SQL for the files and chunks tables. Reads fetch entries and their chunks in one joined query
 * (never one query per file), and writes go through batched statements, because a project's
 * first scan may put tens of thousands of entries at once.
 */
final class FileRows {
  private FileRows() {}

  /*
   * The selected files are a derived table so that LIMIT counts files, not file-chunk rows; the
   * LEFT JOIN keeps directories and tombstones, which have no chunks.
   */
  private static final String SELECT_WITH_CHUNKS =
      "SELECT f.path, f.kind, f.size, f.mtime, f.mode, f.sha256, f.sequence, f.deleted, f.signature,"
          + " c.idx, c.\"OFFSET\", c.length, c.sha256 AS chunk_sha256"
          + " FROM (%s) f"
          + " LEFT JOIN chunks c ON c.project_id = f.project_id AND c.path = f.path"
          + " ORDER BY %s, c.idx";

  private static final String FILE_COLUMNS =
      "project_id, path, kind, size, mtime, mode, sha256, sequence, deleted, signature";

  static List<FileEntry> file(Connection c, String projectId, String path) throws SQLException {
    String sql =
        String.format(
            SELECT_WITH_CHUNKS,
            "SELECT " + FILE_COLUMNS + " FROM files WHERE project_id = ? AND path = ?",
            "f.path");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, projectId);
      ps.setString(2, path);
      return readGrouped(ps);
    }
  }

  /** The sequence of the entry at {@code path}, or -1 if there is none: one row, no chunks. */
  static long sequence(Connection c, String projectId, String path) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT sequence FROM files WHERE project_id = ? AND path = ?")) {
      ps.setString(1, projectId);
      ps.setString(2, path);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  static List<FileEntry> files(Connection c, String projectId) throws SQLException {
    String sql =
        String.format(
            SELECT_WITH_CHUNKS,
            "SELECT " + FILE_COLUMNS + " FROM files WHERE project_id = ?",
            "f.path");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, projectId);
      return readGrouped(ps);
    }
  }

  static List<FileEntry> filesAfter(Connection c, String projectId, long since, int limit)
      throws SQLException {
    // Path breaks ties so that paging is deterministic even if two entries share a sequence.
    String sql =
        String.format(
            SELECT_WITH_CHUNKS,
            "SELECT " + FILE_COLUMNS + " FROM files WHERE project_id = ? AND sequence > ?"
                + " ORDER BY sequence, path LIMIT ?",
            "f.sequence, f.path");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, projectId);
      ps.setLong(2, since);
      ps.setInt(3, limit);
      return readGrouped(ps);
    }
  }

  /** Rows arrive ordered by file then chunk index, so each file's rows are consecutive. */
  private static List<FileEntry> readGrouped(PreparedStatement ps) throws SQLException {
    List<FileEntry> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      FileEntry current = null;
      List<ChunkRef> chunks = null;
      while (rs.next()) {
        String path = rs.getString("path");
        if (current == null || !current.path().equals(path)) {
          if (current != null) {
            out.add(withChunks(current, chunks));
          }
          byte[] sha = rs.getBytes("sha256");
          byte[] signature = rs.getBytes("signature");
          current =
              new FileEntry(
                  path,
                  Kind.valueOf(rs.getString("kind")),
                  rs.getLong("size"),
                  rs.getLong("mtime"),
                  rs.getInt("mode"),
                  sha == null ? null : ChunkHash.of(sha),
                  rs.getLong("sequence"),
                  rs.getBoolean("deleted"),
                  List.of(),
                  signature == null ? null : EntrySignature.of(signature));
          chunks = new ArrayList<>();
        }
        byte[] chunkSha = rs.getBytes("chunk_sha256");
        if (chunkSha != null) {
          chunks.add(new ChunkRef(rs.getLong("OFFSET"), rs.getInt("length"), ChunkHash.of(chunkSha)));
        }
      }
      if (current != null) {
        out.add(withChunks(current, chunks));
      }
    }
    return out;
  }

  private static FileEntry withChunks(FileEntry e, List<ChunkRef> chunks) {
    return new FileEntry(
        e.path(), e.kind(), e.size(), e.mtime(), e.mode(), e.sha256(), e.sequence(), e.deleted(),
        List.copyOf(chunks), e.signature());
  }

  /*
   * Entries go in groups, and chunk rows are flushed every CHUNK_BATCH rows, so that memory
   * stays bounded when a first scan of a large tree puts millions of chunk rows at once.
   */
  private static final int FILE_BATCH = 1000;
  private static final int CHUNK_BATCH = 10_000;
  private static final int KNOWN_PATHS_THRESHOLD = 256;

  private static Set<String> paths(Connection c, String projectId) throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT path FROM files WHERE project_id = ?")) {
      ps.setString(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /**
   * Upserts {@code entries}; each written row takes its file key from {@code fileKeys} (none if
   * absent). Paths in {@code fileKeys} but not in {@code entries} only have their key replaced.
   */
  static void putFiles(Connection c, String projectId, List<FileEntry> entries, Map<String, String> fileKeys)
      throws SQLException {
    try (PreparedStatement deleteChunks =
            c.prepareStatement("DELETE FROM chunks WHERE project_id = ? AND path = ?");
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE files SET kind = ?, size = ?, mtime = ?, mode = ?, sha256 = ?,"
                    + " sequence = ?, deleted = ?, signature = ?, file_key = ?"
                    + " WHERE project_id = ? AND path = ?");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO files (kind, size, mtime, mode, sha256, sequence, deleted, signature,"
                    + " file_key, project_id, path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement insertChunk =
            c.prepareStatement(
                "INSERT INTO chunks (project_id, path, idx, \"OFFSET\", length, sha256)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
      // For a large write, one query tells which paths exist, so that new rows (all of them,
      // on a member's first pull) skip the delete and update passes: half the B-tree work.
      Set<String> existing = entries.size() >= KNOWN_PATHS_THRESHOLD ? paths(c, projectId) : null;
      for (int from = 0; from < entries.size(); from += FILE_BATCH) {
        List<FileEntry> group = entries.subList(from, Math.min(entries.size(), from + FILE_BATCH));
        List<FileEntry> old = new ArrayList<>();
        for (FileEntry e : group) {
          if (existing == null || existing.contains(e.path())) {
            old.add(e);
          }
        }
        // Old chunks go before new ones take their keys, and a file row must exist before a
        // chunk row can reference it: hence three passes per group.
        for (FileEntry e : old) {
          deleteChunks.setString(1, projectId);
          deleteChunks.setString(2, e.path());
          deleteChunks.addBatch();
        }
        deleteChunks.executeBatch();
        // UPDATE, then INSERT what it missed: H2's MERGE was two orders of magnitude slower
        // in a batch (70 s against 1 s for 10,000 rows).
        for (FileEntry e : old) {
          bindFile(update, projectId, e, fileKeys.get(e.path()));
          update.addBatch();
        }
        int[] updated = update.executeBatch();
        Set<String> done = new HashSet<>();
        for (int i = 0; i < old.size(); i++) {
          if (updated[i] != 0) {
            done.add(old.get(i).path());
          }
        }
        boolean anyNew = false;
        for (FileEntry e : group) {
          if (!done.contains(e.path())) {
            bindFile(insert, projectId, e, fileKeys.get(e.path()));
            insert.addBatch();
            anyNew = true;
          }
        }
        if (anyNew) {
          insert.executeBatch();
        }
        int pending = 0;
        for (FileEntry e : group) {
          List<ChunkRef> chunks = e.chunks() == null ? List.of() : e.chunks();
          for (int i = 0; i < chunks.size(); i++) {
            ChunkRef ref = chunks.get(i);
            insertChunk.setString(1, projectId);
            insertChunk.setString(2, e.path());
            insertChunk.setInt(3, i);
            insertChunk.setLong(4, ref.offset());
            insertChunk.setInt(5, ref.length());
            insertChunk.setBytes(6, ref.sha256().bytes());
            insertChunk.addBatch();
            if (++pending == CHUNK_BATCH) {
              insertChunk.executeBatch();
              pending = 0;
            }
          }
        }
        if (pending > 0) {
          insertChunk.executeBatch();
        }
      }
    }
    setOtherFileKeys(c, projectId, entries, fileKeys);
  }

  /** Keys of files read again and found unchanged: nothing is published, only the key moves. */
  private static void setOtherFileKeys(Connection c, String projectId, List<FileEntry> entries,
      Map<String, String> fileKeys) throws SQLException {
    Set<String> written = new HashSet<>();
    for (FileEntry e : entries) {
      written.add(e.path());
    }
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE files SET file_key = ? WHERE project_id = ? AND path = ?")) {
      int pending = 0;
      for (Map.Entry<String, String> k : fileKeys.entrySet()) {
        if (written.contains(k.getKey())) {
          continue;
        }
        ps.setString(1, k.getValue());
        ps.setString(2, projectId);
        ps.setString(3, k.getKey());
        ps.addBatch();
        if (++pending == FILE_BATCH) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    }
  }

  /** Every entry's metadata by path, tombstones included, without chunks: see {@link FileState}. */
  static Map<String, FileState> fileStates(Connection c, String projectId) throws SQLException {
    Map<String, FileState> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT path, kind, size, mtime, mode, deleted,"
        + " signature IS NOT NULL, file_key FROM files WHERE project_id = ?")) {
      ps.setString(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), new FileState(rs.getString(1), Kind.valueOf(rs.getString(2)), rs.getLong(3),
              rs.getLong(4), rs.getInt(5), rs.getBoolean(6), rs.getBoolean(7), rs.getString(8)));
        }
      }
    }
    return out;
  }

  /** Live files' keys by path; files without a recorded key are left out. */
  static Map<String, String> fileKeys(Connection c, String projectId) throws SQLException {
    Map<String, String> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT path, file_key FROM files WHERE project_id = ? AND deleted = FALSE AND file_key IS NOT NULL")) {
      ps.setString(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  /** Binds the UPDATE and INSERT of putFiles, which share one parameter order. */
  private static void bindFile(PreparedStatement ps, String projectId, FileEntry e, String fileKey)
      throws SQLException {
    ps.setString(1, e.kind().name());
    ps.setLong(2, e.size());
    ps.setLong(3, e.mtime());
    ps.setInt(4, e.mode());
    if (e.sha256() == null) {
      ps.setNull(5, Types.VARBINARY);
    } else {
      ps.setBytes(5, e.sha256().bytes());
    }
    ps.setLong(6, e.sequence());
    ps.setBoolean(7, e.deleted());
    if (e.signature() == null) {
      ps.setNull(8, Types.VARBINARY);
    } else {
      ps.setBytes(8, e.signature().bytes());
    }
    ps.setString(9, fileKey);
    ps.setString(10, projectId);
    ps.setString(11, e.path());
  }

  /** Up to {@code limit} places in live files whose chunk hashes to {@code sha256}. */
  static List<ChunkLocation> findChunks(Connection c, String projectId, ChunkHash sha256, int limit)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT c.path, c.\"OFFSET\", c.length FROM chunks c"
                + " JOIN files f ON f.project_id = c.project_id AND f.path = c.path"
                + " WHERE c.project_id = ? AND c.sha256 = ? AND f.deleted = FALSE AND f.kind = 'FILE'"
                + " LIMIT ?")) {
      ps.setString(1, projectId);
      ps.setBytes(2, sha256.bytes());
      ps.setInt(3, limit);
      List<ChunkLocation> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new ChunkLocation(rs.getString(1), rs.getLong(2), rs.getInt(3)));
        }
      }
      return out;
    }
  }
}
