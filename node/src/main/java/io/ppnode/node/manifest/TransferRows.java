package io.ppnode.node.manifest;

import io.ppnode.protocol.ChunkHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** SQL for the {@code transfers} and {@code transfer_chunks} tables (schema v5): pulls in progress. */
final class TransferRows {
  private TransferRows() {}

  static Optional<PartialTransfer> transfer(Connection c, String projectId, String path) throws SQLException {
    PartialTransfer head = null;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT sha256, sequence, temp, touched_at FROM transfers WHERE project_id = ? AND path = ?")) {
      ps.setString(1, projectId);
      ps.setString(2, path);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        head = row(rs, path, new HashSet<>());
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT chunk_offset FROM transfer_chunks WHERE project_id = ? AND path = ?")) {
      ps.setString(1, projectId);
      ps.setString(2, path);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          head.verifiedOffsets().add(rs.getLong(1));
        }
      }
    }
    return Optional.of(head);
  }

  /** Every transfer of the project, without its chunk offsets. */
  static List<PartialTransfer> transfers(Connection c, String projectId) throws SQLException {
    List<PartialTransfer> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT path, sha256, sequence, temp, touched_at FROM transfers WHERE project_id = ?")) {
      ps.setString(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs, rs.getString("path"), Set.of()));
        }
      }
    }
    return out;
  }

  private static PartialTransfer row(ResultSet rs, String path, Set<Long> offsets) throws SQLException {
    return new PartialTransfer(path, ChunkHash.of(rs.getBytes("sha256")), rs.getLong("sequence"),
        rs.getString("temp"), Db.instant(rs, "touched_at"), offsets);
  }

  /**
   * Adds verified offsets to the transfer of {@code t.path()}, starting it over first if the
   * recorded one was for another entry of that path.
   */
  static void record(Connection c, String projectId, PartialTransfer t, Collection<Long> offsets, Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM transfers WHERE project_id = ? AND path = ? AND (sha256 <> ? OR sequence <> ?)")) {
      ps.setString(1, projectId);
      ps.setString(2, t.path());
      ps.setBytes(3, t.sha256().bytes());
      ps.setLong(4, t.sequence());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "MERGE INTO transfers (project_id, path, sha256, sequence, temp, touched_at)"
            + " KEY (project_id, path) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, projectId);
      ps.setString(2, t.path());
      ps.setBytes(3, t.sha256().bytes());
      ps.setLong(4, t.sequence());
      ps.setString(5, t.temp());
      ps.setObject(6, Db.ts(now));
      ps.executeUpdate();
    }
    // Not MERGE ... KEY: H2 2.3 runs its update half through the foreign-key index on
    // (project_id, path) instead of the primary key, reading every chunk row of the file for
    // each new one. That made recording a file's chunks quadratic: 29 s for 18,000 chunks (a
    // file of about 80 GiB), 0.4 s of a 1 GiB pull's CPU. The query below looks each offset up
    // by the primary key (0.8 s for the same 18,000). An offset can be recorded twice: one an
    // earlier attempt recorded, found damaged on resume and fetched again.
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO transfer_chunks (project_id, path, chunk_offset) SELECT ?1, ?2, ?3"
            + " WHERE NOT EXISTS (SELECT 1 FROM transfer_chunks"
            + " WHERE project_id = ?1 AND path = ?2 AND chunk_offset = ?3)")) {
      for (long offset : offsets) {
        ps.setString(1, projectId);
        ps.setString(2, t.path());
        ps.setLong(3, offset);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static void forget(Connection c, String projectId, Collection<String> paths) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM transfers WHERE project_id = ? AND path = ?")) {
      for (String path : paths) {
        ps.setString(1, projectId);
        ps.setString(2, path);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
