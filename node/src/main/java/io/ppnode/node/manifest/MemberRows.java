package io.ppnode.node.manifest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL for members and invites. Runs inside the caller's transaction; redeeming an invite relies
 * on that, since its check and its update must not be split.
 */
final class MemberRows {
  private MemberRows() {}

  /** Adds a member unless already present; returns whether a row was added. */
  static boolean addMember(Connection c, String projectId, String nodeId, Instant now)
      throws SQLException {
    requireProject(c, projectId);
    if (isMember(c, projectId, nodeId)) {
      // Keeps the original added_at: re-adding is not a new membership.
      return false;
    }
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO members (project_id, node_id, added_at) VALUES (?, ?, ?)")) {
      ps.setString(1, projectId);
      ps.setString(2, nodeId);
      ps.setObject(3, Db.ts(now));
      ps.executeUpdate();
      return true;
    }
  }

  static boolean isMember(Connection c, String projectId, String nodeId) throws SQLException {
    return Db.exists(c, "SELECT 1 FROM members WHERE project_id = ? AND node_id = ?", projectId, nodeId);
  }

  /** Raises the sequence {@code nodeId} has applied of {@code projectId}; never lowers it. */
  static void applied(Connection c, String projectId, String nodeId, long sequence) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE members SET applied_sequence = ?"
        + " WHERE project_id = ? AND node_id = ? AND applied_sequence < ?")) {
      ps.setLong(1, sequence);
      ps.setString(2, projectId);
      ps.setString(3, nodeId);
      ps.setLong(4, sequence);
      ps.executeUpdate();
    }
  }

  /**
   * Drops the tombstones of {@code projectId} that every current member has applied; with no
   * member, all of them (a member who joins later starts from nothing and needs none). Returns
   * how many went.
   */
  static int compactTombstones(Connection c, String projectId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM files WHERE project_id = ? AND deleted = TRUE"
        + " AND sequence <= COALESCE((SELECT MIN(applied_sequence) FROM members WHERE project_id = ?), "
        + Long.MAX_VALUE + ")")) {
      ps.setString(1, projectId);
      ps.setString(2, projectId);
      return ps.executeUpdate();
    }
  }

  static List<String> members(Connection c, String projectId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT node_id FROM members WHERE project_id = ? ORDER BY added_at, node_id")) {
      ps.setString(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
          out.add(rs.getString(1));
        }
        return out;
      }
    }
  }

  static void insertInvite(
      Connection c, String projectId, byte[] secretHash, Instant expires, int uses, Instant now)
      throws SQLException {
    if (secretHash == null || secretHash.length != 32) {
      throw new IllegalArgumentException("an invite secret hash has 32 bytes");
    }
    if (uses < 1) {
      throw new IllegalArgumentException("an invite needs at least one use, got " + uses);
    }
    requireProject(c, projectId);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO invites (project_id, secret_hash, expires_at, uses_left, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, projectId);
      ps.setBytes(2, secretHash);
      ps.setObject(3, Db.ts(expires));
      ps.setInt(4, uses);
      ps.setObject(5, Db.ts(now));
      ps.executeUpdate();
    }
  }

  static InviteOutcome redeemInvite(
      Connection c, String projectId, byte[] secretHash, String memberNodeId, Instant now)
      throws SQLException {
    Instant expires;
    int usesLeft;
    // FOR UPDATE: the single connection already serialises us, but the row lock states intent.
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT expires_at, uses_left FROM invites"
                + " WHERE secret_hash = ? AND project_id = ? FOR UPDATE")) {
      ps.setBytes(1, secretHash);
      ps.setString(2, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return InviteOutcome.UNKNOWN;
        }
        expires = Db.instant(rs, "expires_at");
        usesLeft = rs.getInt("uses_left");
      }
    }
    if (!now.isBefore(expires)) {
      return InviteOutcome.EXPIRED;
    }
    if (usesLeft <= 0) {
      return InviteOutcome.USED_UP;
    }
    // A member repeating a join (say after a dropped connection) must not burn another use.
    if (isMember(c, projectId, memberNodeId)) {
      return InviteOutcome.ACCEPTED;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE invites SET uses_left = uses_left - 1 WHERE secret_hash = ? AND project_id = ?")) {
      ps.setBytes(1, secretHash);
      ps.setString(2, projectId);
      ps.executeUpdate();
    }
    addMember(c, projectId, memberNodeId, now);
    return InviteOutcome.ACCEPTED;
  }

  private static void requireProject(Connection c, String projectId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM projects WHERE id = ?")) {
      ps.setString(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ProjectRows.unknownProject(projectId);
        }
      }
    }
  }
}
